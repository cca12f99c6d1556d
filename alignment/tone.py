"""The tone of a workplace comment: positive, neutral or negative.

VADER (a lexicon of general English) misreads how people write about IT at work: "IT fixed the problem quickly"
scores negative (problem), "Great, another reorganisation" positive (great), and a complaint in plain words
("Business units rarely tell us what is coming next quarter") neutral. This module keeps VADER's machinery
(intensifiers, negation, "but", capitals, punctuation) and changes three things:

1. **A domain lexicon** (`DOMAIN_LEXICON`): the names of IT work (problem, incident, ticket, critical, issue,
   risk, attack, error ...) carry no tone of their own; words of delivery and service that VADER lacks carry
   one (fixed, resolved, smooth, seamless, quick, on time / slow, late, unreliable, nightmare, chasing ...);
   "please" and "help" are politeness, not praise.
2. **Phrase rules** that VADER's word-by-word reading misses: the absence of trouble is good ("no issues",
   "never had a problem", "no longer crashes", "not as painful as we feared"); complaints in neutral words
   ("rarely", "nobody", "only ... when", "takes months", "asked for it a year ago", "nothing changed", "too
   long", "not consulted", "why does ...?"); and sarcasm: praise whose own sentence complains ("Great,
   another reorganisation", "Thanks for nothing", "Good luck getting ...", "for the fifth time").
3. **Requests** ("Please share the results", "A glossary would help") are neutral unless they complain.

The score is VADER's compound score of the rewritten text plus 0.6 per complaint or praise cue (a cue after
"but" counts 1.5 times, one before it half), kept within -1 ... +1; positive from +0.05, negative up to -0.05,
as VADER's authors use. Filler ("none", "n/a", "nothing to add" and the same in the languages ingest knows:
the one list in alignment.ingest.cells) has no tone.

Measured on tests/data/tone_labelled.csv (comments written for this purpose, each with its tone and its kind):
the rules were written looking only at its development rows; the held-out rows measure them
(tests/test_tone.py). Only English is read; a comment in another language scores neutral.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np

from .ingest.cells import is_comment_filler
from .regex_guard import Guarded, Vocabulary

POSITIVE_FROM = 0.05
NEGATIVE_UP_TO = -0.05
TONES = ("negative", "neutral", "positive")
CUE = 0.6  # what one complaint or praise cue adds to the compound score

# Valences on VADER's scale (-4 ... +4). 0 takes a word's tone away.
DOMAIN_LEXICON: dict[str, float] = {
    # the names of IT work: no tone of their own
    **dict.fromkeys(
        (
            "problem", "problems", "critical", "issue", "issues", "incident", "incidents", "ticket", "tickets",
            "risk", "risks", "risky", "attack", "attacks", "error", "errors", "urgent", "urgency", "emergency",
            "alert", "alerts", "threat", "threats", "vulnerability", "vulnerabilities", "severity", "defect",
            "defects", "bug", "bugs", "legacy", "workaround", "pressure", "escalation", "escalations",
            "outage", "outages", "kill", "killed", "killing", "cut", "agreed", "sure", "please", "like", "want",
            "support", "supported", "hope", "free", "value", "alert", "record",
        ),
        0.0,
    ),
    "help": 0.6, "helped": 1.2,
    # delivery and service
    "fixed": 1.5, "fixes": 0.0, "resolved": 1.5, "solved": 1.5, "sorted": 1.2, "smooth": 2.0, "smoothly": 2.0,
    "seamless": 2.2, "seamlessly": 2.2, "quick": 1.2, "quickly": 1.2, "fast": 1.2, "faster": 1.5, "swift": 1.5,
    "responsive": 1.8, "reliable": 1.8, "reliably": 1.5, "approachable": 1.8, "knowledgeable": 1.8, "patient": 1.2,
    "transparent": 1.5, "clear": 1.0, "useful": 1.5, "valuable": 1.9, "partner": 1.0, "partnership": 1.2,
    "improving": 1.6, "reducing": 0.5, "progress": 1.5, "punctual": 1.8, "xontimex": 1.8, "eye-opening": 2.0,
    "listened": 1.2, "involved": 0.8, "engaged": 1.2, "impressed": 2.2, "impressive": 2.4, "smoothed": 1.2,
    "slow": -1.2, "slower": -1.2, "late": -1.2, "later": 0.0, "delays": -1.3, "delayed": -1.3, "unreliable": -1.9,
    "nightmare": -2.5, "chasing": -1.2, "chase": -0.8, "firefighting": -1.4, "bureaucracy": -1.4, "jargon": -1.0,
    "demoralising": -2.2, "demoralizing": -2.2, "excuse": -1.0, "excuses": -1.2, "overran": -1.5, "overrun": -1.5,
    "ages": -0.5, "forever": -0.8, "pending": -0.6, "confusing": -1.5, "clunky": -1.5, "outdated": -1.2,
    "unclear": -1.2, "unanswered": -1.5, "ignores": -1.3, "ignoring": -1.3, "cumbersome": -1.5, "disorganised": -1.8,
    "chaotic": -1.8, "belittles": -1.8, "thorough": 1.5, "constant": -0.8, "constantly": -0.8,
    "drops": -1.0, "dropped": -1.0, "rough": -1.0, "teething": -0.5, "hassle": -1.5, "frustrating": -2.0, "annoying": -1.8,
}  # fmt: skip

# Phrases rewritten before VADER reads the text (lower case).
_NO_TROUBLE = (
    r"(?:problems?|issues?|complaints?|outages?|incidents?|errors?|escalations?|bugs?|crash(?:es)?|downtime"
    r"|hiccups?|glitches?|surprises?|trouble|delays?)"
)
_TROUBLE_VERBS = (
    r"(?:crash\w*|fail\w*|break\w*|dread\w*|chase|wait\w*|worry\w*|struggl\w*|los[et]\w*|go(?:es)? down"
    r"|complain\w*|miss(?:es|ed)?)"
)
# Every pattern is Guarded (regex_guard): a text without any of its words is not scanned; 5,000 comments are read at once.
_REWRITES: tuple[tuple[Guarded, str], ...] = tuple(
    (Guarded(pattern), replacement)
    for pattern, replacement in (
        (r"\b(?:problem|incident|change|release|capacity|risk|access) management\b", "servicework"),
        (r"\b(?:major incident|root cause|disaster recovery|critical path|service desk|help ?desk)\b", "servicework"),
        (
            r"\b(?:no|zero|without any|without|never (?:had|seen|saw|experienced|hit)(?: a| any)?|not (?:a|one) single"
            r"|not one|fewer|less|hardly any|no more|(?:has|have|had|was|were)(?: not|n't) (?:been |had )?(?:a single|any|one))"
            r"\s+(?:\w+\s+)?" + _NO_TROUBLE + r"\b",
            "smoothly",
        ),
        (
            r"\b(?:no longer|no more|not any ?more|never again|don't|do not|no need to|doesn't|does not"
            r"|(?:nobody|no one)(?: has| have| had)?)\s+(?:have to |need to )?" + _TROUBLE_VERBS,
            "happily",
        ),
        (
            r"\b(?:bug|problem|issue|error|outage|fault|glitch)(?:e?s)? (?:is|are|has|have) (?:been )?(?:gone|disappeared|vanished)\b",
            "fixed",
        ),
        (
            r"\b(?:made|makes|make) (?:a|all the) (?:big |real |huge )?difference\b|\bstep forward\b|\bextra mile\b"
            r"|\bworth (?:it|every)\b|\b(?:top|good|great|nice) job\b|\b(?:well|nicely) done\b",
            "excellent",
        ),
        (r"\b(?:days|weeks|months) early\b|\bwithin (?:the|an|a|one) (?:hour|day)\b|\bwithin minutes\b", "xontimex"),
        (
            r"\bnot (?:as|so|that) (?:bad|painful|hard|difficult|slow|complicated|disruptive)(?: as (?:\w+ )?(?:feared|expected|thought))?\b",
            "fine",
        ),
        (r"\bnever (?:felt|been|was|were|had it) (?:more|better|so)\b", "wonderful"),
        (r"\b(?:on time|on budget|ahead of schedule|on schedule|within budget|under budget|went live)\b", "xontimex"),
        (r"\bfar from (?:good|great|ideal|perfect|aligned|enough)\b", "poor"),
        (r"\b(?:hard|difficult|too early) to (?:say|tell|judge)\b", "xx"),
        (r"\b(?:as agreed|agreed with|it depends)\b", "xx"),
        (r"\blooks? down on\b", "belittles"),
        (r"\s*;\s*", " but "),  # a semicolon between two clauses contrasts them as "but" does
        (r"\bkeeping us in the dark\b", "hiding things from us"),
    )
)

# Complaints in neutral words: each match is one cue of -CUE.
_COMPLAINTS = tuple(
    Guarded(p)
    for p in (
        r"\b(?:rarely|seldom|hardly ever|nobody|no one|no-one|not once|not a single)\b",
        r"\bnever\b(?! (?:felt|been|was|were|had it) (?:more|better|so))",
        r"\b(?:only|just) (?:\w+ ){0,2}(?:when|after|once|if|from)\b",
        r"\b(?:only|just) (?:hear|find out|found out|learn|learned|learnt|get told|see|invite|call)",
        r"\balready (?:been )?(?:decided|fixed|agreed|signed|made|set|approved)\b",
        r"\b(?:afterwards|after the fact|too late|last minute|the day before)\b",
        r"\btoo (?:long|slow|much|many|late|often|little|few|complex|complicated|expensive|hard)\b",
        r"\b(?:takes?|took|taking|taken|waited|waiting|wait) (?:\w+ ){0,2}(?:weeks|months|years|ages|forever)\b",
        r"\b(?:weeks|months|years|ages) (?:to|before|for)\b",
        r"(?<!than )(?<!than a )\b(?:weeks|months|years|a year|a month) ago\b",
        r"\bsince (?:january|february|march|april|may|june|july|august|september|october|november|december|last|the summer|\d{4})",
        r"\b(?:were|was) promised\b",
        r"\bkeeps? (?:on )?(?:changing|coming back|breaking|crashing|failing|happening|moving|slipping|reporting)\b",
        r"\bnothing (?:has |had |ever )?(?:been |was |is |got )?(?:fixed|done|changes|changed|happens|happened|visible|came|comes|improved|resolved|moves)\b",
        r"\b(?:led|leads|lead) to nothing\b",
        r"\b(?:no idea|don't know|do not know|not sure) (?:who|how|what|why|when|where|whether|if)\b",
        r"\b(?:not|n't|never) (?:been |being |even )?(?:consulted|invited|informed|told|involved|asked|included|visible|heard|listened|followed up|answered)\b",
        r"\b(?:do|does|did|is|are|was|were)(?: not|n't) (?:really )?(?:understand|listen|know|care|read|respond|answer|reply|show up|turn up|follow up|deliver|involve|consult|invite|tell|inform|ask|work|fit|trust)\b",
        r"\bnot (?:what (?:we|i) (?:asked|wanted|needed|ordered)|fit for purpose|good enough)\b",
        r"\b(?:on paper|filed away|black hole|gathering dust|on a shelf|if at all|by hand|in the dark|blame game)\b",
        r"\b(?:same|third|fourth|fifth|tenth|umpteenth|nth|\d+th) time\b",
        r"\b(?:still|again)\b(?! (?:some|a few|worth))",
        r"\b(?:every single|each and every) time\b",
        r"^\s*why (?:do|does|did|is|are|was|were|can't|don't|doesn't|isn't|aren't|must|should|would|has|have)\b",
        r"\bhas to be escalated\b|\bhave to be escalated\b|\bbefore anything (?:moves|happens)\b",
        r"\bsay(?:s)? yes to everything\b|\bhalf (?:of it|the time|the fields)\b",
        r"\b(?:no (?:real )?(?:partnership|decisions?|owner|ownership|feedback|answer|response|budget|time|follow[- ]?up|visibility|say|plan|idea))\b",
        r"\bthe first thing cut\b|\bwas cut\b|\bwere cut\b",
        r"\bwithout (?:anyone|anybody|asking|consulting|telling|informing|involving|us)\b",
        r"\bcould have (?:been (?:an email|avoided|done)|read)\b|\bcosting us\b",
        r"\b(?:changed|moved|reshuffled|slipped|postponed) (?:\w+ )?(?:twice|three times|four times|again)\b",
        r"\bpity\b|\bshame\b",
    )
)
# Openers whose praise is sarcastic when their own sentence complains ("Great, another reorganisation").
_SARCASTIC_OPENER = Guarded(
    r"^\s*(?:oh,? )?(?:great|wonderful|brilliant|fantastic|perfect|lovely|super|nice|wow|sure|marvellous|excellent"
    r"|amazing|love how|love that|best part|thanks a lot|thank you so much|well done)\b"
)
_SARCASM = tuple(
    Guarded(p)
    for p in (
        r"\bthanks? (?:you )?for nothing\b",
        r"\byeah,? right\b",
        r"\bgood luck (?:getting|with|finding|trying|reaching)\b",
        r"\b(?:yet )?another (?:\w+ ){0,2}(?:reorganisation|reorganization|reorg|restructuring|tool|survey|system|process|initiative|change|delay|meeting|form|approval|workshop)\b",
        r"^\s*another \w+, another\b",
        r"\bwhat a (?:record|surprise|shock)\b",
        r"\bthanks? (?:a lot |so much )?for (?:cancel|ignor|nothing|los|break|delay|chang)\w*",
    )
)
_REQUEST = Guarded(
    r"^\s*(?:please|kindly|consider|invite|show|give|set up|add|use|track|send|publish|keep|involve|let|pair|agree"
    r"|share|make|provide|create|start|introduce|offer|run|put|ask|tell|measure|include|bring|allow|hold|train"
    r"|maybe|perhaps|could|can (?:we|you|it)|would)\b"
    r"|\bplease\b|\bwould (?:be )?(?:help|useful|good|great|nice|helpful|welcome|appreciated)"
    r"|\b(?:we|i) (?:need|would like|'d like|would love|want)\b|\bshould\b|\bit would help\b"
)
_CONTRAST = Guarded(r"\b(?:but|though|although|however|yet)\b|;")


@cache
def _analyser():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    analyser.lexicon.update(DOMAIN_LEXICON)
    return analyser


_VOCABULARY = Vocabulary([*(p for p, _ in _REWRITES), *_COMPLAINTS, *_SARCASM, _SARCASTIC_OPENER, _REQUEST, _CONTRAST])


def _plain(text: str) -> str:
    """Lower case, curly quotes plain, the domain's phrases rewritten (see _REWRITES)."""
    return _plain_read(text)[0]


def _plain_read(text: str) -> tuple[str, frozenset[str]]:
    """_plain, and which of the rules' required strings the result holds (_VOCABULARY), for their guards."""
    lower = " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())
    present = _VOCABULARY.present(lower)
    for pattern, replacement in _REWRITES:
        rewritten = pattern.sub(replacement, lower, present)
        if rewritten != lower:
            lower, present = rewritten, _VOCABULARY.present(rewritten)
    return lower, present


def _cue_weight(text: str, patterns: Sequence[Guarded], present: frozenset[str] | None = None) -> float:
    """How many cues match, each weighted as VADER weights words around "but": 0.5 before the last contrast
    word, 1.5 after it, 1 without one."""
    contrasts = [m.start() for m in _CONTRAST.finditer(text, present)]
    pivot = contrasts[-1] if contrasts else None
    weight = 0.0
    for pattern in patterns:
        for match in pattern.finditer(text, present):
            weight += 1.0 if pivot is None else (0.5 if match.start() < pivot else 1.5)
    return weight


FEATURES = ("rule_score", "compound", "complaint_cues", "sarcasm_cues", "request", "praise_opener")


def features(text: str) -> np.ndarray:
    """What the classifier reads of a comment (FEATURES): the rules' score (VADER's compound score of the
    rewritten text with the domain lexicon, less CUE per complaint cue; sarcasm at most -0.5; a request 0),
    that compound score itself, the weighted count of complaint cues, of sarcasm cues, whether it reads as a
    request and whether it opens with praise."""
    plain, present = _plain_read(text)
    compound = _analyser().polarity_scores(plain)["compound"]
    complaints = _cue_weight(plain, _COMPLAINTS, present)
    sarcasm = sum(1 for p in _SARCASM if p.search(plain, present))
    opener = _SARCASTIC_OPENER.search(plain, present)
    request = _REQUEST.search(plain, present) is not None
    if opener and not sarcasm and plain[opener.end() :].lstrip().startswith(","):
        rest = plain[opener.end() :].lstrip(" ,")
        sarcasm = int(_analyser().polarity_scores(rest)["compound"] < POSITIVE_FROM)  # "Great, the tool is down"
    if sarcasm or (complaints and opener):
        rule = min(-0.5, compound - CUE * (complaints + sarcasm))
    elif not complaints and request and compound < 0.75:
        rule = 0.0  # a request or suggestion: neutral unless it also praises warmly
    else:
        rule = max(-1.0, min(1.0, compound - CUE * complaints))
    return np.array([rule, compound, complaints, float(sarcasm), float(request), float(opener is not None)])


def fit(rows: np.ndarray, labels: Sequence[str], c: float = 1.0) -> dict:
    """Multinomial logistic regression of the tones on the feature rows, with an L2 penalty of |W|^2 / 2c on the
    weights (not the intercepts), as scikit-learn's LogisticRegression(C=c) fits it; by L-BFGS (SciPy)."""
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    x = np.asarray(rows, dtype=float)
    y = np.array([TONES.index(label) for label in labels])
    k, m = len(TONES), x.shape[1]
    onehot = np.eye(k)[y]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[: k * m].reshape(k, m), theta[k * m :]
        z = x @ w.T + b
        log_p = z - logsumexp(z, axis=1, keepdims=True)
        residual = np.exp(log_p) - onehot
        value = -(onehot * log_p).sum() + (w**2).sum() / (2 * c)
        return value, np.concatenate([(residual.T @ x + w / c).ravel(), residual.sum(axis=0)])

    theta = minimize(loss, np.zeros(k * m + k), jac=True, method="L-BFGS-B", options={"maxiter": 5000, "gtol": 1e-9}).x
    return {
        "classes": list(TONES),
        "features": list(FEATURES),
        "c": c,
        "coef": theta[: k * m].reshape(k, m).round(6).tolist(),
        "intercept": theta[k * m :].round(6).tolist(),
    }


@cache
def shipped_weights() -> dict:
    """The classifier's weights, fitted on the labelled comments' dev and held1 rows (tests/test_tone.py refits
    them and checks that they are these)."""
    text = resources.files("alignment").joinpath("data", "tone_weights.json").read_text(encoding="utf-8")
    return json.loads(text)


def probabilities(rows: np.ndarray, weights: dict | None = None) -> np.ndarray:
    """Per feature row, the probability of each tone (TONES order)."""
    weights = weights or shipped_weights()
    z = np.asarray(rows, dtype=float).reshape(-1, len(FEATURES)) @ np.array(weights["coef"]).T + np.array(weights["intercept"])
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def read_tones(texts: Sequence[str], weights: dict | None = None) -> tuple[np.ndarray, list[str | None]]:
    """Per text, its tone score from -1 to +1 (P(positive) - P(negative) by the classifier) and its most likely
    tone; NaN and None for filler (no comment at all). Each distinct text is read once."""
    distinct = list(dict.fromkeys(str(t or "") for t in texts))
    said = [t for t in distinct if not is_comment_filler(t)]
    found: dict[str, tuple[float, str | None]] = dict.fromkeys(distinct, (math.nan, None))
    if said:
        p = probabilities(np.array([features(t) for t in said]), weights)
        score = p[:, TONES.index("positive")] - p[:, TONES.index("negative")]
        found.update({t: (float(s), TONES[int(k)]) for t, s, k in zip(said, score, p.argmax(axis=1), strict=True)})
    pairs = [found[str(t or "")] for t in texts]
    return np.array([s for s, _ in pairs], dtype=float), [label for _, label in pairs]


def tone_score(text: str, weights: dict | None = None) -> float:
    """A comment's tone from -1 to +1 (see read_tones); NaN for filler."""
    return float(read_tones([text], weights)[0][0])


def tone_of(text: str, weights: dict | None = None) -> str | None:
    """A comment's most likely tone; None for filler."""
    return read_tones([text], weights)[1][0]


def tone_labels(texts: Sequence[str]) -> list[str | None]:
    return read_tones(texts)[1]

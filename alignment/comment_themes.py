"""What respondents wrote, summarised for leaders: recurring themes, sentiment and search.

Every comment comes from the disclosure layer (`tables.tactic_comments`), which leaves out comments whose
writer's group is too small to be shown; this module never reads the comments table itself, so a hidden
group's words cannot reach a theme, an example, a sentiment count or the comments table.

- **Themes** are key phrases of 1-3 words: runs of words between stop words and punctuation (scikit-learn's
  English stop-word list, kept as data in alignment/data/stop_words.txt, plus the commonest verbs of requests,
  "need", "help", "know" ...), lower-cased except acronyms, plurals made singular by light rules ("BRMs" =
  "BRM", "relationship managers" = "relationship manager"). A phrase is a theme when at least `min_comments`
  comments mention it and it is not made only of words with no topic of their own ("business", "new", "time"). A shorter phrase is dropped
  when a longer one that contains it, written in at least two different comments, is mentioned by nearly as
  many comments (`SUBSUMED`); phrases mentioned by exactly the same comments are one theme, named by a
  two-word phrase where there is one, the others listed as `also`.
- **Sentiment** is each comment's tone as alignment.tone reads it (VADER with a workplace lexicon, phrase,
  complaint and sarcasm rules, and a small classifier over them, measured against labelled comments): the most
  likely of positive, neutral and negative, and a score from -1 to +1 (P(positive) - P(negative)).
- Both work on distinct texts, so repeated comments cost nothing. Phrases are counted column-wise (Arrow
  tokenises, NumPy counts n-grams, a SciPy sparse matrix holds which text mentions which phrase), so 100,000
  comments take about a second. The tone is plain Python (about 2,000 texts a second): past `MAX_SCORED`
  distinct texts the sentiment summary is estimated from a fixed random sample of them (the report says
  how many), and the comments a page lists are read when listed (`with_sentiment`).
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from .config import Settings
from .dataset import Dataset
from .selection import EVERYONE, Selection
from .tables import tactic_comments
from .tactics import TACTIC_CODES, TACTICS_BY_CODE
from .tone import read_tones

ALL_TACTICS = "ALL"  # the selection of every tactic's comments together
ALL_TACTICS_LABEL = "All tactics"
SENTIMENTS = ("negative", "neutral", "positive")
SENTIMENT_COLOURS = ("#D55E00", "#BBBBBB", "#0072B2")  # Okabe-Ito vermillion, grey, blue: distinct on a projector
MIN_COMMENTS = 2
THEMES = 15
EXAMPLES = 3
SUBSUMED = 0.8  # a phrase inside a longer one mentioned by at least this share of its comments is dropped
POOL = 2_000  # phrases looked at closely per selection (the most mentioned), so a large selection stays fast
MAX_SCORED = 5_000  # distinct texts read for the tone summary; past it a fixed random sample
SAMPLE_SEED = 20260101

# Words of scikit-learn's list that name things in IT comments.
_KEEP = {"bill", "call", "computer", "detail", "fire", "interest", "system"}
# Words that carry no topic, treated as stop words: fillers and the commonest verbs of requests.
_EXTRA_STOP = {
    "etc", "feel", "just", "like", "lot", "please", "really", "thing", "think", "way",
    "ask", "asked", "asking", "come", "coming", "did", "doing", "done", "get", "getting", "give", "giving", "go", "going",
    "got", "happen", "help", "helped", "helping", "know", "knew", "known", "let", "make", "making", "made", "need",
    "needed", "put", "said", "say", "saw", "see", "seen", "show", "showed", "shown", "take", "taken", "taking",
    "tell", "told", "took", "try", "tried", "use", "used", "using", "want", "wanted",
}  # fmt: skip
# Words that make a phrase with others ("business value", "new systems", "cycle time") but are no theme alone.
_NOT_ALONE = {
    "business",  # the subject of every comment
    "bad", "best", "better", "big", "early", "fast", "good", "great", "late", "long", "new", "old", "quick", "same",
    "short", "slow", "small", "day", "month", "quarter", "time", "today", "week", "year", "people", "person", "idea",
}  # fmt: skip
# Everything but letters, digits, spaces, apostrophes and hyphens ends a phrase; the same rule for Python and Arrow.
_BREAK = re.compile(r"[^\w\s'’\-]+|_+")
_BREAK_ARROW = r"[^\p{L}\p{N}\p{Z}\s'’\-]+"
_TRIM = "-'’"


@dataclass(frozen=True)
class Theme:
    phrase: str
    comments: int  # how many comments mention it
    examples: tuple[str, ...]  # up to EXAMPLES distinct comments that mention it, the most written first
    also: tuple[str, ...] = ()  # other phrases mentioned by exactly the same comments


@dataclass
class CommentReport:
    """Every shown comment of a selection with its sentiment, and themes and sentiment per tactic."""

    comments: pd.DataFrame  # tactic, department, text, compound, sentiment; one row per comment
    held_back: bool  # whether the disclosure layer left any comment out
    themes: dict[str, list[Theme]]  # ALL_TACTICS and each tactic code with comments
    sentiment: pd.DataFrame  # one row per selection: see sentiment_summary
    distinct_texts: int
    scored_texts: int  # distinct texts with a sentiment score: all of them up to MAX_SCORED
    seconds: float = 0.0
    min_comments: int = MIN_COMMENTS

    @property
    def sampled(self) -> bool:
        return self.scored_texts < self.distinct_texts

    def selection(self, tactic: str = ALL_TACTICS) -> pd.DataFrame:
        return self.comments if tactic == ALL_TACTICS else self.comments[self.comments["tactic"] == tactic]

    def summary(self, tactic: str = ALL_TACTICS) -> dict | None:
        rows = self.sentiment[self.sentiment["tactic"] == tactic]
        return None if rows.empty else rows.iloc[0].to_dict()


# --- phrases -----------------------------------------------------------------------------------------


@cache
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (318 words), kept as data in alignment/data/stop_words.txt."""
    text = resources.files("alignment").joinpath("data", "stop_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _stop_words() -> frozenset[str]:
    return frozenset((english_stop_words() - _KEEP) | _EXTRA_STOP)


def singular(word: str) -> str:
    """A light, rule-based singular: managers -> manager, brms -> brm, kpis -> kpi, priorities -> priority,
    fixes -> fix; process, status, analysis stay."""
    if len(word) <= 3 or word[-1] != "s" or word.endswith(("ss", "us")) or (word.endswith("is") and len(word) > 4):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def _normal_word(word: str, stop: frozenset[str]) -> str | None:
    """A word's key in phrases, or None when it ends a phrase (a stop word, a break, one letter, a number)."""
    lower = word.lower().replace("’", "'")
    if "'" in lower:
        if lower.endswith("n't"):
            return None
        lower = lower.split("'", 1)[0]  # it's -> it, year's -> year
    if len(lower) < 2 or lower in stop or lower.isdigit():
        return None
    key = singular(lower)
    return None if key in stop else key


def _shown_word(word: str) -> str:
    """A word as a theme shows it: lower case, except acronyms (two capitals or more: BRM, KPIs, IT's -> IT)."""
    base = word.replace("’", "'").split("'", 1)[0]
    return base if sum(c.isupper() for c in base) >= 2 else base.lower()


def _words(text: str) -> list[str]:
    """A text's words and breaks ("|"), as the Arrow tokeniser in PhraseIndex splits them."""
    return [word.strip(_TRIM) for word in _BREAK.sub(" | ", text).split()]


def _phrases(text: str, stop: frozenset[str]) -> list[tuple[str, list[str]]]:
    """Every phrase of the text: (key, the words as written), for 1-3 consecutive content words."""
    found: list[tuple[str, list[str]]] = []
    run: list[tuple[str, str]] = []
    for word in [*_words(text), "|"]:
        key = _normal_word(word, stop)
        if key is None:
            for start in range(len(run)):
                for end in range(start + 1, min(start + 3, len(run)) + 1):
                    found.append((" ".join(k for k, _ in run[start:end]), [w for _, w in run[start:end]]))
            run = []
        else:
            run.append((key, word))
    return found


class PhraseIndex:
    """Which distinct text mentions which phrase: a sparse 0/1 texts x phrases matrix, built column-wise.

    Columns 0..V-1 are the single words (V distinct keys), then the pairs, then the triples; `parts` holds each
    column's word keys (-1 past its length)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = [str(t) for t in texts]
        self.lengths = np.fromiter((len(t) for t in self.texts), dtype=np.int64, count=len(self.texts))
        stop = _stop_words()
        pieces = pc.utf8_split_whitespace(
            pc.replace_substring_regex(pc.utf8_lower(pa.array(self.texts, pa.large_string())), _BREAK_ARROW, " | ")
        )
        encoded = pc.dictionary_encode(pc.utf8_trim(pc.list_flatten(pieces), _TRIM))
        text = pc.list_parent_indices(pieces).to_numpy().astype(np.int64)
        names: dict[str, int] = {}
        key_of = np.array(
            [
                -1 if (k := _normal_word(w, stop)) is None else names.setdefault(k, len(names))
                for w in encoded.dictionary.to_pylist()
            ],
            dtype=np.int64,
        )
        key = key_of[encoded.indices.to_numpy(zero_copy_only=False)] if len(key_of) else np.zeros(0, dtype=np.int64)
        self.names = list(names)
        self.key_id = names
        v = max(len(names), 1)
        ok = key >= 0
        pair = ok[:-1] & ok[1:] & (text[:-1] == text[1:])
        triple = pair[:-1] & pair[1:]
        pair_codes, pair_inverse = np.unique(key[:-1][pair] * v + key[1:][pair], return_inverse=True)
        pair_at = np.full(max(len(key) - 1, 0), -1, dtype=np.int64)
        pair_at[pair] = pair_inverse
        triple_codes, triple_inverse = np.unique(pair_at[:-1][triple] * v + key[2:][triple], return_inverse=True)
        singles, pairs = len(names), len(pair_codes)
        self.parts = np.full((singles + pairs + len(triple_codes), 3), -1, dtype=np.int64)
        self.parts[:singles, 0] = np.arange(singles)
        self.parts[singles : singles + pairs, 0] = pair_codes // v
        self.parts[singles : singles + pairs, 1] = pair_codes % v
        self.parts[singles + pairs :, :2] = self.parts[singles + triple_codes // v, :2]
        self.parts[singles + pairs :, 2] = triple_codes % v
        columns = len(self.parts)
        rows = np.concatenate([text[ok], text[:-1][pair], text[:-2][triple]])
        cols = np.concatenate([key[ok], singles + pair_inverse, singles + pairs + triple_inverse])
        cells = np.unique(rows * columns + cols)  # each text counts a phrase once
        self.matrix = sparse.csr_matrix(
            (np.ones(len(cells), dtype=np.int64), (cells // columns, cells % columns)), shape=(len(self.texts), columns)
        )
        self.by_phrase = self.matrix.tocsc()

    def key(self, column: int) -> str:
        return " ".join(self.names[p] for p in self.parts[column] if p >= 0)

    def counts(self, weights: np.ndarray) -> np.ndarray:
        """Comments mentioning each phrase, where weights[i] = the selection's comments with text i."""
        return np.asarray(self.matrix.T @ np.asarray(weights, dtype=np.int64)).ravel()

    def texts_of(self, column: int, weights: np.ndarray) -> np.ndarray:
        rows = self.by_phrase.indices[self.by_phrase.indptr[column] : self.by_phrase.indptr[column + 1]]
        return rows[weights[rows] > 0]

    def themes(
        self, weights: np.ndarray, min_comments: int = MIN_COMMENTS, limit: int = THEMES, examples: int = EXAMPLES
    ) -> list[Theme]:
        """The selection's themes (see the module's docstring), the most mentioned first."""
        counts = self.counts(weights)
        floor = max(1, min_comments)
        candidates = np.flatnonzero(counts >= floor)
        if len(candidates) > POOL:  # the phrases that can matter for the first themes: the most mentioned
            cut = np.partition(counts[candidates], -POOL)[-POOL]
            candidates = candidates[counts[candidates] >= max(floor, SUBSUMED * cut)]
        words = {int(j): self.key(j).split(" ") for j in candidates}
        keys = {j: " ".join(parts) for j, parts in words.items()}
        dropped = {j for j, parts in words.items() if all(w in _NOT_ALONE for w in parts)}
        column_of = {key: j for j, key in keys.items()}
        wordings = self.counts(weights > 0)  # distinct texts mentioning each phrase
        for j, parts in words.items():
            if len(parts) == 1 or wordings[j] < 2:
                continue  # one sentence written by several people does not make each of its word pairs a phrase
            for size in range(1, len(parts)):  # a phrase inside a longer one mentioned by nearly as many comments goes
                for start in range(len(parts) - size + 1):
                    inner = column_of.get(" ".join(parts[start : start + size]))
                    if inner is not None and counts[j] >= SUBSUMED * counts[inner]:
                        dropped.add(inner)

        def preference(j: int) -> tuple:
            """More comments first; among phrases of the same comments the one that names them: two words before
            three (a third word is mostly a verb: "big bets drag") before one, then the one whose words recur most."""
            recurring = sum(int(counts[self.key_id[w]]) for w in words[j] if w not in _NOT_ALONE)
            return (-counts[j], (0, 2, 0, 1)[len(words[j])], -recurring, keys[j])

        chosen: list[int] = []
        also: list[list[int]] = []
        groups: dict[bytes, int] = {}
        for j in sorted((j for j in words if j not in dropped), key=preference):
            fingerprint = self.texts_of(j, weights).tobytes()
            if fingerprint in groups:
                also[groups[fingerprint]].append(j)
            elif len(chosen) < limit:
                groups[fingerprint] = len(chosen)
                chosen.append(j)
                also.append([])
            elif counts[j] < counts[chosen[-1]]:
                break  # no later phrase can have a chosen theme's comments: those are more
        found = []
        for j, same in zip(chosen, also, strict=True):
            rows = self.texts_of(j, weights)
            ranked = rows[np.lexsort((rows, self.lengths[rows], -weights[rows]))]  # most written, then shortest
            named, others = [f" {keys[j]} "], []
            for k in sorted(same, key=lambda k: -len(words[k])):  # not a phrase inside one already named
                if not any(f" {keys[k]} " in phrase for phrase in named):
                    named.append(f" {keys[k]} ")
                    others.append(k)
            shown = self._shown([j, *others], ranked)
            found.append(Theme(shown[0], int(counts[j]), tuple(self.texts[i] for i in ranked[:examples]), tuple(shown[1:])))
        return found

    def _shown(self, columns: list[int], ranked: np.ndarray, looked_at: int = 20) -> list[str]:
        """Each phrase as most of its comments write it (of the first `looked_at`); ties go to the singular."""
        stop = _stop_words()
        wanted = {self.key(j): Counter() for j in columns}
        for i in ranked[:looked_at]:
            for key, written in _phrases(self.texts[i], stop):
                if key in wanted:
                    wanted[key][" ".join(_shown_word(w) for w in written)] += 1
        return [max(forms, key=lambda f: (forms[f], f.lower() == key)) if forms else key for key, forms in wanted.items()]


def find_themes(
    texts: Sequence[str], min_comments: int = MIN_COMMENTS, limit: int = THEMES, examples: int = EXAMPLES
) -> list[Theme]:
    """Recurring key phrases in a list of comments, the most mentioned first (see the module's docstring)."""
    counted = Counter(texts)
    weights = np.fromiter(counted.values(), dtype=np.int64, count=len(counted))
    return PhraseIndex(list(counted)).themes(weights, min_comments, limit, examples)


# --- sentiment ---------------------------------------------------------------------------------------


def sentiment(texts: Sequence[str]) -> pd.DataFrame:
    """Per text: its tone score (-1 to +1) and sentiment (positive / neutral / negative; alignment.tone)."""
    scores, labels = read_tones(texts)
    return pd.DataFrame({"compound": scores, "sentiment": labels})


def with_sentiment(comments: pd.DataFrame) -> pd.DataFrame:
    """The comments with every missing score filled in (for the few a page lists when the report sampled)."""
    missing = comments["compound"].isna().to_numpy() & comments["sentiment"].isna().to_numpy()
    if not missing.any():
        return comments
    filled = comments.copy()
    scores, labels = read_tones(filled.loc[missing, "text"].tolist())
    filled.loc[missing, "compound"] = scores
    filled.loc[missing, "sentiment"] = labels
    return filled


def sentiment_summary(comments: pd.DataFrame) -> pd.DataFrame:
    """Per selection (all tactics together, then each tactic with comments): comments, how many have a score,
    count and share (%) of the scored in each sentiment, and their mean compound score."""
    scored = comments["sentiment"].notna()
    rows = []
    for code in (ALL_TACTICS, *TACTIC_CODES):
        part = comments if code == ALL_TACTICS else comments[comments["tactic"] == code]
        if part.empty:
            continue
        with_score = part[scored[part.index]]
        counts = with_score["sentiment"].value_counts()
        row = {"tactic": code, "label": selection_label(code), "comments": len(part), "scored": len(with_score)}
        for name in SENTIMENTS:
            row[name] = int(counts.get(name, 0))
            row[f"{name}_pct"] = 100.0 * row[name] / len(with_score) if len(with_score) else 0.0
        row["mean_compound"] = float(with_score["compound"].mean()) if len(with_score) else 0.0
        rows.append(row)
    columns = ["tactic", "label", "comments", "scored", *SENTIMENTS, *(f"{s}_pct" for s in SENTIMENTS), "mean_compound"]
    return pd.DataFrame(rows, columns=columns)


# --- one selection's comments ------------------------------------------------------------------------


def selection_label(code: str) -> str:
    return ALL_TACTICS_LABEL if code == ALL_TACTICS else f"{code} · {TACTICS_BY_CODE[code].name}"


def shown_comments(dataset: Dataset, settings: Settings, selection: Selection = EVERYONE) -> tuple[pd.DataFrame, bool]:
    """Every tactic's comments of the selection that the disclosure layer shows (tactic, department, text), in
    tactic order; and whether it held any back."""
    frames, held_back = [], False
    for code in TACTIC_CODES:
        frame, hidden = tactic_comments(dataset, code, settings, selection)
        held_back |= hidden
        frames.append(frame.assign(tactic=code)[["tactic", "department", "text"]])
    return pd.concat(frames, ignore_index=True), held_back


def comment_report(
    dataset: Dataset,
    settings: Settings,
    selection: Selection = EVERYONE,
    min_comments: int = MIN_COMMENTS,
    max_scored: int = MAX_SCORED,
) -> CommentReport:
    """Themes and sentiment of every shown comment of the selection, per tactic and all tactics together."""
    started = time.perf_counter()
    comments, held_back = shown_comments(dataset, settings, selection)
    codes, texts = pd.factorize(comments["text"])
    texts = [str(t) for t in texts]

    scored = np.arange(len(texts))
    if len(texts) > max_scored:
        scored = np.sort(np.random.default_rng(SAMPLE_SEED).choice(len(texts), max_scored, replace=False))
    compound_of = np.full(len(texts), np.nan)
    label_of = np.full(len(texts), None, dtype=object)
    compound_of[scored], label_of[scored] = read_tones([texts[i] for i in scored])
    compound = compound_of[codes] if len(codes) else np.zeros(0)
    labels = label_of[codes] if len(codes) else np.zeros(0, dtype=object)
    comments = comments.assign(compound=compound, sentiment=labels)

    index = PhraseIndex(texts)
    tactic = comments["tactic"].to_numpy()
    themes = {}
    for code in (ALL_TACTICS, *TACTIC_CODES):
        rows = codes if code == ALL_TACTICS else codes[tactic == code]
        if len(rows) or code == ALL_TACTICS:
            themes[code] = index.themes(np.bincount(rows, minlength=len(texts)), min_comments)
    return CommentReport(
        comments,
        held_back,
        themes,
        sentiment_summary(comments),
        distinct_texts=len(texts),
        scored_texts=len(scored),
        seconds=time.perf_counter() - started,
        min_comments=min_comments,
    )


def comments_json(report: CommentReport) -> dict:
    """Per tactic with shown comments, as `analyze --json` gives it and the Comments page shows it: how many (n), how
    many of them were read for the tone (read: all up to MAX_SCORED distinct texts, else the page's fixed random
    sample), the shares (whole %) that read positive, neutral and negative, and the themes with how many comments
    use each. Only what the page can show: the report's comments come from the disclosure layer, so a hidden
    group's comment is in no count."""
    out = {}
    for code in TACTIC_CODES:
        summary = report.summary(code)
        if summary is None:
            continue
        out[code] = {
            "n": int(summary["comments"]),
            "read": int(summary["scored"]),
            **{name: round(float(summary[f"{name}_pct"])) for name in ("positive", "neutral", "negative")},
            "themes": [{"theme": t.phrase, "comments": t.comments} for t in report.themes.get(code, [])],
        }
    return out


def search(comments: pd.DataFrame, query: str) -> pd.DataFrame:
    """The comments whose text contains the query (case-insensitive, as typed; blank = all)."""
    query = (query or "").strip()
    if not query:
        return comments
    return comments[comments["text"].str.contains(query, case=False, regex=False, na=False)]


def table(comments: pd.DataFrame) -> pd.DataFrame:
    """The comments as a page lists them: department, tactic, sentiment, score, comment."""
    return pd.DataFrame(
        {
            "Department": comments["department"].to_numpy(),
            "Tactic": comments["tactic"].to_numpy(),
            "Sentiment": comments["sentiment"].fillna("").to_numpy(),
            "Score": comments["compound"].round(2).to_numpy(),
            "Comment": comments["text"].to_numpy(),
        }
    )

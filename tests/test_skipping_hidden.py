"""Issue 18, attacks 5 and 6: nothing published depends on whether a hidden group answered, skipped or commented.

Two surveys that differ only in what one hidden person did (answered a tactic or skipped it, answered every
statement or skipped one, wrote a comment or not) must publish the same hidden cells with the same words, the same
empty states and the same captions. On main before this change the heatmap said "no answers" for a hidden group that
skipped a tactic (beside "hidden: fewer than 5" for its other tactics), the suppression pattern changed with the
skip (the next smallest department was shown for the skipped tactic only), and the reliability caption published
how many answered every statement, which changes when one hidden person skips one."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from alignment.analysis import analyze
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.disclosure import disclosure
from alignment.items import LIKERT_ITEMS
from alignment.selection import Selection
from alignment.tables import department_scores
from tests.test_attacker import ITEMS, PERIODS, Respondent, Survey, load, people

ROOT = Path(__file__).resolve().parents[1]
K5 = Settings(min_group_size=5)
NUMBER = r"-?\d+(\.\d+)?"  # alpha and correlations differ with the answers; the words and counts must not


def survey(legal_skips: tuple[str, ...] = ()) -> Survey:
    """One round, k = 5: Sales 12, Ops 10 and Finance 9 (Business), Infra 10 (IT) and one Legal respondent who skips
    the statements in `legal_skips`."""
    period = PERIODS[0]
    others = [
        *people(12, period, "Business", "Sales"),
        *people(10, period, "Business", "Ops"),
        *people(9, period, "Business", "Finance"),
        *people(10, period, "IT", "Infra"),
    ]
    legal = Respondent(period, "Business", "Legal", {item: None if item in legal_skips else 4 for item in ITEMS})
    return Survey([*others, legal], k=5)


def pattern(data) -> dict[tuple, str | None]:
    """Every cell the app can show, with why it is hidden (None: shown)."""
    listed = disclosure(data, K5.min_group_size).breakdowns()
    return {(e["measure"], e["tactic"], e["item"], e["period"], e["function"], e["department"]): e["reason"] for e in listed}


def test_a_hidden_lone_respondent_who_skipped_a_tactic_reads_hidden_in_every_heatmap_cell():
    grid = department_scores(load(survey(legal_skips=("MET-1", "MET-2"))), K5)
    legal = grid[grid["department"] == "Legal"].set_index("tactic")["label"]
    assert legal.loc[["REL", "TRU", "MET"]].tolist() == ["hidden: fewer than 5 responses"] * 3
    assert legal.loc[["ROT", "ASM", "SRV"]].eq("no answers").all()  # nobody anywhere answered these: not asked


def test_skipping_a_tactic_does_not_change_what_is_hidden():
    answered, skipped = load(survey()), load(survey(legal_skips=("MET-1", "MET-2")))
    assert pattern(skipped) == pattern(answered)
    for period in (None, PERIODS[0]):
        hidden = [
            department_scores(data, K5, Selection(period))[["department", "tactic", "hidden", "label"]]
            for data in (answered, skipped)
        ]
        labels = [frame[frame["hidden"]].to_dict("records") for frame in hidden]
        assert labels[0] == labels[1]


def test_the_reliability_caption_does_not_count_who_answered_every_statement():
    answered, skipped = load(survey()), load(survey(legal_skips=("REL-2",)))
    for selection in [(None, None, None), (PERIODS[0], None, None)]:
        results = [analyze(data, K5, Selection(*selection)).tactic("REL").reliability for data in (answered, skipped)]
        assert results[0] is not None, selection
        assert re.sub(NUMBER, "#", results[0]["note"] or "") == re.sub(NUMBER, "#", results[1]["note"] or "")
        # n (the fewest who answered a pair) only where the published statement cells already show that everyone
        # answered every statement, i.e. it equals the tactic's n; where the lone Legal respondent skipped, none
        for data, result in zip((answered, skipped), results, strict=True):
            tactic_n = analyze(data, K5, Selection(*selection)).tactic("REL").n
            assert result.get("n", tactic_n) == tactic_n, selection
        published = json.dumps(analyze(skipped, K5, Selection(*selection)).to_json()["tactics"][0]["reliability"])
        assert '"n"' not in published


# ------------------------------------------------------------------------------------ captions (attacks 5, 6)


def upload(legal_writes: bool, legal_skips_rel: bool) -> bytes:
    """Platform (6 IT) and Retail (6 Business) answer and comment; one Legal respondent may comment on REL and may
    skip the REL statements."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["respondent_id", "period", "function", "department", *(i.id for i in LIKERT_ITEMS), "REL-O"])
    people_ = [("IT", "Platform")] * 6 + [("Business", "Retail")] * 6 + [("Business", "Legal")]
    for person, (function, department) in enumerate(people_):
        answers = [str(1 + (person + position) % 5) for position in range(len(LIKERT_ITEMS))]
        if department == "Legal" and legal_skips_rel:
            answers = ["" if i.tactic == "REL" else a for i, a in zip(LIKERT_ITEMS, answers, strict=True)]
        comment = f"{department} would like more joint planning" if department != "Legal" or legal_writes else ""
        writer.writerow([f"P{person}", "2026-Q2", function, department, *answers, comment])
    return out.getvalue().encode()


def shown_text(at: AppTest) -> list[str]:
    """The page's captions, notes and warnings, numbers masked (scores move with the hidden person's answers, inside
    published cells; the words must not)."""
    texts = [c.value for c in at.caption] + [i.value for i in at.info] + [w.value for w in at.warning]
    return sorted(re.sub(NUMBER, "#", text) for text in texts)


def page_words(contents: bytes) -> dict[str, list[str]]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value(("survey.csv", contents, "text/csv")).run()
    words = {}
    for page in ("pages/rel.py", "pages/comments.py", "pages/overview.py"):
        at.switch_page(page).run()
        assert not at.exception, page
        words[page] = shown_text(at)
    return words


def test_captions_and_empty_states_do_not_tell_whether_a_hidden_group_wrote_or_skipped():
    plain = page_words(upload(legal_writes=False, legal_skips_rel=False))
    said = "fewer than # respondents, or hidden so that a smaller group cannot be worked out, are not shown"
    assert any(said in caption for caption in plain["pages/rel.py"])
    assert any(said in caption for caption in plain["pages/comments.py"])
    skipped = page_words(upload(legal_writes=True, legal_skips_rel=True))
    # one note may differ: who does not count in REL's score, which is the respondents less REL's published n (13
    # against 12 on every REL page), not a word about the hidden group
    left_out = "REL: # respondent answered fewer than # of its # statements (or none) and does not count in its score"
    for page in plain:
        assert not any(text.startswith(left_out) for text in plain[page])
        assert [t for t in skipped[page] if not t.startswith(left_out)] == plain[page], page
    data = Dataset.from_file("survey.csv", upload(legal_writes=True, legal_skips_rel=True))
    analysis = analyze(data, K5)
    assert analysis.respondents - analysis.tactic("REL").n == 1

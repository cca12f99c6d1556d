"""Comment themes, sentiment and search: hand-counted themes, clear sentiment, no comment from a hidden group, the page."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from alignment import charts
from alignment import comment_themes as ct
from alignment.config import Settings
from alignment.dataset import Dataset
from alignment.items import LIKERT_ITEMS, OPEN_ITEMS
from alignment.selection import Selection
from ui.state import ALL_PERIODS_OPTION, PERIOD_KEY

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_XLSX = ROOT / "sample_data" / "alignment_sample.xlsx"
SECRET = "Only two of us in Legal see the contract backlog"  # written by a 2-person department: must never show


@pytest.fixture(scope="module")
def sample() -> Dataset:
    return Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())


def test_themes_on_hand_made_comments():
    comments = [
        "Our BRM is great.",  # brm | great
        "The BRMs never call back.",  # brm | call
        "I don't know who our relationship manager is.",  # relationship manager
        "Our relationship managers listen.",  # relationship manager listen
        "Budget for rotations is too small.",  # budget | rotation | small
        "Rotation budget was cut again.",  # rotation budget | cut
    ]
    # By hand: brm 2, relationship manager 2 (in two differently worded comments, so it stands for "relationship"
    # and "manager", 2 each), budget 2 and rotation 2 (the same two comments: one theme), everything else once;
    # "great" and "small" are never themes alone. The most mentioned first, two words before one, then a-z.
    themes = ct.find_themes(comments)
    assert [(t.phrase, t.comments) for t in themes] == [("relationship manager", 2), ("BRM", 2), ("budget", 2)]
    assert themes[0].examples == ("Our relationship managers listen.", "I don't know who our relationship manager is.")
    assert set(themes[1].examples) == {"Our BRM is great.", "The BRMs never call back."}
    assert themes[2].also == ("rotation",)
    assert ct.find_themes(comments, min_comments=3) == []


def test_theme_counts_comments_not_texts_and_examples_are_distinct():
    comments = ["Shared dashboard please"] * 3 + ["A shared dashboard for KPIs", "KPI targets are unclear"]
    themes = {t.phrase: t for t in ct.find_themes(comments)}
    assert themes["shared dashboard"].comments == 4  # three identical comments and one more
    assert themes["shared dashboard"].examples == ("Shared dashboard please", "A shared dashboard for KPIs")
    assert themes["KPI"].comments == 2  # "KPIs" and "KPI" are one word; a tie between forms goes to the singular
    assert "shared" not in themes and "dashboard" not in themes  # inside "shared dashboard", same comments


def test_singular_rules():
    words = ["managers", "brms", "priorities", "fixes", "processes", "status", "analysis", "business", "kpis", "bus"]
    assert [ct.singular(w) for w in words] == [
        "manager",
        "brm",
        "priority",
        "fix",
        "process",
        "status",
        "analysis",
        "business",
        "kpi",
        "bus",
    ]


def test_arrow_and_python_tokenisers_agree(sample):
    texts = sorted(set(sample.query("SELECT text FROM comments")["text"]))
    texts += ["Café – naïve_idea: IT's BRMs’ end-to-end — 24/7 don’t x-ray\u00a0scanner -dash- 'quoted'", "", "!!!"]
    index = ct.PhraseIndex(texts)
    stop = ct._stop_words()
    for row, text in enumerate(texts):
        assert {index.key(c) for c in index.matrix[row].indices} == {key for key, _ in ct._phrases(text, stop)}, text


def test_sentiment_of_clear_sentences():
    frame = ct.sentiment(
        [
            "The new dashboard is great, thank you, it really helps!",
            "This is terrible: slow, broken and I hate it.",
            "Please send the agenda before the meeting.",
        ]
    )
    assert frame["sentiment"].tolist() == ["positive", "negative", "neutral"]
    assert frame["compound"].iloc[0] > 0.5 and frame["compound"].iloc[1] < -0.5 and abs(frame["compound"].iloc[2]) < 0.1


def test_sentiment_summary_counts_and_shares():
    texts = ["Great work", "Awful delays", "Awful outages", "Please move it to Tuesday"]
    comments = ct.sentiment(texts).assign(tactic=["REL", "REL", "TRU", "TRU"], text=texts)
    summary = ct.sentiment_summary(comments).set_index("tactic")
    assert summary.loc["ALL", ["comments", "positive", "neutral", "negative"]].tolist() == [4, 1, 1, 2]
    assert summary.loc["REL", "positive_pct"] == 50.0 and summary.loc["TRU", "negative_pct"] == 50.0
    assert summary.loc["ALL", "mean_compound"] == pytest.approx(comments["compound"].mean())
    assert list(summary.index) == ["ALL", "REL", "TRU"]  # tactics without comments have no row


def test_search_is_case_insensitive_substring():
    comments = ct.sentiment(["Budget cuts hurt", "no BUDGET for rotations", "All fine"]).assign(
        text=["Budget cuts hurt", "no BUDGET for rotations", "All fine"]
    )
    assert ct.search(comments, "budget")["text"].tolist() == ["Budget cuts hurt", "no BUDGET for rotations"]
    assert ct.search(comments, "  ") is comments
    assert ct.search(comments, "(").empty  # as typed, not a pattern


def survey_with_a_small_commenting_group() -> bytes:
    """Six IT people in Platform and six Business people in Retail, who comment; five in Sales, who do not; and two in
    Legal, who comment too. Sales, the smaller Business department, is hidden with Legal (else Business less the
    others is Legal), so Retail's comments can be listed: had Retail been hidden with Legal, its comments beside
    the Business share who commented would tell how many of Legal did."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["respondent_id", "period", "function", "department", *(i.id for i in LIKERT_ITEMS), *(i.id for i in OPEN_ITEMS)]
    )
    people = [("IT", "Platform")] * 6 + [("Business", "Retail")] * 6 + [("Business", "Sales")] * 5 + [("Business", "Legal")] * 2
    for person, (function, department) in enumerate(people):
        answers = [str(1 + (person + position) % 5) for position in range(len(LIKERT_ITEMS))]
        texts = {
            "Platform": "Release notes from the platform team help us plan.",
            "Retail": "Retail wants faster releases and a named contact.",
            "Legal": SECRET,
            "Sales": "",
        }
        writer.writerow([f"P{person}", "2026-Q2", function, department, *answers, *([texts[department]] * len(OPEN_ITEMS))])
    return out.getvalue().encode()


def test_a_hidden_groups_comment_never_reaches_the_page_data():
    data = Dataset.from_file("survey.csv", survey_with_a_small_commenting_group())
    raw = data.query("SELECT text FROM comments")["text"]
    assert (raw == SECRET).sum() == 2 * len(OPEN_ITEMS)  # the two Legal people did write it
    for period in (None, "2026-Q2"):
        report = ct.comment_report(data, Settings(min_group_size=5), Selection(period))
        assert report.held_back
        assert not report.comments["text"].str.contains("Legal").any()
        assert "Legal" not in set(report.comments["department"])
        assert report.comments["text"].str.contains("Retail wants faster releases").any()
        everything = json.dumps([[t.phrase, t.examples, t.also] for themes in report.themes.values() for t in themes])
        assert "contract" not in everything and "backlog" not in everything and "Legal" not in everything
        assert "named contact" in everything  # Retail's six are shown
        assert report.sentiment.set_index("tactic").loc["ALL", "comments"] == 12 * len(OPEN_ITEMS)


def test_sampled_sentiment_says_so_and_listed_comments_are_scored(sample):
    report = ct.comment_report(sample, Settings(), max_scored=10)
    assert report.sampled and report.scored_texts == 10 < report.distinct_texts
    summary = report.summary()
    assert summary["scored"] < summary["comments"] == len(report.comments)
    listed = ct.with_sentiment(report.comments.head(50))
    assert listed["compound"].notna().all() and listed["sentiment"].notna().all()
    assert np.allclose(listed["compound"], ct.sentiment(listed["text"].tolist())["compound"])


def test_report_covers_every_tactic_and_all_together(sample):
    report = ct.comment_report(sample, Settings())
    assert set(report.themes) == {"ALL", "REL", "TRU", "MET", "ROT", "ASM", "SRV"}
    assert not report.sampled
    rel = {t.phrase: t for t in report.themes["REL"]}
    assert {"relationship manager", "BRM", "named contact"} <= set(rel)
    assert all(t.comments >= 2 for themes in report.themes.values() for t in themes)
    assert len(report.comments) == report.sentiment.set_index("tactic").loc["ALL", "comments"]
    charts.theme_chart(report.themes["REL"], len(report.selection("REL"))).to_dict()
    charts.sentiment_chart(report.sentiment).to_dict()


def _page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state[PERIOD_KEY] = ALL_PERIODS_OPTION  # every round, as the expectations below are computed
    at.run()
    at.switch_page("pages/comments.py").run()
    assert not at.exception
    return at


def test_comments_page_shows_themes_sentiment_search():
    at = _page()
    assert any("survey" in e.label for e in at.expander)
    search = next(t for t in at.text_input if t.label == "Search the comments")
    assert any("fewer than 5 respondents, or hidden so that a smaller group" in c.value for c in at.caption)
    next(s for s in at.selectbox if s.label == "Tactic").set_value("REL").run()
    assert not at.exception
    assert any("relationship manager" in e.label for e in at.expander)
    search.set_value("budget").run()
    assert not at.exception
    listed = at.dataframe[-1].value
    assert len(listed) and listed["Comment"].str.contains("budget", case=False).all()
    assert set(listed["Tactic"]) == {"REL"}


def test_comments_page_of_an_upload_leaves_out_the_small_group():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value(("survey.csv", survey_with_a_small_commenting_group(), "text/csv")).run()
    at.switch_page("pages/comments.py").run()
    assert not at.exception
    shown = " ".join(
        [e.label for e in at.expander]
        + [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [" ".join(map(str, df.value.to_numpy().ravel())) for df in at.dataframe]
    )
    assert "Retail wants faster releases" in shown
    assert "contract" not in shown and "backlog" not in shown and "Legal" not in shown


def test_comments_page_without_comments_says_so():
    header = ["respondent_id", "period", "function", "department", *(i.id for i in LIKERT_ITEMS)]
    rows = [",".join(header)] + [
        ",".join([f"P{n}", "2026-Q2", "IT", "Platform", *(str(1 + (n + k) % 5) for k in range(len(LIKERT_ITEMS)))])
        for n in range(6)
    ]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.file_uploader[0].set_value(("plain.csv", ("\n".join(rows) + "\n").encode(), "text/csv")).run()
    at.switch_page("pages/comments.py").run()
    assert not at.exception
    assert any("The survey asked no open question" in i.value for i in at.info)  # no comment column at all


def test_stop_words_come_from_the_bundled_list():
    words = ct.english_stop_words()
    assert len(words) == 318  # scikit-learn's ENGLISH_STOP_WORDS, kept as data
    assert {"a", "about", "the", "yourselves", "system"} <= words
    assert not any(w.startswith("#") or w != w.strip() or not w for w in words)  # no header line or blank read as a word
    stop = ct._stop_words()
    assert "system" not in stop and "the" in stop and "need" in stop  # _KEEP taken out, _EXTRA_STOP added
    assert ct._phrases("The system is slow", stop) and all("the" not in key.split() for key, _ in ct._phrases("the system", stop))


def test_the_json_gives_each_tactics_comments_as_the_comments_page_shows_them(capsys):
    """`analyze --json` "comments": per tactic the page's count, how many were read for the tone, the page's shares
    (whole %, from the same fixed sample when there are more than MAX_SCORED texts) and its themes."""
    from alignment.__main__ import main
    from alignment.tactics import TACTIC_CODES

    assert main(["analyze", str(SAMPLE_XLSX), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)["comments"]
    sample = Dataset.from_file(SAMPLE_XLSX.name, SAMPLE_XLSX.read_bytes())
    page = ct.comment_report(sample, Settings())
    assert set(said) == {code for code in TACTIC_CODES if page.summary(code) is not None}
    for code, entry in said.items():
        summary = page.summary(code)
        assert entry["n"] == summary["comments"] and entry["read"] == summary["scored"] > 0
        assert [entry[t] for t in ("positive", "neutral", "negative")] == [
            round(summary[f"{t}_pct"]) for t in ("positive", "neutral", "negative")
        ]
        assert [t["theme"] for t in entry["themes"]] == [t.phrase for t in page.themes.get(code, [])]

"""A survey tool's answer codes, ordered by a mapping file, give the scores a hand computation gives.

The export is a LimeSurvey 'Export responses' CSV with question codes as headings and answer codes as answers
(A1 ... A5), as LimeSurvey writes it when 'Answer codes' is chosen: nothing in it says what A1 means. The
survey listed its answers from 'Strongly agree' (A1) to 'Strongly disagree' (A5) for one array and the other way
round for the other, and asked the function as a list (A1 = IT, A2 = Business). The mapping file says all of this.
"""

from __future__ import annotations

import json

from alignment.__main__ import main

HEAD = "id,submitdate,lastpage,startlanguage,seed,G01Q01,G01Q05,G02Q01[SQ001],G02Q01[SQ002],G03Q01[SQ001],G03Q01[SQ002]"
# function, unit, REL-1, REL-2 (A1 = Strongly agree ... A5 = Strongly disagree), TRU-1, TRU-2 (A1 = Strongly disagree)
ANSWERS = [
    ("A1", "Finance", "A1", "A2", "A4", "A5"),
    ("A1", "Finance", "A2", "A2", "A3", "A4"),
    ("A1", "Retail", "A3", "", "A2", "A3"),
    ("A1", "Retail", "A2", "A1", "A5", "A5"),
    ("A2", "Finance", "A4", "A5", "A2", "A1"),
    ("A2", "Retail", "A5", "A4", "A1", "A2"),
    ("A2", "Retail", "A3", "A3", "A3", ""),
    ("A2", "Finance", "A4", "A4", "A2", "A2"),
]
MAPPING = {
    "version": 1,
    "columns": [
        {"header": "G01Q01", "target": "function", "values": {"A1": "IT", "A2": "Business"}},
        {"header": "G01Q05", "target": "department"},
        {"header": "G02Q01[SQ001]", "target": "REL-1", "order": ["A5", "A4", "A3", "A2", "A1"]},
        {"header": "G02Q01[SQ002]", "target": "REL-2", "order": ["A5", "A4", "A3", "A2", "A1"]},
        {"header": "G03Q01[SQ001]", "target": "TRU-1", "order": ["A1", "A2", "A3", "A4", "A5"]},
        {"header": "G03Q01[SQ002]", "target": "TRU-2", "order": ["A1", "A2", "A3", "A4", "A5"]},
    ],
}


def _export() -> str:
    lines = [HEAD]
    for n, answers in enumerate(ANSWERS, start=1):
        lines.append(f"{n},2026-04-{n + 1:02d} 10:15:00,4,en,{48213 + n}," + ",".join(answers))
    return "\n".join(lines) + "\n"


def _by_hand() -> dict[str, dict[str, float]]:
    """Tactic scores as the method defines them, computed here without the library: each answer's place on its
    own order (1-5); a respondent's mean over the tactic's two statements, a skipped one counted as its mean over
    everyone plus the respondent's distance from the mean of the one they answered; the mean of those means."""
    agree_first = {"A1": 5, "A2": 4, "A3": 3, "A4": 2, "A5": 1}
    disagree_first = {"A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5}
    rows = {
        "REL": [[agree_first.get(a) for a in (rel1, rel2)] for _, _, rel1, rel2, _, _ in ANSWERS],
        "TRU": [[disagree_first.get(a) for a in (tru1, tru2)] for _, _, _, _, tru1, tru2 in ANSWERS],
    }
    means: dict[str, dict[str, list[float]]] = {"REL": {}, "TRU": {}}
    for tactic, scores in rows.items():
        statement_means = [
            sum(r[i] for r in scores if r[i] is not None) / sum(r[i] is not None for r in scores) for i in range(2)
        ]
        for (function, *_), row in zip(ANSWERS, scores, strict=True):
            answered = [i for i in range(2) if row[i] is not None]
            distance = sum(row[i] - statement_means[i] for i in answered) / len(answered)
            filled = [row[i] if row[i] is not None else min(5, max(1, statement_means[i] + distance)) for i in range(2)]
            mean = sum(filled) / 2
            side = {"A1": "IT", "A2": "Business"}[function]
            means[tactic].setdefault("all", []).append(mean)
            means[tactic].setdefault(side, []).append(mean)
    return {tactic: {group: sum(m) / len(m) for group, m in groups.items()} for tactic, groups in means.items()}


def test_a_limesurvey_code_export_with_a_mapping_scores_as_computed_by_hand(tmp_path, capsys) -> None:
    (tmp_path / "results-survey48213.csv").write_text(_export(), encoding="utf-8")
    (tmp_path / "alignment_mapping.json").write_text(json.dumps(MAPPING), encoding="utf-8")
    (tmp_path / "k4.toml").write_text("[privacy]\nmin_group_size = 4\n", encoding="utf-8")
    args = [str(tmp_path / "results-survey48213.csv"), "--mapping", str(tmp_path / "alignment_mapping.json")]
    assert main(["analyze", *args, "--config", str(tmp_path / "k4.toml"), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    tactics = {t["code"]: t for t in result["tactics"]}
    expected = _by_hand()
    # REL by hand: IT 4.5, 4, 3 (REL-2 skipped; REL-1 at its mean 3, so REL-2 counts as its mean 3), 4.5 -> 4.0;
    # Business 1.5, 1.5, 3, 2 -> 2.0; all 3.0
    assert (expected["REL"]["IT"], expected["REL"]["Business"], expected["REL"]["all"]) == (4.0, 2.0, 3.0)
    for code in ("REL", "TRU"):
        assert tactics[code]["n"] == 8
        assert abs(tactics[code]["score"] - expected[code]["all"]) < 0.006, code
        assert abs(tactics[code]["it_score"] - expected[code]["IT"]) < 0.006, code
        assert abs(tactics[code]["business_score"] - expected[code]["Business"]) < 0.006, code
    validation = result["validation"]
    assert validation["layout"] == "LimeSurvey"
    assert validation["cells"]["unread_answers"] == 0 and validation["rows"]["kept"] == 8
    assert {s["item"]: (s["scale"], s["chosen_by"]) for s in validation["scales"]} == {
        item: ("ordered", "the mapping") for item in ("REL-1", "REL-2", "TRU-1", "TRU-2")
    }


def test_without_the_mapping_the_same_export_is_not_scored_as_agreement(tmp_path, capsys) -> None:
    """Without the mapping A1 ... A5 read as 1 ... 5, which scores REL the wrong way round: the mapping matters."""
    (tmp_path / "results.csv").write_text(_export(), encoding="utf-8")
    mapping = {"columns": [{k: v for k, v in c.items() if k != "order"} for c in MAPPING["columns"]]}
    (tmp_path / "plain.json").write_text(json.dumps(mapping), encoding="utf-8")
    (tmp_path / "k4.toml").write_text("[privacy]\nmin_group_size = 4\n", encoding="utf-8")
    args = [str(tmp_path / "results.csv"), "--mapping", str(tmp_path / "plain.json"), "--config", str(tmp_path / "k4.toml")]
    assert main(["analyze", *args, "--json"]) == 0
    rel = next(t for t in json.loads(capsys.readouterr().out)["tactics"] if t["code"] == "REL")
    by_hand = _by_hand()["REL"]
    assert abs(rel["it_score"] - (6 - by_hand["IT"])) < 0.006  # every answer mirrored: IT 2.0 instead of 4.0
    assert abs(rel["business_score"] - (6 - by_hand["Business"])) < 0.006

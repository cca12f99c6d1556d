"""The raw-export ratio: the first answer on a survey tool's raw export against the bundled sample workbook.

`python -m bench.raw_export` writes a ~1 MB raw Qualtrics export (three header rows, the tool's bookkeeping columns,
a consent paragraph, the item bank's statements typed into matrices tagged Q5_1 … as a team that rebuilt the survey
by hand would have them, the open questions, and some 300 other questions, timers and embedded data no statement
is in), then times whole processes, start-up included: `python -m alignment analyze EXPORT --json` and the same on
`sample_data/alignment_sample.xlsx`, in turn, `--repeat` times each. The medians and the median of the pair ratios
go into docs/PERFORMANCE.md between `<!-- raw-export:start -->` and `<!-- raw-export:end -->` (appended when
missing; bench/run.py keeps the block when it rewrites the file). Target: at most 1.5×.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from alignment.items import ITEMS
from alignment.tactics import TACTICS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
SAMPLE = ROOT / "sample_data" / "alignment_sample.xlsx"
REPORT = ROOT / "docs" / "PERFORMANCE.md"
START, END = "<!-- raw-export:start -->", "<!-- raw-export:end -->"
TARGET = 1.5
VERSION = 1
AGREE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
META = [
    ("StartDate", "Start Date", "startDate"),
    ("EndDate", "End Date", "endDate"),
    ("Status", "Response Type", "status"),
    ("IPAddress", "IP Address", "ipAddress"),
    ("Progress", "Progress", "progress"),
    ("Duration (in seconds)", "Duration (in seconds)", "duration"),
    ("Finished", "Finished", "finished"),
    ("RecordedDate", "Recorded Date", "recordedDate"),
    ("ResponseId", "Response ID", "_recordId"),
    ("RecipientLastName", "Recipient Last Name", "recipientLastName"),
    ("RecipientFirstName", "Recipient First Name", "recipientFirstName"),
    ("RecipientEmail", "Recipient Email", "recipientEmail"),
    ("ExternalReference", "External Data Reference", "externalDataReference"),
    ("LocationLatitude", "Location Latitude", "locationLatitude"),
    ("LocationLongitude", "Location Longitude", "locationLongitude"),
    ("DistributionChannel", "Distribution Channel", "distributionChannel"),
    ("UserLanguage", "User Language", "userLanguage"),
]
CONSENT = (
    "Thank you for taking part in this survey about how IT and the business work together. Your answers are "
    "anonymous and reported only for groups of five or more. Taking part is voluntary and you may stop at any time. "
    "The survey takes about ten minutes. By continuing you agree that your answers are used for this purpose."
)


def build(respondents: int = 600, seed: int = 19, folder: Path = DATA) -> Path:
    """The export, written once to `folder` (reused while VERSION and the arguments stay the same)."""
    path = folder / f"raw_qualtrics_v{VERSION}_{respondents}_{seed}.csv"
    if path.exists():
        return path
    rng = random.Random(seed)
    columns = [(tag, text, json.dumps({"ImportId": import_id})) for tag, text, import_id in META]
    columns.append(("Q1", CONSENT, '{"ImportId":"QID1"}'))
    columns.append(("Q2", "Do you work in IT or in the business?", '{"ImportId":"QID2"}'))
    columns.append(("Q3", "Which department do you work in?", '{"ImportId":"QID3_TEXT"}'))
    kinds = ["consent", "function", "department"]
    for number, tactic in enumerate(TACTICS, start=5):
        statements = [i for i in ITEMS if i.tactic == tactic.code and i.kind == "likert"]
        for row, item in enumerate(statements, start=1):
            text = f"Thinking about the last twelve months, how far do you agree with each statement? - {item.text}"
            columns.append((f"Q{number}_{row}", text, json.dumps({"ImportId": f"QID{number}_{row}"})))
            kinds.append(f"likert:{int(item.reverse)}")
        opened = next(i for i in ITEMS if i.tactic == tactic.code and i.kind == "open")
        columns.append((f"Q{number}b", opened.text, json.dumps({"ImportId": f"QID{number}b_TEXT"})))
        kinds.append("open")
    for n in range(300):  # the rest of a long organisational survey: other questions, timers, embedded data
        kind = ("other-scale", "timer", "embedded")[n % 3]
        tag = f"Q{40 + n}" if kind != "timer" else f"Q{40 + n}_Page Submit"
        text = {
            "other-scale": f"How satisfied are you with the canteen offer number {n}?",
            "timer": f"Timing - Page Submit {n}",
            "embedded": f"panel_variable_{n}",
        }[kind]
        columns.append((tag, text, json.dumps({"ImportId": tag})))
        kinds.append(kind)
    departments = ["Sales", "Finance", "Operations", "Marketing", "IT Infrastructure", "IT Applications"]
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        for line in range(3):
            writer.writerow([column[line] for column in columns])
        for person in range(respondents):
            day = f"2026-0{1 + person % 6}-{1 + person % 28:02d} 10:{person % 60:02d}:00"
            row = [day, day, "IP Address", "100", str(300 + person % 600), "True", day, f"R_{person:015d}"]
            row += ["", "", "", "", "", "", "anonymous", "EN"]
            for kind in kinds:
                if kind == "consent":
                    row.append("Yes")
                elif kind == "function":
                    row.append(rng.choice(["IT", "Business"]))
                elif kind == "department":
                    row.append(rng.choice(departments))
                elif kind.startswith("likert"):
                    row.append("" if rng.random() < 0.05 else rng.choice(AGREE))
                elif kind == "open":
                    row.append(rng.choice(["", "", "More joint planning.", "Explain costs earlier."]))
                elif kind == "other-scale":
                    row.append(str(rng.randint(1, 5)))
                elif kind == "timer":
                    row.append(f"{rng.uniform(3, 90):.3f}")
                else:
                    row.append(rng.choice(["A", "B", "C"]))
            writer.writerow(row)
    return path


def _wall(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "alignment", "analyze", str(path), "--json"], cwd=ROOT, capture_output=True, check=True)
    return time.perf_counter() - start


def measure(export: Path, repeat: int, log=print) -> dict:
    load = [os.getloadavg()[0]]
    _wall(export), _wall(SAMPLE)  # warm the file cache
    raw, sample = [], []
    for run in range(repeat):
        raw.append(_wall(export))
        sample.append(_wall(SAMPLE))
        log(f"  run {run + 1}: raw export {raw[-1]:.2f} s, sample workbook {sample[-1]:.2f} s")
    ratio = statistics.median(a / b for a, b in zip(raw, sample, strict=True))
    return {
        "export_mb": export.stat().st_size / 2**20,
        "sample_mb": SAMPLE.stat().st_size / 2**20,
        "raw": statistics.median(raw),
        "sample": statistics.median(sample),
        "ratio": ratio,
        "repeat": repeat,
        "load": [*load, os.getloadavg()[0]],  # the machine's 1-minute load average at the start and at the end
    }


def block(result: dict, columns: int, respondents: int) -> str:
    verdict = "PASS" if result["ratio"] <= TARGET else "FAIL"
    return "\n".join(
        [
            START,
            "## Raw survey-tool export: first answer",
            "",
            "Written by `python -m bench.raw_export` (bench/raw_export.py); `bench/run.py` keeps this block. Whole "
            "processes, start-up included: `python -m alignment analyze FILE --json` of a raw Qualtrics export "
            f"({respondents:,} respondents, {columns:,} columns: three header rows, the tool's bookkeeping, a consent "
            "paragraph, the item bank's statements in matrices tagged Q5_1 …, the open questions and 300 other "
            "questions, timers and embedded data), no mapping file, against the same command on the bundled sample "
            f"workbook; {result['repeat']} runs each, in turn, medians and the median of the pair ratios.",
            "",
            "| measure | file | seconds |",
            "|---|---|---:|",
            f"| analyze --json, raw Qualtrics export | {result['export_mb']:.2f} MB CSV | {result['raw']:.2f} |",
            f"| analyze --json, sample workbook | {result['sample_mb']:.2f} MB xlsx | {result['sample']:.2f} |",
            f"| ratio raw export / sample (median of pairs) | | {result['ratio']:.2f}× |",
            "",
            f"Target: at most {TARGET}×: **{verdict}**. Load average (1 min) at start / end: "
            f"{result['load'][0]:.1f} / {result['load'][1]:.1f} on {os.cpu_count()} cores: on a shared machine the "
            "seconds move with the load; the pair ratio much less.",
            END,
        ]
    )


def write(out: Path, text: str) -> None:
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    start, end = old.find(START), old.find(END)
    found = 0 <= start < end
    out.write_text(
        old[:start] + text + old[end + len(END) :] if found else old.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--respondents", type=int, default=600)  # about 1 MB
    parser.add_argument("--out", default=str(REPORT))
    args = parser.parse_args(argv)
    export = build(args.respondents)
    with export.open(encoding="utf-8") as file:
        columns = len(next(csv.reader(file)))
    print(f"raw export: {export} ({export.stat().st_size / 2**20:.2f} MB, {columns} columns)")
    result = measure(export, args.repeat)
    write(Path(args.out), block(result, columns, args.respondents))
    print(f"ratio {result['ratio']:.2f}× (target {TARGET}×): wrote {args.out}")
    return 0 if result["ratio"] <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())

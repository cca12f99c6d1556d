"""Command line: python -m alignment {template,analyze,items} ..."""

from __future__ import annotations

import argparse
import json
import sys

from .analysis import analyze, load_dataset
from .errors import InputError
from .items import ITEMS
from .template import build_template


def _print_items(as_json: bool) -> None:
    if as_json:
        print(json.dumps([item.as_dict() for item in ITEMS], indent=2))
        return
    for item in ITEMS:
        flags = " (reverse-coded)" if item.reverse else ""
        print(f"{item.id:6} {item.kind:6} {item.text}{flags}")


def _print_analysis(paths: list[str], as_json: bool) -> None:
    result = analyze(load_dataset(paths))
    if as_json:
        print(json.dumps(result.to_json(), indent=2, default=str))
        return
    print(f"{result.respondents} respondents, periods: {', '.join(result.periods)}")
    print(f"Alignment index {result.alignment_index} / 100, maturity level {result.maturity_level} ({result.maturity_name})")
    print(f"{'tactic':42} {'score':>6} {'target':>6} {'gap':>6} {'IT':>6} {'Bus.':>6} {'n':>5} {'fav%':>6}")
    for t in result.tactics:
        cells = [t.score, t.target, t.gap, t.it_score, t.business_score]
        shown = " ".join(f"{v:6.2f}" if v is not None else f"{'-':>6}" for v in cells)
        fav = f"{t.favorable_pct:6.1f}" if t.favorable_pct is not None else f"{'-':>6}"
        print(f"{t.code} {t.name:38} {shown} {t.n:5d} {fav}")
    for warning in result.warnings:
        print(f"warning: {warning}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m alignment", description="IT-business alignment self-assessment.")
    commands = parser.add_subparsers(dest="command", required=True)
    template = commands.add_parser("template", help="write the blank template workbook")
    template.add_argument("out", help="path of the .xlsx file to write")
    analyze_cmd = commands.add_parser("analyze", help="score a survey file")
    analyze_cmd.add_argument("paths", nargs="+", help="the template workbook, or its Responses sheet as CSV")
    analyze_cmd.add_argument("--json", action="store_true", help="print JSON")
    items = commands.add_parser("items", help="print the item bank")
    items.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            build_template(args.out)
            print(f"wrote {args.out}")
        elif args.command == "items":
            _print_items(args.json)
        elif args.command == "analyze":
            _print_analysis(args.paths, args.json)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

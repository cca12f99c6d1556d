"""Command line: python -m alignment {template,survey,analyze,report,items,checks,workspace} ...

Each command imports what it needs when it runs, so the light ones (items, checks) start in a fraction of a
second without pandas, DuckDB or SciPy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import InputError
from .paths import existing_files
from .selection import Selection


def _print_items(as_json: bool) -> None:
    from .items import ITEMS

    if as_json:
        print(json.dumps([item.as_dict() for item in ITEMS], indent=2))
        return
    for item in ITEMS:
        flags = " (reverse-coded)" if item.reverse else ""
        print(f"{item.id:6} {item.kind:6} {item.text}{flags}")


def _print_checks(as_json: bool, as_markdown: bool) -> None:
    from .catalogue import catalogue_markdown, check_to_json
    from .checks import checks_for

    if as_json:
        print(json.dumps([check_to_json(c) for c in checks_for()], indent=2))
    elif as_markdown:
        sys.stdout.write(catalogue_markdown())
    else:
        for check in checks_for():
            print(f"{check.id}  {check.name:34} {check.kind:10} {check.severity:6}  {check.what}")


def _load_settings(path: str | None):
    from .config import Settings
    from .settings_file import MAX_SETTINGS_BYTES, settings_from_toml
    from .textfile import read_head

    if path is None:
        return Settings()
    config = Path(path)
    if not config.is_file():
        raise InputError(f"Config file not found: '{config}'.", "Check the path, or write one from the app's Settings page.")
    return settings_from_toml(read_head(config, MAX_SETTINGS_BYTES), config.name)


def _load_mapping(path: str | None) -> dict | None:
    from .ingest.mapping import MAX_MAPPING_BYTES, mapping_from_json
    from .textfile import read_head

    if path is None:
        return None
    file = Path(path)
    if not file.is_file():
        raise InputError(f"Mapping file not found: '{file}'.", "Download one from the app's Home page, or leave --mapping out.")
    return mapping_from_json(read_head(file, MAX_MAPPING_BYTES), file.name)


def _chosen_period(dataset, settings, period: str | None) -> str | None:
    from .analysis import selectable_periods
    from .figure import not_offered_words
    from .periods import normalise_period

    if period is None:
        return None
    period = normalise_period(period)  # in the survey's one spelling: '2026-q2' and 'Q2 2026' are 2026-Q2
    if period not in dataset.periods():
        raise InputError(f"There is no survey period '{period}'.", f"Use one of: {', '.join(dataset.periods())}.")
    if period not in selectable_periods(dataset, settings):
        raise InputError(
            f"Period '{period}' cannot be shown: it is {not_offered_words(settings.min_group_size)}.",
            f"Leave --period out, or use one of: {', '.join(selectable_periods(dataset, settings)) or 'none'}.",
        )
    return period


def _print_analysis(
    paths: list[str],
    config: str | None,
    mapping: str | None,
    as_json: bool,
    asked: Selection,
    workspace: str | None = None,
) -> None:
    existing_files(paths)  # a wrong path is reported before the imports below, which take seconds
    from .disclosure import breakdowns
    from .results import results
    from .trends import trends_json

    settings = _load_settings(config)
    dataset = _dataset(paths, mapping, workspace)
    selection = _chosen(dataset, settings, asked)
    bundle = results(dataset, settings, selection)
    result, findings = bundle.analysis, bundle.findings
    if not any(t.score is not None or t.hidden_reason for t in result.tactics):  # never a success on nothing
        from .ingest.columns_shown import MAPPING_FLAG

        why, fix = dataset.report.why_nothing_scored()
        raise InputError(f"No tactic can be scored: {why}", fix, MAPPING_FLAG)
    # the one list of warnings, for the text and the JSON alike: the analysis's, and the share of unread answers
    warnings = [*result.warnings, *filter(None, [dataset.report.unread_warning()])]
    if as_json:
        from .comment_themes import comments_json
        from .priorities import priorities_json

        data = {
            **bundle.to_json(),
            "priorities": priorities_json(bundle.priorities()),
            "comments": comments_json(bundle.comment_report()),  # as the Comments page reads them
            "warnings": warnings,
            "trends": trends_json(bundle.trends()),
        }
        validation = dataset.report.validation()
        # indented for a person at a terminal; compact when piped (json's C encoder: the breakdowns are thousands of cells)
        indent = 2 if sys.stdout.isatty() else None
        print(
            json.dumps(
                {**data, "breakdowns": breakdowns(dataset, settings), "validation": validation}, indent=indent, default=str
            )
        )
        return
    print(f"{result.respondents:,} respondents{selection.scope()}, periods: {', '.join(result.periods)}")
    index = "-" if result.alignment_index is None else f"{result.alignment_index:.0f}"
    print(f"Alignment index {index} / 100, maturity level {result.maturity_level} ({result.maturity_name})")
    print(f"\n{bundle.headline.sentence}\n")
    print(f"{'tactic':42} {'score':>6} {'target':>6} {'gap':>6} {'IT':>6} {'Bus.':>6} {'n':>5} {'fav%':>6}  verdict")
    for t in result.tactics:
        cells = [t.score, t.target, t.gap, t.it_score, t.business_score]
        shown = " ".join(f"{v:6.2f}" if v is not None else f"{'-':>6}" for v in cells)
        fav = f"{t.favorable_pct:6.0f}" if t.favorable_pct is not None else f"{'-':>6}"
        n = f"{t.n:5d}" if t.n is not None else f"{'-':>5}"
        print(f"{t.code} {t.name:38} {shown} {n} {fav}  {t.level.label if t.level else '-'}")
        if t.why_no_score:
            print(f"    {t.code} is {t.why_no_score}")
    print()
    if selection.narrowed:
        print("checks (they compare with the whole organisation's evidence):")
    for finding in findings:
        print(f"{finding.check} {finding.status:14} {finding.message}")
    for note in dataset.report.notes:
        print(f"note: {note}")
    for warning in warnings:
        print(f"warning: {warning}")
    print("\nvalidation:")
    for line in dataset.report.validation_lines():
        print(f"  {line}")


def _chosen_department(dataset, settings, period: str | None, department: str | None) -> str | None:
    from .analysis import selectable_departments
    from .figure import not_offered_words

    if department is None:
        return None
    shown = selectable_departments(dataset, settings, period)
    if department not in shown:
        where = f"period {period}" if period else "all periods"
        raise InputError(
            f"Department '{department}' cannot be reported for {where}: there is no department of that name, or it has "
            f"{not_offered_words(settings.min_group_size)}.",
            f"Leave --department out, or use one of: {', '.join(shown) or 'none'}.",
        )
    return department


def _chosen(dataset, settings, asked: Selection) -> Selection:
    """The selection the flags ask for, in the survey's spelling, once each of its parts may be shown."""
    from .analysis import selectable_functions

    period = _chosen_period(dataset, settings, asked.period)
    department = _chosen_department(dataset, settings, period, asked.department)
    if asked.function is not None:
        shown = selectable_functions(dataset, settings, period, department)
        if asked.function not in shown:
            raise InputError(
                f"Function '{asked.function}' cannot be reported for this selection.",
                f"Leave --function out, or use one of: {', '.join(shown) or 'none'}.",
            )
    return Selection(period, department, asked.function)


def _dataset(paths: list[str], mapping: str | None, workspace: str | None):
    """The files given, or with --workspace every closed round of that workspace (with its own mapping)."""
    from .blas_threads import one_blas_thread

    one_blas_thread()  # as the app does: the analysis's matrices are small, a BLAS thread pool only spins
    if workspace is None:
        if not paths:
            raise InputError("No file was given.", "Name the survey file and any evidence files, or pass --workspace DB.")
        from .dataset import load_dataset

        return load_dataset(paths, _load_mapping(mapping))
    if paths:
        raise InputError("Give files or --workspace, not both.", "A workspace analyses its closed rounds together.")
    from .workspace.cli import workspace_dataset

    return workspace_dataset(workspace)


def _write_report(args) -> None:
    existing_files(args.paths)  # a wrong path is reported before the imports below, which take seconds
    from .export import FORMATS

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError(
            f"Cannot write a report as '{out.suffix or out.name}': the format is taken from the end of --out.",
            f"End --out with {', '.join('.' + f for f in FORMATS)}, e.g. --out report.xlsx.",
        )
    from .actions import read_actions
    from .export import build_report

    actions = None
    if args.actions is not None:
        plan = Path(args.actions)
        if not plan.is_file():
            raise InputError(f"Action plan not found: '{plan}'.", "Check the path, or leave --actions out.")
        actions = read_actions(plan.name, plan.read_bytes())
    settings = _load_settings(args.config)
    dataset = _dataset(args.paths, args.mapping, args.workspace)
    selection = _chosen(dataset, settings, _asked(args))
    data = build_report(dataset, settings, selection, actions, fmt=fmt)
    out.write_bytes(data)
    print(f"wrote {out} ({FORMATS[fmt].label}, {len(data):,} bytes)")


def _asked(args: argparse.Namespace) -> Selection:
    """The selection --period, --department and --function ask for (checked against the data by _chosen)."""
    return Selection(args.period, args.department, args.function)


def _write_survey(fmt: str, out: str) -> None:
    from .survey_files import build_survey, survey_format

    chosen = survey_format(fmt)
    path = Path(out)
    if not path.parent.is_dir():
        raise InputError(
            f"Cannot write '{path}': the folder '{path.parent}' does not exist.", "Create it, or pick another --out."
        )
    data = build_survey(fmt)
    path.write_bytes(data)
    print(f"wrote {path} ({chosen.tool}, {len(data):,} bytes). {chosen.how}")


def main(argv: list[str] | None = None) -> int:
    prog = "alignment" if Path(sys.argv[0]).name == "alignment" else "python -m alignment"  # the console script, or -m
    parser = argparse.ArgumentParser(prog=prog, description="IT-business alignment self-assessment.")
    commands = parser.add_subparsers(dest="command", required=True)
    template = commands.add_parser("template", help="write the blank template workbook")
    template.add_argument("out", help="path of the .xlsx file to write")
    survey = commands.add_parser("survey", help="write the survey as a file your survey tool imports")
    survey.add_argument("--format", required=True, help="qsf, lss, google-forms, ms-forms or surveymonkey")
    survey.add_argument("--out", required=True, help="the file to write")
    analyze_cmd = commands.add_parser("analyze", help="score a survey and run the checks")
    analyze_cmd.add_argument("paths", nargs="*", help="the survey (template workbook or Responses CSV) and any evidence files")
    analyze_cmd.add_argument(
        "--workspace", help="analyse every closed round of this workspace (a DuckDB file or postgresql:// URL)"
    )
    analyze_cmd.add_argument("--config", help="an alignment.toml with targets and thresholds")
    analyze_cmd.add_argument("--mapping", help="a column mapping (.json, saved from the app); without it, the automatic mapping")
    analyze_cmd.add_argument("--json", action="store_true", help="print JSON, with every published cell in 'breakdowns'")
    analyze_cmd.add_argument("--period", help="results for one survey period (e.g. 2026-Q1); default all periods")
    analyze_cmd.add_argument("--department", help="results for one department; default all")
    analyze_cmd.add_argument("--function", help="results for IT or Business respondents only; default both")
    report = commands.add_parser("report", help="write the report as an Excel workbook, a PowerPoint deck or a web page")
    report.add_argument("paths", nargs="*", help="the survey (template workbook or Responses CSV) and any evidence files")
    report.add_argument("--workspace", help="report on every closed round of this workspace (a DuckDB file or postgresql:// URL)")
    report.add_argument("--out", required=True, help="the file to write: FILE.xlsx, FILE.pptx or FILE.html")
    report.add_argument("--period", help="one survey period (e.g. 2026-Q1); default all periods")
    report.add_argument("--department", help="one department; default all")
    report.add_argument("--function", help="IT or Business; default both")
    report.add_argument("--actions", help="an action plan to include (.csv or .xlsx, downloaded from the app)")
    report.add_argument("--config", help="an alignment.toml with targets and thresholds")
    report.add_argument("--mapping", help="a column mapping (.json, saved from the app); without it, the automatic mapping")
    items = commands.add_parser("items", help="print the item bank")
    items.add_argument("--json", action="store_true", help="print JSON")
    checks = commands.add_parser("checks", help="print the check catalogue")
    checks.add_argument("--json", action="store_true", help="print JSON")
    checks.add_argument("--markdown", action="store_true", help="print the catalogue as Markdown (docs/CHECKS.md)")
    from .workspace.cli import add_parsers

    add_parsers(commands)
    args = parser.parse_args(argv)
    try:
        if args.command == "template":
            from .template import build_template

            build_template(args.out)
            print(f"wrote {args.out}")
        elif args.command == "survey":
            _write_survey(args.format, args.out)
        elif args.command == "items":
            _print_items(args.json)
        elif args.command == "checks":
            _print_checks(args.json, args.markdown)
        elif args.command == "report":
            _write_report(args)
        elif args.command == "analyze":
            _print_analysis(args.paths, args.config, args.mapping, args.json, _asked(args), args.workspace)
        elif args.command == "workspace":
            from .workspace.cli import run

            run(args)
    except InputError as exc:
        text = f"{exc} {exc.command_line}".strip()
        print("error: " + " ".join(text.splitlines()), file=sys.stderr)  # one line, whatever a file's text holds
        return 2
    except BrokenPipeError:  # output piped into e.g. `head`
        return 0
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`coach nlu eval`: element detection measured on labelled sets that are never used for training."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from bot.app_context import library_of, make_analyzer, nlu_paths
from bot.cli_admin import nlu_app, nlu_running
from bot.errors import CoachError
from bot.settings import Settings
from nlu import labelled, server
from nlu.analyzer import ReplyAnalyzer
from nlu.client import RasaClient
from nlu.evaluation import Judged, Report, credited_as_in_a_drill, evaluate, target_failures
from nlu.labelled import LabelledReply
from nlu.screening import screen

out = Console(highlight=False, soft_wrap=True)


def read_labelled(path: Path) -> list[LabelledReply]:
    """The labelled replies of a JSONL file; a malformed line is an error naming its line."""
    try:
        return [row for _, row in labelled.read_labelled(path)]
    except ValueError as exc:
        raise CoachError(str(exc)) from exc


def _judge(analyzer: ReplyAnalyzer, rows: list[LabelledReply], max_chars: int, scenario: bool) -> list[Judged]:
    """Judge each row as a drill would when `scenario`, else on the wording alone, as `coach analyze` does."""
    judged = []
    for row in rows:
        screened = screen(row.text, max_chars=max_chars)
        if screened.problem:
            judged.append(Judged(row.text, row.elements, frozenset()))
            continue
        found: frozenset[str] = analyzer.analyze(screened.text).elements
        if scenario:
            # The scenario's customer is matched on the screened text, as a drill (bot/drill/service.py) matches it.
            found = credited_as_in_a_drill(screened.text, found, row.customer_name, row.preference)
        judged.append(Judged(row.text, row.elements, found))
    return judged


def _print(report: Report) -> None:
    table = Table("element", "support", "P", "R", "F1", title=f"{report.name} ({report.rows} replies)")
    for s in report.scores:
        if s.support or s.false_positives:
            table.add_row(s.element, str(s.support), f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}")
    out.print(table)
    agreement = f"{report.verdict_agreement:.3f}" if report.verdict_agreement is not None else "n/a"
    out.print(f"macro-F1 {report.macro_f1:.3f}; pass/fail agreement with labels {agreement}")
    mistakes = ", ".join(f"{e} → {i} ×{n}" for e, i, n in report.confusions[:6])
    out.print(f"confusions (expected → found): {mistakes or 'none'}\n")


def _summary(report: Report) -> dict[str, Any]:
    return {
        "file": report.name,
        "rows": report.rows,
        "macro_f1": round(report.macro_f1, 4),
        "verdict_agreement": report.verdict_agreement,
        "failures": target_failures(report),
        "elements": {
            s.element: {
                "support": s.support,
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
            }
            for s in report.scores
        },
    }


@nlu_app.command("eval")
def nlu_eval(
    ctx: typer.Context,
    cross_validation: Annotated[bool, typer.Option(help="Also run Rasa's 5-fold cross-validation.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON summary per set.")] = False,
    dev: Annotated[
        bool,
        typer.Option(
            "--dev",
            help="Measure the tuning sets nlu/dev/*.jsonl instead. The model is trained on their clauses and their "
            "dismissive labels, so these figures flatter it; bench/nlu_cross_author.py leaves each set out.",
        ),
    ] = False,
) -> None:
    """Measure element detection on nlu/eval/*.jsonl (held out) and the external labelled sets."""
    settings: Settings = ctx.obj
    # nlu/dev is training data (nlu/data/tuning_clauses.yml) and is measured fairly only by leaving one author
    # out (bench/nlu_cross_author.py); nlu/eval is never trained or tuned on, so it stays a fair test.
    labelled_dir = settings.nlu_project_dir / ("dev" if dev else "eval")
    held_out = sorted(labelled_dir.glob("*.jsonl"))
    external = (
        [] if dev or not settings.external_eval_dir.is_dir() else sorted(settings.external_eval_dir.glob("*.jsonl"))
    )
    if not held_out:
        raise CoachError(f"No labelled files in {labelled_dir}.")
    rubrics = [script.rubric for script in library_of(settings).values()]
    reports: list[Report] = []
    with nlu_running(settings), RasaClient(settings.rasa_url) as client, make_analyzer(settings, client) as analyzer:
        everything: list[Judged] = []
        for path in [*held_out, *external]:
            # Our own sets give each reply's customer, as a drill's scenario would; the external corpora don't.
            judged = _judge(analyzer, read_labelled(path), settings.max_reply_chars, scenario=path in held_out)
            reports.append(evaluate(path.name, judged, rubrics))
            if path in held_out:
                everything += judged
        reports.append(
            evaluate(f"{'tuning' if dev else 'held-out'} (all nlu/{labelled_dir.name} files)", everything, rubrics)
        )
    for report in reports:
        print(json.dumps(_summary(report))) if as_json else _print(report)
    failures = target_failures(reports[-1])
    if not as_json:
        where = "tuning sets (trained on: not the test of the targets)" if dev else "held-out set"
        out.print(f"Targets on the {where}: " + ("all met." if not failures else "; ".join(failures)))
    if cross_validation:
        _print_cross_validation(settings, as_json)


def _print_cross_validation(settings: Settings, as_json: bool) -> None:
    with out.status("Rasa 5-fold cross-validation of the training data (a few minutes)…"):
        report = server.cross_validate(nlu_paths(settings))
    macro, weighted = report.get("macro avg", {}), report.get("weighted avg", {})
    if as_json:
        print(json.dumps({"cross_validation": {"macro avg": macro, "weighted avg": weighted}}))
        return
    out.print(
        f"Cross-validation (intent_report.json): macro-F1 {macro.get('f1-score', 0):.3f}, "
        f"weighted-F1 {weighted.get('f1-score', 0):.3f}, accuracy {report.get('accuracy', 0):.3f}"
    )

"""Prints how element detection generalises to an author the model has not read: leave one tuning set out.

Usage: .venv/bin/python bench/nlu_cross_author.py [--errors ELEMENT,...] [--thresholds JSON] [--parses FILE]
Each tuning set in nlu/dev was written by a different author, and its clauses are training data
(nlu/data/tuning_clauses.yml). For each set in turn, a model is trained on the hand-written data plus the
other sets' clauses, and the left-out set is judged with the analyzer's own thresholds and cues. This is the
figure to tune on: `coach nlu eval --dev` judges sets the served model was trained on. Takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.app_context import load_settings, nlu_paths
from bot.settings import Settings
from nlu.analyzer import Thresholds, judge
from nlu.client import to_parse
from nlu.evaluation import Judged, Report, credited_as_in_a_drill, evaluate
from nlu.labelled import set_order
from nlu.tuning_data import cross_author_parses, tuning_replies

out = Console(highlight=False, width=150)


def judge_reply(reply: dict[str, Any], parse: dict[str, Any], thresholds: Thresholds) -> Judged:
    """Judge one screened reply from its parse as the drill would, scenario customer included."""
    found = judge(to_parse(reply["text"], parse), thresholds).elements
    customer = reply["customer"]
    credited = credited_as_in_a_drill(reply["text"], found, customer["name"], customer["preference"])
    return Judged(reply["text"], frozenset(reply["labels"]), credited)


def _row(table: Table, report: Report) -> None:
    scores = {s.element: s for s in report.scores}
    anti = [
        f"{scores[e].precision:.2f} / {scores[e].recall:.2f} / {scores[e].f1:.2f}" for e in ("dismissive", "deflection")
    ]
    weakest = min((s for s in report.scores if s.support), key=lambda s: s.f1)
    table.add_row(
        report.name,
        str(report.rows),
        f"{report.macro_f1:.3f}",
        *anti,
        f"{scores['solution'].f1:.2f}",
        f"{weakest.element} {weakest.f1:.2f}",
    )


def main() -> None:
    """Train one model per left-out set, judge it, and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", default="", help="print the left-out replies misjudged on these elements")
    parser.add_argument("--thresholds", default="{}", help='analyzer thresholds to try, e.g. {"anti_pattern": 0.15}')
    parser.add_argument("--parses", type=Path, help="reuse the parses saved in this file, or save them there")
    args = parser.parse_args()
    settings = load_settings()
    thresholds = Thresholds(**json.loads(args.thresholds))
    replies = tuning_replies(settings.nlu_project_dir, max_chars=settings.max_reply_chars)
    sets = sorted({r["set"] for r in replies}, key=set_order)
    parses = _parses(settings, replies, args.parses)
    if any(r["text"] not in parses.get(r["set"], {}) for r in replies):
        raise SystemExit(f"{args.parses} holds parses of other tuning sets: delete it to train and judge afresh.")
    table = Table(
        "left-out set",
        "replies",
        "macro-F1",
        "dismissive P / R / F1",
        "deflection P / R / F1",
        "solution F1",
        "weakest element",
        title="Leave one author's set out",
    )
    everything: list[Judged] = []
    for name in sets:
        judged = [judge_reply(r, parses[name][r["text"]], thresholds) for r in replies if r["set"] == name]
        everything += judged
        _row(table, evaluate(name, judged))
        _print_errors(judged, args.errors)
    _row(table, evaluate("all, pooled", everything))
    out.print(table)


def _parses(settings: Settings, replies: list[dict[str, Any]], saved: Path | None) -> dict[str, dict[str, Any]]:
    if saved and saved.is_file():
        loaded: dict[str, dict[str, Any]] = json.loads(saved.read_text(encoding="utf-8"))
        return loaded
    sets = {r["set"] for r in replies}
    started = time.monotonic()
    with out.status(f"Training {len(sets)} models, each without one author's set (about 30 s each)…"):
        parses = cross_author_parses(nlu_paths(settings), replies)
    out.print(f"{len(sets)} models trained, one per left-out set, in {time.monotonic() - started:.0f}s")
    if saved:
        saved.write_text(json.dumps(parses), encoding="utf-8")
    return parses


def _print_errors(judged: list[Judged], elements: str) -> None:
    wanted = set(filter(None, elements.split(",")))
    for j in judged:
        missed, wrong = (j.labelled - j.found) & wanted, (j.found - j.labelled) & wanted
        if missed or wrong:
            out.print(f"  missed {sorted(missed)} false {sorted(wrong)} | {j.text}")


if __name__ == "__main__":
    main()

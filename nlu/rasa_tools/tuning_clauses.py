"""Clause-level training data from labelled tuning replies, and its cross-author check (run in Rasa's venv).

  python -m nlu.rasa_tools.tuning_clauses attribute INPUT.json OUTPUT.yml
  python -m nlu.rasa_tools.tuning_clauses cross-author INPUT.json OUTPUT.json

INPUT.json is written by the app (nlu/tuning_data.py): {"project_dir", "generated", "header", "replies": [{"set",
"text", "labels"}]}, with each text already screened as a drill would screen it. `attribute` trains the clause
model on the hand-written data only, attributes each reply's labels to its clauses (nlu/attribution.py) and
writes a Rasa training file. `cross-author` leaves each tuning set out in turn: it trains on the hand-written data
plus the clauses of the other sets (and, when config.yml gives the component `reply_labels`, its reply-level heads on
the other sets' replies), and parses the left-out one, as the server would.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message

from nlu.attribution import attribute_reply, consistent
from nlu.clauses import split_clauses
from nlu.rasa_addons.clause_classifier import CLAUSES, REPLY, ClauseClassifier

Pairs = List[Tuple[str, str]]


def main(argv: List[str]) -> int:
    logging.disable(logging.WARNING)  # Rasa and TensorFlow chatter; failures still raise
    mode, source, target = argv
    if mode not in ("attribute", "cross-author"):
        raise SystemExit(f"unknown mode {mode!r}: use attribute or cross-author")
    job = json.loads(Path(source).read_text(encoding="utf-8"))
    project = Path(job["project_dir"])
    written = _hand_written(project, job["generated"])
    base = _fit(project, written)
    replies = job["replies"]
    if mode == "attribute":
        pairs = consistent(_attribute(base, replies), [text for text, _ in written])
        Path(target).write_text(_as_yaml(job["header"], pairs), encoding="utf-8")
        print(f"{len(pairs)} clauses from {len(replies)} replies")
    else:
        Path(target).write_text(json.dumps(_cross_author(project, written, base, replies)), encoding="utf-8")
    return 0


def _hand_written(project: Path, generated: str) -> Pairs:
    pairs: Pairs = []
    for path in sorted((project / "data").glob("*.yml")):
        if path.name != generated:
            examples = load_data(str(path)).intent_examples
            pairs += [(e.get("text"), e.get("intent")) for e in examples if e.get("text") and e.get("intent")]
    return pairs


def _fit(project: Path, pairs: Pairs, replies: Sequence[Dict[str, Any]] = (), written: Pairs = ()) -> ClauseClassifier:
    """The served component, configured as config.yml says, fitted in memory (nothing is written).

    Its reply-level heads learn from `replies` only if config.yml gives it reply labels, and from the hand-written
    clauses alone if it tells them to skip the generated ones, as training would."""
    config = yaml.safe_load((project / "config.yml").read_text(encoding="utf-8"))
    settings = next(c for c in config["pipeline"] if c["name"].endswith("ClauseClassifier"))
    component = ClauseClassifier({k: v for k, v in settings.items() if k != "name"}, None, None)
    labelled = [(r["text"], set(r["labels"])) for r in replies] if component.config["reply_labels"] else []
    component.fit(pairs, labelled, written if component.config["reply_skip_data"] else None)
    return component


def _attribute(component: ClauseClassifier, replies: List[Dict[str, Any]]) -> Pairs:
    model = component.model
    names = list(model.classes_)
    pairs: Pairs = []
    for reply in replies:
        clauses = split_clauses(reply["text"]) or [reply["text"]]
        rows = model.predict_proba(clauses)
        probabilities = [dict(zip(names, map(float, row), strict=True)) for row in rows]
        pairs += attribute_reply(clauses, reply["labels"], probabilities)
    # Rasa reads "[text](entity)" as an entity annotation; such clauses are too rare to escape.
    return [(text, intent) for text, intent in pairs if "[" not in text and "]" not in text]


def _cross_author(
    project: Path, written: Pairs, base: ClauseClassifier, replies: List[Dict[str, Any]]
) -> Dict[str, Any]:
    sets = sorted({r["set"] for r in replies})
    attributed = {s: _attribute(base, [r for r in replies if r["set"] == s]) for s in sets}
    predictions: Dict[str, Any] = {}
    for left_out in sets:
        held = [r for r in replies if r["set"] == left_out]
        held_clauses = {c for r in held for c in split_clauses(r["text"])}
        others = [p for s in sets if s != left_out for p in attributed[s] if p[0] not in held_clauses]
        other_replies = [r for r in replies if r["set"] != left_out]
        pairs = written + consistent(others, [text for text, _ in written])
        component = _fit(project, pairs, other_replies, written)
        predictions[left_out] = _parses(component, [r["text"] for r in held])
        print(f"{left_out}: trained on {len(others)} clauses of the other sets", flush=True)
    return predictions


def _parses(component: ClauseClassifier, texts: List[str]) -> Dict[str, Any]:
    """What the server's /model/parse answers for each text: the component's own process()."""
    messages = component.process([Message(data={TEXT: text}) for text in texts])
    keys = (INTENT, INTENT_RANKING_KEY, CLAUSES, REPLY)
    return {m.get(TEXT): {key: m.get(key) for key in keys} for m in messages}


def _as_yaml(header: str, pairs: Pairs) -> str:
    by_intent: Dict[str, List[str]] = {}
    for text, intent in pairs:
        by_intent.setdefault(intent, []).append(text)
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += ['version: "3.1"', "", "nlu:"]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {text}" for text in by_intent[intent]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

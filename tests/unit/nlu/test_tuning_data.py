"""The generated training clauses (nlu/data/tuning_clauses.yml) match the labelled tuning sets they come from."""

from __future__ import annotations

from pathlib import Path

import yaml

from nlu.attribution import NO_ELEMENT
from nlu.clauses import split_clauses
from nlu.labelled import set_name, set_order
from nlu.tuning_data import GENERATED, recorded_hash, source_hash, staleness, tuning_replies
from tests.conftest import REPO

PROJECT = REPO / "nlu"


def _generated_examples() -> list[tuple[str, str]]:
    document = yaml.safe_load((PROJECT / "data" / GENERATED).read_text(encoding="utf-8"))
    return [
        (line[2:], block["intent"])
        for block in document["nlu"]
        for line in block["examples"].splitlines()
        if line.startswith("- ")
    ]


def test_the_generated_clauses_were_made_from_the_current_sources() -> None:
    # Fails after an edit to nlu/dev, the hand-written data, config.yml or the attribution rule:
    # run `coach nlu attribute` and commit the regenerated file.
    assert recorded_hash(PROJECT) == source_hash(PROJECT)


def test_every_generated_clause_comes_from_a_tuning_reply_with_that_label() -> None:
    allowed: dict[str, set[str]] = {}
    for reply in tuning_replies(PROJECT, max_chars=2000):
        labels = set(reply["labels"]) | {NO_ELEMENT}
        if "greeting" in labels:
            labels.add("generic_greeting")
        for clause in split_clauses(reply["text"]):
            allowed.setdefault(clause, set()).update(labels)

    examples = _generated_examples()

    assert len(examples) > 1000
    strays = [(text, intent) for text, intent in examples if intent not in allowed.get(text, set())]
    assert strays == []


def test_source_hash_follows_the_labelled_replies(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "dev1.jsonl").write_text('{"text": "Hi!", "elements": ["greeting"]}\n', encoding="utf-8")
    before = source_hash(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / GENERATED).write_text("# source: 0123456789abcdef\n", encoding="utf-8")
    assert source_hash(tmp_path) == before  # the generated file is output, not input
    assert recorded_hash(tmp_path) == "0123456789abcdef"

    (tmp_path / "dev" / "dev1.jsonl").write_text('{"text": "Hi!", "elements": []}\n', encoding="utf-8")

    assert source_hash(tmp_path) != before


def test_set_name_groups_an_authors_files() -> None:
    assert set_name(Path("dev5_store.jsonl")) == set_name(Path("dev5_hard.jsonl")) == "dev5"
    assert set_name(Path("dev.jsonl")) == "dev"


def test_unjudgeable_tuning_replies_are_left_out(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    lines = ['{"text": "Sorry, I will fix it.", "elements": ["apology"]}', '{"text": "🙂🙂", "elements": []}']
    (tmp_path / "dev" / "dev9_x.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    replies = tuning_replies(tmp_path, max_chars=2000)

    assert [(r["set"], r["text"]) for r in replies] == [("dev9", "Sorry, I will fix it.")]


def test_staleness_says_how_to_regenerate_only_when_the_sources_changed(tmp_path: Path) -> None:
    assert staleness(tmp_path) is None  # no tuning sets, nothing to generate
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "dev1.jsonl").write_text('{"text": "Hi!", "elements": ["greeting"]}\n', encoding="utf-8")
    assert "coach nlu attribute" in (staleness(tmp_path) or "")  # never generated

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / GENERATED).write_text(f"# source: {source_hash(tmp_path)}\n", encoding="utf-8")

    assert staleness(tmp_path) is None


def test_sets_sort_by_their_number() -> None:
    assert sorted(["dev10", "dev2", "dev", "dev9"], key=set_order) == ["dev", "dev2", "dev9", "dev10"]

"""The NLU model is cached by the content of everything that shapes it."""

from __future__ import annotations

from pathlib import Path

from nlu.server import NluPaths, cached_model, model_hash


def project(root: Path) -> Path:
    (root / "data").mkdir(parents=True)
    (root / "config.yml").write_text("pipeline: []\n")
    (root / "domain.yml").write_text("intents: [thanks]\n")
    (root / "data" / "nlu.yml").write_text("nlu: []\n")
    return root


def test_hash_changes_with_training_data_config_and_rasa_pins(tmp_path: Path) -> None:
    root = project(tmp_path / "nlu")
    first = model_hash(root)
    assert model_hash(root) == first
    (root / "data" / "nlu.yml").write_text("nlu: [x]\n")
    second = model_hash(root)
    (root / "config.yml").write_text("pipeline: [y]\n")
    third = model_hash(root)
    (root / "requirements-rasa.txt").write_text("rasa==3.6.21\n")
    fourth = model_hash(root)
    assert len({first, second, third, fourth}) == 4


def test_hash_changes_with_the_tuning_replies_the_tone_head_learns_from(tmp_path: Path) -> None:
    root = project(tmp_path / "nlu")
    (root / "dev").mkdir()
    (root / "dev" / "dev.jsonl").write_text('{"text": "Whatever.", "elements": ["dismissive"]}\n')
    before = model_hash(root)
    (root / "dev" / "dev.jsonl").write_text('{"text": "Whatever.", "elements": []}\n')
    assert model_hash(root) != before


def test_files_outside_the_project_inputs_do_not_matter(tmp_path: Path) -> None:
    root = project(tmp_path / "nlu")
    before = model_hash(root)
    (root / "README.md").write_text("notes\n")
    (root / "eval").mkdir()
    (root / "eval" / "heldout.jsonl").write_text("{}\n")
    assert model_hash(root) == before


def test_cached_model_is_named_after_the_hash(tmp_path: Path) -> None:
    root = project(tmp_path / "nlu")
    paths = NluPaths(root, tmp_path / "venv", tmp_path / "cache", tmp_path / "var")
    assert cached_model(paths) == tmp_path / "cache" / "models" / f"nlu-{model_hash(root)}.tar.gz"

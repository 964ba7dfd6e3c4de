"""`coach nlu eval` as a user runs it, against the real trained server and the real labelled files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration
COACH = REPO / ".venv" / "bin" / "coach"


def _eval(rasa_url: str, tmp_path: Path, *args: str, project: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASA_URL": rasa_url, "VAR_DIR": str(tmp_path / "var")}
    if project is not None:
        env["NLU_PROJECT_DIR"] = str(project)
    return subprocess.run(
        [str(COACH), "nlu", "eval", "--no-cross-validation", "--json", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )


def _summaries(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def test_eval_scores_every_held_out_file_then_all_of_them_together(rasa_url: str, tmp_path: Path) -> None:
    done = _eval(rasa_url, tmp_path)

    assert done.returncode == 0, done.stderr
    summaries = _summaries(done.stdout)
    held_out = sorted(p.name for p in (REPO / "nlu" / "eval").glob("*.jsonl"))
    assert [s["file"] for s in summaries][: len(held_out)] == held_out
    combined = summaries[-1]
    assert combined["file"] == "held-out (all nlu/eval files)"
    assert combined["rows"] == sum(s["rows"] for s in summaries if s["file"] in held_out)
    # A working model is far better than chance on every element; a broken one (all out_of_scope) scores 0.
    assert combined["macro_f1"] > 0.7
    assert all(scores["f1"] > 0.4 for scores in combined["elements"].values()), combined["elements"]


def test_dev_measures_only_the_tuning_set(rasa_url: str, tmp_path: Path) -> None:
    rows = [
        {"text": "I'm so sorry about that, I'll sort it out myself.", "elements": ["apology", "ownership"]},
        {"text": "That's not my department.", "elements": ["deflection"]},
    ]
    project = _tuning_project(tmp_path, {"tiny.jsonl": rows})

    done = _eval(rasa_url, tmp_path, "--dev", project=project)

    assert done.returncode == 0, done.stderr
    summaries = _summaries(done.stdout)
    assert [s["file"] for s in summaries] == ["tiny.jsonl", "tuning (all nlu/dev files)"]
    assert summaries[-1]["rows"] == 2


def test_eval_without_labelled_files_says_where_it_looked(rasa_url: str, tmp_path: Path) -> None:
    project = tmp_path / "nlu"
    shutil.copytree(REPO / "nlu", project, ignore=shutil.ignore_patterns("eval", "dev", ".rasa", "__pycache__"))

    done = _eval(rasa_url, tmp_path, "--dev", project=project)

    assert done.returncode != 0
    assert f"No labelled files in {project / 'dev'}" in done.stdout + done.stderr


def _tuning_project(tmp_path: Path, files: dict[str, list[dict[str, Any]]]) -> Path:
    project = tmp_path / "nlu"
    shutil.copytree(REPO / "nlu", project, ignore=shutil.ignore_patterns("eval", "dev", ".rasa", "__pycache__"))
    (project / "dev").mkdir()
    for name, rows in files.items():
        (project / "dev" / name).write_text("".join(json.dumps(row) + "\n" for row in rows))
    return project


def test_the_scenario_customer_is_matched_as_in_a_drill(rasa_url: str, tmp_path: Path) -> None:
    reply = {"text": "One oat flat white and a croissant coming up.", "elements": ["personalization", "solution"]}
    customer = {"name": "Priya", "preference": "oat flat white"}
    files = {"a_scenario.jsonl": [{**reply, "customer": customer}], "b_bare.jsonl": [reply]}
    project = _tuning_project(tmp_path, files)

    done = _eval(rasa_url, tmp_path, "--dev", project=project)

    assert done.returncode == 0, done.stderr
    by_file = {s["file"]: s["elements"]["personalization"] for s in _summaries(done.stdout)}
    # Only the scenario says this is the customer's usual; the wording alone does not.
    assert by_file["a_scenario.jsonl"]["recall"] == 1.0
    assert by_file["b_bare.jsonl"]["recall"] == 0.0


def test_a_malformed_customer_names_the_file_and_line(rasa_url: str, tmp_path: Path) -> None:
    rows = [{"text": "Hi!", "elements": ["greeting"]}, {"text": "Hi!", "elements": [], "customer": "Priya"}]
    project = _tuning_project(tmp_path, {"bad.jsonl": rows})

    done = _eval(rasa_url, tmp_path, "--dev", project=project)

    assert done.returncode != 0
    assert "bad.jsonl:2" in done.stdout + done.stderr
    assert '"customer" must be an object' in done.stdout + done.stderr

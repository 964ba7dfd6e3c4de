"""`coach nlu attribute` and the leave-one-author-out parses, run for real in Rasa's venv on a tiny project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.errors import NluSetupError
from nlu.server import NluPaths, run_rasa_python
from nlu.tuning_data import GENERATED, TOOL, cross_author_parses, recorded_hash, source_hash, tuning_replies
from tests.conftest import REPO

pytestmark = pytest.mark.integration
COACH = REPO / ".venv" / "bin" / "coach"
HAND_WRITTEN = {
    "apology": ["I'm so sorry", "sorry about that", "apologies for the wait", "I do apologise"],
    "solution": ["I'll send a new one today", "I can refund that now", "let me replace it", "I'll swap it"],
    "dismissive": ["calm down", "whatever", "not my problem", "did you even look"],
    "out_of_scope": ["it's on aisle four", "we close at nine", "what size?", "sure"],
}
SETS = {
    "dev1.jsonl": [
        {"text": "So sorry - I'll swap it for you now.", "elements": ["apology", "solution"]},
        {"text": "Whatever, it's on aisle four.", "elements": ["dismissive"]},
    ],
    "dev2_store.jsonl": [
        {"text": "Apologies! I'll get you a new one.", "elements": ["apology", "solution"]},
        {"text": "We close at nine.", "elements": []},
    ],
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "nlu"
    shutil.copytree(REPO / "nlu", root, ignore=shutil.ignore_patterns("eval", "dev", "data", ".rasa", "__pycache__"))
    (root / "data").mkdir()
    blocks = [{"intent": i, "examples": "".join(f"- {t}\n" for t in texts)} for i, texts in HAND_WRITTEN.items()]
    (root / "data" / "hand.yml").write_text(yaml.safe_dump({"version": "3.1", "nlu": blocks}), encoding="utf-8")
    (root / "dev").mkdir()
    for name, rows in SETS.items():
        (root / "dev" / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


def _paths(project: Path, tmp_path: Path) -> NluPaths:
    return NluPaths(project, (REPO / ".venv-rasa").absolute(), tmp_path / "cache", tmp_path / "var")


def test_attribute_writes_each_clause_with_one_of_its_replys_labels(project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NLU_PROJECT_DIR": str(project), "VAR_DIR": str(tmp_path / "var")}

    done = subprocess.run([str(COACH), "nlu", "attribute"], capture_output=True, text=True, env=env, timeout=300)

    assert done.returncode == 0, done.stderr
    assert f"Wrote nlu/data/{GENERATED}" in done.stderr
    assert recorded_hash(project) == source_hash(project)
    document = yaml.safe_load((project / "data" / GENERATED).read_text(encoding="utf-8"))
    taught = {(line[2:], block["intent"]) for block in document["nlu"] for line in block["examples"].splitlines()}
    assert ("So sorry", "apology") in taught
    assert ("I'll swap it for you now.", "solution") in taught
    # "it's on aisle four" is hand-written already; "Whatever" is hand-written too, case aside.
    assert not any(text.lower().strip(".,") in {"whatever", "we close at nine"} for text, _ in taught)
    assert all(intent in {"apology", "solution", "dismissive", "out_of_scope"} for _, intent in taught)


def test_cross_author_parses_judge_each_set_with_a_model_that_never_read_it(project: Path, tmp_path: Path) -> None:
    parses = cross_author_parses(_paths(project, tmp_path), tuning_replies(project, max_chars=2000))

    assert set(parses) == {"dev1", "dev2"}
    assert set(parses["dev2"]) == {"Apologies! I'll get you a new one.", "We close at nine."}
    split = parses["dev2"]["Apologies! I'll get you a new one."]
    assert [c["text"] for c in split["clauses"]] == ["Apologies!", "I'll get you a new one."]
    assert split["clauses"][0]["intent_ranking"][0]["name"] == "apology"
    # The reply-level heads are trained as `coach nlu train` would (config.yml's reply_labels), without the
    # left-out set: one head per element the other set labels.
    sorry, closing = (parses["dev2"][t]["reply"] for t in ("Apologies! I'll get you a new one.", "We close at nine."))
    assert set(sorry) == set(closing) == {"apology", "solution", "dismissive"}
    assert 0.0 <= closing["apology"] < sorry["apology"] <= 1.0
    curt, kind = (
        parses["dev1"][t]["reply"] for t in ("Whatever, it's on aisle four.", "So sorry - I'll swap it for you now.")
    )
    assert set(curt) == {"apology", "solution"}  # dev2 labels no reply dismissive
    assert 0.0 <= curt["apology"] < kind["apology"] <= 1.0


def test_the_reply_heads_skip_the_generated_clauses(project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NLU_PROJECT_DIR": str(project), "VAR_DIR": str(tmp_path / "var")}
    asked = [["So sorry", "apology"], ["I'm so sorry", "apology"], ["We close at nine.", "out_of_scope"]]
    script = (
        "import json, os, sys; os.chdir(sys.argv[1]);"
        "from nlu.rasa_addons.clause_classifier import ClauseClassifier as C;"
        "print(json.dumps(C({'reply_skip_data': sys.argv[2]}, None, None).head_examples(json.loads(sys.argv[3]))))"
    )

    def heads_learn_from(skip: str) -> list[list[str]]:
        args = ["-c", script, str(project), skip, json.dumps(asked)]
        return list(json.loads(run_rasa_python(_paths(project, tmp_path), args, what="head_examples")))

    # Before `coach nlu attribute` there is no generated file, and nothing to skip.
    assert heads_learn_from(f"data/{GENERATED}") == asked
    attributed = subprocess.run([str(COACH), "nlu", "attribute"], capture_output=True, text=True, env=env, timeout=300)
    assert attributed.returncode == 0, attributed.stderr
    # "So sorry" was attributed from dev1's reply; the hand-written "I'm so sorry" stays.
    assert heads_learn_from(f"data/{GENERATED}") == [["I'm so sorry", "apology"], ["We close at nine.", "out_of_scope"]]


def test_a_failing_tool_run_raises_a_setup_error_with_its_output(project: Path, tmp_path: Path) -> None:
    with pytest.raises(NluSetupError, match="unknown mode 'bogus'"):
        run_rasa_python(_paths(project, tmp_path), ["-m", TOOL, "bogus", "/dev/null", "/dev/null"], what="Bogus")

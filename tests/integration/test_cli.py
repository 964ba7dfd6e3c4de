"""The `coach` command as a user runs it: real processes, a real SQLite file, a real Rasa server."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.integration
COACH = REPO / ".venv" / "bin" / "coach"


class Coach:
    """Runs `coach` with its own database and var folder."""

    def __init__(self, tmp_path: Path, rasa_url: str) -> None:
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'coach.db'}",
            "VAR_DIR": str(tmp_path / "var"),
            "RASA_URL": rasa_url,
        }

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(COACH), *args], input=stdin, capture_output=True, text=True, env=self.env, cwd=REPO, timeout=120
        )

    def ready(self) -> Coach:
        for step in (("db", "upgrade"), ("demo",)):
            done = self.run(*step)
            assert done.returncode == 0, done.stderr
        return self


def _messages(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def coach(tmp_path: Path, rasa_url: str) -> Coach:
    return Coach(tmp_path, rasa_url).ready()


def test_readme_command_prints_a_scored_result_and_stores_the_attempt(coach: Coach) -> None:
    done = coach.run(
        "chat",
        "--user",
        "demo-staff-1",
        "--touchpoint",
        "store_entrance",
        "--json",
        stdin="Thanks for coming in! Can I point you in a direction?\n",
    )
    assert done.returncode == 0, done.stderr
    messages = _messages(done.stdout)
    assert [m["type"] for m in messages] == ["prompt", "feedback", "result"]
    result = messages[-1]
    assert 0 <= result["score"] <= 100 and isinstance(result["passed"], bool)
    import sqlite3

    database = coach.env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT reply_text, status, score FROM attempt").fetchall()
    assert rows == [("Thanks for coming in! Can I point you in a direction?", "scored", result["score"])]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--user", "ghost-9", "--touchpoint", "store_entrance"), "ghost-9"),
        (("--user", "demo-staff-1", "--touchpoint", "karaoke_night"), "karaoke_night"),
    ],
)
def test_unknown_user_or_touchpoint_exits_nonzero_naming_it(coach: Coach, args: tuple[str, ...], named: str) -> None:
    done = coach.run("chat", *args, "--json", stdin="hello\n")
    assert done.returncode == 2
    assert named in done.stderr and "Traceback" not in done.stderr + done.stdout


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        ("", "empty"),
        ("a" * 40_000, "too_long"),
        ("\x07\x1b[31m\x01", "empty"),
        ("🎉🎉🎉", "no_words"),
        ("Bonjour madame, je peux vous aider à trouver quelque chose?", "not_english"),
    ],
)
def test_bad_replies_get_a_clear_message_not_a_traceback(coach: Coach, reply: str, code: str) -> None:
    done = coach.run("chat", "--user", "demo-staff-2", "--touchpoint", "store_entrance", "--json", stdin=reply + "\n")
    assert done.returncode == 0, done.stderr
    notices = [m for m in _messages(done.stdout) if m["type"] == "notice"]
    assert notices[0]["code"] == code and notices[0]["text"]
    assert "Traceback" not in done.stderr


def test_rasa_down_keeps_the_reply_pending_then_score_pending_scores_it(coach: Coach, dead_rasa_url: str) -> None:
    live_url = coach.env["RASA_URL"]
    coach.env["RASA_URL"] = dead_rasa_url
    done = coach.run(
        "chat",
        "--user",
        "demo-staff-3",
        "--touchpoint",
        "store_entrance",
        "--json",
        stdin="Welcome in! Thanks for stopping by, what can I help you find?\n",
    )
    assert done.returncode == 3, done.stderr
    assert _messages(done.stdout)[-1]["code"] == "pending"
    refused = coach.run("score-pending")
    assert refused.returncode == 3 and "unreachable" in refused.stderr and "Traceback" not in refused.stderr

    coach.env["RASA_URL"] = live_url
    scored = coach.run("score-pending", "--json")
    assert scored.returncode == 0, scored.stderr
    types = [m["type"] for m in _messages(scored.stdout)]
    assert types == ["scored", "feedback", "result"]
    assert "Scored 1 pending reply" in scored.stderr


def test_analyze_prints_one_json_object_per_text(coach: Coach) -> None:
    done = coach.run("analyze", "--json", stdin="That's not my department.\nI'm so sorry about the wait.\n")
    assert done.returncode == 0, done.stderr
    rows = _messages(done.stdout)
    assert [r["text"] for r in rows] == ["That's not my department.", "I'm so sorry about the wait."]
    assert "deflection" in rows[0]["elements"] and "apology" in rows[1]["elements"]


def test_demo_seeding_is_idempotent(coach: Coach) -> None:
    again = coach.run("demo")
    assert again.returncode == 0 and "(0 new)" in again.stderr

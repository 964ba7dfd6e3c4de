"""The one settings object: defaults, environment overrides and validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from bot.settings import Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No stray variable from the machine may leak into a test."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
        monkeypatch.delenv(name, raising=False)


def test_defaults():
    settings = Settings(_env_file=None)

    assert settings.database_url == "sqlite:///var/coach.db"
    assert settings.rasa_url == "http://127.0.0.1:5005"
    assert settings.rasa_timeout_seconds == 10.0
    assert settings.rasa_venv == Path(".venv-rasa")
    assert settings.nlu_project_dir == Path("nlu")
    assert settings.var_dir == Path("var")
    assert settings.cache_dir == Path.home() / ".cache" / "frontline-coach"
    assert settings.slack_bot_token is None
    assert settings.slack_app_token is None
    assert settings.slack_signing_secret is None
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.default_timezone == "UTC"
    assert settings.max_reply_chars == 2000
    assert settings.element_confidence == 0.45
    assert settings.log_level == "WARNING"


def test_environment_overrides_defaults_and_is_converted_to_field_types(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://coach@db/coach")
    monkeypatch.setenv("RASA_URL", "http://rasa:5005")
    monkeypatch.setenv("RASA_TIMEOUT_SECONDS", "2.5")
    monkeypatch.setenv("MAX_REPLY_CHARS", "500")
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Europe/London")
    monkeypatch.setenv("VAR_DIR", "/srv/coach")

    settings = Settings(_env_file=None)

    assert settings.database_url == "postgresql+psycopg://coach@db/coach"
    assert settings.rasa_url == "http://rasa:5005"
    assert settings.rasa_timeout_seconds == 2.5
    assert settings.max_reply_chars == 500
    assert settings.default_timezone == "Europe/London"
    assert settings.var_dir == Path("/srv/coach")


def test_slack_secrets_are_hidden_from_repr(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-very-secret")

    settings = Settings(_env_file=None)

    assert isinstance(settings.slack_bot_token, SecretStr)
    assert settings.slack_bot_token.get_secret_value() == "xoxb-very-secret"
    assert "xoxb-very-secret" not in repr(settings)


def test_env_file_is_read_and_unknown_keys_are_ignored(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=sqlite:///from-file.db\nNOT_A_SETTING=1\n", encoding="utf-8")

    settings = Settings(_env_file=env_file)

    assert settings.database_url == "sqlite:///from-file.db"


def test_environment_wins_over_env_file(tmp_path, monkeypatch):
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=sqlite:///from-file.db\n", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///from-env.db")

    assert Settings(_env_file=env_file).database_url == "sqlite:///from-env.db"


def test_invalid_timezone_is_rejected_with_a_message_naming_it(monkeypatch):
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus_Mons")

    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None)

    (error,) = caught.value.errors()
    assert error["loc"] == ("default_timezone",)
    assert "unknown timezone 'Mars/Olympus_Mons'; use an IANA name such as Europe/London" in error["msg"]


@pytest.mark.parametrize("zone", ["", "../etc/passwd"])
def test_malformed_timezone_is_rejected(zone):
    with pytest.raises(ValidationError, match="unknown timezone"):
        Settings(_env_file=None, default_timezone=zone)


@pytest.mark.parametrize("value", [0, -1])
def test_max_reply_chars_must_be_at_least_one(value):
    with pytest.raises(ValidationError, match="must be at least 1"):
        Settings(_env_file=None, max_reply_chars=value)

"""The one settings object, read once from the environment and `.env` at the entry point."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_cache_dir() -> Path:
    # Outside the checkout so that fresh clones (CI) reuse the Rasa venv and trained models.
    return Path.home() / ".cache" / "frontline-coach"


class Settings(BaseSettings):
    """Configuration for every entry point; see the README's configuration table."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = "sqlite:///var/coach.db"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_timeout_seconds: float = 10.0
    rasa_venv: Path = Path(".venv-rasa")
    nlu_project_dir: Path = Path("nlu")
    cache_dir: Path = _default_cache_dir()
    var_dir: Path = Path("var")
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    default_timezone: str = "UTC"
    # The organisation's own scripts: extend and override the default library by touchpoint id.
    library_dir: Path = Path("var/library")
    max_reply_chars: int = 2000
    element_confidence: float = 0.45
    log_level: str = "WARNING"
    # Labelled replies from public corpora, read by `coach nlu eval` when the folder exists.
    external_eval_dir: Path = Path("../shared/eval")

    @field_validator("default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown timezone {value!r}; use an IANA name such as Europe/London") from exc
        return value

    @field_validator("max_reply_chars")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value

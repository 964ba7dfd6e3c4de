"""Loads touchpoint scripts from YAML files; every error names the file and the field."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.errors import LibraryError
from scripts_library.schema import TouchpointScript

DEFAULT_LIBRARY_DIR = Path(__file__).resolve().parent / "touchpoints"


def _field_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts) or "(top level)"


def load_script(path: Path) -> TouchpointScript:
    """Parse and validate one script file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LibraryError(f"{path}: cannot read file: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise LibraryError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise LibraryError(f"{path}: expected a mapping of fields at the top level")
    try:
        return TouchpointScript.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(f"{_field_path(e['loc'])}: {e['msg']}" for e in exc.errors())
        raise LibraryError(f"{path}: {problems}") from exc


def load_library(directory: Path = DEFAULT_LIBRARY_DIR) -> dict[str, TouchpointScript]:
    """Load every `*.yml` script in a directory, keyed by touchpoint id, in file-name order."""
    if not directory.is_dir():
        raise LibraryError(f"{directory}: library directory not found")
    scripts: dict[str, TouchpointScript] = {}
    sources: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yml")):
        script = load_script(path)
        if script.id in scripts:
            raise LibraryError(f"{path}: id: {script.id!r} is already defined in {sources[script.id]}")
        scripts[script.id] = script
        sources[script.id] = path
    if not scripts:
        raise LibraryError(f"{directory}: no touchpoint scripts (*.yml) found")
    return scripts

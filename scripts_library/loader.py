"""Loads touchpoint scripts from YAML files; every problem names the file, the line and the field."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bot.errors import LibraryError
from scripts_library.problems import Problem, echoes_an_item, field_path, line_of
from scripts_library.schema import TouchpointScript, validation_context

DEFAULT_LIBRARY_DIR = Path(__file__).resolve().parent / "touchpoints"


def parse_script(path: Path) -> tuple[TouchpointScript | None, list[Problem]]:
    """Parse and validate one script file, returning the script or every problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [Problem(path, None, "", f"cannot read file: {exc.strerror}")]
    try:
        root = yaml.compose(text)
        raw: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return None, [Problem(path, line, "", f"not valid YAML: {getattr(exc, 'problem', None) or exc}")]
    if not isinstance(raw, dict):
        return None, [Problem(path, None, "", "expected a mapping of fields at the top level")]
    try:
        return TouchpointScript.model_validate(raw, context=validation_context(raw)), []
    except ValidationError as exc:
        return None, [
            Problem(path, line_of(root, e["loc"]), field_path(e["loc"]) or "(top level)", e["msg"])
            for e in exc.errors()
            if not echoes_an_item(e, exc.errors())
        ]


def load_script(path: Path) -> TouchpointScript:
    """Parse one script file; raises LibraryError listing every problem."""
    script, problems = parse_script(path)
    if script is None:
        raise LibraryError("; ".join(str(p) for p in problems))
    return script


def script_files(directory: Path) -> list[Path]:
    """The script files of a library directory, in name order."""
    if not directory.is_dir():
        raise LibraryError(f"{directory}: library directory not found")
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def load_directory(directory: Path) -> dict[str, tuple[TouchpointScript, Path]]:
    """Load every script of one directory, keyed by id; duplicate ids are an error."""
    scripts: dict[str, tuple[TouchpointScript, Path]] = {}
    for path in script_files(directory):
        script = load_script(path)
        if script.id in scripts:
            raise LibraryError(f"{path}: id: {script.id!r} is already defined in {scripts[script.id][1]}")
        scripts[script.id] = (script, path)
    return scripts


def load_library(directory: Path = DEFAULT_LIBRARY_DIR, overrides: Iterable[Path] = ()) -> dict[str, TouchpointScript]:
    """The default library, extended and overridden by touchpoint id by each override directory in turn."""
    merged = {key: script for key, (script, _) in load_directory(directory).items()}
    for extra in overrides:
        merged.update({key: script for key, (script, _) in load_directory(extra).items()})
    if not merged:
        raise LibraryError(f"{directory}: no touchpoint scripts (*.yml) found")
    return merged

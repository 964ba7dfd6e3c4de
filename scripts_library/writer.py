"""Writes touchpoint scripts as YAML that the loader reads back to the identical script, atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.errors import LibraryError
from scripts_library.schema import TouchpointScript, validation_context


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, so the files stay readable."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def script_yaml(script: TouchpointScript) -> str:
    """The script as YAML text; raises LibraryError if it would not load back to the same content."""
    data = script.model_dump(mode="json", exclude_defaults=True)
    data["situation"] = script.situation.value  # always shown, although routine is the default
    ordered: dict[str, Any] = {key: data[key] for key in TouchpointScript.model_fields if key in data}
    ordered["model_lines"] = [line["text"] if line.keys() == {"text"} else line for line in ordered["model_lines"]]
    text = yaml.dump(ordered, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    raw = yaml.safe_load(text)
    reloaded = TouchpointScript.model_validate(raw, context=validation_context(raw))
    if reloaded.content_hash() != script.content_hash():
        raise LibraryError(f"{script.id}: the script does not survive being written as YAML")
    return text


def write_files(files: Mapping[Path, str]) -> None:
    """Write every file through a temporary file in its folder, then move them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((Path(name), path))
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)

"""Lints a library directory: every problem with file, line and field, plus warnings about weak content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from scripts_library.loader import parse_script, script_files
from scripts_library.problems import Problem, Severity, line_of
from scripts_library.schema import TouchpointScript

# Judges a model line: the elements it contains (the NLU analyzer in production).
Judge = Callable[[str], frozenset[str]]


def lint_directory(directory: Path, *, judge: Judge | None = None) -> list[Problem]:
    """Every problem in every script file of the directory, in file order."""
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in script_files(directory):
        script, found = parse_script(path)
        problems.extend(found)
        if script is None:
            continue
        root = _compose(path)
        if script.id in seen:
            message = f"{script.id!r} is already defined in {seen[script.id]}"
            problems.append(Problem(path, line_of(root, ("id",)), "id", message))
        seen.setdefault(script.id, path)
        problems.extend(content_warnings(script, path, root, judge))
    return problems


def _compose(path: Path) -> yaml.Node | None:
    return yaml.compose(path.read_text(encoding="utf-8"))


def content_warnings(
    script: TouchpointScript, path: Path, root: yaml.Node | None, judge: Judge | None
) -> list[Problem]:
    """Weak content in a valid script: an unreachable pass mark, odd weights, unmodelled critical elements."""
    problems: list[Problem] = []
    total = sum(script.rubric.required.values())
    if total < script.rubric.pass_mark:
        message = f"the required weights add up to {total}, below the pass mark {script.rubric.pass_mark}"
        problems.append(Problem(path, line_of(root, ("rubric", "pass_mark")), "rubric.pass_mark", message))
    elif total != 100:
        message = f"the required weights add up to {total}; scores are out of 100, so make them add up to 100"
        problems.append(
            Problem(path, line_of(root, ("rubric", "required")), "rubric.required", message, Severity.WARNING)
        )
    if judge is not None:
        said = frozenset().union(*(judge(line.text) for line in script.model_lines))
        for element in script.rubric.critical:
            if element not in said:
                message = f"critical element {element} is in no model line; show staff what it sounds like"
                line = line_of(root, ("model_lines",))
                problems.append(Problem(path, line, "model_lines", message, Severity.WARNING))
    return problems

"""Approved staff lines join the library, credited; suggested text is checked like a reply."""

from __future__ import annotations

from scripts_library.loader import load_library
from scripts_library.suggestions import ApprovedLine, check_suggestion, with_approved_lines


def test_approved_lines_become_credited_model_lines_of_their_touchpoint() -> None:
    library = load_library()
    merged = with_approved_lines(
        library,
        [
            ApprovedLine("checkout", "Thanks for your patience, find everything okay?", "Ava"),
            ApprovedLine("checkout", "thanks for your patience, find everything okay?", "Ben"),  # same line
            ApprovedLine("retired_touchpoint", "Hello!", "Cy"),  # no longer in the library
        ],
    )
    added = merged["checkout"].model_lines[len(library["checkout"].model_lines) :]
    assert [(m.text, m.credit) for m in added] == [("Thanks for your patience, find everything okay?", "Ava")]
    assert merged["checkout"].content_hash() != library["checkout"].content_hash()
    assert merged["store_entrance"] is library["store_entrance"]
    assert "retired_touchpoint" not in merged


def test_a_line_already_in_the_library_is_not_added_twice() -> None:
    library = load_library()
    existing = library["checkout"].model_lines[0].text
    merged = with_approved_lines(library, [ApprovedLine("checkout", existing.upper(), "Ava")])
    assert merged["checkout"] is library["checkout"]


def test_suggested_text_is_cleaned_and_checked() -> None:
    assert check_suggestion("  Thanks\tfor waiting!\n") == ("Thanks for waiting!", None)
    assert check_suggestion("")[1] is not None
    assert check_suggestion("🙂🙂")[1] is not None
    _, problem = check_suggestion("x" * 301)
    assert problem is not None and "301" in problem

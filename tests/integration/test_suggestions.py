"""Suggested lines flow from an employee to their store manager's approval to the library, on both databases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.db.models import DrillSession, LineSuggestion, SuggestionStatus
from bot.drill.messages import Feedback
from bot.drill.service import DrillService
from bot.errors import CoachError, NotFoundError, PermissionDeniedError, UnknownTouchpointError
from bot.suggestions import SuggestionService
from nlu.analyzer import ReplyAnalyzer
from nlu.client import RasaClient
from scripts_library.loader import load_library
from tests.conftest import NOW

LINE = "Thanks for your patience today, did you find everything okay?"


@pytest.fixture
def suggestions(engine: Engine) -> SuggestionService:
    return SuggestionService(engine=engine, library=load_library())


@pytest.fixture
def drills(engine: Engine, rasa_url: str) -> Iterator[DrillService]:
    with RasaClient(rasa_url) as client, ReplyAnalyzer(client) as analyzer:
        yield DrillService(engine=engine, library=load_library(), analyzer=analyzer, max_reply_chars=2000)


@pytest.mark.integration
def test_approved_line_joins_the_organisations_library_credited_to_its_author(
    suggestions: SuggestionService, drills: DrillService, engine: Engine
) -> None:
    suggested = suggestions.suggest(user_id="demo-staff-1", touchpoint_id="checkout", text=LINE, now=NOW)
    assert suggested.status is SuggestionStatus.PENDING
    assert [v.id for v in suggestions.pending_for(user_id="demo-manager-1")] == [suggested.id]
    assert suggestions.pending_for(user_id="demo-manager-2") == []  # another store's manager

    before = drills.start(user_id="demo-staff-2", touchpoint_id="checkout", channel="test", now=NOW)
    approved = suggestions.decide(user_id="demo-manager-1", suggestion_id=suggested.id, approve=True, now=NOW)
    assert approved.status is SuggestionStatus.APPROVED
    after = drills.start(user_id="demo-staff-2", touchpoint_id="checkout", channel="test", now=NOW)

    with Session(engine) as session:
        first, second = (session.get_one(DrillSession, d.drill_id).script_version for d in (before, after))
        assert (first.version, second.version) == (1, 2)
        assert second.content["model_lines"][-1] == {"text": LINE, "credit": "Ava"}
        assert LINE not in [m["text"] for m in first.content["model_lines"]]
    # The credited line is offered as a model line in feedback (seeded to pick the last line).
    n_lines = len(second.content["model_lines"])
    feedbacks = []
    for _ in range(n_lines):
        started = drills.start(user_id="demo-staff-3", touchpoint_id="checkout", channel="test", now=NOW)
        feedbacks += [
            m
            for m in drills.reply(drill_id=started.drill_id, text="Thanks!", now=NOW).messages
            if isinstance(m, Feedback)
        ]
    assert ("Ava", LINE) in {(f.model_line_credit, f.model_line) for f in feedbacks}


def test_only_the_right_people_decide_and_only_once(suggestions: SuggestionService, engine: Engine) -> None:
    suggested = suggestions.suggest(user_id="demo-staff-4", touchpoint_id="checkout", text=LINE, now=NOW)
    for user in ("demo-manager-1", "demo-staff-5", "demo-hr"):
        with pytest.raises(PermissionDeniedError):
            suggestions.decide(user_id=user, suggestion_id=suggested.id, approve=True, now=NOW)
    rejected = suggestions.decide(
        user_id="demo-manager-2", suggestion_id=suggested.id, approve=False, now=NOW, note="Too long"
    )
    assert rejected.status is SuggestionStatus.REJECTED
    with pytest.raises(CoachError, match="already rejected"):
        suggestions.decide(user_id="demo-manager-2", suggestion_id=suggested.id, approve=True, now=NOW)
    with pytest.raises(NotFoundError):
        suggestions.decide(user_id="demo-manager-2", suggestion_id=9999, approve=True, now=NOW)
    with pytest.raises(PermissionDeniedError):
        suggestions.pending_for(user_id="demo-staff-4")
    with Session(engine) as session:
        row = session.scalars(select(LineSuggestion)).one()
        assert (row.decision_note, row.decided_at) == ("Too long", NOW)


def test_bad_suggestions_are_refused_with_a_reason(suggestions: SuggestionService) -> None:
    with pytest.raises(UnknownTouchpointError):
        suggestions.suggest(user_id="demo-staff-1", touchpoint_id="nowhere", text=LINE, now=NOW)
    with pytest.raises(CoachError, match="English"):
        suggestions.suggest(
            user_id="demo-staff-1", touchpoint_id="checkout", text="Gracias por su paciencia, señora", now=NOW
        )
    with pytest.raises(CoachError, match="emoji"):
        suggestions.suggest(user_id="demo-staff-1", touchpoint_id="checkout", text="👍👍", now=NOW)

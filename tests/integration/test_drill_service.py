"""The drill service end to end against a real Rasa server and real databases (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.db.models import Attempt, AttemptStatus, DrillSession, DrillStatus, ScriptVersion
from bot.drill.messages import Feedback, Notice, Prompt, Result
from bot.drill.service import DrillService
from bot.errors import CoachError, UnknownTouchpointError, UnknownUserError
from nlu.analyzer import ReplyAnalyzer
from nlu.client import RasaClient
from scripts_library.loader import load_library
from tests.conftest import NOW

pytestmark = pytest.mark.integration


def _service(engine: Engine, url: str) -> Iterator[DrillService]:
    client = RasaClient(url, timeout=5.0)
    analyzer = ReplyAnalyzer(client)
    yield DrillService(engine=engine, library=load_library(), analyzer=analyzer, max_reply_chars=2000)
    analyzer.close()
    client.close()


@pytest.fixture
def service(engine: Engine, rasa_url: str) -> Iterator[DrillService]:
    yield from _service(engine, rasa_url)


@pytest.fixture
def service_without_nlu(engine: Engine, dead_rasa_url: str) -> Iterator[DrillService]:
    yield from _service(engine, dead_rasa_url)


def _attempts(engine: Engine) -> list[Attempt]:
    with Session(engine) as session:
        return list(session.scalars(select(Attempt).order_by(Attempt.id)))


def test_a_good_greeting_is_stored_scored_and_passes(service: DrillService, engine: Engine) -> None:
    started = service.start(user_id="demo-staff-1", touchpoint_id="store_entrance", channel="test", now=NOW)
    assert isinstance(started.messages[0], Prompt)
    reply = service.reply(
        drill_id=started.drill_id, text="Thanks for coming in! Can I point you in a direction?", now=NOW
    )
    feedback, result = reply.messages
    assert isinstance(feedback, Feedback) and isinstance(result, Result)
    assert result.passed and result.score >= 70
    [attempt] = _attempts(engine)
    assert attempt.status is AttemptStatus.SCORED
    assert {"thanks", "offer_help"} <= set(attempt.elements or [])
    assert attempt.score == result.score and attempt.created_at == NOW
    with Session(engine) as session:
        drill = session.get_one(DrillSession, started.drill_id)
        assert drill.status is DrillStatus.COMPLETED and drill.score == result.score
        assert drill.script_version.touchpoint_id == "store_entrance" and drill.script_version.version == 1


def test_a_throwaway_greeting_fails(service: DrillService) -> None:
    started = service.start(user_id="demo-staff-2", touchpoint_id="store_entrance", channel="test", now=NOW)
    reply = service.reply(drill_id=started.drill_id, text="How ya doin' today?", now=NOW)
    result = reply.messages[-1]
    assert isinstance(result, Result) and not result.passed


@pytest.mark.parametrize(("said", "personal"), [("Dana", True), ("Tom", False)])
def test_only_the_scenario_customers_name_is_personal(
    service: DrillService, engine: Engine, said: str, personal: bool
) -> None:
    started = service.start(
        user_id="demo-staff-1", touchpoint_id="store_entrance", channel="test", now=NOW, scenario_id="first_visit"
    )
    service.reply(
        drill_id=started.drill_id, text=f"Hi {said}, thanks for coming in! Can I help you find anything?", now=NOW
    )
    [attempt] = _attempts(engine)
    # The model hears a name either way; only the scenario knows the customer is Dana.
    assert ("personalization" in (attempt.elements or [])) is personal
    assert {"greeting", "thanks", "offer_help"} <= set(attempt.elements or [])


def test_recovery_drill_reacts_to_a_missing_apology_then_scores_both_turns(
    service: DrillService, engine: Engine
) -> None:
    started = service.start(
        user_id="demo-staff-3", touchpoint_id="late_delivery", scenario_id="upset_parent", channel="test", now=NOW
    )
    first = service.reply(drill_id=started.drill_id, text="Let me look into it for you.", now=NOW)
    feedback, next_prompt = first.messages
    assert isinstance(feedback, Feedback) and not feedback.final
    assert isinstance(next_prompt, Prompt) and next_prompt.turn == 2
    assert "You haven't even said sorry." in next_prompt.reactions
    second = service.reply(
        drill_id=started.drill_id,
        text="I'm so sorry. I'll send a replacement by express today and text you the tracking number.",
        now=NOW + timedelta(minutes=1),
    )
    assert isinstance(second.messages[-1], Result)
    assert [a.turn_index for a in _attempts(engine)] == [0, 1]


def test_meta_commands_are_not_scored(service: DrillService, engine: Engine) -> None:
    started = service.start(user_id="demo-staff-1", touchpoint_id="checkout", channel="test", now=NOW)
    repeated = service.reply(drill_id=started.drill_id, text="repeat", now=NOW)
    assert isinstance(repeated.messages[0], Prompt)
    stopped = service.reply(drill_id=started.drill_id, text="stop", now=NOW)
    assert isinstance(stopped.messages[0], Notice) and stopped.messages[0].code == "stopped"
    assert [a.status for a in _attempts(engine)] == [AttemptStatus.NOT_SCORED] * 2
    assert not service.active_drill(drill_id=started.drill_id)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("x" * 40_000, "too_long"),
        ("\x00\x07\x1b", "empty"),
        ("🙂🙂🙏", "no_words"),
        ("Hola, bienvenido a la tienda. ¿En qué puedo ayudarle hoy?", "not_english"),
        ("欢迎光临，请问需要什么帮助？", "not_english"),
    ],
)
def test_replies_that_cannot_be_judged_are_kept_and_answered(
    service: DrillService, engine: Engine, text: str, code: str
) -> None:
    started = service.start(user_id="demo-staff-1", touchpoint_id="store_entrance", channel="test", now=NOW)
    reply = service.reply(drill_id=started.drill_id, text=text, now=NOW)
    [notice] = reply.messages
    assert isinstance(notice, Notice) and notice.code == code and notice.text
    [attempt] = _attempts(engine)
    assert attempt.status is AttemptStatus.NOT_SCORED and attempt.not_scored_reason == code
    assert attempt.reply_text == text.replace("\x00", "")
    assert service.active_drill(drill_id=started.drill_id)


def test_an_empty_reply_is_answered_and_not_stored(service: DrillService, engine: Engine) -> None:
    started = service.start(user_id="demo-staff-1", touchpoint_id="store_entrance", channel="test", now=NOW)
    [notice] = service.reply(drill_id=started.drill_id, text="   ", now=NOW).messages
    assert isinstance(notice, Notice) and notice.code == "empty"
    assert _attempts(engine) == []


def test_reply_is_kept_pending_when_rasa_is_down_and_scored_later(
    service_without_nlu: DrillService, service: DrillService, engine: Engine
) -> None:
    started = service_without_nlu.start(user_id="demo-staff-4", touchpoint_id="store_entrance", channel="test", now=NOW)
    text = "Hi, thanks for coming in! Can I help you find anything?"
    [notice] = service_without_nlu.reply(drill_id=started.drill_id, text=text, now=NOW).messages
    assert isinstance(notice, Notice) and notice.code == "pending"
    [attempt] = _attempts(engine)
    assert attempt.status is AttemptStatus.PENDING and attempt.reply_text == text
    with pytest.raises(CoachError):
        service_without_nlu.score_pending(now=NOW)

    [outcome] = service.score_pending(now=NOW + timedelta(minutes=5))
    assert outcome.attempt_id == attempt.id
    assert isinstance(outcome.messages[-1], Result)
    [attempt] = _attempts(engine)
    assert attempt.status is AttemptStatus.SCORED and attempt.scored_at == NOW + timedelta(minutes=5)
    assert service.score_pending(now=NOW) == []
    assert not service.active_drill(drill_id=started.drill_id)


def test_unknown_user_and_touchpoint_are_named(service: DrillService) -> None:
    with pytest.raises(UnknownUserError, match="nobody-7"):
        service.start(user_id="nobody-7", touchpoint_id="store_entrance", channel="test", now=NOW)
    with pytest.raises(UnknownTouchpointError, match="moon_landing"):
        service.start(user_id="demo-staff-1", touchpoint_id="moon_landing", channel="test", now=NOW)


def test_same_script_content_reuses_its_version(service: DrillService, engine: Engine) -> None:
    for _ in range(2):
        service.start(user_id="demo-staff-5", touchpoint_id="checkout", channel="test", now=NOW)
    with Session(engine) as session:
        versions = session.scalars(select(ScriptVersion).where(ScriptVersion.touchpoint_id == "checkout")).all()
        assert [v.version for v in versions] == [1]
        drills = session.scalars(select(DrillSession).order_by(DrillSession.id)).all()
        # Starting a new drill stops the employee's unfinished one.
        assert [d.status for d in drills] == [DrillStatus.STOPPED, DrillStatus.ACTIVE]

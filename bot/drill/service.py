"""The drill service: stores every reply first, then screens, analyses, scores and persists the transition."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from bot.db import repo
from bot.db.models import Attempt, AttemptStatus, DrillSession, DrillStatus
from bot.drill import engine as drill
from bot.drill.messages import Message, Notice
from bot.errors import CoachError, NluUnavailableError, UnknownTouchpointError
from nlu.analyzer import Analysis, MetaCommand
from nlu.screening import MESSAGES, Unjudgeable, screen
from scripts_library.deterministic import SCENARIO_DECIDED, decided_by_scenario, deterministic_elements
from scripts_library.schema import Scenario, TouchpointScript
from scripts_library.suggestions import with_approved_lines

logger = logging.getLogger(__name__)

PENDING_TEXT = (
    "Your reply is saved, but the coach can't reach its language service right now. "
    "It will be scored as soon as the service is back."
)


class Analyzer(Protocol):
    """Anything that detects the elements of a reply (the Rasa-backed ReplyAnalyzer in production)."""

    def analyze(self, text: str) -> Analysis: ...


@dataclass(frozen=True)
class DrillReply:
    """What the service did: which drill and attempt, and what to say."""

    drill_id: int
    attempt_id: int | None
    messages: tuple[Message, ...]


class DrillService:
    """Runs drills for any channel; one database session per step, opened here at the edge."""

    def __init__(
        self, *, engine: Engine, library: dict[str, TouchpointScript], analyzer: Analyzer, max_reply_chars: int
    ) -> None:
        self._engine = engine
        self._library = library
        self._analyzer = analyzer
        self._max_reply_chars = max_reply_chars
        self._versions: dict[int, TouchpointScript] = {}

    def start(
        self, *, user_id: str, touchpoint_id: str, channel: str, now: datetime, scenario_id: str | None = None
    ) -> DrillReply:
        """Open a drill for an employee; earlier unfinished drills of theirs are stopped."""
        if touchpoint_id not in self._library:
            raise UnknownTouchpointError(touchpoint_id, sorted(self._library))
        with Session(self._engine) as session, session.begin():
            employee = repo.get_employee(session=session, user_id=user_id)
            # The organisation's library: the files plus the lines its managers approved from staff.
            approved = repo.approved_lines(session=session, organisation_id=employee.organisation_id)
            script = with_approved_lines(self._library, approved)[touchpoint_id]
            scenario = _scenario(script, scenario_id)
            session.execute(
                update(DrillSession)
                .where(DrillSession.employee_id == employee.id, DrillSession.status == DrillStatus.ACTIVE)
                .values(status=DrillStatus.STOPPED, ended_at=now)
            )
            version = repo.ensure_script_version(session=session, script=script, now=now)
            record = repo.create_drill_session(
                session=session,
                employee=employee,
                script_version=version,
                scenario_id=scenario.id,
                channel=channel,
                now=now,
            )
            drill_id = record.id
        return DrillReply(drill_id, None, drill.start(script, scenario).messages)

    def reply(self, *, drill_id: int, text: str, now: datetime) -> DrillReply:
        """Store the employee's reply, then judge it; if the NLU is down the reply waits as pending."""
        if not text.strip():
            return DrillReply(drill_id, None, (Notice(Unjudgeable.EMPTY, MESSAGES[Unjudgeable.EMPTY]),))
        with Session(self._engine) as session, session.begin():
            record = session.get(DrillSession, drill_id)
            if record is None or record.status is not DrillStatus.ACTIVE:
                raise CoachError("That drill has ended. Start a new one.")
            attempt_id = repo.add_attempt(session=session, drill=record, reply_text=text, now=now).id
        try:
            messages = self._judge(attempt_id, now)
        except NluUnavailableError:
            logger.warning("NLU unavailable; attempt %s left pending", attempt_id, exc_info=True)
            messages = (Notice("pending", PENDING_TEXT),)
        return DrillReply(drill_id, attempt_id, messages)

    def score_pending(self, *, now: datetime) -> list[DrillReply]:
        """Score every pending attempt, oldest first; raises NluUnavailableError if the NLU is still down."""
        with Session(self._engine) as session:
            ids = repo.pending_attempt_ids(session=session)
        outcomes = []
        for attempt_id in ids:
            messages = self._judge(attempt_id, now)
            with Session(self._engine) as session:
                drill_id = session.get_one(Attempt, attempt_id).drill_session_id
            outcomes.append(DrillReply(drill_id, attempt_id, messages))
        return outcomes

    def _judge(self, attempt_id: int, now: datetime) -> tuple[Message, ...]:
        with Session(self._engine) as session:
            attempt = session.get_one(Attempt, attempt_id)
            text = attempt.reply_text
            script, scenario = self._script_of(attempt.drill_session)
        screened = screen(text, max_chars=self._max_reply_chars)
        if screened.problem is not None:
            self._not_scored(attempt_id, screened.problem.value, now)
            return (Notice(screened.problem.value, screened.message),)
        command = drill.keyword_command(screened.text)
        if command is not None:
            return self._command(attempt_id, command, now)
        analysis = self._analyzer.analyze(screened.text)
        if analysis.meta is not None:
            return self._command(attempt_id, analysis.meta, now)
        # Names, remembered preferences and brand phrases are matched exactly, not guessed by the model: a name
        # the model hears is personal only if it is this scenario's customer's.
        matched = deterministic_elements(script, scenario, screened.text)
        elements = decided_by_scenario(analysis.elements, matched)
        return self._score(attempt_id, elements, analysis.unsure - SCENARIO_DECIDED, now)

    def _score(
        self, attempt_id: int, elements: frozenset[str], unsure: frozenset[str], now: datetime
    ) -> tuple[Message, ...]:
        with Session(self._engine) as session, session.begin():
            attempt = session.get_one(Attempt, attempt_id, with_for_update=True)
            if attempt.status is not AttemptStatus.PENDING:
                return ()  # scored meanwhile by another process
            record = attempt.drill_session
            script, scenario = self._script_of(record)
            said = repo.said_so_far(drill=record, before_turn=attempt.turn_index)
            state = drill.DrillState(turn_index=attempt.turn_index, said_so_far=said)
            step = drill.after_reply(script, scenario, state, elements, unsure=unsure, seed=attempt.id)
            assert step.rubric is not None
            attempt.status = AttemptStatus.SCORED
            attempt.elements = sorted(elements)
            attempt.unsure_elements = sorted(unsure)
            attempt.score, attempt.passed, attempt.scored_at = step.rubric.score, step.rubric.passed, now
            if record.status is not DrillStatus.ACTIVE or record.turn_index != attempt.turn_index:
                return step.messages[:1]  # the drill moved on: feedback only
            _apply(record, step.state, now, score=step.rubric.score, passed=step.rubric.passed)
            return step.messages

    def _command(self, attempt_id: int, command: MetaCommand, now: datetime) -> tuple[Message, ...]:
        with Session(self._engine) as session, session.begin():
            attempt = session.get_one(Attempt, attempt_id)
            attempt.status, attempt.not_scored_reason = AttemptStatus.NOT_SCORED, command.value
            record = attempt.drill_session
            script, scenario = self._script_of(record)
            if record.status is not DrillStatus.ACTIVE or record.turn_index != attempt.turn_index:
                return ()
            said = repo.said_so_far(drill=record, before_turn=record.turn_index)
            step = drill.on_command(script, scenario, drill.DrillState(record.turn_index, said), command)
            _apply(record, step.state, now)
            return step.messages

    def _not_scored(self, attempt_id: int, reason: str, now: datetime) -> None:
        with Session(self._engine) as session, session.begin():
            attempt = session.get_one(Attempt, attempt_id)
            attempt.status, attempt.not_scored_reason, attempt.scored_at = AttemptStatus.NOT_SCORED, reason, now

    def _script_of(self, record: DrillSession) -> tuple[TouchpointScript, Scenario]:
        # Judge against the exact version the drill started with, not today's library. Versions never
        # change, so each is parsed once per service.
        script = self._versions.get(record.script_version_id)
        if script is None:
            script = TouchpointScript.model_validate(record.script_version.content)
            self._versions[record.script_version_id] = script
        return script, script.scenario(record.scenario_id)

    def drill_status(self, *, drill_id: int) -> DrillStatus:
        """Whether the drill is waiting for a reply, completed or stopped."""
        with Session(self._engine) as session:
            return session.get_one(DrillSession, drill_id).status

    def active_drill(self, *, drill_id: int) -> bool:
        """Whether the drill is still waiting for a reply."""
        return self.drill_status(drill_id=drill_id) is DrillStatus.ACTIVE


def _scenario(script: TouchpointScript, scenario_id: str | None) -> Scenario:
    try:
        return script.scenario(scenario_id)
    except KeyError:
        known = ", ".join(s.id for s in script.scenarios)
        raise CoachError(f"Unknown scenario {scenario_id!r} for {script.id}. Known: {known}.") from None


def _apply(
    record: DrillSession,
    state: drill.DrillState,
    now: datetime,
    *,
    score: int | None = None,
    passed: bool | None = None,
) -> None:
    record.turn_index = state.turn_index
    if state.finished:
        record.status = DrillStatus.COMPLETED if state.scored else DrillStatus.STOPPED
        record.ended_at = now
        if state.scored:
            record.score, record.passed = score, passed

"""Small keyword-only repository functions; callers own the session and its transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import (
    Attempt,
    AttemptStatus,
    DrillSession,
    DrillStatus,
    Employee,
    LineSuggestion,
    ScriptVersion,
    SuggestionStatus,
)
from bot.errors import UnknownUserError
from scripts_library.schema import TouchpointScript
from scripts_library.suggestions import ApprovedLine


def get_employee(*, session: Session, user_id: str) -> Employee:
    """The employee with this Slack (or terminal) user id; raises UnknownUserError."""
    employee = session.scalars(select(Employee).where(Employee.slack_user_id == user_id).limit(1)).first()
    if employee is None:
        raise UnknownUserError(user_id)
    return employee


def ensure_script_version(*, session: Session, script: TouchpointScript, now: datetime) -> ScriptVersion:
    """The stored version of exactly this content, created with the next number if it is new."""
    digest = script.content_hash()
    existing = session.scalars(
        select(ScriptVersion).where(ScriptVersion.touchpoint_id == script.id, ScriptVersion.content_hash == digest)
    ).first()
    if existing is not None:
        return existing
    latest = session.scalar(select(func.max(ScriptVersion.version)).where(ScriptVersion.touchpoint_id == script.id))
    version = ScriptVersion(
        touchpoint_id=script.id,
        version=(latest or 0) + 1,
        content_hash=digest,
        content=script.model_dump(mode="json"),
        created_at=now,
    )
    session.add(version)
    session.flush()
    return version


def create_drill_session(
    *,
    session: Session,
    employee: Employee,
    script_version: ScriptVersion,
    scenario_id: str,
    channel: str,
    now: datetime,
) -> DrillSession:
    """Open a drill session at its first customer turn."""
    drill = DrillSession(
        employee_id=employee.id,
        script_version_id=script_version.id,
        scenario_id=scenario_id,
        channel=channel,
        status=DrillStatus.ACTIVE,
        turn_index=0,
        started_at=now,
    )
    session.add(drill)
    session.flush()
    return drill


def add_attempt(*, session: Session, drill: DrillSession, reply_text: str, now: datetime) -> Attempt:
    """Store a reply as pending, before anything else happens to it."""
    attempt = Attempt(
        drill_session_id=drill.id,
        turn_index=drill.turn_index,
        # PostgreSQL text cannot hold NUL; it is the one character we cannot keep.
        reply_text=reply_text.replace("\x00", ""),
        status=AttemptStatus.PENDING,
        created_at=now,
    )
    session.add(attempt)
    session.flush()
    return attempt


def pending_attempt_ids(*, session: Session, limit: int = 1000) -> list[int]:
    """Ids of attempts waiting to be scored, oldest first."""
    query = select(Attempt.id).where(Attempt.status == AttemptStatus.PENDING).order_by(Attempt.id).limit(limit)
    return list(session.scalars(query))


def said_so_far(*, drill: DrillSession, before_turn: int) -> frozenset[str]:
    """Elements credited in this drill's scored replies to earlier turns."""
    said: set[str] = set()
    for attempt in drill.attempts:
        if attempt.status is AttemptStatus.SCORED and attempt.turn_index < before_turn:
            said.update(attempt.elements or [])
    return frozenset(said)


def approved_lines(*, session: Session, organisation_id: int) -> list[ApprovedLine]:
    """The organisation's approved staff lines, oldest first, with their authors."""
    rows = session.execute(
        select(LineSuggestion.touchpoint_id, LineSuggestion.text, Employee.display_name)
        .join(Employee, Employee.id == LineSuggestion.author_id)
        .where(LineSuggestion.organisation_id == organisation_id)
        .where(LineSuggestion.status == SuggestionStatus.APPROVED)
        .order_by(LineSuggestion.id)
    )
    return [ApprovedLine(touchpoint_id, text, author) for touchpoint_id, text, author in rows]

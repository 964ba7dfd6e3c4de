"""Staff suggest their own lines; a manager of their store approves or rejects them. Persists; rules are pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bot.db import repo
from bot.db.models import Employee, LineSuggestion, SuggestionStatus
from bot.errors import CoachError, NotFoundError, PermissionDeniedError, UnknownTouchpointError
from bot.roles import Role, may_decide_suggestion
from scripts_library.schema import TouchpointScript
from scripts_library.suggestions import check_suggestion


@dataclass(frozen=True)
class SuggestionView:
    """A suggestion as shown to people."""

    id: int
    touchpoint_id: str
    text: str
    author: str
    status: SuggestionStatus
    created_at: datetime


def _view(row: LineSuggestion) -> SuggestionView:
    return SuggestionView(row.id, row.touchpoint_id, row.text, row.author.display_name, row.status, row.created_at)


class SuggestionService:
    """Suggest, list, approve and reject lines; one session per call."""

    def __init__(self, *, engine: Engine, library: dict[str, TouchpointScript]) -> None:
        self._engine = engine
        self._library = library

    def suggest(self, *, user_id: str, touchpoint_id: str, text: str, now: datetime) -> SuggestionView:
        """Store an employee's line for a touchpoint, pending a manager's decision."""
        if touchpoint_id not in self._library:
            raise UnknownTouchpointError(touchpoint_id, sorted(self._library))
        line, problem = check_suggestion(text)
        if problem:
            raise CoachError(problem)
        with Session(self._engine) as session, session.begin():
            author = repo.get_employee(session=session, user_id=user_id)
            row = LineSuggestion(
                organisation_id=author.organisation_id,
                touchpoint_id=touchpoint_id,
                author_id=author.id,
                text=line,
                status=SuggestionStatus.PENDING,
                created_at=now,
            )
            session.add(row)
            session.flush()
            return _view(row)

    def pending_for(self, *, user_id: str) -> list[SuggestionView]:
        """The pending suggestions this manager (or admin) may decide."""
        with Session(self._engine) as session:
            decider = repo.get_employee(session=session, user_id=user_id)
            if decider.role not in (Role.MANAGER, Role.ADMIN):
                raise PermissionDeniedError("Only store managers and admins review suggested lines.")
            rows = session.scalars(
                select(LineSuggestion)
                .where(LineSuggestion.organisation_id == decider.organisation_id)
                .where(LineSuggestion.status == SuggestionStatus.PENDING)
                .order_by(LineSuggestion.id)
            )
            return [_view(r) for r in rows if may_decide_suggestion(decider.actor(), r.author.actor())]

    def decide(
        self, *, user_id: str, suggestion_id: int, approve: bool, now: datetime, note: str | None = None
    ) -> SuggestionView:
        """Approve or reject a pending suggestion; only a manager of the author's store or an admin may."""
        with Session(self._engine) as session, session.begin():
            decider = repo.get_employee(session=session, user_id=user_id)
            row = session.get(LineSuggestion, suggestion_id, with_for_update=True)
            if row is None or row.organisation_id != decider.organisation_id:
                raise NotFoundError(f"There is no suggestion {suggestion_id}.")
            if not may_decide_suggestion(decider.actor(), row.author.actor()):
                raise PermissionDeniedError(
                    f"Only a manager of {_store(row.author)} or an admin can decide on suggestion {suggestion_id}."
                )
            if row.status is not SuggestionStatus.PENDING:
                raise CoachError(f"Suggestion {suggestion_id} was already {row.status.value}.")
            row.status = SuggestionStatus.APPROVED if approve else SuggestionStatus.REJECTED
            row.decided_by_id, row.decided_at, row.decision_note = decider.id, now, note
            session.flush()
            return _view(row)


def _store(employee: Employee) -> str:
    return employee.location.name if employee.location else "their store"

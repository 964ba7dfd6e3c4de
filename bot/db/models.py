"""SQLAlchemy 2 typed models. Every timestamp is stored in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from bot.roles import Actor, Role


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC and gives them back aware, on SQLite and PostgreSQL alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass an aware one (UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Base of every model."""


class DrillStatus(StrEnum):
    """Where a drill session stands."""

    ACTIVE = "active"
    COMPLETED = "completed"
    STOPPED = "stopped"


class AttemptStatus(StrEnum):
    """Pending until analysed and scored; not_scored for replies that can't be judged or are meta."""

    PENDING = "pending"
    SCORED = "scored"
    NOT_SCORED = "not_scored"


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Location(Base):
    __tablename__ = "location"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))


class Employee(Base):
    __tablename__ = "employee"
    __table_args__ = (UniqueConstraint("organisation_id", "slack_user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    slack_user_id: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(200))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    timezone: Mapped[str] = mapped_column(String(64))

    location: Mapped[Location | None] = relationship()

    def actor(self) -> Actor:
        """This employee as the permission rules see them."""
        return Actor(self.id, self.organisation_id, self.location_id, self.role)


class ScriptVersion(Base):
    """One exact version of a touchpoint script; attempts point at the version they were scored against."""

    __tablename__ = "script_version"
    __table_args__ = (
        UniqueConstraint("touchpoint_id", "version"),
        UniqueConstraint("touchpoint_id", "content_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    touchpoint_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DrillSession(Base):
    __tablename__ = "drill_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    script_version_id: Mapped[int] = mapped_column(ForeignKey("script_version.id"))
    scenario_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[DrillStatus] = mapped_column(_enum(DrillStatus, "drill_status"))
    turn_index: Mapped[int] = mapped_column(Integer, default=0)
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    employee: Mapped[Employee] = relationship()
    script_version: Mapped[ScriptVersion] = relationship()
    attempts: Mapped[list[Attempt]] = relationship(back_populates="drill_session", order_by="Attempt.id")


class Attempt(Base):
    """One reply typed by an employee; stored before anything else happens to it."""

    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    drill_session_id: Mapped[int] = mapped_column(ForeignKey("drill_session.id"), index=True)
    turn_index: Mapped[int] = mapped_column(Integer)
    reply_text: Mapped[str] = mapped_column(Text)
    status: Mapped[AttemptStatus] = mapped_column(_enum(AttemptStatus, "attempt_status"), index=True)
    not_scored_reason: Mapped[str | None] = mapped_column(String(40))
    elements: Mapped[list[str] | None] = mapped_column(JSON)
    unsure_elements: Mapped[list[str] | None] = mapped_column(JSON)
    score: Mapped[int | None] = mapped_column(Integer)
    passed: Mapped[bool | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    scored_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    drill_session: Mapped[DrillSession] = relationship(back_populates="attempts")


class SuggestionStatus(StrEnum):
    """A staff-suggested line waits for a manager's decision."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class LineSuggestion(Base):
    """A line an employee suggests for a touchpoint; once approved it joins the organisation's model lines."""

    __tablename__ = "line_suggestion"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    touchpoint_id: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[SuggestionStatus] = mapped_column(_enum(SuggestionStatus, "suggestion_status"), index=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author: Mapped[Employee] = relationship(foreign_keys=[author_id])
    decided_by: Mapped[Employee | None] = relationship(foreign_keys=[decided_by_id])

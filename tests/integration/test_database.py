"""Migrations and repository functions on real SQLite and PostgreSQL databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.db import repo
from bot.db.engine import current_revision, downgrade_to_base, make_engine, upgrade
from bot.db.models import Attempt, AttemptStatus, Employee, Location, ScriptVersion
from bot.demo import seed_demo
from bot.errors import UnknownUserError
from bot.roles import Role
from scripts_library.loader import load_library
from scripts_library.schema import ModelLine
from tests.conftest import NOW

TABLES = {"organisation", "location", "employee", "script_version", "drill_session", "attempt", "line_suggestion"}


def test_migrations_create_and_drop_every_table(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == "0002"
    assert set(inspect(engine).get_table_names()) >= TABLES
    upgrade(engine)  # idempotent
    downgrade_to_base(engine)
    assert not TABLES & set(inspect(engine).get_table_names())
    engine.dispose()


def test_demo_seed_is_idempotent_with_roles_and_stores(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        created, total = seed_demo(session=session, timezone="UTC", now=NOW)
    assert (created, total) == (0, 9)
    with Session(engine) as session:
        staff = session.scalars(select(Employee).where(Employee.role == Role.STAFF)).all()
        assert sorted(e.slack_user_id for e in staff) == [f"demo-staff-{n}" for n in range(1, 7)]
        assert len(session.scalars(select(Location)).all()) == 2
        assert repo.get_employee(session=session, user_id="demo-hr").role is Role.HR
        with pytest.raises(UnknownUserError):
            repo.get_employee(session=session, user_id="demo-staff-7")


def test_script_versions_follow_content(engine: Engine) -> None:
    script = load_library()["checkout"]
    edited = script.model_copy(update={"model_lines": (*script.model_lines, ModelLine(text="Thanks, see you Friday!"))})
    with Session(engine) as session, session.begin():
        first = repo.ensure_script_version(session=session, script=script, now=NOW)
        again = repo.ensure_script_version(session=session, script=script, now=NOW)
        second = repo.ensure_script_version(session=session, script=edited, now=NOW)
        assert first.id == again.id
        assert (first.version, second.version) == (1, 2)
        first_id = first.id
    with Session(engine) as session:
        stored = session.get_one(ScriptVersion, first_id)
        assert "Thanks, see you Friday!" not in [line["text"] for line in stored.content["model_lines"]]


def test_times_are_stored_in_utc_and_come_back_aware(engine: Engine) -> None:
    script = load_library()["store_entrance"]
    local = datetime(2026, 11, 22, 10, 0, tzinfo=timezone(timedelta(hours=5)))
    with Session(engine) as session, session.begin():
        employee = repo.get_employee(session=session, user_id="demo-staff-1")
        version = repo.ensure_script_version(session=session, script=script, now=NOW)
        drill = repo.create_drill_session(
            session=session,
            employee=employee,
            script_version=version,
            scenario_id="first_visit",
            channel="test",
            now=local,
        )
        attempt = repo.add_attempt(session=session, drill=drill, reply_text="Hi\x00 there 👋", now=local)
        attempt_id = attempt.id
    with Session(engine) as session:
        stored = session.get_one(Attempt, attempt_id)
        assert stored.created_at == datetime(2026, 11, 22, 5, 0, tzinfo=UTC)
        assert stored.created_at.tzinfo is UTC
        assert stored.reply_text == "Hi there 👋" and stored.status is AttemptStatus.PENDING
        assert repo.pending_attempt_ids(session=session) == [attempt_id]


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with pytest.raises(Exception, match="naive datetime"), Session(engine) as session, session.begin():
        repo.ensure_script_version(session=session, script=load_library()["checkout"], now=datetime(2026, 1, 1))


def test_employee_ids_are_unique_per_organisation(engine: Engine) -> None:
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        existing = repo.get_employee(session=session, user_id="demo-staff-1")
        session.add(
            Employee(
                organisation_id=existing.organisation_id,
                slack_user_id="demo-staff-1",
                display_name="Copy",
                location_id=None,
                role=Role.STAFF,
                timezone="UTC",
            )
        )

"""Seeds the demo organisation: two stores, a manager each, six staff and an HR user. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Employee, Location, Organisation
from bot.roles import Role

DEMO_SLUG = "demo"


@dataclass(frozen=True)
class DemoPerson:
    """One seeded person."""

    user_id: str
    name: str
    role: Role
    store: str | None


STORES = (("Riverside", "Europe/London"), ("Market Street", "Europe/London"))
PEOPLE = (
    DemoPerson("demo-manager-1", "Morgan (manager)", Role.MANAGER, "Riverside"),
    DemoPerson("demo-manager-2", "Jordan (manager)", Role.MANAGER, "Market Street"),
    DemoPerson("demo-staff-1", "Ava", Role.STAFF, "Riverside"),
    DemoPerson("demo-staff-2", "Ben", Role.STAFF, "Riverside"),
    DemoPerson("demo-staff-3", "Chloe", Role.STAFF, "Riverside"),
    DemoPerson("demo-staff-4", "Dev", Role.STAFF, "Market Street"),
    DemoPerson("demo-staff-5", "Elif", Role.STAFF, "Market Street"),
    DemoPerson("demo-staff-6", "Finn", Role.STAFF, "Market Street"),
    DemoPerson("demo-hr", "Harper (HR)", Role.HR, None),
)


def seed_demo(*, session: Session, timezone: str, now: datetime) -> tuple[int, int]:
    """Create whatever of the demo organisation is missing; returns (people created, people total)."""
    org = session.scalars(select(Organisation).where(Organisation.slug == DEMO_SLUG)).first()
    if org is None:
        org = Organisation(slug=DEMO_SLUG, name="Demo Outfitters", timezone=timezone, created_at=now)
        session.add(org)
        session.flush()
    locations = {loc.name: loc for loc in session.scalars(select(Location).where(Location.organisation_id == org.id))}
    for name, tz in STORES:
        if name not in locations:
            locations[name] = Location(organisation_id=org.id, name=name, timezone=tz)
            session.add(locations[name])
    session.flush()
    existing = set(session.scalars(select(Employee.slack_user_id).where(Employee.organisation_id == org.id)))
    created = 0
    for person in PEOPLE:
        if person.user_id in existing:
            continue
        store = locations[person.store] if person.store else None
        session.add(
            Employee(
                organisation_id=org.id,
                slack_user_id=person.user_id,
                display_name=person.name,
                location_id=store.id if store else None,
                role=person.role,
                timezone=store.timezone if store else timezone,
            )
        )
        created += 1
    session.flush()
    return created, len(PEOPLE)

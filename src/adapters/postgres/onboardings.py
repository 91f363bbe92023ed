from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast
from uuid import UUID

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.postgres.constraints import translate
from adapters.postgres.tables import onboardings
from application.errors import NotFoundError
from domain.identity.contact_details import JapaneseAddress, PersonName, PhoneNumber
from domain.identity.customer_number import CustomerNumber
from domain.identity.email import EmailAddress
from domain.identity.onboarding import CustomerProfile, Onboarding, OnboardingKind, OnboardingState
from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId

UNFINISHED = [s.value for s in OnboardingState if not s.is_final]


def _profile_to_json(profile: CustomerProfile | None) -> dict[str, Any] | None:
    if profile is None:
        return None
    return {
        "name": {"first": profile.name.first, "last": profile.name.last},
        "phone": profile.phone.value,
        "address": {
            "postcode": profile.address.postcode,
            "prefecture": profile.address.prefecture,
            "city": profile.address.city,
            "street": profile.address.street,
        },
    }


def _profile_from_json(raw: dict[str, Any] | None) -> CustomerProfile | None:
    if raw is None:
        return None
    return CustomerProfile(
        name=PersonName(raw["name"]["first"], raw["name"]["last"]),
        phone=PhoneNumber(raw["phone"]),
        address=JapaneseAddress(**raw["address"]),
    )


def _row(onboarding: Onboarding) -> dict[str, Any]:
    return {
        "id": onboarding.id,
        "kind": onboarding.kind.value,
        "email": onboarding.email.value,
        "customer_number": onboarding.customer_number.value,
        "sf_account_id": onboarding.sf_account_id.value,
        "sf_contact_id": onboarding.sf_contact_id.value if onboarding.sf_contact_id else None,
        "password_hash": onboarding.password_hash,
        "profile": _profile_to_json(onboarding.profile),
        "state": onboarding.state.value,
        "whmcs_client_id": onboarding.whmcs_client_id.value if onboarding.whmcs_client_id else None,
        "user_id": onboarding.user_id,
        "billing_attempted": onboarding.billing_attempted,
        "attempts": onboarding.attempts,
        "last_error": onboarding.last_error,
        "history": onboarding.history,
        "created_at": onboarding.created_at,
        "updated_at": onboarding.updated_at,
    }


def _entity(row: Any) -> Onboarding:
    return Onboarding(
        id=row.id,
        kind=OnboardingKind(row.kind),
        email=EmailAddress(row.email),
        customer_number=CustomerNumber(row.customer_number),
        sf_account_id=SalesforceId(row.sf_account_id),
        sf_contact_id=SalesforceId(row.sf_contact_id) if row.sf_contact_id else None,
        password_hash=row.password_hash,
        profile=_profile_from_json(row.profile),
        state=OnboardingState(row.state),
        created_at=row.created_at,
        updated_at=row.updated_at,
        whmcs_client_id=WhmcsClientId(row.whmcs_client_id) if row.whmcs_client_id else None,
        user_id=row.user_id,
        billing_attempted=row.billing_attempted,
        attempts=row.attempts,
        last_error=row.last_error,
        history=list(row.history),
    )


class PostgresOnboardingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, onboarding: Onboarding, *, lease_until: datetime) -> None:
        try:
            async with self._session.begin_nested():
                await self._session.execute(insert(onboardings).values(**_row(onboarding), lease_until=lease_until))
        except IntegrityError as error:
            raise translate(error) from error

    async def save(self, onboarding: Onboarding, *, lease_until: datetime | None = None) -> None:
        values = _row(onboarding)
        del values["id"], values["created_at"]
        statement = (
            update(onboardings).where(onboardings.c.id == onboarding.id).values(**values, lease_until=lease_until)
        )
        # An UPDATE answers with a cursor result, which knows how many rows it touched.
        result = cast("CursorResult[Any]", await self._session.execute(statement))
        if result.rowcount == 0:
            raise NotFoundError("No such onboarding.")

    async def get(self, onboarding_id: UUID) -> Onboarding | None:
        row = (await self._session.execute(select(onboardings).where(onboardings.c.id == onboarding_id))).first()
        return _entity(row) if row else None

    async def find_unfinished(self, email: EmailAddress, customer_number: CustomerNumber) -> Onboarding | None:
        query = select(onboardings).where(
            onboardings.c.state.in_(UNFINISHED),
            or_(func.lower(onboardings.c.email) == email.value, onboardings.c.customer_number == customer_number.value),
        )
        row = (await self._session.execute(query)).first()
        return _entity(row) if row else None

    async def stuck(self, *, idle_since: datetime, limit: int = 100) -> tuple[Onboarding, ...]:
        query = (
            select(onboardings)
            .where(
                or_(
                    onboardings.c.state == OnboardingState.NEEDS_ATTENTION.value,
                    and_(onboardings.c.state.in_(UNFINISHED), onboardings.c.updated_at <= idle_since),
                )
            )
            .order_by(onboardings.c.updated_at)
            .limit(limit)
        )
        return tuple(_entity(row) for row in await self._session.execute(query))

    async def claim(self, onboarding_id: UUID, *, now: datetime, lease_seconds: int) -> Onboarding | None:
        statement = (
            update(onboardings)
            .where(
                onboardings.c.id == onboarding_id,
                onboardings.c.state.in_(UNFINISHED),
                or_(onboardings.c.lease_until.is_(None), onboardings.c.lease_until <= now),
            )
            .values(lease_until=now + timedelta(seconds=lease_seconds), attempts=onboardings.c.attempts + 1)
            .returning(*onboardings.c)
        )
        row = (await self._session.execute(statement)).first()
        return _entity(row) if row else None

    async def claim_stalled(self, *, now: datetime, idle_seconds: int, lease_seconds: int) -> Onboarding | None:
        candidate = (
            select(onboardings.c.id)
            .where(
                onboardings.c.state.in_(UNFINISHED),
                onboardings.c.updated_at <= now - timedelta(seconds=idle_seconds),
                or_(onboardings.c.lease_until.is_(None), onboardings.c.lease_until <= now),
            )
            .order_by(onboardings.c.updated_at)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        statement = (
            update(onboardings)
            .where(and_(onboardings.c.id == candidate))
            .values(lease_until=now + timedelta(seconds=lease_seconds), attempts=onboardings.c.attempts + 1)
            .returning(*onboardings.c)
        )
        row = (await self._session.execute(statement)).first()
        return _entity(row) if row else None

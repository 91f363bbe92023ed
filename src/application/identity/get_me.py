from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import STORE_OUTAGE, AuthenticationRequiredError, Raises
from application.identity.sessions import ActiveSession
from application.ports.unit_of_work import UnitOfWork


class LinkedAccounts(msgspec.Struct, frozen=True, kw_only=True):
    whmcs_client_id: int
    sf_account_id: str
    sf_contact_id: str | None


class Me(msgspec.Struct, frozen=True, kw_only=True):
    id: UUID
    email: str
    status: str
    created_at: datetime
    linked: LinkedAccounts | None


class GetMe:
    raises: ClassVar[Raises] = (AuthenticationRequiredError, *STORE_OUTAGE)

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, session: ActiveSession) -> Me:
        user = await self._uow.users.get(session.user_id)
        if user is None:  # deleted while signed in
            raise AuthenticationRequiredError()
        link = await self._uow.links.get_for_user(user.id)
        linked = (
            LinkedAccounts(
                whmcs_client_id=link.whmcs_client_id.value,
                sf_account_id=link.sf_account_id.value,
                sf_contact_id=link.sf_contact_id.value if link.sf_contact_id else None,
            )
            if link
            else None
        )
        return Me(
            id=user.id, email=user.email.value, status=user.status.value, created_at=user.created_at, linked=linked
        )

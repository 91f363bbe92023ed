"""Who the signed-in user is in the other systems: the only source of owner ids for every account resource."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import STORE_OUTAGE, Raises
from application.identity.errors import AccountNotLinkedError
from application.identity.sessions import ActiveSession
from application.ports.unit_of_work import UnitOfWork


def cache_scope_of(sf_account_id: str) -> str:
    """Prefix for every per-account cache key, so customers' data can never mix."""
    return f"acct:{sf_account_id}"


class LinkedCustomer(msgspec.Struct, frozen=True, kw_only=True):
    user_id: UUID
    whmcs_client_id: int
    sf_account_id: str
    sf_contact_id: str | None

    @property
    def cache_scope(self) -> str:
        return cache_scope_of(self.sf_account_id)


class ResolveLinkedCustomer:
    raises: ClassVar[Raises] = (AccountNotLinkedError, *STORE_OUTAGE)

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    async def execute(self, session: ActiveSession) -> LinkedCustomer:
        link = await self._uow.links.get_for_user(session.user_id)
        # End the read: the request goes on to call WHMCS or Salesforce (seconds, when they are slow), and a
        # connection held meanwhile is one the pool cannot give anyone else.
        await self._uow.rollback()
        if link is None:
            raise AccountNotLinkedError()
        return LinkedCustomer(
            user_id=link.user_id,
            whmcs_client_id=link.whmcs_client_id.value,
            sf_account_id=link.sf_account_id.value,
            sf_contact_id=link.sf_contact_id.value if link.sf_contact_id else None,
        )

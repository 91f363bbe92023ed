"""Who the signed-in user is in the other systems: the only source of owner ids for every account resource."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import Raises
from application.identity.errors import AccountNotLinkedError
from application.ports.sessions import Caller


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
    """The caller's own ids in the other systems, or `AccountNotLinkedError` for a user without a link."""

    raises: ClassVar[Raises] = (AccountNotLinkedError,)

    def execute(self, caller: Caller) -> LinkedCustomer:
        if caller.whmcs_client_id is None or caller.sf_account_id is None:
            raise AccountNotLinkedError()
        return LinkedCustomer(
            user_id=caller.user_id,
            whmcs_client_id=caller.whmcs_client_id,
            sf_account_id=caller.sf_account_id,
            sf_contact_id=caller.sf_contact_id,
        )

from __future__ import annotations

from datetime import datetime
from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import Raises
from application.ports.sessions import Caller


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
    """The signed-in user as the session knows it (`ResolveCaller` keeps that current)."""

    raises: ClassVar[Raises] = ()

    def execute(self, caller: Caller) -> Me:
        linked = (
            LinkedAccounts(
                whmcs_client_id=caller.whmcs_client_id,
                sf_account_id=caller.sf_account_id,
                sf_contact_id=caller.sf_contact_id,
            )
            if caller.whmcs_client_id is not None and caller.sf_account_id is not None
            else None
        )
        return Me(
            id=caller.user_id, email=caller.email, status=caller.status, created_at=caller.created_at, linked=linked
        )

"""Billing logins: proving a customer's WHMCS client-area password (linking an existing billing account)."""

from __future__ import annotations

from typing import Protocol

import msgspec


class ValidatedLogin(msgspec.Struct, frozen=True, kw_only=True):
    user_id: int  # the WHMCS *user* (login), not the client
    client_id: int  # the client that user owns (or, failing that, the first it belongs to)
    two_factor_enabled: bool  # linking must refuse these: WHMCS proved the password but not the second factor


class BillingLogins(Protocol):
    async def validate_login(self, email: str, password: str) -> ValidatedLogin | None:
        """The client these credentials open, or None when they are wrong (never says which part was)."""
        ...

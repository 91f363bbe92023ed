"""The twin's billing logins: a password checked against the twin's WHMCS users."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.memory.billing_world import BillingTwinWorld, operation
from application.ports.billing.logins import ValidatedLogin


@dataclass
class TwinLogins:
    world: BillingTwinWorld

    @operation
    async def validate_login(self, email: str, password: str) -> ValidatedLogin | None:
        wanted = email.strip().lower()
        user = next((u for u in self.world.users.values() if u.email.lower() == wanted), None)
        if user is None or user.password != password or not user.client_ids:
            return None
        owned = sorted(user.client_ids, key=lambda cid: self.world.clients[cid].owner_user_id != user.id)
        return ValidatedLogin(user_id=user.id, client_id=owned[0], two_factor_enabled=user.two_factor)

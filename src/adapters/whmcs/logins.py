"""Billing logins over WHMCS: a client-area password checked by WHMCS, and the client that user owns."""

from __future__ import annotations

from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.errors import InvalidInputError
from application.ports.billing.logins import ValidatedLogin


class WhmcsLogins:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def validate_login(self, email: str, password: str) -> ValidatedLogin | None:
        try:
            body = await self._api.write("ValidateLogin", email=email, password2=password)  # not a Get*: not retried
        except InvalidInputError:
            return None  # "Email or Password Invalid": WHMCS never says which
        user_id = n.to_int(body["userid"])  # a User id (WHMCS 8): find the client it owns
        users = await self._api.read("GetUsers", search=email, limitnum=25)
        user = next((u for u in n.items(users.get("users"), "user") if n.to_int(u["id"]) == user_id), None)
        clients = n.items(user.get("clients") if user else None, "client")
        owned = sorted(clients, key=lambda c: not n.to_bool(c.get("isOwner")))
        if not owned:
            return None
        return ValidatedLogin(
            user_id=user_id,
            client_id=n.to_int(owned[0]["id"]),
            two_factor_enabled=n.to_bool(body.get("twoFactorEnabled")),
        )

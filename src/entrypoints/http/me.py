from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, get

from application.identity.get_me import GetMe
from application.ports.sessions import Caller
from entrypoints.http.access_rules import SESSION_REQUIRED


class LinkedAccountsView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    whmcs_client_id: int
    sf_account_id: str
    sf_contact_id: str | None


class MeView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    id: UUID
    email: str
    status: str
    created_at: datetime
    linked: LinkedAccountsView | None


class MeController(Controller):
    path = "/me"
    opt = SESSION_REQUIRED
    tags = ["auth"]

    @get(
        "/",
        operation_id="getMe",
        summary="The signed-in user and which accounts it is linked to (no secrets).",
    )
    @inject
    async def me(self, caller: FromDishka[Caller], get_me: FromDishka[GetMe]) -> MeView:
        me = get_me.execute(caller)
        return msgspec.convert(me, MeView, from_attributes=True)

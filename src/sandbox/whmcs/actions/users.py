"""ValidateLogin and GetUsers: WHMCS 8 logins are Users, each owning or sharing Clients."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.wire_output import moment


def validate_login(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    user = state.user_by_email(p.get("email"))
    # One message for every failure, so the API cannot be used to find out which emails exist.
    if user is None or not hmac.compare_digest(user.password.encode(), p.get("password2").encode()):
        raise ActionError("Email or Password Invalid")
    user.last_login = state.local_now()
    body: dict[str, Any] = {"result": "success", "userid": ctx.num(user.id)}
    if not user.two_factor:  # with 2FA on, WHMCS leaves the hash out
        body["passwordhash"] = hashlib.sha1(f"{user.id}:{user.password}".encode()).hexdigest()  # noqa: S324
    body["twoFactorEnabled"] = user.two_factor
    return body


def get_users(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    start = max(p.number("limitstart"), 0)
    limit = p.number("limitnum") or 25
    search = p.get("search").strip().lower()
    rows = [
        u
        for u in sorted(state.users.values(), key=lambda u: u.id)
        if not search or any(search in v.lower() for v in (u.email, u.firstname, u.lastname))
    ]
    if p.get("sorting").upper() == "DESC":
        rows.reverse()
    page = rows[start : start + limit]
    return {
        "result": "success",
        "totalresults": ctx.num(len(rows)),
        "startnumber": ctx.num(start),
        "numreturned": ctx.num(len(page)),
        "users": [
            {
                "id": ctx.num(u.id),
                "firstname": u.firstname,
                "lastname": u.lastname,
                "email": u.email,
                "datecreated": moment(u.datecreated),
                "validationdata": "",
                "clients": [
                    {"id": ctx.num(cid), "isOwner": state.clients[cid].owner_user_id == u.id}
                    for cid in u.client_ids
                    if cid in state.clients
                ],
            }
            for u in page
        ],
    }

"""CreateSsoToken: a single-use token, valid for a minute, that logs a user into the client area."""

from __future__ import annotations

import html
import secrets
from datetime import timedelta
from typing import Any

from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.records import SsoTokenRecord

DESTINATIONS = {
    "clientarea:homepage": "clientarea.php",
    "clientarea:profile": "clientarea.php?action=details",
    "clientarea:billing_info": "clientarea.php?action=creditcard",
    "clientarea:emails": "clientarea.php?action=emails",
    "clientarea:services": "clientarea.php?action=services",
    "clientarea:product_details": "clientarea.php?action=productdetails&id={service_id}",
    "clientarea:domains": "clientarea.php?action=domains",
    "clientarea:invoices": "clientarea.php?action=invoices",
    "clientarea:tickets": "supporttickets.php",
    "clientarea:submit_ticket": "submitticket.php",
    "clientarea:shopping_cart": "cart.php",
    "clientarea:upgrade": "upgrade.php?type=package&id={service_id}",
}


def create_sso_token(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    if not p.get("client_id") and not p.get("user_id"):
        raise ActionError("A valid client_id or user_id is required")
    client = state.clients.get(p.number("client_id")) if p.get("client_id") else None
    if p.get("client_id") and client is None:
        raise ActionError("Invalid client_id")
    user_id = p.number("user_id") if p.get("user_id") else (client.owner_user_id if client else 0)
    user = state.users.get(user_id)
    if user is None:
        raise ActionError("Invalid user_id" if p.get("user_id") else "No owner found for client")
    if client is not None and client.id not in user.client_ids:
        raise ActionError("Invalid user_id for client")
    if client is not None and (not client.allow_sso or client.status == "Closed"):
        raise ActionError(f"SSO authentication blocked for client {client.id}")
    destination = p.get("destination") or "clientarea:homepage"
    if destination == "sso:custom_redirect":
        path = html.unescape(p.get("sso_redirect_path")).lstrip("/")
        if not path:
            raise ActionError("Invalid destination")
    elif destination in DESTINATIONS:
        path = DESTINATIONS[destination].format(service_id=p.number("service_id"))
    else:
        raise ActionError("Invalid destination")
    token = secrets.token_hex(20)
    state.sso_tokens[token] = SsoTokenRecord(
        token=token,
        client_id=client.id if client else (user.client_ids[0] if user.client_ids else 0),
        user_id=user.id,
        redirect_path=path,
        expires_at=state.clock.now() + timedelta(seconds=ctx.config.sso_token_seconds),
    )
    return {
        "result": "success",
        "access_token": token,
        "redirect_url": f"{ctx.system_url}oauth/singlesignon.php?access_token={token}",
    }

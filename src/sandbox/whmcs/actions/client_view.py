"""GetClientsDetails' client document: every field name and the mixed flag types WHMCS 8 sends."""

from __future__ import annotations

from typing import Any

from sandbox.whmcs.context import ActionContext
from sandbox.whmcs.records import ClientRecord
from sandbox.whmcs.wire_output import money

COUNTRY_NAMES = {"JP": "Japan", "US": "United States", "GB": "United Kingdom"}
PHONE_CC = {"JP": 81, "US": 1, "GB": 44}


def formatted_phone(client: ClientRecord) -> str:
    digits = "".join(ch for ch in client.phonenumber if ch.isdigit())
    national = digits[1:] if digits.startswith("0") else digits
    return f"+{PHONE_CC.get(client.country, 81)}.{national}" if digits else ""


def client_document(ctx: ActionContext, client: ClientRecord) -> dict[str, Any]:
    state = ctx.state
    users = [state.users[uid] for uid in sorted(state.users) if client.id in state.users[uid].client_ids]
    doc: dict[str, Any] = {
        "client_id": ctx.num(client.id),
        "userid": ctx.num(client.id),
        "id": ctx.num(client.id),
        "owner_user_id": ctx.num(client.owner_user_id),
        "uuid": client.uuid,
        "firstname": client.firstname,
        "lastname": client.lastname,
        "fullname": f"{client.firstname} {client.lastname}",
        "companyname": client.companyname,
        "email": client.email,
        "address1": client.address1,
        "address2": client.address2,
        "city": client.city,
        "fullstate": client.state,
        "state": client.state,
        "statecode": client.state,
        "postcode": client.postcode,
        "countrycode": client.country,
        "country": client.country,
        "countryname": COUNTRY_NAMES.get(client.country, client.country),
        "phonecc": PHONE_CC.get(client.country, 81),
        "phonenumber": client.phonenumber,
        "phonenumberformatted": formatted_phone(client),
        "tax_id": "",
        "billingcid": 0,
        "notes": client.notes,
        "currency": ctx.num(client.currency),
        "currency_code": "JPY",
        "defaultgateway": client.defaultgateway,
        "groupid": 0,
        "status": client.status,
        "credit": money(client.credit),
        "taxexempt": False,
        "latefeeoveride": False,
        "overideduenotices": False,
        "separateinvoices": False,
        "disableautocc": False,
        "emailoptout": False,
        "marketing_emails_opt_in": False,
        "overrideautoclose": False,
        "allowSingleSignOn": 1 if client.allow_sso else 0,
        "email_verified": client.email_verified,
        "language": client.language,
        "lastlogin": "No Login Logged",
        "email_preferences": {"general": 1, "invoice": 1, "support": 1, "product": 1, "domain": 1, "affiliate": 1},
    }
    fields = [{"id": ctx.num(fid), "value": value} for fid, value in sorted(client.custom_fields.items()) if value]
    if fields:  # an empty list is left out altogether
        doc["customfields"] = fields
    user_rows = [
        {
            "id": ctx.num(u.id),
            "name": f"{u.firstname} {u.lastname}",
            "email": u.email,
            "is_owner": u.id == client.owner_user_id,
        }
        for u in users
    ]
    doc["users"] = {"user": user_rows} if user_rows else []
    return doc

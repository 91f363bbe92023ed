"""AddClient, GetClients, GetClientsDetails, UpdateClient."""

from __future__ import annotations

import re
from typing import Any

from sandbox.whmcs import ledger
from sandbox.whmcs.actions.client_view import client_document
from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.records import ClientRecord, UserRecord
from sandbox.whmcs.wire_input import Params, encode_stored, php_unserialize_map
from sandbox.whmcs.wire_output import display_money

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+\-(). ]+$")
_REQUIRED = (
    ("firstname", "You did not enter your first name"),
    ("lastname", "You did not enter your last name"),
    ("email", "You did not enter your email address"),
    ("address1", "You did not enter your  address line 1"),  # sic: two spaces, as WHMCS says it
    ("city", "You did not enter your city"),
    ("state", "You did not enter your state"),
    ("postcode", "You did not enter your postcode"),
)


def _validate(p: Params) -> None:
    """Only the first failure is reported, in this order."""
    for key, message in _REQUIRED:
        if not p.get(key).strip():
            raise ActionError(message)
        if key == "email" and not _EMAIL.match(p.get("email")):
            raise ActionError("The email address you entered was not valid")
    if not re.fullmatch(r"[A-Z]{2}", p.get("country")):
        raise ActionError("Valid country required")
    if not p.get("phonenumber").strip():
        raise ActionError("You did not enter your phone number")
    if not _PHONE.match(p.get("phonenumber")):
        raise ActionError("Invalid telephone phone number")


def add_client(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    owner_id = p.number("owner_user_id")
    if p.has("owner_user_id") and owner_id not in state.users:
        raise ActionError("Invalid Owner User ID")
    if not p.truthy("skipvalidation"):
        _validate(p)
    email = p.get("email")
    if not owner_id:
        if state.user_by_email(email):
            raise ActionError("A user already exists with that email address")
        if not p.get("password2"):
            raise ActionError("You did not enter a password")  # assumed wording: not in the reference
    if state.client_by_email(email):
        raise ActionError("The email address entered is not available for use.")
    now = state.local_now()
    client_id = state.next_id("client")
    if not owner_id:
        owner_id = state.next_id("user")
        state.users[owner_id] = UserRecord(
            id=owner_id,
            firstname=p.get("firstname"),
            lastname=p.get("lastname"),
            email=email,
            password=p.get("password2"),
            datecreated=now,
        )
    state.users[owner_id].client_ids.append(client_id)
    fields = {int(k): encode_stored(v) for k, v in php_unserialize_map(p.get("customfields")).items() if k.isdigit()}
    state.clients[client_id] = ClientRecord(
        id=client_id,
        uuid=state.new_uuid(),
        owner_user_id=owner_id,
        firstname=p.get("firstname"),
        lastname=p.get("lastname"),
        companyname=p.get("companyname"),
        email=email,
        address1=p.get("address1"),
        address2=p.get("address2"),
        city=p.get("city"),
        state=p.get("state"),
        postcode=p.get("postcode"),
        country=p.get("country"),
        phonenumber=p.get("phonenumber"),
        datecreated=now.date(),
        notes=p.get("notes"),
        language=p.get("language"),
        custom_fields=fields,
    )
    return {"result": "success", "clientid": ctx.num(client_id), "owner_id": ctx.num(owner_id)}


def get_clients_details(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    if not p.get("clientid") and not p.get("email"):
        raise ActionError("Either clientid Or email Is Required")
    client = state.clients.get(p.number("clientid")) if p.get("clientid") else state.client_by_email(p.get("email"))
    if client is None:
        raise ActionError("Client Not Found")
    doc = client_document(ctx, client)
    body: dict[str, Any] = {"result": "success", **{k: v for k, v in doc.items() if k != "users"}}
    card = next((m for m in state.pay_methods.values() if m.client_id == client.id and m.card_type), None)
    body.update(cctype=card.card_type if card else "", cclastfour=card.card_last_four if card else "", gatewayid="")
    if card:
        body["warning"] = "Credit card related parameters are now deprecated and may be removed in a future version."
    body["client"] = doc
    if p.truthy("stats"):
        body["stats"] = _stats(ctx, client)
    return body


def _stats(ctx: ActionContext, client: ClientRecord) -> dict[str, Any]:
    state, today = ctx.state, ctx.state.today()
    mine = [i for i in state.invoices.values() if i.client_id == client.id]
    unpaid = [i for i in mine if i.status == "Unpaid"]
    overdue = [i for i in unpaid if i.duedate < today]
    services = [s for s in state.services.values() if s.client_id == client.id]
    return {
        "numpaidinvoices": ctx.num(sum(1 for i in mine if i.status == "Paid")),
        "numunpaidinvoices": ctx.num(len(unpaid)),
        "numoverdueinvoices": ctx.num(len(overdue)),
        "numcancelledinvoices": ctx.num(sum(1 for i in mine if i.status == "Cancelled")),
        "numrefundedinvoices": ctx.num(sum(1 for i in mine if i.status == "Refunded")),
        "unpaidinvoicesamount": display_money(sum((ledger.balance(i) for i in unpaid), ledger.CENT * 0)),
        "overdueinvoicesbalance": display_money(sum((ledger.balance(i) for i in overdue), ledger.CENT * 0)),
        "creditbalance": display_money(client.credit),
        "productsnumactive": ctx.num(sum(1 for s in services if s.status == "Active")),
        "productsnumtotal": ctx.num(len(services)),
        "incredit": client.credit > 0,
        "isAffiliate": False,
    }


def get_clients(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    start = max(p.number("limitstart"), 0)
    limit = p.number("limitnum") or 25
    search = p.get("search").strip().lower()
    rows = [
        c
        for c in state.clients.values()
        if (not p.get("status") or c.status == p.get("status"))
        and (
            not search
            or any(
                v.lower().startswith(search)
                for v in (c.email, c.firstname, c.lastname, c.companyname, f"{c.firstname} {c.lastname}")
            )
        )
    ]
    rows.sort(key=lambda c: (c.lastname, c.firstname, c.companyname), reverse=p.get("sorting").upper() == "DESC")
    page = rows[start : start + limit]
    body: dict[str, Any] = {
        "result": "success",
        "totalresults": ctx.num(len(rows)),
        "startnumber": ctx.num(start),
        "numreturned": ctx.num(len(page)),
    }
    if page:  # no rows: the key is missing
        body["clients"] = {
            "client": [
                {
                    "id": ctx.num(c.id),
                    "firstname": c.firstname,
                    "lastname": c.lastname,
                    "companyname": c.companyname,
                    "email": c.email,
                    "datecreated": c.datecreated.isoformat(),
                    "groupid": ctx.num(0),
                    "status": c.status,
                }
                for c in page
            ]
        }
    return body


_UPDATABLE = [
    "firstname",
    "lastname",
    "companyname",
    "email",
    "address1",
    "address2",
    "city",
    "state",
    "postcode",
    "country",
    "phonenumber",
    "status",
    "notes",
    "language",
]


def update_client(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    by_email = bool(p.get("clientemail"))
    client = state.client_by_email(p.get("clientemail")) if by_email else state.clients.get(p.number("clientid"))
    if client is None:
        raise ActionError("Client ID Not Found")
    if p.has("email"):
        email = p.get("email")
        if not _EMAIL.match(email):
            raise ActionError("The email address entered is not valid")
        other = state.client_by_email(email)
        if other is not None and other.id != client.id:
            raise ActionError("Duplicate Email Address")
    olddata = {key: getattr(client, key) for key in _UPDATABLE}
    for key in _UPDATABLE:
        if p.has(key) and p.get(key) != "":  # empty values are ignored, as WHMCS does
            setattr(client, key, p.get(key))
    if p.get("paymentmethod"):
        client.defaultgateway = p.get("paymentmethod")
    if p.has("customfields"):
        for k, v in php_unserialize_map(p.get("customfields")).items():
            if k.isdigit():
                client.custom_fields[int(k)] = encode_stored(v)
    changed = [key for key in _UPDATABLE if olddata[key] != getattr(client, key)]
    state.emit("client.updated", client_id=client.id, changed_fields=changed)
    echo: int | str = ctx.num(client.id) if by_email else p.get("clientid")
    return {"result": "success", "clientid": echo}

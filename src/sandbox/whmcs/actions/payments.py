"""GetPayMethods, GetPaymentMethods, CreateInvoice, CapturePayment."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sandbox.whmcs import operations
from sandbox.whmcs.context import ActionContext, ActionError

_CARD_TYPES = ("CreditCard", "RemoteCreditCard")
_BANK_TYPES = ("BankAccount", "RemoteBankAccount")


def get_pay_methods(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    if not p.get("clientid"):
        raise ActionError("Client ID Is Required")
    kind = p.get("type").lower()
    if kind and kind not in ("bankaccount", "creditcard"):
        raise ActionError("Invalid Pay Method Type. Should be 'BankAccount' or 'CreditCard'")
    if p.number("clientid") not in state.clients:
        raise ActionError("Client Not Found")
    wanted = {"creditcard": _CARD_TYPES, "bankaccount": _BANK_TYPES}.get(kind, _CARD_TYPES + _BANK_TYPES)
    rows = []
    for method in sorted(state.pay_methods.values(), key=lambda m: m.id):
        if method.client_id != p.number("clientid") or method.type not in wanted:
            continue
        if p.get("paymethodid") and method.id != p.number("paymethodid"):
            continue
        row: dict[str, Any] = {
            "id": ctx.num(method.id),
            "type": method.type,
            "description": method.description,
            "gateway_name": method.gateway_name,
            "contact_type": "Client",
            "contact_id": ctx.num(method.client_id),
            "last_updated": method.last_updated.strftime("%d/%m/%Y %H:%M"),  # the admin display format
        }
        if method.type in _CARD_TYPES:
            row.update(
                card_last_four=method.card_last_four,
                expiry_date=method.expiry_date,
                start_date="",
                issue_number="",
                card_type=method.card_type,
                remote_token=method.remote_token,
            )
        else:
            row.update(bank_name=method.bank_name, remote_token=method.remote_token)
        rows.append(row)
    return {"result": "success", "clientid": p.get("clientid"), "paymethods": rows}


def get_payment_methods(ctx: ActionContext) -> dict[str, Any]:
    gateways = ctx.state.gateways
    body: dict[str, Any] = {"result": "success", "totalresults": ctx.num(len(gateways))}
    if gateways:  # none active: the key is missing
        body["paymentmethods"] = {
            "paymentmethod": [{"module": module, "displayname": name} for module, name in gateways.items()]
        }
    return body


def _date(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def create_invoice(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    client = state.clients.get(p.number("userid"))
    if client is None:
        raise ActionError("Client ID Not Found")
    if p.truthy("draft") and p.truthy("sendinvoice"):
        raise ActionError(
            "Cannot create and send a draft invoice in a single API request. Please create and send separately."
        )
    statuses = ("Draft", "Unpaid", "Paid", "Cancelled", "Refunded", "Collections", "Payment Pending")
    status = "Draft" if p.truthy("draft") else (p.get("status") if p.get("status") in statuses else "Unpaid")
    items = []
    for key in sorted(k for k in p.values if re.fullmatch(r"itemamount\d+", k)):
        counter = key.removeprefix("itemamount")
        description = p.get(f"itemdescription{counter}")
        if not description:
            continue  # WHMCS skips lines without a description
        try:
            amount = Decimal(p.get(key) or "0").quantize(Decimal("0.01"))
        except InvalidOperation:
            amount = Decimal("0.00")
        items.append(("", 0, description, amount, p.truthy(f"itemtaxed{counter}")))
    taxrate = Decimal(p.get("taxrate")) if re.fullmatch(r"\d+(\.\d+)?", p.get("taxrate")) else Decimal("10.000")
    invoice = operations.new_invoice(
        state,
        client_id=client.id,
        items=items,
        paymentmethod=p.get("paymentmethod") or client.defaultgateway or next(iter(state.gateways), ""),
        duedate=_date(p.get("duedate")),
        invoice_date=_date(p.get("date")),
        status=status,
        taxrate=taxrate,
        notes=p.get("notes"),
    )
    return {"result": "success", "invoiceid": ctx.num(invoice.id), "status": status}


def capture_payment(ctx: ActionContext) -> dict[str, Any]:
    state = ctx.state
    invoice = state.invoices.get(ctx.params.number("invoiceid"))
    if invoice is None or invoice.status != "Unpaid":
        raise ActionError("Invoice Not Found or Not Unpaid")
    invoice.last_capture_attempt = state.local_now()
    card = next(
        (m for m in state.pay_methods.values() if m.client_id == invoice.client_id and m.type in _CARD_TYPES), None
    )
    if card is None:
        raise ActionError("Payment Attempt Failed")
    operations.mark_invoice_paid(state, invoice, gateway=card.gateway_name)
    return {"result": "success"}

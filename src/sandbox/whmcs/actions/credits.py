"""AddCredit, GetCredits and UpdateInvoice (status only): how money goes back to a client's account.

AddCredit answers only the new balance (no credit id, as WHMCS does); GetCredits lists the client's credit log.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sandbox.whmcs import operations
from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.records import CreditRecord
from sandbox.whmcs.wire_output import day, money

INVOICE_STATUSES = ("Draft", "Unpaid", "Paid", "Cancelled", "Refunded", "Collections", "Payment Pending")


def add_credit(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    client = state.clients.get(p.number("clientid"))
    if client is None:
        raise ActionError("Client ID Not Found")
    if not p.get("description"):
        raise ActionError("Description is Required")
    try:
        amount = Decimal(p.get("amount") or "0").quantize(Decimal("0.01"))
    except InvalidOperation:
        amount = Decimal("0.00")
    if amount <= 0:
        raise ActionError("Amount must be greater than zero")
    state.credit_log.append(
        CreditRecord(
            id=state.next_id("credit"),
            client_id=client.id,
            date=state.local_now().date(),
            description=p.get("description"),
            amount=amount,
        )
    )
    client.credit += amount
    return {"result": "success", "newbalance": money(client.credit)}


def get_credits(ctx: ActionContext) -> dict[str, Any]:
    client_id = ctx.params.number("clientid")
    if client_id not in ctx.state.clients:
        raise ActionError("Client ID Not Found")
    rows = [
        {
            "id": ctx.num(c.id),
            "date": day(c.date),
            "description": c.description,
            "amount": money(c.amount),
            "relid": ctx.num(0),
        }
        for c in ctx.state.credit_log
        if c.client_id == client_id
    ]
    return {
        "result": "success",
        "totalresults": ctx.num(len(rows)),
        "clientid": ctx.num(client_id),
        "credits": {"credit": rows},
    }


def update_invoice(ctx: ActionContext) -> dict[str, Any]:
    """Only the status change the portal makes (Unpaid → Cancelled); other members are accepted and ignored."""
    p, state = ctx.params, ctx.state
    invoice = state.invoices.get(p.number("invoiceid"))
    if invoice is None:
        raise ActionError("Invoice ID Not Found")
    status = p.get("status")
    if status and status not in INVOICE_STATUSES:
        raise ActionError("Invalid Status")
    if status == "Cancelled" and invoice.status != "Cancelled":
        operations.cancel_invoice(state, invoice)
    elif status and status != invoice.status:
        invoice.status = status
        invoice.updated_at = state.local_now()
    return {"result": "success", "invoiceid": ctx.num(invoice.id)}

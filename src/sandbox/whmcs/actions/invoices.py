"""GetInvoices and GetInvoice, with WHMCS's unstable default sort and per-field empty shapes."""

from __future__ import annotations

import random
from typing import Any

from sandbox.whmcs import ledger
from sandbox.whmcs.context import ActionContext
from sandbox.whmcs.records import InvoiceRecord
from sandbox.whmcs.wire_output import day, moment, money, rate

_ORDERABLE = {
    "id": lambda i: i.id,
    "invoicenumber": lambda i: i.invoicenum or str(i.id),
    "date": lambda i: i.date,
    "duedate": lambda i: i.duedate,
    "total": ledger.total,
    "status": lambda i: i.status,
}


def _sorted(ctx: ActionContext, rows: list[InvoiceRecord]) -> list[InvoiceRecord]:
    descending = ctx.params.get("order").lower() == "desc"
    orderby = ctx.params.get("orderby").lower()
    if orderby in _ORDERABLE:
        return sorted(rows, key=_ORDERABLE[orderby], reverse=descending)
    # `ORDER BY status DESC, duedate <order>` with no tiebreak: MySQL may return ties in any order, so
    # the emulator does too. Callers that page must send `orderby=id`.
    shuffled = random.sample(rows, len(rows))
    by_due = sorted(shuffled, key=lambda i: i.duedate, reverse=descending)
    return sorted(by_due, key=lambda i: i.status, reverse=True)


def get_invoices(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    start = max(p.number("limitstart"), 0)  # a negative offset is read as 0
    limit = p.number("limitnum")
    limit = 25 if limit <= 0 else limit  # no upper cap
    status, today = p.get("status"), state.today()
    rows = [i for i in state.invoices.values() if not p.get("userid") or i.client_id == p.number("userid")]
    if status == "Overdue":
        rows = [i for i in rows if i.status == "Unpaid" and i.duedate < today]
    elif status:
        rows = [i for i in rows if i.status == status]
    page = _sorted(ctx, rows)[start : start + limit]
    return {
        "result": "success",
        "totalresults": ctx.num(len(rows)),
        "startnumber": ctx.num(start),
        "numreturned": ctx.num(len(page)),
        "invoices": {"invoice": [_row(ctx, i) for i in page]} if page else [],
    }


def _row(ctx: ActionContext, invoice: InvoiceRecord) -> dict[str, Any]:
    client = ctx.state.clients.get(invoice.client_id)
    return {
        "id": ctx.num(invoice.id),
        "userid": ctx.num(invoice.client_id),
        "firstname": client.firstname if client else "",
        "lastname": client.lastname if client else "",
        "companyname": client.companyname if client else "",
        "invoicenum": invoice.invoicenum,
        "date": day(invoice.date),
        "duedate": day(invoice.duedate),
        "datepaid": moment(invoice.datepaid),
        "last_capture_attempt": moment(invoice.last_capture_attempt),
        "date_refunded": moment(invoice.date_refunded),
        "date_cancelled": moment(invoice.date_cancelled),
        "subtotal": money(ledger.subtotal(invoice)),
        "credit": money(invoice.credit),
        "tax": money(ledger.tax(invoice)),
        "tax2": money(ledger.tax2(invoice)),
        "total": money(ledger.total(invoice)),
        "taxrate": rate(invoice.taxrate),
        "taxrate2": rate(invoice.taxrate2),
        "status": invoice.status,
        "paymentmethod": invoice.paymentmethod,
        "paymethodid": None,
        "notes": invoice.notes,
        "created_at": moment(invoice.created_at),
        "updated_at": moment(invoice.updated_at),
        "currencycode": "JPY",
        "currencyprefix": "¥",
        "currencysuffix": " JPY",
    }


def get_invoice(ctx: ActionContext) -> dict[str, Any]:
    invoice = ctx.state.invoices.get(ctx.params.number("invoiceid"))
    if invoice is None:
        # The one action that reports not-found with `status` instead of `result`.
        return {"status": "error", "message": "Invoice ID Not Found"}
    body: dict[str, Any] = {
        "result": "success",
        "invoiceid": invoice.id,
        "invoicenum": invoice.invoicenum,
        "userid": ctx.num(invoice.client_id),
        "date": day(invoice.date),
        "duedate": day(invoice.duedate),
        "datepaid": moment(invoice.datepaid),
        "lastcaptureattempt": moment(invoice.last_capture_attempt),
        "subtotal": money(ledger.subtotal(invoice)),
        "credit": money(invoice.credit),
        "tax": money(ledger.tax(invoice)),
        "tax2": money(ledger.tax2(invoice)),
        "total": money(ledger.total(invoice)),
        "balance": money(ledger.balance(invoice)),
        "taxrate": rate(invoice.taxrate),
        "taxrate2": rate(invoice.taxrate2),
        "status": invoice.status,
        "paymentmethod": invoice.paymentmethod,
        "notes": invoice.notes,
        "ccgateway": invoice.paymentmethod == "stripe",
    }
    if invoice.items:  # no items: the key is missing
        body["items"] = {
            "item": [
                {
                    "id": ctx.num(item.id),
                    "type": item.type,
                    "relid": ctx.num(item.relid),
                    "description": item.description,
                    "amount": money(item.amount),
                    "taxed": 1 if item.taxed else 0,
                }
                for item in invoice.items
            ]
        }
    body["transactions"] = (
        {
            "transaction": [
                {
                    "id": ctx.num(t.id),
                    "userid": ctx.num(invoice.client_id),
                    "currency": ctx.num(0),
                    "gateway": t.gateway,
                    "date": moment(t.date),
                    "description": t.description,
                    "amountin": money(t.amountin),
                    "fees": money(t.fees),
                    "amountout": money(t.amountout),
                    "rate": "1.00000",
                    "transid": t.transid,
                    "invoiceid": ctx.num(invoice.id),
                    "refundid": ctx.num(0),
                }
                for t in invoice.transactions
            ]
        }
        if invoice.transactions
        else ""  # no transactions: an empty string
    )
    return body

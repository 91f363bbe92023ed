"""Charges outside an order over WHMCS: CreateInvoice (our reference in its notes), CapturePayment from the card on
file, the invoice found again by its reference (GetInvoices), UpdateInvoice to cancel one never paid; and credits
(AddCredit, GetCredits) for money given back."""

from __future__ import annotations

from decimal import Decimal

from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.errors import ConflictError, NotFoundError
from application.ports.billing.charges import ChargeInvoice, NewInvoice

RECENT_INVOICES = 25  # a reference is looked for among the client's newest invoices: ours was made moments ago


class WhmcsInvoiceCharges:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def create_invoice(self, invoice: NewInvoice) -> int:
        lines: dict[str, object] = {}
        for number, line in enumerate(invoice.lines, start=1):
            lines |= {f"itemdescription{number}": line.description, f"itemamount{number}": line.amount}
            lines[f"itemtaxed{number}"] = line.taxed
        body = await self._api.write(
            "CreateInvoice",
            userid=invoice.client_id,
            duedate=invoice.due_date,
            paymentmethod=invoice.payment_method,
            sendinvoice=invoice.send_email,
            notes=invoice.notes or None,
            **lines,
        )
        return n.to_int(body["invoiceid"])

    async def capture_payment(self, invoice_id: int) -> None:
        try:
            await self._api.write("CapturePayment", invoiceid=invoice_id)
        except NotFoundError:
            # "Invoice Not Found or Not Unpaid": an invoice that exists but is settled is a conflict.
            try:
                existing = await self._api.read("GetInvoice", invoiceid=invoice_id)
            except NotFoundError:
                raise NotFoundError("Invoice ID Not Found") from None
            raise ConflictError(f"Invoice {invoice_id} is {n.text(existing.get('status'))}, not Unpaid.") from None

    async def find_invoice(self, client_id: int, reference: str) -> ChargeInvoice | None:
        body = await self._api.read(
            "GetInvoices", userid=client_id, limitstart=0, limitnum=RECENT_INVOICES, orderby="id", order="desc"
        )
        for row in n.items(body.get("invoices"), "invoice"):
            if reference in n.text(row.get("notes")):
                return ChargeInvoice(id=n.to_int(row["id"]), status=n.text(row.get("status")))
        return None

    async def cancel_invoice(self, invoice_id: int) -> None:
        await self._api.write("UpdateInvoice", invoiceid=invoice_id, status="Cancelled")


class WhmcsCredits:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def add_credit(self, client_id: int, amount: Decimal, description: str) -> None:
        await self._api.write("AddCredit", clientid=client_id, amount=amount, description=description)

    async def credit_exists(self, client_id: int, reference: str) -> bool:
        body = await self._api.read("GetCredits", clientid=client_id)
        return any(reference in n.text(row.get("description")) for row in n.items(body.get("credits"), "credit"))

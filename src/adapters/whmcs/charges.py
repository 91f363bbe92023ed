"""Charges outside an order over WHMCS: CreateInvoice, then CapturePayment from the card on file."""

from __future__ import annotations

from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.errors import ConflictError, NotFoundError
from application.ports.billing.charges import NewInvoice


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

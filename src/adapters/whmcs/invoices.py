"""A customer's invoices over WHMCS (GetInvoices, GetInvoice), dated in the server's zone."""

from __future__ import annotations

from adapters.whmcs import invoice_mappers
from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi
from application.errors import NotFoundError
from application.ports.billing.invoices import Invoice, InvoicePage, InvoiceStatus


class WhmcsInvoices:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def list_invoices(
        self, client_id: int, *, status: InvoiceStatus | None = None, offset: int = 0, limit: int = 25
    ) -> InvoicePage:
        body = await self._api.read(
            "GetInvoices",
            userid=client_id,
            status=status,
            limitstart=offset,
            limitnum=limit,
            orderby="id",  # the default sort has no tiebreak: pages would skip and repeat rows
            order="desc",
        )
        today = self._api.today()
        rows = n.items(body.get("invoices"), "invoice")
        return InvoicePage(
            items=tuple(invoice_mappers.invoice_summary(row, self._api.zone, today) for row in rows),
            total=n.to_int(body.get("totalresults") or 0),
            offset=offset,
            limit=limit,
        )

    async def get_invoice(self, client_id: int, invoice_id: int) -> Invoice:
        body = await self._api.read("GetInvoice", invoiceid=invoice_id)
        if n.to_int(body["userid"]) != client_id:
            raise NotFoundError("Invoice ID Not Found")  # someone else's invoice looks like no invoice
        client = await self._api.read("GetClientsDetails", clientid=client_id)  # GetInvoice has no currency
        currency = n.text(client["client"].get("currency_code"))
        return invoice_mappers.invoice(body, self._api.zone, self._api.today(), currency)

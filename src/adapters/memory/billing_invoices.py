"""The twin's invoices as a customer reads them: newest first, paged, someone else's not found."""

from __future__ import annotations

from dataclasses import dataclass

from adapters.memory import billing_views as views
from adapters.memory.billing_world import BillingTwinWorld, operation
from application.errors import NotFoundError
from application.ports.billing.invoices import Invoice, InvoicePage, InvoiceStatus


@dataclass
class TwinInvoices:
    world: BillingTwinWorld

    @operation
    async def list_invoices(
        self, client_id: int, *, status: InvoiceStatus | None = None, offset: int = 0, limit: int = 25
    ) -> InvoicePage:
        rows = [views.invoice_summary(self.world, i) for i in self.world.invoices.values() if i.client_id == client_id]
        if status == "Overdue":
            rows = [r for r in rows if r.overdue]
        elif status is not None:
            rows = [r for r in rows if r.status == status]
        rows.sort(key=lambda r: r.id, reverse=True)
        start = max(offset, 0)
        size = limit if limit > 0 else 25
        return InvoicePage(items=tuple(rows[start : start + size]), total=len(rows), offset=offset, limit=limit)

    @operation
    async def get_invoice(self, client_id: int, invoice_id: int) -> Invoice:
        invoice = self.world.invoices.get(invoice_id)
        if invoice is None or invoice.client_id != client_id:
            raise NotFoundError("Invoice ID Not Found")
        return views.invoice(self.world, invoice)

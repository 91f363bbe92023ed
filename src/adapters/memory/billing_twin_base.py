"""What the in-memory billing twin's parts share: the world, the clock, fault hooks and DTO builders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from adapters.memory.billing_world import TwinClient, TwinInvoice, TwinOrder, TwinService, TwinWorld
from adapters.system_clock import SystemClock
from application.errors import ApplicationError, NotFoundError
from application.ports.billing_models import (
    BillingOrder,
    BillingOrderLine,
    ClientProfile,
    CustomFieldValue,
    Invoice,
    InvoiceSummary,
    PostalAddress,
    Service,
)
from application.ports.clock import Clock

T = TypeVar("T")
CENT = Decimal("0.01")
# Creating writes whose outcome is unknown are looked up by the real adapter, which then returns the record.
RECOVERED_BY_LOOKUP = frozenset({"add_client", "add_order"})


@dataclass
class ArmedFault:
    error: ApplicationError
    after_apply: bool
    remaining: int


class TwinBase:
    def __init__(
        self,
        world: TwinWorld,
        *,
        clock: Clock | None = None,
        customer_number_field_id: int = 198,
        system_url: str = "https://billing.sandbox.invalid/",
        sso_token_seconds: int = 60,
    ) -> None:
        self.world = world
        self.clock: Clock = clock or SystemClock()
        self.customer_number_field_id = customer_number_field_id
        self.system_url = system_url
        self.sso_token_seconds = sso_token_seconds
        self.calls: list[str] = []
        self._faults: dict[str, ArmedFault] = {}

    # --- fault hooks ----------------------------------------------------------------------------------------
    def fail_next(self, operation: str, error: ApplicationError, *, after_apply: bool = False, times: int = 1) -> None:
        """Make the next `times` calls of `operation` (a port method name) fail with `error`.

        `after_apply`: the change is made first (an unknown outcome). For add_client/add_order the call then
        succeeds, because the real adapter looks the record up and returns it; other calls raise `error`.
        """
        self._faults[operation] = ArmedFault(error, after_apply, times)

    def _enter(self, operation: str) -> ArmedFault | None:
        self.calls.append(operation)
        fault = self._faults.get(operation)
        if fault is None:
            return None
        fault.remaining -= 1
        if fault.remaining <= 0:
            del self._faults[operation]
        if not fault.after_apply:
            raise fault.error
        return fault

    @staticmethod
    def _leave(operation: str, fault: ArmedFault | None, result: T) -> T:
        if fault is not None and operation not in RECOVERED_BY_LOOKUP:
            raise fault.error
        return result

    # --- helpers --------------------------------------------------------------------------------------------
    def today(self) -> dt.date:
        return self.clock.now().astimezone(self.world.zone).date()

    def local_now(self) -> dt.datetime:
        return self.clock.now().astimezone(self.world.zone).replace(microsecond=0)

    def client(self, client_id: int, message: str = "Client Not Found") -> TwinClient:
        client = self.world.clients.get(client_id)
        if client is None:
            raise NotFoundError(message)
        return client

    def profile(self, client: TwinClient) -> ClientProfile:
        v = client.values
        fields = tuple(CustomFieldValue(id=k, value=val) for k, val in sorted(client.custom_fields.items()) if val)
        return ClientProfile(
            id=client.id,
            owner_user_id=client.owner_user_id,
            first_name=v["firstname"],
            last_name=v["lastname"],
            company_name=v["companyname"],
            email=v["email"],
            phone=v["phonenumber"],
            address=PostalAddress(
                address1=v["address1"],
                address2=v["address2"],
                city=v["city"],
                state=v["state"],
                postcode=v["postcode"],
                country=v["country"],
            ),
            status=v["status"],
            currency_code="JPY",
            customer_number=client.custom_fields.get(self.customer_number_field_id) or None,
            custom_fields=fields,
        )

    def invoice_dto(self, invoice: TwinInvoice) -> Invoice:
        subtotal = sum((line.amount for line in invoice.lines), Decimal("0.00")).quantize(CENT)
        taxed = sum((line.amount for line in invoice.lines if line.taxed), Decimal("0.00"))
        tax = (taxed * invoice.tax_rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
        total = (subtotal + tax - invoice.credit).quantize(CENT)
        paid = sum((t.amount_in - t.amount_out for t in invoice.transactions), Decimal("0.00"))
        return Invoice(
            id=invoice.id,
            number=str(invoice.id),
            client_id=invoice.client_id,
            status=invoice.status,
            overdue=invoice.status == "Unpaid" and invoice.due_date < self.today(),
            date=invoice.date,
            due_date=invoice.due_date,
            paid_date=invoice.paid_at.date() if invoice.paid_at else None,
            subtotal=subtotal,
            credit=invoice.credit.quantize(CENT),
            tax=tax,
            tax2=Decimal("0.00"),
            tax_rate=invoice.tax_rate.quantize(Decimal("0.001")),
            tax_rate2=Decimal("0.000"),
            total=total,
            balance=(total - paid).quantize(CENT),
            payment_method=invoice.payment_method,
            notes=invoice.notes,
            currency_code="JPY",
            lines=tuple(invoice.lines),
            transactions=tuple(invoice.transactions),
        )

    def invoice_summary(self, invoice: TwinInvoice) -> InvoiceSummary:
        full = self.invoice_dto(invoice)
        return InvoiceSummary(
            id=full.id,
            number=full.number,
            client_id=full.client_id,
            status=full.status,
            overdue=full.overdue,
            date=full.date,
            due_date=full.due_date,
            paid_date=full.paid_date,
            subtotal=full.subtotal,
            credit=full.credit,
            tax=full.tax,
            tax2=full.tax2,
            total=full.total,
            payment_method=full.payment_method,
            currency_code=full.currency_code,
        )

    def service_dto(self, service: TwinService) -> Service:
        product = self.world.products[service.product_id]
        return Service(
            id=service.id,
            client_id=service.client_id,
            order_id=service.order_id,
            product_id=service.product_id,
            name=product.name,
            group_name=self.world.product_groups[service.product_id],
            status=service.status,
            billing_cycle=service.billing_cycle,
            first_payment_amount=service.first_payment.quantize(CENT),
            recurring_amount=service.recurring.quantize(CENT),
            registration_date=service.registration_date,
            next_due_date=service.next_due_date,
            payment_method=service.payment_method,
            domain="",
            custom_fields=tuple(
                CustomFieldValue(id=f.id, name=f.name, value=service.custom_fields.get(f.id, ""))
                for f in product.custom_fields
            ),
        )

    def order_dto(self, order: TwinOrder) -> BillingOrder:
        lines = []
        for service_id in order.service_ids:
            service = self.world.services.get(service_id)
            if service is not None:
                lines.append(
                    BillingOrderLine(
                        type="product",
                        service_id=service.id,
                        product_name=self.world.products[service.product_id].name,
                        billing_cycle=service.billing_cycle,
                        status=service.status,
                    )
                )
        return BillingOrder(
            id=order.id,
            number=order.number,
            client_id=order.client_id,
            placed_at=order.placed_at,
            status=order.status,
            payment_method=order.payment_method,
            invoice_id=order.invoice_id,
            amount=order.amount.quantize(CENT),
            lines=tuple(lines),
        )

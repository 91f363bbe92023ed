"""The twin's rows as the port DTOs the real adapter returns (totals, tax and overdue worked out as WHMCS does)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from adapters.memory.billing_tables import TwinClient, TwinInvoice, TwinOrder, TwinService
from adapters.memory.billing_world import BillingTwinWorld
from application.ports.billing.clients import ClientProfile
from application.ports.billing.invoices import Invoice, InvoiceSummary
from application.ports.billing.orders import BillingOrder, BillingOrderLine
from application.ports.billing.services import Service
from application.ports.billing.values import CustomFieldValue, PostalAddress

CENT = Decimal("0.01")


def profile(world: BillingTwinWorld, client: TwinClient) -> ClientProfile:
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
        customer_number=client.custom_fields.get(world.customer_number_field_id) or None,
        custom_fields=fields,
    )


def invoice(world: BillingTwinWorld, row: TwinInvoice) -> Invoice:
    subtotal = sum((line.amount for line in row.lines), Decimal("0.00")).quantize(CENT)
    taxed = sum((line.amount for line in row.lines if line.taxed), Decimal("0.00"))
    tax = (taxed * row.tax_rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    total = (subtotal + tax - row.credit).quantize(CENT)
    paid = sum((t.amount_in - t.amount_out for t in row.transactions), Decimal("0.00"))
    return Invoice(
        id=row.id,
        number=str(row.id),
        client_id=row.client_id,
        status=row.status,
        overdue=row.status == "Unpaid" and row.due_date < world.today(),
        date=row.date,
        due_date=row.due_date,
        paid_date=row.paid_at.date() if row.paid_at else None,
        subtotal=subtotal,
        credit=row.credit.quantize(CENT),
        tax=tax,
        tax2=Decimal("0.00"),
        tax_rate=row.tax_rate.quantize(Decimal("0.001")),
        tax_rate2=Decimal("0.000"),
        total=total,
        balance=(total - paid).quantize(CENT),
        payment_method=row.payment_method,
        notes=row.notes,
        currency_code="JPY",
        lines=tuple(row.lines),
        transactions=tuple(row.transactions),
    )


def invoice_summary(world: BillingTwinWorld, row: TwinInvoice) -> InvoiceSummary:
    full = invoice(world, row)
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


def service(world: BillingTwinWorld, row: TwinService) -> Service:
    product = world.products[row.product_id]
    return Service(
        id=row.id,
        client_id=row.client_id,
        order_id=row.order_id,
        product_id=row.product_id,
        name=product.name,
        group_name=world.product_groups[row.product_id],
        status=row.status,
        billing_cycle=row.billing_cycle,
        first_payment_amount=row.first_payment.quantize(CENT),
        recurring_amount=row.recurring.quantize(CENT),
        registration_date=row.registration_date,
        next_due_date=row.next_due_date,
        payment_method=row.payment_method,
        domain="",
        custom_fields=tuple(
            CustomFieldValue(id=f.id, name=f.name, value=row.custom_fields.get(f.id, "")) for f in product.custom_fields
        ),
    )


def order(world: BillingTwinWorld, row: TwinOrder) -> BillingOrder:
    lines = []
    for service_id in row.service_ids:
        found = world.services.get(service_id)
        if found is not None:
            lines.append(
                BillingOrderLine(
                    type="product",
                    service_id=found.id,
                    product_name=world.products[found.product_id].name,
                    billing_cycle=found.billing_cycle,
                    status=found.status,
                )
            )
    return BillingOrder(
        id=row.id,
        number=row.number,
        client_id=row.client_id,
        placed_at=row.placed_at,
        status=row.status,
        payment_method=row.payment_method,
        invoice_id=row.invoice_id,
        amount=row.amount.quantize(CENT),
        lines=tuple(lines),
    )

"""Invoice arithmetic as WHMCS's updateInvoiceTotal does it: taxed lines, 2-decimal amounts, balance."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sandbox.whmcs.records import InvoiceRecord

CENT = Decimal("0.01")


def subtotal(invoice: InvoiceRecord) -> Decimal:
    return sum((item.amount for item in invoice.items), Decimal("0.00")).quantize(CENT)


def tax(invoice: InvoiceRecord) -> Decimal:
    taxed = sum((item.amount for item in invoice.items if item.taxed), Decimal("0.00"))
    return (taxed * invoice.taxrate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def tax2(invoice: InvoiceRecord) -> Decimal:
    taxed = sum((item.amount for item in invoice.items if item.taxed), Decimal("0.00"))
    return (taxed * invoice.taxrate2 / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def total(invoice: InvoiceRecord) -> Decimal:
    return (subtotal(invoice) + tax(invoice) + tax2(invoice) - invoice.credit).quantize(CENT)


def paid(invoice: InvoiceRecord) -> Decimal:
    return sum((t.amountin - t.amountout for t in invoice.transactions), Decimal("0.00")).quantize(CENT)


def balance(invoice: InvoiceRecord) -> Decimal:
    return (total(invoice) - paid(invoice)).quantize(CENT)

"""Errors of the orders area beyond the cart rules (those are the domain's, `domain.orders.errors`)."""

from __future__ import annotations

from application.errors import ConflictError


class PaymentMethodMissingError(ConflictError):
    code = "PAYMENT_METHOD_MISSING"
    default_message = "Add a payment method to your account before ordering."

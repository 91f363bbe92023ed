"""The stable codes fulfilment writes to `Activation_Error_Code__c`, with what agents and customers are told.

This module is their documentation (agents read the code and the message beside it in Salesforce; the API shows
the customer message). A code never changes meaning once shipped; new ones are added at the end.
"""

from __future__ import annotations

from enum import StrEnum


class FulfilmentErrorCode(StrEnum):
    PAYMENT_METHOD_MISSING = "PAYMENT_METHOD_MISSING"  # paused: the customer adds a card, an agent re-triggers
    BILLING_ACCOUNT_MISSING = "BILLING_ACCOUNT_MISSING"  # the CRM account has no linked WHMCS client
    PRODUCT_NOT_MAPPED = "PRODUCT_NOT_MAPPED"  # an item's product has no WHMCS product id
    BILLING_ORDER_REJECTED = "BILLING_ORDER_REJECTED"  # WHMCS refused AddOrder
    BILLING_ORDER_NOT_PENDING = "BILLING_ORDER_NOT_PENDING"  # our WHMCS order was cancelled or marked fraud
    SIM_DETAILS_MISSING = "SIM_DETAILS_MISSING"  # SIM type, EID or porting details are missing or unreadable
    SIM_INVENTORY_EMPTY = "SIM_INVENTORY_EMPTY"  # no free SIM card / eSIM number in stock
    SIM_ACTIVATION_REJECTED = "SIM_ACTIVATION_REJECTED"  # Freebit refused the activation
    SIM_ACTIVATION_TIMEOUT = "SIM_ACTIVATION_TIMEOUT"  # Freebit accepted it but never finished
    UPSTREAM_UNAVAILABLE = "UPSTREAM_UNAVAILABLE"  # a system stayed down through every retry
    UPSTREAM_CONFIGURATION = "UPSTREAM_CONFIGURATION"  # our credentials or settings for a system are wrong
    OPPORTUNITY_FOREIGN = "OPPORTUNITY_FOREIGN"  # the order's Opportunity belongs to another Account: never written
    OPPORTUNITY_REJECTED = "OPPORTUNITY_REJECTED"  # the CRM refused the Opportunity write-back, or it was deleted
    SERVICE_LINK_REJECTED = "SERVICE_LINK_REJECTED"  # WHMCS refused the service's OpportunityId field (or lacks it)


CUSTOMER_MESSAGES: dict[FulfilmentErrorCode, str] = {
    FulfilmentErrorCode.PAYMENT_METHOD_MISSING: (
        "Add a payment method to your account so we can continue setting up your order."
    ),
    FulfilmentErrorCode.SIM_DETAILS_MISSING: "We need a few more details about your SIM. Our team will contact you.",
    FulfilmentErrorCode.SIM_INVENTORY_EMPTY: "Your SIM is on back order. We will continue as soon as it arrives.",
    FulfilmentErrorCode.SIM_ACTIVATION_REJECTED: (
        "We could not activate your SIM with the details given. Our team will contact you."
    ),
}
DEFAULT_CUSTOMER_MESSAGE = "Setting up your order is taking longer than usual. Our team is on it."


def customer_message(code: str | None) -> str | None:
    """What the customer sees for an error code (agents' messages can name systems and ids; this never does)."""
    if not code:
        return None
    try:
        return CUSTOMER_MESSAGES.get(FulfilmentErrorCode(code), DEFAULT_CUSTOMER_MESSAGE)
    except ValueError:
        return DEFAULT_CUSTOMER_MESSAGE

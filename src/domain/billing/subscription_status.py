"""The five subscription states a customer sees, from the seven WHMCS keeps for a service."""

from __future__ import annotations

from typing import Literal

SubscriptionStatus = Literal["Active", "Pending", "Suspended", "Cancelled", "Completed"]

_AS_SHOWN: dict[str, SubscriptionStatus] = {
    "active": "Active",
    "pending": "Pending",
    "suspended": "Suspended",
    "cancelled": "Cancelled",
    "completed": "Completed",
    # A terminated service has ended for good, as a cancelled one has; "Fraud" is an order flagged by staff,
    # which the customer experiences as a cancelled service (the reason is for agents, not the portal).
    "terminated": "Cancelled",
    "fraud": "Cancelled",
}


def subscription_status(whmcs_status: str) -> SubscriptionStatus:
    """Unknown states (a future WHMCS or a custom module) show as Pending: never as Active by accident."""
    return _AS_SHOWN.get(whmcs_status.strip().lower(), "Pending")

"""What each change WHMCS reports (or we make) leaves stale: the one map from events to billing caches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args

import msgspec

BillingChangeKind = Literal[
    "invoice.created",
    "invoice.paid",
    "invoice.cancelled",
    "client.updated",
    "service.created",
    "service.updated",
    "paymethod.updated",
]
KNOWN_CHANGES: frozenset[str] = frozenset(get_args(BillingChangeKind))


class BillingChange(msgspec.Struct, frozen=True, kw_only=True):
    """A change to one WHMCS client's billing data (a hint: what changed is re-read from WHMCS when needed)."""

    kind: BillingChangeKind
    client_id: int
    invoice_id: int | None = None
    service_id: int | None = None


class StaleData(msgspec.Struct, frozen=True, kw_only=True):
    invoice_list: bool = False
    invoice_ids: tuple[int, ...] = ()
    subscription_list: bool = False
    every_subscription: bool = False
    subscription_ids: tuple[int, ...] = ()
    pay_methods: bool = False
    profile: bool = False


# The brief: subscriptions are cleared on profile updates too, and our subscription views carry the client's
# currency, which lives on the profile.
PROFILE_CHANGED = StaleData(profile=True, subscription_list=True, every_subscription=True)


def _ids(value: int | None) -> tuple[int, ...]:
    return (value,) if value else ()


_STALE: dict[str, Callable[[BillingChange], StaleData]] = {
    # A new invoice has no detail cached yet.
    "invoice.created": lambda c: StaleData(invoice_list=True),
    # Payment moves the next due date of the services billed on the invoice (and may reactivate them); which
    # services those are only the invoice's lines say, so every subscription of the account goes.
    "invoice.paid": lambda c: StaleData(
        invoice_list=True, invoice_ids=_ids(c.invoice_id), subscription_list=True, every_subscription=True
    ),
    "invoice.cancelled": lambda c: StaleData(invoice_list=True, invoice_ids=_ids(c.invoice_id)),
    "client.updated": lambda c: PROFILE_CHANGED,
    "service.created": lambda c: StaleData(subscription_list=True),
    "service.updated": lambda c: StaleData(subscription_list=True, subscription_ids=_ids(c.service_id)),
    "paymethod.updated": lambda c: StaleData(pay_methods=True),
}


def stale_after(change: BillingChange) -> StaleData:
    return _STALE[change.kind](change)

"""Every billing cache key and its TTL, in one place: the reads fill these keys and the invalidations (WHMCS
webhooks, our own writes) clear them, so the two can never disagree on a name.

Keys are per account (`acct:<sf account id>:billing:...`) so one customer's data can never be served to another;
only the payment gateway list, which is the billing installation's and holds nothing personal, is global.

Reads whose key space is open-ended (invoice pages by status/offset/limit, one key per subscription) hang under a
*generation*: a random token kept at a fixed key and embedded in each member key. Deleting the generation key
makes every member unreachable at once (they expire on their own), which is how "the invoice list" or "every
subscription" is cleared without listing keys.
"""

from __future__ import annotations

from typing import NamedTuple

INVOICE_LIST_TTL = 90
INVOICE_TTL = 5 * 60
SUBSCRIPTION_LIST_TTL = 5 * 60
SUBSCRIPTION_TTL = 10 * 60
PAY_METHODS_TTL = 15 * 60
GATEWAYS_TTL = 60 * 60
PROFILE_TTL = 30 * 60
# A generation must outlive every member it names, or members would be orphaned early (refetched, no harm).
GENERATION_TTL = 24 * 60 * 60
# How long an invalidation fences off fills that started before it: longer than any upstream read lasts.
FENCE_TTL = 2 * 60


class Slot(NamedTuple):
    key: str
    ttl_seconds: int


GATEWAYS = Slot("billing:gateways", GATEWAYS_TTL)


class BillingKeys:
    """The keys of one account (`scope` is `LinkedCustomer.cache_scope`)."""

    def __init__(self, scope: str) -> None:
        self._base = f"{scope}:billing"

    @property
    def fence(self) -> str:
        """When this account's billing caches were last invalidated (see `CachedReads`)."""
        return f"{self._base}:invalidated-at"

    @property
    def invoice_list_generation(self) -> str:
        return f"{self._base}:invoices:generation"

    @property
    def invoice_first_page(self) -> Slot:
        """The list as the portal first asks for it (no filter, first page, default size): under a fixed key, so
        a warm read needs no generation lookup first (one round trip less on the most common billing read)."""
        return Slot(f"{self._base}:invoices:first-page", INVOICE_LIST_TTL)

    def invoice_page(self, generation: str, status: str | None, offset: int, limit: int) -> Slot:
        return Slot(f"{self._base}:invoices:{generation}:{status or 'all'}:{offset}:{limit}", INVOICE_LIST_TTL)

    def invoice(self, invoice_id: int) -> Slot:
        return Slot(f"{self._base}:invoice:{invoice_id}", INVOICE_TTL)

    @property
    def subscription_list(self) -> Slot:
        return Slot(f"{self._base}:subscriptions", SUBSCRIPTION_LIST_TTL)

    @property
    def subscription_generation(self) -> str:
        return f"{self._base}:subscription:generation"

    def subscription(self, generation: str, service_id: int) -> Slot:
        return Slot(f"{self._base}:subscription:{generation}:{service_id}", SUBSCRIPTION_TTL)

    @property
    def pay_methods(self) -> Slot:
        return Slot(f"{self._base}:pay-methods", PAY_METHODS_TTL)

    @property
    def profile(self) -> Slot:
        return Slot(f"{self._base}:profile", PROFILE_TTL)

"""Every SIM cache key and its TTL, in one place: the reads fill them, our own writes clear them.

Freebit is never polled: the detail (PA03-02) changes only when one of *our* changes completes (we clear it when we
send one, and keep it briefly while one is pending so its completion shows), so a long TTL is safe; a change made by
staff in Freebit's own console shows within it. Usage (PA05-01) moves all day but Freebit's counters are not live
either, and the spec asks partners not to poll it: two minutes bounds the load to 30 reads an hour per line that
someone is looking at, and the answer says how old it is.
"""

from __future__ import annotations

from application.billing.cache_keys import Slot

SIM_DETAIL_TTL = 10 * 60
SIM_DETAIL_PENDING_TTL = 30  # an operation Freebit is running finishes within minutes: look again soon
SIM_USAGE_TTL = 2 * 60


class SimKeys:
    """The SIM keys of one account (`scope` is `LinkedCustomer.cache_scope`)."""

    def __init__(self, scope: str) -> None:
        self._base = f"{scope}:sim"

    @property
    def fence(self) -> str:
        return f"{self._base}:invalidated-at"

    def detail(self, service_id: int, *, pending: bool = False) -> Slot:
        return Slot(f"{self._base}:{service_id}:detail", SIM_DETAIL_PENDING_TTL if pending else SIM_DETAIL_TTL)

    def usage(self, service_id: int) -> Slot:
        return Slot(f"{self._base}:{service_id}:usage", SIM_USAGE_TTL)

    def of(self, service_id: int) -> list[str]:
        """Every key of one SIM: what a write of ours clears."""
        return [self.detail(service_id).key, self.usage(service_id).key]

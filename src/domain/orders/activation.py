"""The order's activation status and when it asks for fulfilment (portal-domain §8.1–8.3)."""

from __future__ import annotations

from collections.abc import Collection

ACTIVATING = "Activating"
ACTIVATED = "Activated"
FAILED = "Failed"
# Since Mar 2026 the agent's "Processed" starts fulfilment and "Reactivate" re-runs a failed one.
DEFAULT_TRIGGER_STATUSES: tuple[str, ...] = ("Processed", "Reactivate")


def awaits_fulfilment(
    *, status: str, activation_status: str | None, whmcs_order_id: str | None, trigger_statuses: Collection[str]
) -> bool:
    """Activating, in a trigger status, and not fulfilled yet (the WHMCS order id is written only at the end)."""
    return activation_status == ACTIVATING and status in trigger_statuses and not whmcs_order_id

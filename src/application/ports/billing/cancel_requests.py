"""A service's cancellation request in billing (WHMCS AddCancelRequest / GetCancelledPackages).

WHMCS keeps at most one cancellation request per service and its API offers no way to withdraw one (only its admin
area can delete it): so the portal files it only once a cancellation is final (after its cut-off). Errors:
`NotFoundError` (no such service), `ConflictError` (the service already has a cancellation request — ours, whose
answer was lost, or one staff filed), `UpstreamUnavailableError` (retry after looking it up: the outcome may be
unknown), `UpstreamConfigurationError`.
"""

from __future__ import annotations

from typing import Protocol


class BillingCancelRequests(Protocol):
    async def request_cancellation(self, service_id: int, reason: str) -> None:
        """File an "End of Billing Period" cancellation request for the service."""
        ...

    async def cancellation_requested(self, service_id: int) -> bool:
        """Whether the service has a cancellation request (the look-up before any retry)."""
        ...

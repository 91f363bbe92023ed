"""An upstream outage told to the customer in the words of what they were doing ("billing", "support")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from application.errors import Raises, UpstreamConfigurationError, UpstreamUnavailableError


class BillingUnavailableError(UpstreamUnavailableError):
    code = "BILLING_UNAVAILABLE"

    def __init__(self, *, retry_after: float | None = None) -> None:
        super().__init__(
            "billing", "The billing system is unavailable, please try again later.", retry_after=retry_after
        )


class SupportUnavailableError(UpstreamUnavailableError):
    code = "SUPPORT_UNAVAILABLE"

    def __init__(self, *, retry_after: float | None = None) -> None:
        super().__init__(
            "support", "The support system is unavailable, please try again later.", retry_after=retry_after
        )


class SimServiceUnavailableError(UpstreamUnavailableError):
    code = "SIM_SERVICE_UNAVAILABLE"

    def __init__(self, *, retry_after: float | None = None) -> None:
        super().__init__("sim", "The SIM service is unavailable, please try again later.", retry_after=retry_after)


OutageKind = type[BillingUnavailableError] | type[SupportUnavailableError] | type[SimServiceUnavailableError]


@contextmanager
def reported_as(kind: OutageKind) -> Iterator[None]:
    """Re-raise any outage inside the block as `kind`, keeping the upstream's Retry-After hint."""
    try:
        yield
    except UpstreamUnavailableError as error:
        if isinstance(error, kind):
            raise
        raise kind(retry_after=error.retry_after) from error


BILLING_OUTAGES: Raises = (BillingUnavailableError, UpstreamConfigurationError)
SUPPORT_OUTAGES: Raises = (SupportUnavailableError, UpstreamConfigurationError)
SIM_OUTAGES: Raises = (SimServiceUnavailableError, BillingUnavailableError, UpstreamConfigurationError)

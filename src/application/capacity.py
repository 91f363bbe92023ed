"""The error for "this process is at a bound it keeps on purpose" (password hashing slots, requests with bodies).

Answered like a dependency outage — 503 with Retry-After — instead of queueing without bound: a queue that grows
with the attack holds memory and makes every caller wait, the honest answer is "try again in a moment".
"""

from __future__ import annotations

from application.errors import Raises, UpstreamUnavailableError


class CapacityExhaustedError(UpstreamUnavailableError):
    code = "OVERLOADED"
    default_message = "We are busy right now; please try again in a moment."

    def __init__(self, resource: str, *, retry_after: float = 1.0) -> None:
        super().__init__(resource, self.default_message, retry_after=retry_after)


HASHING: Raises = (CapacityExhaustedError,)  # what a use case that hashes or verifies a password adds to `raises`

"""The SIM provisioner (Freebit) as order fulfilment and SIM management need it.

Errors: `InvalidInputError` (Freebit refused the values: bad EID, MNP data, plan code...), `ConflictError`
(the account's state forbids it: already registered, locked by a running operation, not in service),
`NotFoundError` (no such account), `UpstreamUnavailableError` (retryable; for a mutation it means the
change was NOT applied, or its outcome is unknown and the account must be read before trying again),
`UpstreamConfigurationError` (our OEM credentials are wrong; never retried).

No mutation is ever retried blindly: when an answer is lost, implementations read the account (or the
quota history) and return the registration if it happened.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from application.ports.sim_models import (
    AcceptedOperation,
    EsimActivation,
    PhysicalSimActivation,
    QuotaTopUp,
    QuotaTopUpReceipt,
    SimAccount,
    TrafficInfo,
    VoiceOptions,
)


class SimProvisioner(Protocol):
    async def activate_physical_sim(self, request: PhysicalSimActivation) -> AcceptedOperation:
        """Register the SIM card's number on a plan (PA02-01); completes asynchronously."""
        ...

    async def activate_esim(self, request: EsimActivation) -> AcceptedOperation:
        """Activate an eSIM profile for the device's EID, new or ported in (PA05-41); asynchronous."""
        ...

    async def add_voice_options(self, msisdn: str, options: VoiceOptions) -> AcceptedOperation:
        """Register voice options (PA05-05) once the line is active; asynchronous."""
        ...

    async def get_account(self, msisdn: str) -> SimAccount:
        """State, plan, options and pending operations: how a worker waits for completion."""
        ...

    async def cancel(self, msisdn: str, *, run_on: date | None = None) -> AcceptedOperation:
        """Cancel the line now or on `run_on` (PA02-04); asynchronous."""
        ...

    async def add_quota(self, top_up: QuotaTopUp) -> QuotaTopUpReceipt:
        """Add data (PA04-04). Not idempotent upstream: `quota_code` must be unique per top-up."""
        ...

    async def quota_added(self, msisdn: str, quota_code: str) -> bool:
        """Whether a quota add with `quota_code` is in the line's quota history (PA05-02): the look-up before any
        retry of a top-up whose outcome is unknown."""
        ...

    async def get_traffic(self, msisdn: str) -> TrafficInfo:
        """Remaining quota and recent usage of one line (PA05-01); never poll many lines with it."""
        ...

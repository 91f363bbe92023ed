"""A service's cancellation as the CRM records it (Salesforce): the Opportunity's cancellation fields and the Case.

The Opportunity is the service's: found by `WHMCS_Service_ID__c`; a service sold before the portal may have none,
and then one is created for the account carrying the service id. Errors: `NotFoundError` (no such record),
`InvalidInputError` (the CRM refused the values), `UpstreamUnavailableError` (retry; a lost create is found again by
the service id before anything is created twice), `UpstreamConfigurationError`.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

import msgspec

from domain.cancellation.cancellation import CancellationKind, LineReturn


class CancellationFields(msgspec.Struct, frozen=True, kw_only=True):
    kind: CancellationKind
    end_date: date  # the service's last day (end of month, Tokyo)
    moving: bool
    line_return: LineReturn | None  # Internet only


class CancellationCrmRecords(Protocol):
    async def find_service_opportunity(self, account_id: str, service_id: int) -> str | None: ...

    async def create_service_opportunity(
        self, account_id: str, service_id: int, name: str, kind: CancellationKind
    ) -> str:
        """An Opportunity for a service that has none (sold before the portal), carrying its WHMCS service id; won
        already (the service was sold), so the order lifecycle never takes it for a new order."""
        ...

    async def record_cancellation(self, opportunity_id: str, fields: CancellationFields) -> None:
        """Write the cancellation fields (idempotent: the same values again change nothing)."""
        ...

    async def clear_cancellation(self, opportunity_id: str, kind: CancellationKind) -> None:
        """Empty the kind's cancellation fields again (a withdrawal)."""
        ...

    async def find_case(self, account_id: str, request_key: str) -> str | None:
        """The account's case opened with `request_key`, if any (looked up, never created)."""
        ...

    async def close_case(self, account_id: str, case_id: str) -> None:
        """Set the case's status to Closed (idempotent)."""
        ...

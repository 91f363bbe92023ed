"""An account's Internet eligibility as the CRM records it (an agent decides; the CRM announces changes).

Errors: NotFoundError (no such account), UpstreamConfigurationError, UpstreamUnavailableError.
"""

from __future__ import annotations

from typing import Protocol

from application.ports.crm_models import InternetEligibility


class EligibilityRecords(Protocol):
    async def get_eligibility(self, account_id: str) -> InternetEligibility: ...

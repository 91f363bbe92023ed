from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.identity.salesforce_id import SalesforceId
from domain.identity.whmcs_client_id import WhmcsClientId


@dataclass(frozen=True, slots=True)
class AccountLink:
    """Which billing client and CRM account a portal user is. The only source of owner ids for authorisation."""

    user_id: UUID
    whmcs_client_id: WhmcsClientId
    sf_account_id: SalesforceId
    sf_contact_id: SalesforceId | None
    created_at: datetime

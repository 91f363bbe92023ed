from __future__ import annotations

from datetime import datetime

import msgspec

from application.ports.crm_models import InternetEligibility


class EligibilityView(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    status: str  # Not Requested / Pending / Eligible / Not Eligible
    offering_type: str | None  # what Internet plans the account may order, e.g. "Home 1G"
    checked_at: datetime | None
    notes: str | None


def eligibility_view(eligibility: InternetEligibility) -> EligibilityView:
    return EligibilityView(
        status=eligibility.status,
        offering_type=eligibility.offering_type,
        checked_at=eligibility.checked_at,
        notes=eligibility.notes,
    )

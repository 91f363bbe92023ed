"""In-memory twin of `EligibilityRequests`."""

from __future__ import annotations

import msgspec

from adapters.memory.crm_data import InMemoryCrmData, StoredCase
from application.ports.case_desk import NEW_CASE_STATUS, PORTAL_CASE_ORIGIN, SupportCase
from application.ports.eligibility_requests import EligibilityRequest, EligibilityRequestReceipt


class InMemoryEligibilityRequests:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def submit(self, request: EligibilityRequest) -> EligibilityRequestReceipt:
        data = self._data
        data.check_failure()
        account = data.account(request.account_id)
        opportunity_id = request.opportunity_id
        key = f"{request.address.postcode}:{request.address.street}"
        existing = [
            c.case.id
            for c in data.cases.values()
            if c.account_id == account.id and c.address_key == key and not c.case.is_closed
        ]
        case_id = existing[-1] if existing else data.new_id("500")
        if not existing:
            now = data.clock.now()
            case = SupportCase(
                id=case_id, case_number=data.next_case_number(), subject="Internet availability check",
                description=f"Please check NTT fibre availability for {request.address.postcode}.",
                status=NEW_CASE_STATUS, priority="Medium", type="Eligibility", origin=PORTAL_CASE_ORIGIN,
                is_closed=False, created_at=now, last_modified_at=now, closed_at=None,
            )  # fmt: skip
            data.cases[case_id] = StoredCase(account.id, case, address_key=key, opportunity_id=opportunity_id)
        data.eligibility[account.id] = msgspec.structs.replace(data.eligibility[account.id], status="Pending")
        return EligibilityRequestReceipt(case_id=case_id, case_created=not existing)

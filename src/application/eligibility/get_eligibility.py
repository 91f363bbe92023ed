from __future__ import annotations

from typing import ClassVar

from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.eligibility.views import EligibilityView, eligibility_view
from application.errors import UPSTREAM_OUTAGES, Raises
from application.identity.linked_customer import LinkedCustomer


class GetEligibility:
    raises: ClassVar[Raises] = UPSTREAM_OUTAGES

    def __init__(self, eligibility: EligibilityReadModel) -> None:
        self._eligibility = eligibility

    async def execute(self, customer: LinkedCustomer) -> EligibilityView:
        return eligibility_view(await self._eligibility.get(customer.sf_account_id))

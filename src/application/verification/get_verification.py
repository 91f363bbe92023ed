"""Where the customer's identity verification stands, from its read model (staff decide it in the CRM; the
decision's event refreshes the model)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import UPSTREAM_OUTAGES, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.identity_documents import VerificationState
from application.verification.verification_read_model import VerificationReadModel


class GetVerification:
    raises: ClassVar[Raises] = (NotFoundError, *UPSTREAM_OUTAGES)

    def __init__(self, verification: VerificationReadModel) -> None:
        self._verification = verification

    async def execute(self, customer: LinkedCustomer) -> VerificationState:
        return await self._verification.get(customer.sf_account_id)

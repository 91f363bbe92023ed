"""Where the customer's identity verification stands (read from the CRM each time: staff decide it there)."""

from __future__ import annotations

from typing import ClassVar

from application.errors import UPSTREAM_OUTAGES, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.identity_documents import IdentityDocuments, VerificationState


class GetVerification:
    raises: ClassVar[Raises] = (NotFoundError, *UPSTREAM_OUTAGES)

    def __init__(self, documents: IdentityDocuments) -> None:
        self._documents = documents

    async def execute(self, customer: LinkedCustomer) -> VerificationState:
        return await self._documents.state(customer.sf_account_id)

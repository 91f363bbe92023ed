"""The customer submits an identity document (a residence card's front and back, or another document): each file
checked and cleaned (`domain.verification.documents`), then stored on the CRM Account and the Account marked
submitted. Refused while a submission is under review or once verified; after a rejection, a new one is welcome.
One submission at a time per account (a lock), so a double click never stores two sets."""

from __future__ import annotations

import hashlib
from typing import ClassVar

import msgspec

from application.errors import STORE_OUTAGE, UPSTREAM_OUTAGES, InvalidInputError, NotFoundError, Raises
from application.identity.linked_customer import LinkedCustomer
from application.ports.account_locks import AccountLocks, RequestInProgressError
from application.ports.identity_documents import DocumentFile, IdentityDocuments, VerificationState
from application.verification.errors import AlreadyVerifiedError, VerificationUnderReviewError
from application.verification.verification_read_model import VerificationReadModel
from domain.verification.documents import (
    DocumentCountError,
    DocumentNotAcceptedError,
    DocumentTooLargeError,
    DocumentType,
    accept_all,
)

LOCK_SECONDS = 60.0
WAIT_SECONDS = 5.0
_SIDES = {DocumentType.RESIDENCE_CARD: ("front", "back"), DocumentType.OTHER: ("page-1", "page-2")}
_TITLES = {DocumentType.RESIDENCE_CARD: "Residence card", DocumentType.OTHER: "Identity document"}


class SubmittedDocuments(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    status: str
    files: int


class SubmitIdentityDocuments:
    raises: ClassVar[Raises] = (
        DocumentNotAcceptedError, DocumentTooLargeError, DocumentCountError, VerificationUnderReviewError,
        AlreadyVerifiedError, RequestInProgressError, NotFoundError, InvalidInputError, *UPSTREAM_OUTAGES,
        *STORE_OUTAGE,
    )  # fmt: skip

    def __init__(self, documents: IdentityDocuments, locks: AccountLocks, verification: VerificationReadModel) -> None:
        self._documents = documents
        self._locks = locks
        self._verification = verification

    async def execute(
        self, customer: LinkedCustomer, document_type: DocumentType, files: list[bytes]
    ) -> SubmittedDocuments:
        accepted = accept_all(document_type, files)  # before anything is looked up: bad files change nothing
        account = customer.sf_account_id
        lock = f"id-documents:{account}"
        async with self._locks.hold(lock, timeout_seconds=LOCK_SECONDS, wait_seconds=WAIT_SECONDS):
            state = await self._documents.state(account)  # live, not the read model: this decides a write
            refuse_unless_open(state)
            named = [
                DocumentFile(
                    title=f"{_TITLES[document_type]} ({side})",
                    file_name=f"{document_type.value.replace('_', '-')}-{side}.{document.kind.value}",
                    content=document.content,
                )
                for side, document in zip(_SIDES[document_type], accepted, strict=False)
            ]
            digest = hashlib.sha256(b"".join(hashlib.sha256(f.content).digest() for f in named)).hexdigest()
            await self._documents.submit(account, named, submission=f"{account}:{digest[:32]}")
        await self._verification.forget_after_own_write(account)  # "Pending" now
        return SubmittedDocuments(status="Pending", files=len(named))


def refuse_unless_open(state: VerificationState) -> None:
    if state.status == "Pending":
        raise VerificationUnderReviewError()
    if state.status == "Verified":
        raise AlreadyVerifiedError()

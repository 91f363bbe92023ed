"""Submitting identity documents on the CRM twin: stored and marked Pending; refused while under review and once
verified; welcome again after a rejection; a bad file changes nothing."""

from __future__ import annotations

import uuid

import msgspec
import pytest

from adapters.memory.cdc_stores import InMemoryAccountLocks
from adapters.memory.crm_data import InMemoryCrmData
from adapters.memory.crm_identity_documents import InMemoryIdentityDocuments
from application.identity.linked_customer import LinkedCustomer
from application.verification.errors import AlreadyVerifiedError, VerificationUnderReviewError
from application.verification.submit_identity_documents import SubmitIdentityDocuments
from application.verification.verification_read_model import VerificationReadModel
from domain.verification.documents import DocumentNotAcceptedError, DocumentType
from tests.support.documents import EXECUTABLE, jpeg, pdf, png
from tests.unit.identity.onboarding_world import FRESH_ACCOUNT
from tests.unit.verification.conftest import verification_model

NOT_CHECKED = {"status": "Not Requested", "offering_type": None, "checked_at": None, "notes": None}


def customer() -> LinkedCustomer:
    return LinkedCustomer(user_id=uuid.uuid4(), whmcs_client_id=7, sf_account_id=FRESH_ACCOUNT, sf_contact_id=None)


def submit(crm: InMemoryCrmData, model: VerificationReadModel | None = None) -> SubmitIdentityDocuments:
    return SubmitIdentityDocuments(
        InMemoryIdentityDocuments(crm), InMemoryAccountLocks(), model or verification_model(crm)
    )


def set_status(crm: InMemoryCrmData, status: str) -> None:
    crm.accounts[FRESH_ACCOUNT] = msgspec.structs.replace(crm.accounts[FRESH_ACCOUNT], id_verification=status)


async def test_a_residence_card_is_stored_with_its_kind_and_the_account_marked_pending(crm: InMemoryCrmData) -> None:
    receipt = await submit(crm).execute(customer(), DocumentType.RESIDENCE_CARD, [jpeg(), png()])
    assert (receipt.status, receipt.files) == ("Pending", 2)
    names = [f.file_name for _, f in crm.documents[FRESH_ACCOUNT]]
    assert names == ["residence-card-front.jpg", "residence-card-back.png"]
    assert crm.accounts[FRESH_ACCOUNT].id_verification == "Pending"


async def test_a_pdf_named_like_a_photo_is_stored_as_the_pdf_it_is(crm: InMemoryCrmData) -> None:
    await submit(crm).execute(customer(), DocumentType.OTHER, [pdf()])
    assert [f.file_name for _, f in crm.documents[FRESH_ACCOUNT]] == ["other-page-1.pdf"]


async def test_a_second_upload_while_one_is_under_review_is_refused(crm: InMemoryCrmData) -> None:
    await submit(crm).execute(customer(), DocumentType.OTHER, [pdf()])
    with pytest.raises(VerificationUnderReviewError):
        await submit(crm).execute(customer(), DocumentType.OTHER, [jpeg()])
    assert len(crm.documents[FRESH_ACCOUNT]) == 1


async def test_nothing_is_uploaded_once_verified(crm: InMemoryCrmData) -> None:
    set_status(crm, "Verified")
    with pytest.raises(AlreadyVerifiedError):
        await submit(crm).execute(customer(), DocumentType.OTHER, [pdf()])
    assert FRESH_ACCOUNT not in crm.documents


async def test_after_a_rejection_a_new_submission_is_welcome_and_the_reason_cleared(crm: InMemoryCrmData) -> None:
    await submit(crm).execute(customer(), DocumentType.OTHER, [pdf()])
    set_status(crm, "Rejected")
    crm.rejection_reasons[FRESH_ACCOUNT] = "The photo is blurred."
    await submit(crm).execute(customer(), DocumentType.RESIDENCE_CARD, [jpeg(), jpeg()])
    state = await InMemoryIdentityDocuments(crm).state(FRESH_ACCOUNT)
    assert (state.status, state.rejection_reason) == ("Pending", None)
    assert len(crm.documents[FRESH_ACCOUNT]) == 3


async def test_an_executable_changes_nothing(crm: InMemoryCrmData) -> None:
    with pytest.raises(DocumentNotAcceptedError):
        await submit(crm).execute(customer(), DocumentType.RESIDENCE_CARD, [jpeg(), EXECUTABLE])
    assert FRESH_ACCOUNT not in crm.documents
    assert crm.accounts[FRESH_ACCOUNT].id_verification is None


async def test_a_submission_makes_the_status_read_model_stale(crm: InMemoryCrmData) -> None:
    model = verification_model(crm)
    assert (await model.get(FRESH_ACCOUNT)).status == "Not Submitted"  # stored now
    await submit(crm, model).execute(customer(), DocumentType.OTHER, [pdf()])
    assert (await model.get(FRESH_ACCOUNT)).status == "Pending"

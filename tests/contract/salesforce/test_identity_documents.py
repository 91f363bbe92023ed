"""Identity documents on the emulator (Salesforce Files published to the Account) and the twin: the status as the
seed holds it, a submission stored once however often retried, the Account marked Pending."""

from __future__ import annotations

from application.ports.identity_documents import DocumentFile
from tests.contract.salesforce.conftest import Crm
from tests.support.documents import jpeg, png

FILES = [
    DocumentFile(title="Residence card (front)", file_name="residence-card-front.jpg", content=jpeg(exif=False)),
    DocumentFile(title="Residence card (back)", file_name="residence-card-back.png", content=png(metadata=False)),
]


async def test_an_account_without_documents_is_not_submitted(crm: Crm) -> None:
    state = await crm.identity_documents.state(crm.ids.accounts["SH-100003"])
    assert state.status == "Not Submitted"
    assert state.rejection_reason is None


async def test_a_submission_marks_the_account_pending(crm: Crm) -> None:
    account = crm.ids.accounts["SH-100003"]
    await crm.identity_documents.submit(account, FILES, submission="s-1")
    state = await crm.identity_documents.state(account)
    assert state.status == "Pending"
    assert state.submitted_at is not None
    assert (await crm.accounts.get(account)).id_verification == "Pending"


async def test_a_retried_submission_stores_each_file_once(crm: Crm) -> None:
    account = crm.ids.accounts["SH-100003"]
    await crm.identity_documents.submit(account, FILES[:1], submission="s-1")  # the answer was lost half-way
    await crm.identity_documents.submit(account, FILES, submission="s-1")
    await crm.identity_documents.submit(account, FILES, submission="s-2")  # a new submission: stored again
    assert await stored_files(crm, account) == 4


async def stored_files(crm: Crm, account: str) -> int:
    from adapters.memory.crm_identity_documents import InMemoryIdentityDocuments  # noqa: PLC0415

    documents = crm.identity_documents
    if isinstance(documents, InMemoryIdentityDocuments):
        return len(documents._data.documents[account])
    records = await documents._client.read(  # type: ignore[attr-defined]
        lambda sf: sf.query(f"SELECT Id FROM ContentVersion WHERE FirstPublishLocationId = '{account}'")["records"]
    )
    return len(records)

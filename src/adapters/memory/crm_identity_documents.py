"""In-memory twin of `IdentityDocuments`: files kept per account, the status on the stored account."""

from __future__ import annotations

import msgspec

from adapters.memory.crm_data import InMemoryCrmData
from application.ports.identity_documents import DocumentFile, VerificationState


class InMemoryIdentityDocuments:
    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data

    async def state(self, account_id: str) -> VerificationState:
        self._data.check_failure()
        account = self._data.account(account_id)
        return VerificationState(
            status=account.id_verification or "Not Submitted",
            rejection_reason=self._data.rejection_reasons.get(account.id),
            submitted_at=self._data.submitted_at.get(account.id),
            contact_email=next((e for e, a in self._data.contact_emails.items() if a == account.id), None),
        )

    async def submit(self, account_id: str, files: list[DocumentFile], *, submission: str) -> None:
        data = self._data
        data.check_failure()
        account = data.account(account_id)
        kept = data.documents.setdefault(account.id, [])
        seen = {(s, f.file_name) for s, f in kept}
        kept += [(submission, f) for f in files if (submission, f.file_name) not in seen]
        data.accounts[account.id] = msgspec.structs.replace(account, id_verification="Pending")
        data.rejection_reasons.pop(account.id, None)
        data.submitted_at[account.id] = data.clock.now()

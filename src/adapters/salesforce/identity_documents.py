"""`IdentityDocuments` over Salesforce Files (ContentVersion, published to the Account) and the Account's
verification fields."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.records import children, instant, require_id, sobject, text
from adapters.salesforce.rest_client import SalesforceRestClient, first_page
from application.errors import NotFoundError
from application.ports.identity_documents import DocumentFile, VerificationState


class SalesforceIdentityDocuments:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client

    async def state(self, account_id: str) -> VerificationState:
        soql = format_soql(
            "SELECT Id, Id_Verification_Status__c, Id_Verification_Rejection_Reason__c, "
            "Id_Verification_Submitted_At__c, (SELECT Email FROM Contacts ORDER BY CreatedDate LIMIT 1) "
            "FROM Account WHERE Id = {}",
            require_id(account_id),
        )
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Customer account not found.")
        record = records[0]
        return VerificationState(
            status=record.get("Id_Verification_Status__c") or "Not Submitted",
            rejection_reason=text(record, "Id_Verification_Rejection_Reason__c"),
            submitted_at=instant(record, "Id_Verification_Submitted_At__c"),
            contact_email=next((str(c["Email"]) for c in children(record, "Contacts") if c.get("Email")), None),
        )

    async def submit(self, account_id: str, files: list[DocumentFile], *, submission: str) -> None:
        account = require_id(account_id)
        stored = await self._stored(account, submission)
        headers = self._client.write_headers
        for file in files:
            if file.file_name in stored:
                continue  # a retry of a submission whose answer was lost: this file is there already
            # Not retried blindly (a retry would store the file twice); the customer's retry looks first.
            await self._client.write(_create_version(_content_version(account, file, submission), headers))
        changes = {
            "Id_Verification_Status__c": "Pending",
            "Id_Verification_Rejection_Reason__c": None,
            "Id_Verification_Submitted_At__c": datetime.now(UTC).isoformat(),
        }

        def mark_submitted(sf: Salesforce) -> None:
            sobject(sf, "Account").update(account, changes, headers=headers)

        await self._client.read(mark_submitted)  # the same values twice are harmless

    async def _stored(self, account: str, submission: str) -> set[str]:
        soql = format_soql(
            "SELECT Id, PathOnClient FROM ContentVersion WHERE FirstPublishLocationId = {} AND "
            "Portal_Submission__c = {}",
            account,
            submission,
        )
        return {str(r["PathOnClient"]) for r in await self._client.read(first_page(soql))}


def _create_version(body: dict[str, Any], headers: dict[str, str]) -> Callable[[Salesforce], Any]:
    def create(sf: Salesforce) -> Any:
        return sobject(sf, "ContentVersion").create(body, headers=headers)

    return create


def _content_version(account: str, file: DocumentFile, submission: str) -> dict[str, Any]:
    return {
        "Title": file.title,
        "PathOnClient": file.file_name,
        "VersionData": base64.b64encode(file.content).decode("ascii"),
        "FirstPublishLocationId": account,
        "Portal_Submission__c": submission,
    }

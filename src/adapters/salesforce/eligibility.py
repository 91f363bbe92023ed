"""`EligibilityRecords` and `EligibilityRequests` over Salesforce Account, Opportunity and Case."""

from __future__ import annotations

from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.accounts import SalesforceCustomerAccounts
from adapters.salesforce.records import instant, require_id, sobject, text
from adapters.salesforce.rest_client import SalesforceRestClient, first_page
from application.errors import NotFoundError
from application.ports.case_desk import NEW_CASE_STATUS, PORTAL_CASE_ORIGIN
from application.ports.crm_models import InternetEligibility
from application.ports.eligibility_requests import EligibilityRequest, EligibilityRequestReceipt


class SalesforceEligibilityRecords:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client

    async def get_eligibility(self, account_id: str) -> InternetEligibility:
        soql = format_soql(
            "SELECT Id, Internet_Eligibility_Status__c, Internet_Eligibility__c, Internet_Eligibility_Checked_At__c, "
            "Internet_Eligibility_Notes__c FROM Account WHERE Id = {}",
            require_id(account_id),
        )
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Customer account not found.")
        record = records[0]
        return InternetEligibility(
            account_id=str(record["Id"]),
            status=record.get("Internet_Eligibility_Status__c") or "Not Requested",
            offering_type=text(record, "Internet_Eligibility__c"),
            checked_at=instant(record, "Internet_Eligibility_Checked_At__c"),
            notes=text(record, "Internet_Eligibility_Notes__c"),
        )


class SalesforceEligibilityRequests:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client
        self._accounts = SalesforceCustomerAccounts(client)

    async def submit(self, request: EligibilityRequest) -> EligibilityRequestReceipt:
        account = await self._accounts.get(request.account_id)
        opportunity_id = require_id(request.opportunity_id)
        address_key = f"{request.address.postcode}:{request.address.street}"
        case_id = await self._find_open_request(account.id, address_key)
        case_created = case_id is None
        if case_id is None:
            case_id = await self._create(
                "Case", _case(request, opportunity_id, address_key, account.primary_contact_id)
            )
        headers = self._client.write_headers

        def mark_pending(sf: Salesforce) -> None:
            sobject(sf, "Account").update(account.id, {"Internet_Eligibility_Status__c": "Pending"}, headers=headers)

        await self._client.read(mark_pending)  # idempotent
        return EligibilityRequestReceipt(case_id=case_id, case_created=case_created)

    async def _find_open_request(self, account_id: str, address_key: str) -> str | None:
        soql = format_soql(
            "SELECT Id FROM Case WHERE AccountId = {} AND Eligibility_Address_Key__c = {} AND IsClosed = false "
            "ORDER BY CreatedDate DESC LIMIT 1",
            account_id,
            address_key,
        )
        records = await self._client.read(first_page(soql))
        return str(records[0]["Id"]) if records else None

    async def _create(self, entity: str, body: dict[str, Any]) -> str:
        headers = self._client.write_headers
        # Not retried blindly: a retry of the whole request finds what this one created.
        created = await self._client.write(lambda sf: sobject(sf, entity).create(body, headers=headers))
        return str(created["id"])


def _case(request: EligibilityRequest, opportunity_id: str, address_key: str, contact: str | None) -> dict[str, Any]:
    address = request.address
    where = f"{address.postcode} {address.prefecture} {address.city} {address.street}".strip()
    description = f"Please check NTT fibre availability for {where}."
    if request.notes:
        description += f"\n\nCustomer notes: {request.notes}"
    return {
        "Subject": "Internet availability check",
        "Description": description,
        "Status": NEW_CASE_STATUS,
        "Origin": PORTAL_CASE_ORIGIN,
        "Type": "Eligibility",
        "AccountId": request.account_id,
        "ContactId": request.contact_id or contact,
        "Opportunity__c": opportunity_id,
        "Eligibility_Address_Key__c": address_key,
    }

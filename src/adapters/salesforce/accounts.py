"""`CustomerAccounts` over Salesforce Account (+ its first Contact)."""

from __future__ import annotations

from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.records import children, require_id, sobject, text, whole
from adapters.salesforce.rest_client import SalesforceRestClient, first_page
from application.errors import NotFoundError
from application.ports.crm_models import CrmAddress, CustomerAccount, PortalSource, PortalStatus

ACCOUNT_FIELDS = (
    "Id, Name, SF_Account_No__c, Portal_Status__c, Portal_Registration_Source__c, WHMCS_Client_ID__c, "
    "Id_Verification_Status__c, BillingStreet, BillingCity, BillingState, BillingPostalCode, BillingCountry, "
    "(SELECT Id FROM Contacts ORDER BY CreatedDate LIMIT 1)"
)


def to_account(record: dict[str, Any]) -> CustomerAccount:
    contacts = children(record, "Contacts")
    return CustomerAccount(
        id=str(record["Id"]),
        customer_number=text(record, "SF_Account_No__c"),
        name=str(record.get("Name") or ""),
        portal_status=record.get("Portal_Status__c"),
        portal_source=record.get("Portal_Registration_Source__c"),
        whmcs_client_id=whole(record, "WHMCS_Client_ID__c"),
        id_verification=record.get("Id_Verification_Status__c"),
        billing_address=CrmAddress(
            street=text(record, "BillingStreet") or "",
            city=text(record, "BillingCity") or "",
            prefecture=text(record, "BillingState") or "",
            postcode=text(record, "BillingPostalCode") or "",
            country=text(record, "BillingCountry") or "Japan",
        ),
        primary_contact_id=str(contacts[0]["Id"]) if contacts else None,
    )


class SalesforceCustomerAccounts:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client

    async def find_by_customer_number(self, customer_number: str) -> CustomerAccount | None:
        soql = format_soql(
            "SELECT {fields:literal} FROM Account WHERE SF_Account_No__c = {number} ORDER BY CreatedDate LIMIT 1",
            fields=ACCOUNT_FIELDS,
            number=customer_number,
        )
        records = await self._client.read(first_page(soql))
        return to_account(records[0]) if records else None

    async def get(self, account_id: str) -> CustomerAccount:
        soql = format_soql(
            "SELECT {fields:literal} FROM Account WHERE Id = {id}", fields=ACCOUNT_FIELDS, id=require_id(account_id)
        )
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Customer account not found.")
        return to_account(records[0])

    async def update_portal_link(
        self,
        account_id: str,
        *,
        status: PortalStatus,
        source: PortalSource | None = None,
        whmcs_client_id: int | None = None,
    ) -> None:
        changes: dict[str, Any] = {"Portal_Status__c": status}
        if source is not None:
            changes["Portal_Registration_Source__c"] = source
        if whmcs_client_id is not None:
            account = await self.get(account_id)
            changes["WHMCS_Client_ID__c"] = whmcs_client_id
            changes["WH_Account__c"] = f"#{whmcs_client_id} - {account.name}"
        headers = self._client.write_headers

        def update(sf: Salesforce) -> None:
            sobject(sf, "Account").update(require_id(account_id), changes, headers=headers)

        # Setting the same values twice is harmless, so an update may be retried like a read.
        await self._client.read(update)

"""`ProspectAccounts` over Salesforce Account and Contact. `Account.Portal_Prospect_Key__c` (a unique External ID)
holds the digest of the prospect's email: the org refuses a second Account with it, so a race, or a retry after a
lost answer, ends up at the one Account. The org numbers new Accounts (`SF_Account_No__c`)."""

from __future__ import annotations

from typing import Any

from simple_salesforce.format import format_soql

from adapters.salesforce.accounts import ACCOUNT_FIELDS, SalesforceCustomerAccounts, to_account
from adapters.salesforce.records import sobject
from adapters.salesforce.rest_client import SalesforceRestClient, first_page
from application.errors import ConflictError, UpstreamUnavailableError
from application.ports.crm_models import CustomerAccount
from application.ports.prospects import Prospect

KEY_FIELD = "Portal_Prospect_Key__c"


class SalesforceProspectAccounts:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client
        self._accounts = SalesforceCustomerAccounts(client)

    async def find_or_create(self, prospect: Prospect) -> CustomerAccount:
        account = await self._find(prospect)
        if account is None:
            account = await self._create(prospect)
        if account.primary_contact_id is None:
            # A new Account, or one whose Contact a lost answer left unwritten: cases are filed under the Contact.
            await self._write("Contact", _contact(prospect, account.id))
            account = await self._accounts.get(account.id)
        return account

    async def _find(self, prospect: Prospect) -> CustomerAccount | None:
        soql = format_soql(
            "SELECT {fields:literal} FROM Account WHERE {key_field:literal} = {key} LIMIT 1",
            fields=ACCOUNT_FIELDS,
            key_field=KEY_FIELD,
            key=prospect.key,
        )
        records = await self._client.read(first_page(soql))
        if records:
            return to_account(records[0])
        soql = format_soql(
            "SELECT AccountId FROM Contact WHERE Email = {email} AND AccountId != null ORDER BY CreatedDate LIMIT 1",
            email=prospect.email,
        )
        contacts = await self._client.read(first_page(soql))
        return await self._accounts.get(str(contacts[0]["AccountId"])) if contacts else None

    async def _create(self, prospect: Prospect) -> CustomerAccount:
        try:
            account_id = await self._write("Account", _account(prospect))
        except (UpstreamUnavailableError, ConflictError):
            # Unknown outcome, or a concurrent request created it first: the key finds it either way.
            found = await self._find(prospect)
            if found is None:
                raise
            return found
        return await self._accounts.get(account_id)

    async def _write(self, entity: str, body: dict[str, Any]) -> str:
        headers = self._client.write_headers
        created = await self._client.write(lambda sf: sobject(sf, entity).create(body, headers=headers))
        return str(created["id"])


def _account(prospect: Prospect) -> dict[str, Any]:
    address = prospect.address
    return {
        "Name": f"{prospect.last_name} {prospect.first_name}"[:255],
        "Phone": prospect.phone,
        "BillingStreet": address.street,
        "BillingCity": address.city,
        "BillingState": address.prefecture,
        "BillingPostalCode": address.postcode,
        "BillingCountry": address.country,
        "Portal_Status__c": "Not Yet",
        KEY_FIELD: prospect.key,
    }


def _contact(prospect: Prospect, account_id: str) -> dict[str, Any]:
    return {
        "AccountId": account_id,
        "FirstName": prospect.first_name,
        "LastName": prospect.last_name,
        "Email": prospect.email,
        "Phone": prospect.phone,
    }

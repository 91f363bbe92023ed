"""`OrderOpportunities` over Salesforce Opportunity (`Product_Type__c`, `WHMCS_Service_ID__c`, `WH_Registeration__c`
(sic)), with the keys of the orders pointing at each (the `Orders` child relationship)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.records import children, id18, require_id, sobject, text
from adapters.salesforce.rest_client import SalesforceRestClient, first_page
from application.errors import NotFoundError
from application.ports.order_opportunities import (
    INTRODUCTION,
    OPEN_STAGES,
    OpportunityProduct,
    OpportunityRecord,
)

FIELDS = (
    "Id, AccountId, StageName, Product_Type__c, WHMCS_Service_ID__c, WH_Registeration__c, "
    "(SELECT Portal_Order_Key__c FROM Orders)"
)
CLOSE_DAYS = 30  # the expected close date of a new Opportunity (a required field; sales staff move it)
CANDIDATES = 20  # the newest few are plenty: an account has one open Opportunity per service in practice


def to_record(row: dict[str, Any]) -> OpportunityRecord:
    return OpportunityRecord(
        id=str(row["Id"]),
        account_id=str(row.get("AccountId") or ""),
        stage=str(row.get("StageName") or ""),
        product=text(row, "Product_Type__c"),
        whmcs_service_id=text(row, "WHMCS_Service_ID__c"),
        registration=text(row, "WH_Registeration__c"),
        order_keys=tuple(text(order, "Portal_Order_Key__c") for order in children(row, "Orders")),
    )


class SalesforceOrderOpportunities:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client

    async def open_for(self, account_id: str, product: OpportunityProduct) -> tuple[OpportunityRecord, ...]:
        soql = format_soql(
            "SELECT {fields:literal} FROM Opportunity WHERE AccountId = {account} AND Product_Type__c = {product} "
            "AND StageName IN {stages} AND WHMCS_Service_ID__c = null ORDER BY CreatedDate DESC, Id DESC "
            "LIMIT {limit:literal}",
            fields=FIELDS,
            account=require_id(account_id),
            product=product,
            stages=list(OPEN_STAGES),
            limit=str(CANDIDATES),
        )
        return tuple(to_record(row) for row in await self._client.read(first_page(soql)))

    async def get(self, opportunity_id: str) -> OpportunityRecord:
        soql = format_soql(
            "SELECT {f:literal} FROM Opportunity WHERE Id = {id}", f=FIELDS, id=require_id(opportunity_id)
        )
        records = await self._client.read(first_page(soql))
        if not records:
            raise NotFoundError("Opportunity not found.")
        return to_record(records[0])

    async def create(self, account_id: str, product: OpportunityProduct, stage: str) -> str:
        account = require_id(account_id)
        soql = format_soql("SELECT Name FROM Account WHERE Id = {}", account)
        accounts = await self._client.read(first_page(soql))
        if not accounts:
            raise NotFoundError("Customer account not found.")
        close = datetime.now(UTC).date() + timedelta(days=CLOSE_DAYS)
        body: dict[str, Any] = {
            "Name": f"{accounts[0]['Name']} - {product}"[:120],
            "AccountId": id18(account),
            "StageName": stage,
            "CloseDate": close.isoformat(),
            "Product_Type__c": product,
        }
        if stage == INTRODUCTION:
            body["Application_Stage__c"] = "INTRO-1"
        headers = self._client.write_headers
        # Not retried blindly: a retry of the whole request finds, under the same lock, what this one created.
        created = await self._client.write(lambda sf: sobject(sf, "Opportunity").create(body, headers=headers))
        return str(created["id"])

    async def move_to(self, opportunity_id: str, stage: str) -> None:
        await self._update(require_id(opportunity_id), {"StageName": stage})

    async def record_service(self, opportunity_id: str, whmcs_service_id: str, registration: str) -> None:
        record_id = require_id(opportunity_id)
        changes = {"WHMCS_Service_ID__c": whmcs_service_id, "WH_Registeration__c": registration}
        headers = self._client.write_headers

        def update(sf: Salesforce) -> None:
            sobject(sf, "Opportunity").update(record_id, changes, headers=headers)

        # Sent once: on an unknown outcome the saga reads the Opportunity before it writes again.
        await self._client.write(update)

    async def _update(self, opportunity_id: str, changes: dict[str, Any]) -> None:
        headers = self._client.write_headers

        def update(sf: Salesforce) -> None:
            sobject(sf, "Opportunity").update(opportunity_id, changes, headers=headers)

        await self._client.read(update)  # the same values again change nothing: safe to retry

"""`CancellationCrmRecords` over Salesforce: the service's Opportunity (by `WHMCS_Service_ID__c`) and its cancellation
fields (§5.3), and closing the staff Case. Every SOQL value goes through `format_soql` (escaped)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.records import require_id, sobject
from adapters.salesforce.rest_client import SalesforceRestClient, first_page
from application.errors import NotFoundError
from application.ports.crm_cancellations import CancellationFields
from domain.cancellation.cancellation import CancellationKind, LineReturn
from domain.cancellation.schedule import service_ends_at

SERVICE_ID_FIELD = "WHMCS_Service_ID__c"
INTERNET_DATE_FIELD = "ScheduledCancellationDateAndTime__c"
INTERNET_NOTICE_FIELD = "CancellationNotice__c"  # 有 / 未 / 不要 / 移転
LINE_RETURN_FIELD = "LineReturn__c"
SIM_NOTICE_FIELD = "SIMCancellationNotice__c"  # 有 / 未 / 不要
SIM_DATE_FIELD = "SIMScheduledCancellationDateAndTime__c"  # [U]: PORTAL_SALESFORCE_SIM_CANCELLATION_DATE_FIELD
NOTICE_GIVEN, NOTICE_MOVING = "有", "移転"  # the customer gave notice in the portal; and is moving house
LINE_RETURN_VALUES = {
    LineReturn.SHIP_BACK: "Return by post",
    LineReturn.COLLECTION: "Collection",
    LineReturn.NOTHING_RENTED: "Nothing to return",
}
SOLD_STAGE = "Closed Won"  # the service was sold: never an open Opportunity a new order could take
_CLOSE_DAYS = 30


class SalesforceCancellationRecords:
    def __init__(self, client: SalesforceRestClient, sim_date_field: str = SIM_DATE_FIELD) -> None:
        self._client = client
        self._sim_date_field = sim_date_field  # the org's name for it is not known: configurable

    async def find_service_opportunity(self, account_id: str, service_id: int) -> str | None:
        soql = format_soql(
            "SELECT Id FROM Opportunity WHERE AccountId = {} AND WHMCS_Service_ID__c = {} ORDER BY CreatedDate LIMIT 1",
            require_id(account_id),
            str(service_id),
        )
        records = await self._client.read(first_page(soql))
        return str(records[0]["Id"]) if records else None

    async def create_service_opportunity(
        self, account_id: str, service_id: int, name: str, kind: CancellationKind
    ) -> str:
        body = {
            "Name": f"{name} (WHMCS service {service_id})"[:120],
            "AccountId": require_id(account_id),
            "StageName": SOLD_STAGE,
            "Product_Type__c": "Internet" if kind is CancellationKind.INTERNET else "SIM",
            "CloseDate": (datetime.now(UTC).date() + timedelta(days=_CLOSE_DAYS)).isoformat(),
            SERVICE_ID_FIELD: str(service_id),
        }
        headers = self._client.write_headers
        # Not retried here: the saga looks the service's Opportunity up again before creating one.
        created = await self._client.write(lambda sf: sobject(sf, "Opportunity").create(body, headers=headers))
        return str(created["id"])

    async def record_cancellation(self, opportunity_id: str, fields: CancellationFields) -> None:
        await self._update("Opportunity", opportunity_id, self._fields(fields))

    async def clear_cancellation(self, opportunity_id: str, kind: CancellationKind) -> None:
        names = (
            (INTERNET_DATE_FIELD, INTERNET_NOTICE_FIELD, LINE_RETURN_FIELD)
            if kind is CancellationKind.INTERNET
            else (self._sim_date_field, SIM_NOTICE_FIELD)
        )
        await self._update("Opportunity", opportunity_id, dict.fromkeys(names))

    async def find_case(self, account_id: str, request_key: str) -> str | None:
        soql = format_soql(
            "SELECT Id FROM Case WHERE Portal_Request_Key__c = {} AND AccountId = {}",
            request_key,
            require_id(account_id),
        )
        records = await self._client.read(first_page(soql))
        return str(records[0]["Id"]) if records else None

    async def close_case(self, account_id: str, case_id: str) -> None:
        if await self.find_case_of(account_id, case_id) is None:
            raise NotFoundError("Case not found.")
        await self._update("Case", case_id, {"Status": "Closed"})

    async def find_case_of(self, account_id: str, case_id: str) -> str | None:
        soql = format_soql(
            "SELECT Id FROM Case WHERE Id = {} AND AccountId = {}", require_id(case_id), require_id(account_id)
        )
        records = await self._client.read(first_page(soql))
        return str(records[0]["Id"]) if records else None

    def _fields(self, fields: CancellationFields) -> dict[str, Any]:
        ends = service_ends_at(fields.end_date).isoformat()
        if fields.kind is CancellationKind.SIM:
            return {self._sim_date_field: ends, SIM_NOTICE_FIELD: NOTICE_GIVEN}
        return {
            INTERNET_DATE_FIELD: ends,
            INTERNET_NOTICE_FIELD: NOTICE_MOVING if fields.moving else NOTICE_GIVEN,
            LINE_RETURN_FIELD: LINE_RETURN_VALUES[fields.line_return] if fields.line_return else None,
        }

    async def _update(self, entity: str, record_id: str, body: dict[str, Any]) -> None:
        headers = self._client.write_headers
        checked = require_id(record_id)

        def update(sf: Salesforce) -> None:
            sobject(sf, entity).update(checked, body, headers=headers)

        # Setting fields to values is idempotent: retried like a read.
        await self._client.read(update)

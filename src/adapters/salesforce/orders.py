"""`OrderDesk` over Salesforce Order and OrderItem: created together in one all-or-none composite request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simple_salesforce.api import Salesforce
from simple_salesforce.format import format_soql

from adapters.salesforce.errors import SYSTEM, first_error, map_bad_request
from adapters.salesforce.order_mapping import ORDER_FIELDS, activation_changes, order_body, to_order
from adapters.salesforce.records import id18, parent, require_id, sobject
from adapters.salesforce.rest_client import SalesforceRestClient, all_records, first_page
from application.errors import InvalidInputError, NotFoundError, UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.order_desk import ActivationUpdate, NewOrder, Order

# A composite request holds at most 25 subrequests: the order plus 24 items.
MAX_ITEMS = 24
ORDER_ITEM_PREFIX = "802"


class SalesforceOrderDesk:
    def __init__(self, client: SalesforceRestClient) -> None:
        self._client = client
        self._pricebook_id: str | None = None

    async def create_order(self, order: NewOrder) -> Order:
        if not order.items:
            raise InvalidInputError("An order needs at least one item.")
        if len(order.items) > MAX_ITEMS:
            raise InvalidInputError(f"An order can hold at most {MAX_ITEMS} items.")
        require_id(order.account_id)
        existing = await self._find_by_key(order.key)
        if existing is not None:
            return existing  # a retry of a request that already went through
        payload = self._composite(order, await self._portal_pricebook_id())
        headers = self._client.write_headers

        def send(sf: Salesforce) -> Any:
            return sf.restful("composite", method="POST", json=payload, headers=headers)

        try:
            reply = await self._client.write(send)
        except UpstreamUnavailableError:
            # The outcome is unknown: the order may exist. Look before anyone tries again.
            found = await self._find_by_key(order.key)
            if found is not None:
                return found
            raise
        order_id = _created_order_id(reply)
        return await self.get_order(order_id)

    async def get_order(self, order_id: str, *, account_id: str | None = None) -> Order:
        soql = format_soql("SELECT {f:literal} FROM Order WHERE Id = {id}", f=ORDER_FIELDS, id=require_id(order_id))
        records = await self._client.read(first_page(soql))
        if not records or (account_id is not None and records[0]["AccountId"] != id18(account_id)):
            raise NotFoundError("Order not found.")
        return to_order(records[0])

    async def list_orders(self, account_id: str) -> tuple[Order, ...]:
        soql = format_soql(
            "SELECT {f:literal} FROM Order WHERE AccountId = {account} ORDER BY CreatedDate DESC, OrderNumber DESC",
            f=ORDER_FIELDS,
            account=require_id(account_id),
        )
        return tuple(to_order(r) for r in await self._client.read(all_records(soql)))

    async def update_activation(self, order_id: str, update: ActivationUpdate) -> None:
        changes = activation_changes(update)
        if changes:
            await self._update("Order", require_id(order_id), changes)

    async def update_item_service(self, item_id: str, whmcs_service_id: str) -> None:
        await self._update("OrderItem", require_id(item_id), {"WHMCS_Service_ID__c": whmcs_service_id})

    async def locate(self, record_id: str) -> str | None:
        try:
            record_id = require_id(record_id)
        except NotFoundError:
            return None
        if record_id.startswith(ORDER_ITEM_PREFIX):
            soql = format_soql("SELECT Order.AccountId FROM OrderItem WHERE Id = {id}", id=record_id)
        else:
            soql = format_soql("SELECT AccountId FROM Order WHERE Id = {id}", id=record_id)
        # queryAll: the record may just have been deleted, which is when its account's read model must go.
        records = await self._client.read(lambda sf: list(sf.query_all(soql, include_deleted=True)["records"]))
        if not records:
            return None
        row = records[0]
        account = parent(row, "Order").get("AccountId") if record_id.startswith(ORDER_ITEM_PREFIX) else row["AccountId"]
        return str(account) if account else None

    async def find_awaiting_fulfilment(self, statuses: Sequence[str], *, limit: int = 200) -> tuple[str, ...]:
        if not statuses:
            return ()
        soql = format_soql(
            "SELECT Id FROM Order WHERE Activation_Status__c = 'Activating' AND Status IN {statuses} "
            "AND WHMCS_Order_ID__c = null ORDER BY LastModifiedDate LIMIT {limit:literal}",
            statuses=list(statuses),
            limit=str(int(limit)),
        )
        return tuple(str(r["Id"]) for r in await self._client.read(all_records(soql)))

    async def _update(self, entity: str, record_id: str, changes: dict[str, Any]) -> None:
        headers = self._client.write_headers

        def update(sf: Salesforce) -> None:
            sobject(sf, entity).update(record_id, changes, headers=headers)

        await self._client.read(update)  # setting the same values again is harmless

    async def _find_by_key(self, key: str) -> Order | None:
        soql = format_soql("SELECT {f:literal} FROM Order WHERE Portal_Order_Key__c = {key}", f=ORDER_FIELDS, key=key)
        records = await self._client.read(first_page(soql))
        return to_order(records[0]) if records else None

    async def _portal_pricebook_id(self) -> str:
        if self._pricebook_id is None:
            soql = format_soql(
                "SELECT Id FROM Pricebook2 WHERE Name = {} AND IsActive = true LIMIT 1",
                self._client.config.portal_pricebook_name,
            )
            records = await self._client.read(first_page(soql))
            if not records:
                raise UpstreamConfigurationError(SYSTEM, "The portal price book does not exist in Salesforce.")
            self._pricebook_id = str(records[0]["Id"])
        return self._pricebook_id

    def _composite(self, order: NewOrder, pricebook_id: str) -> dict[str, Any]:
        base = f"/services/data/v{self._client.config.api_version}/sobjects"
        requests: list[dict[str, Any]] = [
            {"method": "POST", "url": f"{base}/Order", "referenceId": "order", "body": order_body(order, pricebook_id)}
        ]
        for position, item in enumerate(order.items, start=1):
            body: dict[str, Any] = {
                "OrderId": "@{order.id}",
                "PricebookEntryId": item.entry_id,
                "Quantity": item.quantity,
                "UnitPrice": float(item.unit_price),
            }
            if item.billing_cycle is not None:
                body["Billing_Cycle__c"] = item.billing_cycle
            requests.append(
                {"method": "POST", "url": f"{base}/OrderItem", "referenceId": f"item{position}", "body": body}
            )
        return {"allOrNone": True, "compositeRequest": requests}


def _created_order_id(reply: Any) -> str:
    responses = reply.get("compositeResponse", []) if isinstance(reply, dict) else []
    failures = [r for r in responses if int(r.get("httpStatusCode", 500)) >= 400]
    if failures:
        # The one that failed explains; the others only report that they were rolled back.
        cause = next((f for f in failures if first_error(f.get("body"))[0] != "PROCESSING_HALTED"), failures[0])
        raise map_bad_request(*first_error(cause.get("body")))
    if not responses or "id" not in (responses[0].get("body") or {}):
        raise UpstreamUnavailableError(SYSTEM, "Salesforce sent an unreadable composite reply.")
    return str(responses[0]["body"]["id"])

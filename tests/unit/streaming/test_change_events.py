"""What committed transactions and platform events look like on the wire."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import msgspec
import pytest

from sandbox.salesforce.changes import CommittedTransaction, RecordChange
from sandbox.salesforce.streaming.hub import StreamingHub
from tests.unit.streaming.conftest import ORDER_ID, ORDER_ITEM_ID, Bayeux, events_of, order_update

ORDERS = "/data/OrderChangeEvent"
ITEMS = "/data/OrderItemChangeEvent"
ALL = "/data/ChangeEvents"
ELIGIBILITY = "/event/Account_Eligibility_Update__e"
COMMITTED = datetime(2026, 11, 1, 9, 30, 15, 123_000, tzinfo=UTC)


def composite_order() -> CommittedTransaction:
    return CommittedTransaction(
        transaction_key="0002a2b1-7f3e-4f57-9c1e-1b1f6a0b9e11",
        commit_timestamp=COMMITTED,
        commit_number=11_740_412_345_678,
        changes=(
            RecordChange(
                entity="Account",  # not CDC-enabled: no event, but it still counts in the sequence
                record_id="001RO00000XyZaBYAV",
                change_type="UPDATE",
                changed_fields=("Portal_Status__c",),
                values={"Portal_Status__c": "Active"},
            ),
            RecordChange(
                entity="Order",
                record_id=ORDER_ID,
                change_type="CREATE",
                changed_fields=("AccountId", "Status", "EffectiveDate"),
                values={
                    "Id": ORDER_ID,
                    "AccountId": "001RO00000XyZaBYAV",
                    "Status": "Pending Review",
                    "EffectiveDate": datetime(2026, 11, 1, tzinfo=UTC).date(),
                    "IsDeleted": False,
                },
            ),
            RecordChange(
                entity="OrderItem",
                record_id=ORDER_ITEM_ID,
                change_type="CREATE",
                changed_fields=("OrderId", "UnitPrice", "Quantity"),
                values={"OrderId": ORDER_ID, "UnitPrice": Decimal("4800"), "Quantity": Decimal("1.5")},
            ),
        ),
        origin_client="portal-bff",
        user_id="0055g000000YYYYAAO",
    )


def test_each_cdc_change_goes_to_its_entity_channel_and_to_all_change_events(hub: StreamingHub) -> None:
    hub.on_commit(composite_order())
    assert [e.data["payload"]["ChangeEventHeader"]["entityName"] for e in hub.events(ORDERS)] == ["Order"]
    assert [e.data["payload"]["ChangeEventHeader"]["entityName"] for e in hub.events(ITEMS)] == ["OrderItem"]
    assert [e.data["payload"]["ChangeEventHeader"]["entityName"] for e in hub.events(ALL)] == ["Order", "OrderItem"]
    assert hub.events(ORDERS)[0].replay_id == hub.events(ALL)[0].replay_id


def test_the_change_event_header_describes_the_transaction(hub: StreamingHub) -> None:
    hub.on_commit(composite_order())
    order, item = (event.data["payload"] for event in hub.events(ALL))
    assert order["ChangeEventHeader"] == {
        "entityName": "Order",
        "recordIds": [ORDER_ID],
        "changeType": "CREATE",
        "changeOrigin": "com/salesforce/api/rest/62.0;client=portal-bff",
        "transactionKey": "0002a2b1-7f3e-4f57-9c1e-1b1f6a0b9e11",
        "sequenceNumber": 2,
        "commitTimestamp": 1_793_525_415_123,
        "commitNumber": 11_740_412_345_678,
        "commitUser": "0055g000000YYYYAAO",
        "changedFields": [],
    }
    assert item["ChangeEventHeader"]["sequenceNumber"] == 3
    assert item["ChangeEventHeader"]["transactionKey"] == order["ChangeEventHeader"]["transactionKey"]


def test_create_bodies_carry_the_fields_without_id_or_system_fields(hub: StreamingHub) -> None:
    hub.on_commit(composite_order())
    order, item = (event.data["payload"] for event in hub.events(ALL))
    assert {k: v for k, v in order.items() if k != "ChangeEventHeader"} == {
        "AccountId": "001RO00000XyZaBYAV",
        "Status": "Pending Review",
        "EffectiveDate": "2026-11-01",
    }
    assert item["UnitPrice"] == 4800
    assert item["Quantity"] == 1.5


def test_update_bodies_carry_changed_fields_and_last_modified_date(hub: StreamingHub) -> None:
    hub.on_commit(order_update(7))
    payload = hub.events(ORDERS)[0].data["payload"]
    assert payload["ChangeEventHeader"]["changedFields"] == ["Status", "LastModifiedDate"]
    assert payload["Status"] == "Status 7"
    assert payload["LastModifiedDate"] == "2026-11-01T09:00:07.000Z"


def test_delete_carries_the_header_only(hub: StreamingHub) -> None:
    change = RecordChange(entity="Order", record_id=ORDER_ID, change_type="DELETE", changed_fields=(), values={})
    hub.on_commit(msgspec.structs.replace(order_update(1), changes=(change,)))
    payload = hub.events(ORDERS)[0].data["payload"]
    assert list(payload) == ["ChangeEventHeader"]
    assert payload["ChangeEventHeader"]["changeType"] == "DELETE"


def test_changes_without_a_client_name_have_no_api_origin(hub: StreamingHub) -> None:
    hub.on_commit(order_update(1, client=None))
    assert hub.events(ORDERS)[0].data["payload"]["ChangeEventHeader"]["changeOrigin"] == ""


def test_replay_ids_increase_from_commit_to_commit(hub: StreamingHub) -> None:
    for n in range(10):
        hub.on_commit(order_update(n))
    ids = [event.replay_id for event in hub.events(ORDERS)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 10


def test_gap_and_overflow_events_are_header_only(hub: StreamingHub) -> None:
    hub.emit_gap("Order", "GAP_UPDATE", (ORDER_ID,))
    hub.emit_gap("Order", "GAP_OVERFLOW", (ORDER_ID,))
    gap, overflow = (event.data["payload"] for event in hub.events(ORDERS))
    assert list(gap) == ["ChangeEventHeader"]
    assert gap["ChangeEventHeader"]["changeType"] == "GAP_UPDATE"
    assert gap["ChangeEventHeader"]["recordIds"] == [ORDER_ID]
    assert overflow["ChangeEventHeader"]["changeType"] == "GAP_OVERFLOW"
    assert overflow["ChangeEventHeader"]["recordIds"] == []


def test_gap_events_are_only_for_cdc_entities_and_gap_types(hub: StreamingHub) -> None:
    with pytest.raises(ValueError, match="not enabled"):
        hub.emit_gap("Account", "GAP_UPDATE", ())
    with pytest.raises(ValueError, match="not a gap change type"):
        hub.emit_gap("Order", "UPDATE", ())


async def test_platform_events_carry_created_date_and_the_event_uuid_from_52(bayeux: Bayeux, hub: StreamingHub) -> None:
    client_id = await bayeux.connected_client(ELIGIBILITY)
    old_client = Bayeux(bayeux.http, version="45.0")
    old_client_id = await old_client.connected_client(ELIGIBILITY)
    uuid = hub.publish_platform_event(ELIGIBILITY, {"Account_Id__c": "001RO00000XyZaBYAV"})
    (event,) = events_of(await bayeux.connect(client_id))
    assert event["channel"] == ELIGIBILITY
    assert event["data"]["event"]["EventUuid"] == uuid
    payload = event["data"]["payload"]
    assert payload["Account_Id__c"] == "001RO00000XyZaBYAV"
    assert payload["CreatedDate"] == "2026-11-01T09:00:00.000Z"
    assert payload["CreatedById"].startswith("005")
    (old_event,) = events_of(await old_client.connect(old_client_id))
    assert old_event["data"]["event"] == {"replayId": event["data"]["event"]["replayId"]}


def test_platform_events_need_a_defined_channel(hub: StreamingHub) -> None:
    with pytest.raises(ValueError, match="no such platform event"):
        hub.publish_platform_event("/event/Nope__e", {})

"""The change stream adapter's parts that need no server: parsing, replay positions, backoff, error triage."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.salesforce.streaming.backoff import Backoff
from adapters.salesforce.streaming.events import UnreadableEventError, parse_event
from adapters.salesforce.streaming.replay import ReplayPositions
from adapters.salesforce.streaming.session import refuses_replay_id, subscription_error
from application.errors import UpstreamConfigurationError
from application.ports.change_stream import ChangeEvent, ChangeType, PlatformEvent

ORDERS = "/data/OrderChangeEvent"


def cdc_message(**header: Any) -> dict[str, Any]:
    base = {
        "entityName": "Order",
        "recordIds": ["801RO00000AbCdEYAV"],
        "changeType": "UPDATE",
        "changeOrigin": "com/salesforce/api/rest/59.0;client=portal-bff",
        "transactionKey": "0002a2b1",
        "sequenceNumber": 1,
        "commitTimestamp": 1767225600000,
        "commitNumber": 11740412345678,
        "commitUser": "0055g000000YYYYAAO",
        "changedFields": ["Activation_Status__c", "LastModifiedDate"],
    }
    payload = {"ChangeEventHeader": {**base, **header}, "Activation_Status__c": "Activating"}
    return {"channel": ORDERS, "data": {"schema": "x", "event": {"replayId": 6421}, "payload": payload}}


def test_a_cdc_message_becomes_a_typed_change_event() -> None:
    event = parse_event(cdc_message())
    assert isinstance(event, ChangeEvent)
    assert (event.channel, event.replay_id) == (ORDERS, 6421)
    assert event.header.change_type is ChangeType.UPDATE
    assert event.header.commit_timestamp == datetime(2026, 1, 1, tzinfo=UTC)
    assert event.header.changed_fields == ("Activation_Status__c", "LastModifiedDate")
    assert event.header.origin_client == "portal-bff"
    assert event.fields == {"Activation_Status__c": "Activating"}


def test_a_platform_event_message_becomes_a_typed_platform_event() -> None:
    message = {
        "channel": "/event/Account_Eligibility_Update__e",
        "data": {
            "schema": "y",
            "event": {"EventUuid": "2ec0e371", "replayId": 2112},
            "payload": {"CreatedDate": "2026-01-09T18:31:40.517Z", "CreatedById": "0055g", "Account_Id__c": "001"},
        },
    }
    event = parse_event(message)
    assert isinstance(event, PlatformEvent)
    assert event.created_date == datetime(2026, 1, 9, 18, 31, 40, 517_000, tzinfo=UTC)
    assert (event.event_uuid, event.created_by_id, event.fields) == ("2ec0e371", "0055g", {"Account_Id__c": "001"})


@pytest.mark.parametrize(
    "message",
    [
        {"channel": ORDERS, "data": {"event": {"replayId": 7}}},
        cdc_message(changeType="SOMETHING_NEW"),
        {"channel": ORDERS, "data": {"event": {"replayId": 7}, "payload": {"CreatedDate": "yesterday"}}},
    ],
)
def test_an_unreadable_event_says_where_it_was(message: dict[str, Any]) -> None:
    with pytest.raises(UnreadableEventError) as raised:
        parse_event(message)
    assert raised.value.channel == ORDERS
    assert raised.value.replay_id in (6421, 7)


@given(client=st.from_regex(r"[A-Za-z0-9_-]{1,20}", fullmatch=True), version=st.sampled_from(["45.0", "62.0"]))
def test_the_origin_client_is_read_from_change_origin(client: str, version: str) -> None:
    event = parse_event(cdc_message(changeOrigin=f"com/salesforce/api/rest/{version};client={client}"))
    assert isinstance(event, ChangeEvent)
    assert event.header.origin_client == client


def test_changes_from_the_ui_have_no_origin_client() -> None:
    event = parse_event(cdc_message(changeOrigin=""))
    assert isinstance(event, ChangeEvent)
    assert event.header.origin_client is None


async def test_replay_positions_resume_from_the_saved_position_until_something_is_handed_over() -> None:
    saved = InMemoryStreamPositions()
    await saved.save(ORDERS, 100)
    replay = ReplayPositions(saved)
    assert await replay.get_replay_id(ORDERS) == 100
    replay.handed_over(ORDERS, 120)
    assert await replay.get_replay_id(ORDERS) == 120
    assert await replay.get_replay_id("/data/Product2ChangeEvent") is None


async def test_replay_positions_drop_redeliveries() -> None:
    replay = ReplayPositions(InMemoryStreamPositions())
    assert replay.is_new(ORDERS, 5)
    replay.handed_over(ORDERS, 5)
    assert not replay.is_new(ORDERS, 5)
    assert not replay.is_new(ORDERS, 3)
    assert replay.is_new(ORDERS, 6)


async def test_a_refused_position_is_not_offered_again() -> None:
    saved = InMemoryStreamPositions()
    await saved.save(ORDERS, 100)
    replay = ReplayPositions(saved)
    replay.start_over(ORDERS)
    assert await replay.get_replay_id(ORDERS) is None  # -1: new events only
    replay.handed_over(ORDERS, 300)
    assert await replay.get_replay_id(ORDERS) == 300


def test_backoff_grows_with_jitter_up_to_the_cap_and_resets() -> None:
    backoff = Backoff(initial=1.0, maximum=8.0)
    delays = [backoff.next_delay() for _ in range(6)]
    for delay, ceiling in zip(delays, [1, 2, 4, 8, 8, 8], strict=True):
        assert ceiling / 2 <= delay <= ceiling
    backoff.reset()
    assert backoff.next_delay() <= 1.0


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        ("400::The channel you requested to subscribe to doesn't exist /data/X", UpstreamConfigurationError),
        ("403::User not allowed to subscribe CDC without View All Data permissions", UpstreamConfigurationError),
        ("403::Unknown client", ConnectionError),
        ("401::Authentication invalid", ConnectionError),
        ("503::Server is too busy.", ConnectionError),
    ],
)
def test_subscription_refusals_are_triaged(error: str, expected: type[Exception]) -> None:
    assert type(subscription_error(ORDERS, error)) is expected


def test_replay_refusals_are_recognised() -> None:
    assert refuses_replay_id("400::The replayId 5 you provided was invalid.  Please provide a valid ID")
    assert refuses_replay_id("400::The replayId for channel /x wasn't found using the provided replay ID map {}")
    assert not refuses_replay_id("400::Channel name not specified")

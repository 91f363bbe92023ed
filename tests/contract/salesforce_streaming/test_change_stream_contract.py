"""The ChangeStream contract: the same assertions against the real adapter (over TLS, through the emulator,
changes made over REST) and against the in-memory twin."""

from __future__ import annotations

import pytest

from application.errors import UpstreamConfigurationError
from application.ports.change_stream import ChangeEvent, ChangeType, PlatformEvent, ResyncReason, ResyncRequired
from tests.contract.salesforce_streaming.consumer import Consumer
from tests.contract.salesforce_streaming.worlds import ACCOUNT_ID, ELIGIBILITY, ENTRIES, ORDERS, World

pytestmark = pytest.mark.integration
CHANNELS = [ENTRIES, ELIGIBILITY]


async def test_our_price_changes_arrive_as_change_events(world: World) -> None:
    async with Consumer(world.stream, world.positions, CHANNELS) as consumer:
        await world.wait_subscribed(set(CHANNELS))
        entry_id = await world.change_price(5_400)
        await world.change_price(5_500)
        first, second = await consumer.take(2)
    assert isinstance(first, ChangeEvent)
    assert isinstance(second, ChangeEvent)
    assert first.channel == ENTRIES
    header = first.header
    assert header.entity_name == "PricebookEntry"
    assert header.record_ids == (entry_id,)
    assert header.change_type is ChangeType.UPDATE
    assert set(header.changed_fields) == {"UnitPrice", "LastModifiedDate"}  # Salesforce promises no order
    assert header.origin_client == "portal-bff"
    assert header.sequence_number == 1
    assert header.commit_timestamp.tzinfo is not None
    assert first.fields["UnitPrice"] == 5_400
    assert second.fields["UnitPrice"] == 5_500
    assert first.replay_id < second.replay_id
    assert header.transaction_key != second.header.transaction_key


async def test_platform_events_arrive_with_their_fields(world: World) -> None:
    async with Consumer(world.stream, world.positions, CHANNELS) as consumer:
        await world.wait_subscribed(set(CHANNELS))
        await world.publish_eligibility(ACCOUNT_ID)
        (event,) = await consumer.take(1)
    assert isinstance(event, PlatformEvent)
    assert event.channel == ELIGIBILITY
    assert event.fields == {"Account_Id__c": ACCOUNT_ID}
    assert event.created_date.tzinfo is not None
    assert event.created_by_id.startswith("005")


async def test_without_a_saved_position_only_new_events_arrive(world: World) -> None:
    await world.change_price(5_100)
    async with Consumer(world.stream, world.positions, CHANNELS) as consumer:
        await world.wait_subscribed(set(CHANNELS))
        await world.change_price(5_200)
        (event,) = await consumer.take(1)
        await consumer.nothing_more()
    assert isinstance(event, ChangeEvent)
    assert event.fields["UnitPrice"] == 5_200


async def test_a_restart_resumes_after_the_saved_position(world: World) -> None:
    async with Consumer(world.stream, world.positions, CHANNELS) as consumer:
        await world.wait_subscribed(set(CHANNELS))
        await world.change_price(6_001)
        await world.publish_eligibility(ACCOUNT_ID)
        await consumer.take(2)
    # Down while changes happen; the saved positions say where to pick up.
    await world.change_price(6_002)
    await world.publish_eligibility(ACCOUNT_ID)
    async with Consumer(world.stream, world.positions, CHANNELS) as consumer:
        missed = await consumer.take(2)
        await consumer.nothing_more()
    assert [type(m).__name__ for m in missed] == ["ChangeEvent", "PlatformEvent"]
    assert isinstance(missed[0], ChangeEvent)
    assert missed[0].fields["UnitPrice"] == 6_002


async def test_an_expired_position_is_reported_as_a_resync_then_new_events_flow(world: World) -> None:
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(7_001)
        await consumer.take(1)
    await world.expire_everything()  # down for longer than the retention window
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        (signal,) = await consumer.take(1)
        assert signal == ResyncRequired(channel=ENTRIES, reason=ResyncReason.REPLAY_ID_INVALID)
        await world.wait_subscribed({ENTRIES})
        await world.change_price(7_002)
        (event,) = await consumer.take(1)
    assert isinstance(event, ChangeEvent)
    assert event.fields["UnitPrice"] == 7_002


async def test_gap_and_overflow_events_are_resync_signals(world: World) -> None:
    async with Consumer(world.stream, world.positions, [ORDERS]) as consumer:
        await world.wait_subscribed({ORDERS})
        await world.emit_gap("Order", "GAP_UPDATE", ("801RO00000AbCdEYAV",))
        await world.emit_gap("Order", "GAP_OVERFLOW", ())
        gap, overflow = await consumer.take(2)
    assert isinstance(gap, ResyncRequired)
    assert (gap.reason, gap.entity_name, gap.record_ids) == (ResyncReason.GAP, "Order", ("801RO00000AbCdEYAV",))
    assert gap.replay_id is not None
    assert isinstance(overflow, ResyncRequired)
    assert (overflow.reason, overflow.entity_name, overflow.record_ids) == (ResyncReason.OVERFLOW, "Order", ())
    assert overflow.replay_id is not None
    assert gap.replay_id < overflow.replay_id


async def test_a_channel_that_does_not_exist_is_a_configuration_error(world: World) -> None:
    async with Consumer(world.stream, world.positions, ["/data/AccountChangeEvent"]) as consumer:
        error = await consumer.failure()
    assert isinstance(error, UpstreamConfigurationError)

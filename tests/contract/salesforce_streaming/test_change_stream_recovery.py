"""The real adapter rides out what the Streaming API does to long-lived clients, without losing or repeating
an event: forced re-handshakes, dropped connections, outages longer than the transport retries, revoked
tokens, redeliveries, and a position that expired while it was reconnecting."""

from __future__ import annotations

import asyncio
import logging

import pytest

from application.errors import UpstreamConfigurationError
from application.ports.change_stream import ChangeEvent, ResyncReason, ResyncRequired, StreamMessage
from sandbox.faults import Fault, FaultKind
from tests.contract.salesforce_streaming.conftest import Emulator, emulator_world_on
from tests.contract.salesforce_streaming.consumer import Consumer
from tests.contract.salesforce_streaming.worlds import ENTRIES, EmulatorWorld

pytestmark = pytest.mark.integration
SESSION_LOG = "adapters.salesforce.streaming.change_stream"


def prices(messages: list[StreamMessage]) -> list[int]:
    return [m.fields["UnitPrice"] for m in messages if isinstance(m, ChangeEvent)]


def client_ids(world: EmulatorWorld) -> set[str]:
    return {client.client_id for client in world.hub.clients()}


async def test_a_forced_re_handshake_loses_and_repeats_nothing(emulator_world: EmulatorWorld) -> None:
    world = emulator_world
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_001)
        assert prices(await consumer.take(1)) == [8_001]
        before = client_ids(world)
        world.hub.forget_clients()  # as Salesforce does on failover: 403::Unknown client, handshake again
        await world.change_price(8_002)
        await world.change_price(8_003)
        assert prices(await consumer.take(2)) == [8_002, 8_003]
        await consumer.nothing_more()
        assert client_ids(world).isdisjoint(before)


async def test_a_dropped_connection_is_retried_in_the_same_session(
    emulator_world: EmulatorWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = emulator_world
    caplog.set_level(logging.WARNING, logger=SESSION_LOG)
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_101)
        await consumer.take(1)
        before = client_ids(world)
        world.hub.drop_connections()  # the held long poll is cut with a 503; the transport retries after 1 s
        await world.change_price(8_102)
        assert prices(await consumer.take(1)) == [8_102]
        await consumer.nothing_more()
    # The transport's own retry covered it (this needs the loop= fix: without it receive() would have failed).
    assert client_ids(world) == before or not client_ids(world)
    assert not [r for r in caplog.records if r.name == SESSION_LOG]


async def test_a_connect_held_past_the_request_timeout_is_retried_without_loss(
    emulator_world: EmulatorWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = emulator_world
    caplog.set_level(logging.WARNING, logger=SESSION_LOG)
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_151)
        await consumer.take(1)
        # The client gives up after 1.2 x the 0.5 s advised timeout; this connect is answered only after 1 s.
        world.hub.faults.arm(Fault(operation="/meta/connect", kind=FaultKind.LATENCY, delay_ms=1_000))
        await asyncio.sleep(0.6)  # the connect in flight now is the delayed one
        await world.change_price(8_152)
        assert prices(await consumer.take(1)) == [8_152]
        await consumer.nothing_more()
    assert not [r for r in caplog.records if r.name == SESSION_LOG]


async def test_an_outage_longer_than_the_reconnect_window_is_bridged_by_a_new_session(
    emulator_world: EmulatorWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = emulator_world
    caplog.set_level(logging.WARNING, logger=SESSION_LOG)
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_201)
        await consumer.take(1)
        before = client_ids(world)
        world.hub.faults.arm(Fault(operation="*", kind=FaultKind.HTTP_ERROR, status=503, times=None))
        world.hub.drop_connections()
        await world.change_price(8_202)  # REST still works; only the streaming endpoint is down
        await asyncio.sleep(2.6)  # past the 2 s reconnect window
        world.hub.faults.clear()
        assert prices(await consumer.take(1)) == [8_202]
        await consumer.nothing_more()
        assert client_ids(world) - before  # a new handshake: the supervisor opened a new session
    assert any("session ended" in record.getMessage() for record in caplog.records if record.name == SESSION_LOG)


async def test_a_revoked_token_is_replaced_and_the_stream_goes_on(emulator_world: EmulatorWorld) -> None:
    world = emulator_world
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_301)
        await consumer.take(1)
        old_token = (await world.tokens.session()).access_token
        async with world.http() as http:
            expired = await http.post(f"{world.base_url}/_sandbox/tokens/expire")
        assert expired.status_code == 200
        # The next connect carries the dead token (401::Authentication invalid): the stream asks for a new one.
        await until_token_replaced(world, old_token)
        await world.change_price(8_302)
        assert prices(await consumer.take(1)) == [8_302]
        await consumer.nothing_more()
    assert (await world.tokens.session()).access_token != old_token


async def until_token_replaced(world: EmulatorWorld, old_token: str) -> None:
    for _ in range(100):
        if (await world.tokens.session()).access_token != old_token:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the stream never asked for a new token")


async def test_redelivered_events_are_handed_over_once(emulator_world: EmulatorWorld) -> None:
    world = emulator_world
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_401)
        await world.change_price(8_402)
        assert prices(await consumer.take(2)) == [8_401, 8_402]
        world.hub.redeliver(2)  # at-least-once delivery: the same replay ids come again
        await consumer.nothing_more()
        await world.change_price(8_403)
        assert prices(await consumer.take(1)) == [8_403]


async def test_a_position_that_expires_during_a_re_handshake_is_a_resync(emulator_world: EmulatorWorld) -> None:
    world = emulator_world
    async with Consumer(world.stream, world.positions, [ENTRIES]) as consumer:
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_501)
        await consumer.take(1)
        world.hub.expire_events()
        world.hub.forget_clients()  # the library re-subscribes by itself, with the now expired id
        (signal,) = await consumer.take(1)
        assert signal == ResyncRequired(channel=ENTRIES, reason=ResyncReason.REPLAY_ID_INVALID)
        await world.wait_subscribed({ENTRIES})
        await world.change_price(8_502)
        assert prices(await consumer.take(1)) == [8_502]


async def test_refused_credentials_end_the_stream_as_a_configuration_error(emulator: Emulator) -> None:
    async with (
        emulator_world_on(emulator, client_secret="wrong") as world,
        Consumer(world.stream, world.positions, [ENTRIES]) as consumer,
    ):
        error = await consumer.failure()
    assert isinstance(error, UpstreamConfigurationError)

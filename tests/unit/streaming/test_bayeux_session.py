"""Handshake, connect, disconnect and the errors that make a client start over."""

from __future__ import annotations

import asyncio
import time

from adapters.memory.clock import FrozenClock
from sandbox.salesforce.streaming.hub import StreamingHub
from tests.unit.streaming.conftest import CONNECT_TIMEOUT, TOKEN, Bayeux, Tokens, events_of, order_update

ORDERS = "/data/OrderChangeEvent"


async def test_handshake_offers_long_polling_and_the_replay_extension(bayeux: Bayeux) -> None:
    status, replies = await bayeux.post(
        {"channel": "/meta/handshake", "version": "1.0", "supportedConnectionTypes": ["websocket", "long-polling"]}
    )
    assert status == 200
    reply = replies[0]
    assert reply["successful"] is True
    assert reply["supportedConnectionTypes"] == ["long-polling"]
    assert reply["ext"] == {"replay": True, "payload.format": True}
    assert len(reply["clientId"]) >= 20


async def test_handshake_without_a_bearer_token_requires_authentication(bayeux: Bayeux) -> None:
    status, replies = await bayeux.post({"channel": "/meta/handshake"}, token=None)
    assert status == 401
    assert replies[0]["error"] == "401::Request requires authentication"


async def test_handshake_with_a_bad_token_is_denied_with_the_reason(bayeux: Bayeux) -> None:
    _, replies = await bayeux.post({"channel": "/meta/handshake"}, token="expired")
    assert replies[0]["successful"] is False
    assert replies[0]["error"] == "403::Handshake denied"
    assert replies[0]["ext"]["sfdc"]["failureReason"] == "401::Authentication invalid"
    assert replies[0]["advice"]["reconnect"] == "none"


async def test_the_api_version_is_mandatory_and_at_least_37(bayeux: Bayeux) -> None:
    response = await bayeux.http.post("/cometd", json=[{"channel": "/meta/handshake"}])
    assert response.status_code == 400
    assert response.json()[0]["error"].startswith("400::API version in the URI is mandatory")
    bayeux.version = "36.0"
    status, replies = await bayeux.post({"channel": "/meta/handshake"})
    assert status == 400
    assert "Only API versions '37.0' and later" in replies[0]["error"]


async def test_a_batch_over_32_kb_is_refused(bayeux: Bayeux) -> None:
    status, _ = await bayeux.post({"channel": "/meta/handshake", "padding": "x" * 33_000})
    assert status == 413


async def test_first_connect_is_answered_at_once_with_advice(bayeux: Bayeux) -> None:
    client_id = await bayeux.handshake()
    started = time.monotonic()
    replies = await bayeux.connect(client_id)
    assert time.monotonic() - started < CONNECT_TIMEOUT.total_seconds()
    assert replies == [
        {
            "channel": "/meta/connect",
            "id": replies[0]["id"],
            "clientId": client_id,
            "successful": True,
            "advice": {"interval": 0, "timeout": 300, "reconnect": "retry"},
        }
    ]


async def test_later_connects_are_held_until_the_timeout(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    started = time.monotonic()
    replies = await bayeux.connect(client_id)
    assert time.monotonic() - started >= CONNECT_TIMEOUT.total_seconds() * 0.9
    assert replies[0]["successful"] is True
    assert "advice" not in replies[0]


async def test_a_held_connect_returns_with_events_first_when_a_change_commits(
    bayeux: Bayeux, hub: StreamingHub
) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    held = asyncio.ensure_future(bayeux.connect(client_id))
    await asyncio.sleep(0.05)
    hub.on_commit(order_update(1))
    replies = await held
    assert [reply["channel"] for reply in replies] == [ORDERS, "/meta/connect"]
    assert replies[0]["data"]["payload"]["Status"] == "Status 1"


async def test_a_connect_batched_with_subscribes_is_answered_at_once(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client()
    started = time.monotonic()
    _, replies = await bayeux.post(
        {"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling"},
        {"channel": "/meta/subscribe", "clientId": client_id, "subscription": ORDERS},
    )
    assert time.monotonic() - started < CONNECT_TIMEOUT.total_seconds()
    assert [(r["channel"], r["successful"]) for r in replies] == [("/meta/connect", True), ("/meta/subscribe", True)]


async def test_an_unknown_client_is_told_to_handshake_again(bayeux: Bayeux) -> None:
    replies = await bayeux.connect("nosuchclient")
    assert replies[0]["successful"] is False
    assert replies[0]["error"] == "403::Unknown client"
    assert replies[0]["advice"] == {"interval": 0, "reconnect": "handshake"}


async def test_forgetting_clients_releases_a_held_connect_with_unknown_client(
    bayeux: Bayeux, hub: StreamingHub
) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    held = asyncio.ensure_future(bayeux.connect(client_id))
    await asyncio.sleep(0.05)
    assert hub.forget_clients() == 1
    replies = await held
    assert replies[0]["error"] == "403::Unknown client"


async def test_a_client_silent_for_more_than_40_seconds_expires(bayeux: Bayeux, clock: FrozenClock) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    clock.advance(41)
    replies = await bayeux.connect(client_id)
    assert replies[0]["error"] == "403::Unknown client"


async def test_a_token_revoked_while_connected_gets_authentication_invalid(bayeux: Bayeux, tokens: Tokens) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    tokens.valid.discard(TOKEN)
    replies = await bayeux.connect(client_id)
    assert replies[0]["error"] == "401::Authentication invalid"
    assert replies[0]["advice"] == {"reconnect": "none", "interval": 0}


async def test_disconnect_ends_the_session(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    _, replies = await bayeux.post({"channel": "/meta/disconnect", "clientId": client_id})
    assert replies[0]["successful"] is True
    assert (await bayeux.connect(client_id))[0]["error"] == "403::Unknown client"


async def test_dropped_connections_answer_at_transport_level(bayeux: Bayeux, hub: StreamingHub) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    message = {"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling", "id": "9"}
    held = asyncio.ensure_future(bayeux.http.post("/cometd/62.0", json=[message], headers=headers))
    await asyncio.sleep(0.05)
    hub.drop_connections()
    response = await held
    assert response.status_code == 503
    # The session survives a dropped connection: the change is delivered on the next connect.
    hub.on_commit(order_update(2))
    assert [e["data"]["payload"]["Status"] for e in events_of(await bayeux.connect(client_id))] == ["Status 2"]

"""The control API under /_sandbox/streaming/, and injected transport faults."""

from __future__ import annotations

import asyncio

from adapters.memory.clock import FrozenClock
from sandbox.salesforce.streaming.hub import StreamingHub
from tests.unit.streaming.conftest import ORDER_ID, Bayeux, events_of, order_update

ORDERS = "/data/OrderChangeEvent"
ELIGIBILITY = "/event/Account_Eligibility_Update__e"
BASE = "/_sandbox/streaming"


async def test_platform_events_and_gaps_can_be_published_and_read_back(bayeux: Bayeux) -> None:
    http = bayeux.http
    published = await http.post(
        f"{BASE}/platform-events", json={"channel": ELIGIBILITY, "payload": {"Account_Id__c": "001"}}
    )
    assert published.status_code == 201
    gap = await http.post(
        f"{BASE}/gaps", json={"entity": "Order", "change_type": "GAP_DELETE", "record_ids": [ORDER_ID]}
    )
    assert gap.status_code == 201
    log = (await http.get(f"{BASE}/events")).json()
    assert [entry["channel"] for entry in log] == [ELIGIBILITY, "/data/ChangeEvents", ORDERS]
    assert log[0]["data"]["event"]["EventUuid"] == published.json()["event_uuid"]
    assert log[1]["replay_id"] == gap.json()["replay_id"]
    only_orders = (await http.get(f"{BASE}/events", params={"channel": ORDERS})).json()
    assert [entry["channel"] for entry in only_orders] == [ORDERS]


async def test_bad_control_requests_are_400s(bayeux: Bayeux) -> None:
    refused = await bayeux.http.post(f"{BASE}/platform-events", json={"channel": "/event/Nope__e"})
    assert refused.status_code == 400
    refused = await bayeux.http.post(f"{BASE}/gaps", json={"entity": "Order", "change_type": "UPDATE"})
    assert refused.status_code == 400


async def test_expiring_retention_invalidates_stored_ids(bayeux: Bayeux, hub: StreamingHub, clock: FrozenClock) -> None:
    hub.on_commit(order_update(1))
    hub.on_commit(order_update(2))
    first, second = (event.replay_id for event in hub.events(ORDERS))
    expired = await bayeux.http.post(f"{BASE}/retention/expire", json={"through_replay_id": first})
    assert expired.json() == {"dropped": 2}  # the first event, on its entity channel and on /data/ChangeEvents
    client_id = await bayeux.connected_client()
    assert (await bayeux.subscribe(client_id, ORDERS, replay=first))["successful"] is False
    assert (await bayeux.subscribe(client_id, ORDERS, replay=second))["successful"] is True
    await bayeux.http.put(f"{BASE}/retention", json={"seconds": 60})
    clock.advance(61)
    assert (await bayeux.subscribe(client_id, ORDERS, replay=second))["successful"] is False


async def test_clients_can_be_listed_and_forgotten(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    listed = (await bayeux.http.get(f"{BASE}/clients")).json()
    assert [(c["client_id"], list(c["subscriptions"])) for c in listed] == [(client_id, [ORDERS])]
    assert (await bayeux.http.post(f"{BASE}/clients/forget")).json() == {"forgotten": 1}
    assert (await bayeux.connect(client_id))[0]["error"] == "403::Unknown client"


async def test_redeliver_sends_the_last_events_again(bayeux: Bayeux, hub: StreamingHub) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    hub.on_commit(order_update(1))
    hub.on_commit(order_update(2))
    first = [e["data"]["event"]["replayId"] for e in events_of(await bayeux.connect(client_id))]
    await bayeux.http.post(f"{BASE}/redeliver", json={"count": 1})
    again = [e["data"]["event"]["replayId"] for e in events_of(await bayeux.connect(client_id))]
    assert again == first[-1:]


async def test_an_armed_transport_fault_answers_the_next_connect(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    armed = await bayeux.http.post(
        f"{BASE}/faults", json={"operation": "/meta/connect", "kind": "http_error", "status": 500}
    )
    assert armed.status_code == 204
    assert [f["operation"] for f in (await bayeux.http.get(f"{BASE}/faults")).json()] == ["/meta/connect"]
    status, _ = await bayeux.post({"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling"})
    assert status == 500
    assert (await bayeux.http.get(f"{BASE}/faults")).json() == []


async def test_an_auth_failure_fault_looks_like_a_revoked_token(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    await bayeux.http.post(f"{BASE}/faults", json={"operation": "*", "kind": "auth_failure"})
    assert (await bayeux.connect(client_id))[0]["error"] == "401::Authentication invalid"
    await bayeux.http.delete(f"{BASE}/faults")
    assert (await bayeux.http.get(f"{BASE}/faults")).json() == []


async def test_dropping_connections_over_the_control_api(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    held = asyncio.ensure_future(
        bayeux.post({"channel": "/meta/connect", "clientId": client_id, "connectionType": "long-polling"})
    )
    await asyncio.sleep(0.05)
    assert (await bayeux.http.post(f"{BASE}/connections/drop")).status_code == 204
    assert (await held)[0] == 503


async def test_reset_empties_the_log_and_ends_sessions(bayeux: Bayeux, hub: StreamingHub) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    hub.on_commit(order_update(1))
    assert (await bayeux.http.post(f"{BASE}/reset")).status_code == 204
    assert hub.events() == []
    assert (await bayeux.connect(client_id))[0]["error"] == "403::Unknown client"


async def test_the_connect_timeout_can_be_changed(bayeux: Bayeux) -> None:
    assert (await bayeux.http.put(f"{BASE}/connect-timeout", json={"seconds": 0.01})).status_code == 200
    client_id = await bayeux.handshake()
    (reply,) = await bayeux.connect(client_id)
    assert reply["advice"]["timeout"] == 10

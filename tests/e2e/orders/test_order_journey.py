"""The order journey with real processes: the API (`portal serve`), the consumer (`portal cdc`), the worker
(`portal worker`), Postgres, Redis, and the three emulators.

A customer places a SIM order; an agent approves it in the Salesforce emulator; the change event reaches the
consumer, which queues one job; the worker bills it in WHMCS (AddOrder, AcceptOrder), activates the SIM at
Freebit and writes back; the order reaches "Activated" with exactly one WHMCS order, accepted, and one Freebit
activation, and `GET /api/orders/{id}` shows it. Then the same with the worker SIGKILLed in the middle.
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from entrypoints.demo.world import DEMO_LOGINS
from tests.e2e.orders.processes import PortalProcess, portal_stack
from tests.support.sandbox import RunningSandbox, running_sandbox

pytestmark = pytest.mark.e2e
REDIS_DB = 11
SIM_ORDER = {
    "orderType": "SIM",
    "items": [{"sku": "SIM-20GB-VOICE"}, {"sku": "SIM-ACTIVATION-FEE"}],
    "sim": {"type": "physical"},
}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSandbox]:
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox"))) as running:
        yield running


@pytest.fixture
def portal(sandbox: RunningSandbox, tmp_path: Path) -> Iterator[dict[str, PortalProcess]]:
    with portal_stack(
        sandbox, tmp_path, purpose="orders_e2e", redis_db=REDIS_DB, PORTAL_WORKER_STALLED_AFTER_SECONDS="3"
    ) as processes:
        yield processes


@contextlib.contextmanager
def browser(processes: dict[str, PortalProcess]) -> Iterator[httpx.Client]:
    """Hanako, signed in."""
    port = processes["api"].env["PORTAL_HTTP_PORT"]
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        hanako = DEMO_LOGINS[0]
        login = client.post("/api/auth/login", json={"email": hanako.email, "password": hanako.password})
        assert login.status_code == 200, login.text
        client.headers["X-CSRF-Token"] = login.json()["csrfToken"]
        yield client


def control(sandbox: RunningSandbox, system: str, method: str, path: str, **kwargs: Any) -> Any:
    client = {"whmcs": sandbox.whmcs, "salesforce": sandbox.salesforce, "freebit": sandbox.freebit}[system]()
    with client:
        response = client.request(method, f"/_sandbox{path}", **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None


def until_consuming(
    client: httpx.Client, sandbox: RunningSandbox, processes: dict[str, PortalProcess], order_id: str
) -> None:
    """The stream has no "subscribed" signal: an order event the consumer reports as applied proves it is on.

    Until then an agent's note on the order (a change that triggers nothing) is made every half second.
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        control(sandbox, "salesforce", "PATCH", f"/records/Order/{order_id}", json={"Description": "checked"})
        for _ in range(5):
            channels = client.get("/api/health/services/cache").json()["channels"]
            if any(c["channel"] == "/data/OrderChangeEvent" and c["lastReplayId"] is not None for c in channels):
                return
            time.sleep(0.1)
    raise AssertionError("the consumer never applied an order event:\n" + processes["cdc"].tail())


def place_and_approve(client: httpx.Client, sandbox: RunningSandbox, processes: dict[str, PortalProcess]) -> str:
    placed = client.post("/api/orders", json=SIM_ORDER, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert placed.status_code == 201, placed.text
    order_id = str(placed.json()["id"])
    until_consuming(client, sandbox, processes, order_id)
    control(sandbox, "salesforce", "POST", f"/orders/{order_id}/approve", json={})  # the agent
    return order_id


def until_activated(
    client: httpx.Client, sandbox: RunningSandbox, processes: dict[str, PortalProcess], order_id: str, within: float
) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        order = client.get(f"/api/orders/{order_id}").json()
        if order["activationStatus"] in ("Activated", "Failed"):
            return dict(order)
        control(sandbox, "freebit", "POST", "/complete")  # Freebit's ~10 minutes, now
        time.sleep(0.2)
    raise AssertionError(f"not activated: {order}\n{processes['worker'].tail()}\n{processes['cdc'].tail()}")


def assert_fulfilled_once(sandbox: RunningSandbox, order_id: str, before: int) -> None:
    orders = [o for o in control(sandbox, "whmcs", "GET", "/state")["orders"] if o["client_id"] == 1]
    assert len(orders) == before + 1
    assert orders[-1]["status"] == "Active"
    registrations = control(sandbox, "freebit", "GET", "/state")["registrations"]
    assert len(registrations) == 1
    crm = control(sandbox, "salesforce", "GET", f"/records/Order/{order_id}")
    assert (crm["Activation_Status__c"], crm["WHMCS_Order_ID__c"]) == ("Activated", str(orders[-1]["id"]))


def test_a_sim_order_from_checkout_to_activated(sandbox: RunningSandbox, portal: dict[str, PortalProcess]) -> None:
    before = len([o for o in control(sandbox, "whmcs", "GET", "/state")["orders"] if o["client_id"] == 1])
    with browser(portal) as client:
        order_id = place_and_approve(client, sandbox, portal)

        order = until_activated(client, sandbox, portal, order_id, within=60)

    assert (order["activationStatus"], order["errorCode"]) == ("Activated", None)
    assert_fulfilled_once(sandbox, order_id, before)


def test_the_worker_killed_mid_fulfilment_and_restarted(
    sandbox: RunningSandbox, portal: dict[str, PortalProcess]
) -> None:
    before = len([o for o in control(sandbox, "whmcs", "GET", "/state")["orders"] if o["client_id"] == 1])
    # AcceptOrder answers slowly: the worker is killed after AddOrder went through, before it is recorded accepted.
    control(sandbox, "whmcs", "POST", "/faults", json={"operation": "AcceptOrder", "kind": "latency", "delay_ms": 4000})
    with browser(portal) as client:
        order_id = place_and_approve(client, sandbox, portal)
        deadline = time.monotonic() + 30
        while not any(e["action"].casefold() == "addorder" for e in control(sandbox, "whmcs", "GET", "/api-log")):
            assert time.monotonic() < deadline, portal["worker"].tail()
            time.sleep(0.05)
        time.sleep(1)  # recorded, and AcceptOrder is on its (slow) way
        portal["worker"].kill()
        portal["worker"].start()

        order = until_activated(client, sandbox, portal, order_id, within=90)

    assert (order["activationStatus"], order["errorCode"]) == ("Activated", None)
    assert_fulfilled_once(sandbox, order_id, before)

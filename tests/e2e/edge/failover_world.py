"""What the failover test does to the world around the portal: agents' price changes and order approvals in the
Salesforce emulator, Hanako at the edge, and reading back what WHMCS, Freebit and Redis recorded."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
from redis.cluster import RedisCluster

from adapters.redis import keys
from entrypoints.demo.world import DEMO_LOGINS
from tests.support.sandbox import RunningSandbox

SIM_ORDER = {
    "orderType": "SIM",
    "items": [{"sku": "SIM-20GB-VOICE"}, {"sku": "SIM-ACTIVATION-FEE"}],
    "sim": {"type": "physical"},
}


def control(sandbox: RunningSandbox, system: str, method: str, path: str, **kwargs: Any) -> Any:
    client = {"whmcs": sandbox.whmcs, "salesforce": sandbox.salesforce, "freebit": sandbox.freebit}[system]()
    with client:
        response = client.request(method, f"/_sandbox{path}", **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None


def portal_entry_id(sandbox: RunningSandbox, sku: str) -> str:
    products = {p["Id"]: p for p in control(sandbox, "salesforce", "GET", "/records/Product2")}
    books = {b["Id"]: b["Name"] for b in control(sandbox, "salesforce", "GET", "/records/Pricebook2")}
    for row in control(sandbox, "salesforce", "GET", "/records/PricebookEntry"):
        if books[row["Pricebook2Id"]] == "Portal" and products[row["Product2Id"]]["StockKeepingUnit"] == sku:
            return str(row["Id"])
    raise LookupError(sku)


def change_price(sandbox: RunningSandbox, entry_id: str, price: int) -> None:
    control(sandbox, "salesforce", "PATCH", f"/records/PricebookEntry/{entry_id}", json={"UnitPrice": price})


@contextlib.contextmanager
def signed_in(edge: str) -> Iterator[httpx.Client]:
    """Hanako, at the edge."""
    with httpx.Client(base_url=edge, timeout=30) as client:
        hanako = DEMO_LOGINS[0]
        login = client.post("/api/auth/login", json={"email": hanako.email, "password": hanako.password})
        assert login.status_code == 200, login.text
        client.headers["X-CSRF-Token"] = login.json()["csrfToken"]
        yield client


def place_order(client: httpx.Client) -> str:
    placed = client.post("/api/orders", json=SIM_ORDER, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert placed.status_code == 201, placed.text
    return str(placed.json()["id"])


def catalog_generation(redis: RedisCluster) -> int:
    return int(redis.get(keys.read_model_generation("catalog", "portal")) or 0)  # type: ignore[arg-type]


def lease_holder(redis: RedisCluster, channel: str) -> str | None:
    holder = redis.get(keys.channel_lease(channel))
    return keys.as_text(holder) if holder else None  # type: ignore[arg-type]


def until(condition: Any, within: float, what: str, poll: float = 0.05) -> float:
    """Seconds until `condition()` held (raising after `within`)."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > within:
            raise AssertionError(f"{what}: not within {within} s")
        time.sleep(poll)
    return time.monotonic() - started


def whmcs_orders_of_hanako(sandbox: RunningSandbox) -> list[dict[str, Any]]:
    return [o for o in control(sandbox, "whmcs", "GET", "/state")["orders"] if o["client_id"] == 1]


def add_order_calls(sandbox: RunningSandbox) -> int:
    return sum(1 for entry in control(sandbox, "whmcs", "GET", "/api-log") if entry["action"].casefold() == "addorder")


def freebit_registrations(sandbox: RunningSandbox) -> int:
    return len(control(sandbox, "freebit", "GET", "/state")["registrations"])

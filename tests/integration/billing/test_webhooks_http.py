"""WHMCS's signed webhooks, sent by the emulator to the running API: each clears exactly what it made stale."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from standardwebhooks import Webhook

from adapters.resilience import UpstreamGuard
from adapters.whmcs import WhmcsApi, WhmcsBilling, WhmcsConfig, create_http_client
from application.ports.billing.orders import NewOrder, NewOrderItem
from sandbox.whmcs.config import DEFAULT_WEBHOOK_SECRET
from sandbox.whmcs.seed import SANDBOX_IDENTIFIER, SANDBOX_SECRET
from tests.integration.billing.portal import HANAKO, cache_keys, link_in_database, sign_in
from tests.support.clock import ShiftedClock
from tests.support.sandbox import RunningSandbox, running_sandbox
from tests.support.servers import free_port, serve_in_thread

pytestmark = pytest.mark.integration
HOOK_PATH = "/api/webhooks/whmcs"


@pytest.fixture(scope="module")
def portal_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory, portal_port: int) -> Iterator[RunningSandbox]:
    """The emulators, with WHMCS's hook module posting to where the API under test listens."""
    url = f"http://127.0.0.1:{portal_port}{HOOK_PATH}"
    with running_sandbox(Path(tmp_path_factory.mktemp("sandbox")), webhook_url=url) as running:
        yield running


@pytest.fixture
async def browser(
    app: Litestar, portal_port: int, database_url: str, sandbox: RunningSandbox
) -> AsyncIterator[httpx.AsyncClient]:
    await link_in_database(database_url, sandbox, HANAKO)
    with serve_in_thread(app, port=portal_port) as url:
        async with httpx.AsyncClient(base_url=url) as client:
            await sign_in(client, HANAKO)
            yield client


async def fill_every_cache(browser: httpx.AsyncClient) -> None:
    paths = [
        "/api/billing/invoices", "/api/billing/invoices?status=Unpaid", "/api/billing/invoices/5",
        "/api/billing/invoices/6", "/api/subscriptions", "/api/subscriptions/1", "/api/subscriptions/2",
        "/api/billing/payment-methods", "/api/billing/profile", "/api/billing/gateways",
    ]  # fmt: skip
    for path in paths:
        assert (await browser.get(path)).status_code == 200, path


_NAMES: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (r":billing:invoices:generation$", lambda m: "invoice list"),
    (r":billing:invoices:first-page$", lambda m: "invoice list, first page"),
    (r":billing:invoice:(\d+)$", lambda m: f"invoice {m[1]}"),
    (r":billing:subscriptions$", lambda m: "subscription list"),
    (r":billing:subscription:generation$", lambda m: "every subscription"),
    (r":billing:subscription:\w+:(\d+)$", lambda m: f"subscription {m[1]}"),
    (r":billing:pay-methods$", lambda m: "payment methods"),
    (r":billing:profile$", lambda m: "profile"),
    (r":billing:invalidated-at$", lambda m: "fence"),
]


def logical(key: str) -> str:
    for pattern, name in _NAMES:
        if match := re.search(pattern, key):
            return name(match)
    return key


async def delivered(sandbox: RunningSandbox, count: int) -> list[dict[str, Any]]:
    """Wait until the hook module has delivered `count` events; their delivery records."""
    for _ in range(100):
        with sandbox.whmcs() as whmcs:
            deliveries: list[dict[str, Any]] = whmcs.get("/_sandbox/webhooks").json()["deliveries"]
        if len(deliveries) >= count and all(d["delivered"] or d["attempts"] >= 3 for d in deliveries):
            return deliveries
        await asyncio.sleep(0.05)
    raise AssertionError(f"webhooks not delivered: {deliveries}")


async def place_order_without_invoice(sandbox: RunningSandbox) -> None:
    config = WhmcsConfig(base_url=sandbox.addresses.whmcs_url, identifier=SANDBOX_IDENTIFIER, secret=SANDBOX_SECRET)
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-hook-test")))
        order = NewOrder(
            client_id=HANAKO.whmcs_client_id,
            payment_method="stripe",
            items=(NewOrderItem(product_id=301, billing_cycle="monthly"),),
            no_invoice=True,
        )
        await billing.orders.accept_order((await billing.orders.add_order(order)).order_id)


def admin(method: str, path: str, body: dict[str, Any] | None = None) -> Callable[[RunningSandbox], Any]:
    def act(sandbox: RunningSandbox) -> None:
        with sandbox.whmcs() as whmcs:
            whmcs.request(method, f"/_sandbox{path}", json=body).raise_for_status()

    return act


# What a WHMCS admin (or the API) does, and what that leaves stale in the portal.
CHANGES: dict[str, tuple[Callable[[RunningSandbox], Any], set[str]]] = {
    "invoice.created": (
        admin("POST", "/clients/1/invoices", {"description": "Router rental", "amount": "500"}),
        {"invoice list", "invoice list, first page"},
    ),
    "invoice.paid": (
        admin("POST", "/invoices/6/paid"),
        {"invoice list", "invoice list, first page", "invoice 6", "subscription list", "every subscription"},
    ),
    "invoice.cancelled": (
        admin("POST", "/invoices/6/cancel"),
        {"invoice list", "invoice list, first page", "invoice 6"},
    ),
    "client.updated": (
        admin("PATCH", "/clients/1", {"phonenumber": "090-0000-1111"}),
        {"profile", "subscription list", "every subscription"},
    ),
    "service.created": (place_order_without_invoice, {"subscription list"}),
    "service.updated": (
        admin("POST", "/services/1/status", {"status": "Suspended"}),
        {"subscription list", "subscription 1"},
    ),
    "paymethod.updated": (admin("POST", "/clients/1/paymethods", {}), {"payment methods"}),
}


@pytest.mark.parametrize("event", CHANGES)
async def test_each_event_clears_exactly_the_caches_it_made_stale(
    browser: httpx.AsyncClient, sandbox: RunningSandbox, event: str
) -> None:
    change, stale = CHANGES[event]
    await fill_every_cache(browser)
    before = await cache_keys()
    result = change(sandbox)
    if asyncio.iscoroutine(result):
        await result
    [delivery] = await delivered(sandbox, 1)
    assert (delivery["type"], delivery["delivered"], delivery["status"], delivery["attempts"]) == (event, True, 200, 1)
    after = await cache_keys()
    assert {logical(key) for key in before - after} == stale
    assert {logical(key) for key in after - before} == {"fence"}


async def test_a_paid_invoice_shows_paid_right_after_the_webhook(
    browser: httpx.AsyncClient, sandbox: RunningSandbox, clock: ShiftedClock
) -> None:
    assert (await browser.get("/api/billing/invoices/6")).json()["status"] == "Unpaid"
    admin("POST", "/invoices/6/paid")(sandbox)
    await delivered(sandbox, 1)
    clock.advance(2)
    assert (await browser.get("/api/billing/invoices/6")).json()["status"] == "Paid"
    page = (await browser.get("/api/billing/invoices", params={"status": "Unpaid"})).json()
    assert [invoice["id"] for invoice in page["items"]] == [5]


def signed(
    body: bytes, *, msg_id: str, at: datetime | None = None, secret: str = DEFAULT_WEBHOOK_SECRET
) -> dict[str, str]:
    at = at or datetime.now(UTC)
    return {
        "content-type": "application/json",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(msg_id, at, body.decode()),
    }


PAYMETHOD = json.dumps(
    {"type": "paymethod.updated", "timestamp": "2026-11-01T18:00:00+09:00", "data": {"client_id": 1}}
).encode()
FORGERIES = {
    "wrong secret": lambda: signed(PAYMETHOD, msg_id="msg_f1", secret="whsec_d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldA=="),
    "stale timestamp": lambda: signed(PAYMETHOD, msg_id="msg_f2", at=datetime.now(UTC) - timedelta(minutes=10)),
    "no signature": lambda: {"content-type": "application/json", "webhook-id": "msg_f3"},
    "body changed after signing": lambda: signed(PAYMETHOD.replace(b'"client_id": 1', b'"client_id": 2'), msg_id="f4"),
}


@pytest.mark.parametrize("forgery", FORGERIES)
async def test_a_forged_delivery_is_401_and_changes_nothing(browser: httpx.AsyncClient, forgery: str) -> None:
    await fill_every_cache(browser)
    before = await cache_keys()
    response = await browser.post(HOOK_PATH, content=PAYMETHOD, headers=FORGERIES[forgery]())
    assert response.status_code == 401
    assert response.json()["code"] == "WEBHOOK_SIGNATURE_INVALID"
    assert await cache_keys() == before


async def test_a_repeated_delivery_is_applied_once(browser: httpx.AsyncClient, clock: ShiftedClock) -> None:
    headers = signed(PAYMETHOD, msg_id="msg_repeat")
    first = await browser.post(HOOK_PATH, content=PAYMETHOD, headers=headers)
    assert (first.status_code, first.json()) == (200, {"outcome": "applied"})
    clock.advance(2)
    await browser.get("/api/billing/payment-methods")
    again = await browser.post(HOOK_PATH, content=PAYMETHOD, headers=headers)
    assert (again.status_code, again.json()) == (200, {"outcome": "duplicate"})
    assert any(key.endswith(":pay-methods") for key in await cache_keys())


async def test_unknown_events_and_unlinked_clients_are_acknowledged(browser: httpx.AsyncClient) -> None:
    unknown = b'{"type":"domain.renewed","timestamp":"t","data":{"client_id":1}}'
    response = await browser.post(HOOK_PATH, content=unknown, headers=signed(unknown, msg_id="msg_u1"))
    assert response.json() == {"outcome": "ignored"}
    stranger = b'{"type":"paymethod.updated","timestamp":"t","data":{"client_id":7}}'
    response = await browser.post(HOOK_PATH, content=stranger, headers=signed(stranger, msg_id="msg_u2"))
    assert response.json() == {"outcome": "not-linked"}


async def test_a_signed_but_unreadable_payload_is_400(browser: httpx.AsyncClient) -> None:
    body = b'{"type":"invoice.paid"}'
    response = await browser.post(HOOK_PATH, content=body, headers=signed(body, msg_id="msg_bad"))
    assert response.status_code == 400

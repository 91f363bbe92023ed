"""SSO tokens are single-use and short-lived; the hook module's webhooks arrive signed, retried, in the background."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from litestar import Litestar, Request, Response, post
from standardwebhooks import Webhook

from adapters.resilience import UpstreamGuard
from adapters.whmcs import WhmcsApi, WhmcsBilling, WhmcsConfig, create_http_client
from application.ports.billing.charges import NewInvoice, NewInvoiceLine
from application.ports.billing.clients import ClientUpdate
from application.ports.billing.orders import NewOrder, NewOrderItem
from sandbox.whmcs import WhmcsEmulatorConfig, WhmcsState, create_app
from sandbox.whmcs.config import DEFAULT_WEBHOOK_SECRET
from sandbox.whmcs.seed import (
    HANAKO,
    HANAKO_INVOICES,
    HANAKO_SIM_SERVICE_ID,
    KENJI,
    SANDBOX_IDENTIFIER,
    SANDBOX_SECRET,
    seed_state,
)
from tests.contract.whmcs.conftest import Emulator
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.integration


async def test_an_sso_link_works_once(seeded: Emulator, adapter: WhmcsBilling) -> None:
    link = await adapter.payment_links.create_invoice_sso_link(HANAKO.client_id, HANAKO_INVOICES["Unpaid"])
    async with httpx.AsyncClient() as browser:
        first = await browser.get(link.url)
        assert (first.status_code, first.headers["location"]) == (302, "/viewinvoice.php?id=6")
        second = await browser.get(link.url)
        assert second.headers["location"] == "/login.php?sso=invalid"


async def test_an_sso_link_expires_after_a_minute(seeded: Emulator, adapter: WhmcsBilling) -> None:
    link = await adapter.payment_links.create_payment_methods_sso_link(HANAKO.client_id)
    late = await adapter.payment_links.create_payment_methods_sso_link(HANAKO.client_id)
    seeded.clock.advance(59)
    async with httpx.AsyncClient() as browser:
        assert (await browser.get(link.url)).headers["location"] == "/index.php?rp=/account/paymentmethods"
        seeded.clock.advance(1)
        assert (await browser.get(late.url)).headers["location"] == "/login.php?sso=invalid"


class Receiver:
    """The portal's webhook endpoint, stubbed: records what arrives, refuses the first `refuse` deliveries."""

    def __init__(self, refuse: int = 0) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.refuse = refuse
        self._arrival = threading.Condition()

    def app(self) -> Litestar:
        @post("/api/webhooks/whmcs", status_code=204)
        async def hook(request: Request[Any, Any, Any]) -> Response[None]:
            body = await request.body()
            with self._arrival:
                self.received.append((dict(request.headers), body))
                self._arrival.notify_all()
            if self.refuse > 0:
                self.refuse -= 1
                return Response(None, status_code=503)
            return Response(None, status_code=204)

        return Litestar(route_handlers=[hook])

    async def wait_for(self, count: int) -> None:
        def arrived() -> None:
            with self._arrival:
                self._arrival.wait_for(lambda: len(self.received) >= count, timeout=5.0)

        await asyncio.to_thread(arrived)


@pytest.fixture
def hooked() -> Iterator[tuple[str, WhmcsState, Receiver]]:
    receiver = Receiver(refuse=1)
    state = WhmcsState()
    seed_state(state)
    with serve_in_thread(receiver.app()) as receiver_url:
        config = WhmcsEmulatorConfig(webhook_url=f"{receiver_url}/api/webhooks/whmcs", webhook_retry_seconds=0.05)
        with serve_in_thread(create_app(state, config=config)) as url:
            yield url, state, receiver


async def test_changes_arrive_as_signed_webhooks(hooked: tuple[str, WhmcsState, Receiver]) -> None:
    url, state, receiver = hooked
    config = WhmcsConfig(base_url=url, identifier=SANDBOX_IDENTIFIER, secret=SANDBOX_SECRET)
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-hooks")))
        items = (NewOrderItem(product_id=301, billing_cycle="monthly"),)
        order = NewOrder(client_id=KENJI.client_id, payment_method="stripe", items=items)
        placed = await billing.orders.add_order(order)
        await billing.orders.accept_order(placed.order_id)
        await billing.clients.update_client(KENJI.client_id, ClientUpdate(phone="090-1234-0000"))
        line = NewInvoiceLine(description="Top-up", amount=Decimal(500))
        top_up = await billing.charges.create_invoice(
            NewInvoice(client_id=HANAKO.client_id, lines=(line,), due_date=state.today())
        )
        await billing.charges.capture_payment(top_up)
        # no hook in WHMCS:
        await billing.service_fields.update_service_custom_fields(HANAKO_SIM_SERVICE_ID, {2043: "890490"})
    async with httpx.AsyncClient(base_url=f"{url}/_sandbox") as admin:  # an admin at work in WHMCS
        await admin.post(f"/invoices/{HANAKO_INVOICES['Unpaid']}/cancel")
        await admin.delete("/paymethods/1")
        await admin.post("/services/1/status", json={"status": "Suspended"})

    expected = [
        ("invoice.created", {"invoice_id": placed.invoice_id, "client_id": KENJI.client_id, "status": "Unpaid"}),
        (
            "service.created",
            {"service_id": placed.service_ids[0], "client_id": KENJI.client_id, "order_id": placed.order_id},
        ),
        ("client.updated", {"client_id": KENJI.client_id, "changed_fields": ["phonenumber"]}),
        ("invoice.created", {"invoice_id": top_up, "client_id": HANAKO.client_id, "status": "Unpaid"}),
        ("invoice.paid", {"invoice_id": top_up, "client_id": HANAKO.client_id}),
        ("invoice.cancelled", {"invoice_id": HANAKO_INVOICES["Unpaid"], "client_id": HANAKO.client_id}),
        ("paymethod.updated", {"client_id": HANAKO.client_id, "paymethod_id": 1, "change": "removed"}),
        ("service.updated", {"service_id": 1, "client_id": HANAKO.client_id, "status": "Suspended"}),
    ]
    await receiver.wait_for(len(expected) + 1)  # the first delivery was refused once and retried
    verifier = Webhook(DEFAULT_WEBHOOK_SECRET)
    deliveries = [(headers, verifier.verify(body, headers)) for headers, body in receiver.received]
    assert deliveries[0][0]["webhook-id"] == deliveries[1][0]["webhook-id"]  # a retry keeps its id
    payloads = [payload for _, payload in deliveries[1:]]
    assert [(p["type"], p["data"]) for p in payloads] == expected
    assert all(p["timestamp"].endswith("+09:00") for p in payloads)
    async with httpx.AsyncClient() as web:
        log = (await web.get(f"{url}/_sandbox/webhooks")).json()["deliveries"]
    assert log[0]["attempts"] == 2
    assert all(d["delivered"] for d in log)


async def test_a_forged_signature_does_not_verify(hooked: tuple[str, WhmcsState, Receiver]) -> None:
    url, _, receiver = hooked
    async with httpx.AsyncClient() as admin:
        await admin.post(f"{url}/_sandbox/invoices/6/paid")
    await receiver.wait_for(2)
    headers, body = receiver.received[-1]
    forged = body.replace(b'"invoice_id":6', b'"invoice_id":7')
    with pytest.raises(Exception, match="signature"):
        Webhook(DEFAULT_WEBHOOK_SECRET).verify(forged, headers)

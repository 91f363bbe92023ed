"""What only the real adapters over the wire can show: call options in CDC origins, one transaction per
composite, paging, the agent's control API, unknown outcomes and the token grants."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from adapters.resilience import UpstreamGuard
from adapters.salesforce.auth import SalesforceTokenProvider
from adapters.salesforce.crm import SalesforceCrm
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.crm_models import CrmAddress
from application.ports.order_desk import NewOrder, NewOrderItem
from sandbox.faults import Fault, FaultKind
from sandbox.salesforce.changes import CommittedTransaction
from sandbox.salesforce.config import DEFAULT_CLIENT_SECRET, DEFAULT_CONSUMER_KEY
from sandbox.salesforce.tls import write_sandbox_credentials
from tests.contract.salesforce.conftest import QUERY_BATCH_SIZE, Emulator

pytestmark = pytest.mark.integration


@pytest.fixture
async def salesforce(fresh_emulator: Emulator) -> AsyncIterator[SalesforceCrm]:
    config = fresh_emulator.adapter_config(read_timeout_seconds=0.5)
    crm = SalesforceCrm.from_config(config, guard=UpstreamGuard("salesforce-wire"))
    yield crm
    await crm.aclose()


@pytest.fixture
def commits(fresh_emulator: Emulator) -> list[CommittedTransaction]:
    seen: list[CommittedTransaction] = []
    fresh_emulator.state.store.add_listener(seen.append)
    return seen


def vpn_order(emulator: Emulator, key: str) -> NewOrder:
    ids = emulator.state.seed_ids
    return NewOrder(
        key=key,
        account_id=ids.accounts["SH-100001"],
        order_type="VPN",
        effective_date=dt.date(2026, 11, 1),
        items=(
            NewOrderItem(entry_id=ids.portal_entries["VPN-USA-SF"], unit_price=Decimal(1200)),
            NewOrderItem(entry_id=ids.portal_entries["VPN-ACTIVATION-FEE"], unit_price=Decimal(3000)),
        ),
        billing_address=CrmAddress(street="2-21-1 Shibuya", postcode="150-0002"),
    )


def control(emulator: Emulator) -> httpx.Client:
    context = ssl.create_default_context(cafile=str(emulator.credentials.ca_bundle))
    return httpx.Client(base_url=emulator.url, verify=context, trust_env=False)


async def test_our_writes_carry_our_client_name_and_a_composite_is_one_transaction(
    fresh_emulator: Emulator, salesforce: SalesforceCrm, commits: list[CommittedTransaction]
) -> None:
    order = await salesforce.orders.create_order(vpn_order(fresh_emulator, "wire-1"))

    assert len(commits) == 1
    [tx] = commits
    assert tx.origin_client == "portal-bff"
    assert [(c.entity, c.change_type) for c in tx.changes] == [
        ("Order", "CREATE"),
        ("OrderItem", "CREATE"),
        ("OrderItem", "CREATE"),
    ]
    assert tx.changes[0].record_id == order.id


async def test_an_agents_approval_commits_without_our_client_name(
    fresh_emulator: Emulator, salesforce: SalesforceCrm, commits: list[CommittedTransaction]
) -> None:
    order = await salesforce.orders.create_order(vpn_order(fresh_emulator, "wire-2"))
    fresh_emulator.state.clock.advance(60)

    with control(fresh_emulator) as http:
        reply = http.post(f"/_sandbox/orders/{order.id}/approve", json={"status": "Processed"})

    assert reply.status_code == 200
    approval = commits[-1]
    assert approval.origin_client is None
    [change] = approval.changes
    assert change.change_type == "UPDATE"
    assert set(change.changed_fields) == {"Status", "Activation_Status__c", "LastModifiedDate"}
    approved = await salesforce.orders.get_order(order.id)
    assert (approved.status, approved.activation_status) == ("Processed", "Activating")
    assert approved.last_modified_at > order.last_modified_at


async def test_the_catalog_is_read_page_by_page(fresh_emulator: Emulator, salesforce: SalesforceCrm) -> None:
    await salesforce.tokens.session()
    before = fresh_emulator.state.api_requests

    entries = await salesforce.catalog.list_portal_entries()

    pages = -(-len(entries) // QUERY_BATCH_SIZE)
    assert pages > 1
    assert fresh_emulator.state.api_requests - before == pages


async def test_an_order_whose_creation_timed_out_is_found_instead_of_created_twice(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    fault = Fault(operation="composite", kind=FaultKind.APPLY_THEN_TIMEOUT, delay_ms=1500)
    fresh_emulator.state.faults.arm(fault)

    order = await salesforce.orders.create_order(vpn_order(fresh_emulator, "timed-out"))

    assert order.status == "Pending Review"
    assert [o.id for o in await salesforce.orders.list_orders(order.account_id)] == [order.id]


async def test_a_creation_that_timed_out_without_effect_is_unavailable(
    fresh_emulator: Emulator, salesforce: SalesforceCrm
) -> None:
    fresh_emulator.state.faults.arm(Fault(operation="composite", kind=FaultKind.TIMEOUT, delay_ms=1500))

    with pytest.raises(UpstreamUnavailableError):
        await salesforce.orders.create_order(vpn_order(fresh_emulator, "lost"))


async def test_the_client_credentials_grant(fresh_emulator: Emulator) -> None:
    config = fresh_emulator.adapter_config(
        grant="client_credentials", client_id=DEFAULT_CONSUMER_KEY, client_secret=DEFAULT_CLIENT_SECRET
    )
    crm = SalesforceCrm.from_config(config)
    try:
        assert await crm.accounts.find_by_customer_number("SH-100005") is not None
    finally:
        await crm.aclose()


@pytest.mark.parametrize(
    "overrides",
    [
        {"grant": "client_credentials", "client_secret": "wrong"},
        {"client_id": "someone-else"},
        {"username": "intruder@example.jp"},
        {"jwt_audience": "https://example.invalid"},
        {"private_key_path": "/nonexistent/key.pem"},
    ],
)
async def test_wrong_credentials_are_a_configuration_error(fresh_emulator: Emulator, overrides: dict[str, str]) -> None:
    tokens = SalesforceTokenProvider(fresh_emulator.adapter_config(**overrides))
    try:
        with pytest.raises(UpstreamConfigurationError):
            await tokens.session()
    finally:
        await tokens.aclose()


async def test_a_jwt_signed_by_another_key_is_refused(fresh_emulator: Emulator, tmp_path: Path) -> None:
    stranger = write_sandbox_credentials(tmp_path)
    tokens = SalesforceTokenProvider(fresh_emulator.adapter_config(private_key_path=str(stranger.jwt_private_key)))
    try:
        with pytest.raises(UpstreamConfigurationError):
            await tokens.session()
    finally:
        await tokens.aclose()


async def test_a_login_outage_is_unavailable(fresh_emulator: Emulator) -> None:
    fresh_emulator.state.faults.arm(Fault(operation="token", kind=FaultKind.HTTP_ERROR, status=503))
    tokens = SalesforceTokenProvider(fresh_emulator.adapter_config())
    try:
        with pytest.raises(UpstreamUnavailableError):
            await tokens.session()
        assert (await tokens.session()).access_token
    finally:
        await tokens.aclose()


async def test_platform_events_can_be_published_through_the_control_api(fresh_emulator: Emulator) -> None:
    with control(fresh_emulator) as http:
        reply = http.post(
            "/_sandbox/events/Account_Eligibility_Update__e", json={"Account_Id__c": "001RO0000000001YAA"}
        )
        unknown = http.post("/_sandbox/events/No_Such_Event__e", json={})

    assert reply.status_code == 201
    assert reply.json()["event_uuid"]
    assert unknown.status_code == 400

"""What only the real adapter can show: retries, timeouts, garbled answers, and never getting our IP banned."""

from __future__ import annotations

import pytest

from adapters.resilience import CircuitOpenError, UpstreamGuard
from adapters.whmcs import WhmcsApi, WhmcsBilling, WhmcsConfig, create_http_client
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.billing.orders import NewOrder, NewOrderItem
from sandbox.faults import Fault, FaultKind
from sandbox.whmcs.seed import HANAKO, KENJI
from tests.contract.whmcs.conftest import Emulator
from tests.support.servers import free_port

pytestmark = pytest.mark.integration

ORDER = NewOrder(
    client_id=KENJI.client_id, payment_method="stripe", items=(NewOrderItem(product_id=301, billing_cycle="monthly"),)
)


def arm(emulator: Emulator, action: str, kind: FaultKind, *, times: int | None = 1, **extra: int) -> None:
    emulator.state.faults.arm(Fault(operation=action.lower(), kind=kind, times=times, delay_ms=800, **extra))


@pytest.mark.parametrize("kind", [FaultKind.HTTP_ERROR, FaultKind.NON_JSON, FaultKind.TIMEOUT])
async def test_reads_are_retried_through_a_passing_fault(
    seeded: Emulator, adapter: WhmcsBilling, kind: FaultKind
) -> None:
    arm(seeded, "GetInvoices", kind)
    page = await adapter.invoices.list_invoices(HANAKO.client_id)
    assert page.total == 6
    assert not seeded.state.faults.armed()  # the first attempt met the fault; a retry got the answer


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_creating_write_is_never_blindly_repeated(seeded: Emulator, adapter: WhmcsBilling, status: int) -> None:
    arm(seeded, "AddOrder", FaultKind.HTTP_ERROR, status=status)
    with pytest.raises(UpstreamUnavailableError):
        await adapter.orders.add_order(ORDER)
    assert seeded.api_calls("AddOrder") == 1  # looked up instead of trying again
    assert seeded.api_calls("GetOrders") == 2  # the baseline before, the reconciliation after


async def test_latency_within_the_timeout_is_just_slow(seeded: Emulator, adapter: WhmcsBilling) -> None:
    seeded.state.faults.arm(Fault(operation="getclientsdetails", kind=FaultKind.LATENCY, delay_ms=100))
    assert (await adapter.clients.get_client(HANAKO.client_id)).id == HANAKO.client_id


async def test_after_refused_credentials_we_stop_calling(seeded: Emulator, adapter: WhmcsBilling) -> None:
    arm(seeded, "GetClientsDetails", FaultKind.AUTH_FAILURE)
    with pytest.raises(UpstreamConfigurationError):
        await adapter.clients.get_client(HANAKO.client_id)
    calls = len(seeded.state.api_log)
    for _ in range(3):  # three more attempts would have banned the IP
        with pytest.raises(UpstreamConfigurationError):
            await adapter.invoices.list_invoices(HANAKO.client_id)
    assert len(seeded.state.api_log) == calls
    assert seeded.state.banned_until == {}


async def test_a_wrong_secret_fails_once_and_never_reaches_a_ban(seeded: Emulator) -> None:
    config = seeded.adapter_config(secret="not-the-secret")
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-wrong-secret"), clock=seeded.clock))
        for _ in range(5):
            with pytest.raises(UpstreamConfigurationError):
                await billing.clients.get_client(HANAKO.client_id)
    assert seeded.state.banned_until == {}
    assert [call.result for call in seeded.state.api_log] == ["403"]


async def test_the_breaker_opens_after_repeated_outages(seeded: Emulator) -> None:
    config = seeded.adapter_config()
    guard = UpstreamGuard("whmcs-breaker", failure_threshold=2, read_attempts=1)
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=guard, clock=seeded.clock))
        arm(seeded, "GetPaymentMethods", FaultKind.HTTP_ERROR, times=None)
        for _ in range(2):
            with pytest.raises(UpstreamUnavailableError):
                await billing.payment_methods.list_payment_gateways()
        with pytest.raises(CircuitOpenError):
            await billing.payment_methods.list_payment_gateways()
    assert seeded.api_calls("GetPaymentMethods") == 2


async def test_an_unreachable_whmcs_is_unavailable() -> None:
    config = WhmcsConfig(base_url=f"http://127.0.0.1:{free_port()}/", identifier="x", secret="y")
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-unreachable")))
        with pytest.raises(UpstreamUnavailableError):
            await billing.payment_methods.list_payment_gateways()

"""Installation settings the adapter copes with: legacy all-strings dialect, IP allow-list, access key, roles."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from adapters.memory.clock import FrozenClock
from adapters.resilience import UpstreamGuard
from adapters.whmcs import WhmcsApi, WhmcsBilling, WhmcsConfig, create_http_client
from application.errors import UpstreamConfigurationError
from sandbox.whmcs import WhmcsEmulatorConfig, WhmcsState, create_app
from sandbox.whmcs.seed import HANAKO, SANDBOX_IDENTIFIER, SANDBOX_SECRET, seed_state
from tests.support.servers import serve_in_thread

pytestmark = pytest.mark.integration
CREDENTIALS = {"identifier": SANDBOX_IDENTIFIER, "secret": SANDBOX_SECRET, "responsetype": "json"}


def running(config: WhmcsEmulatorConfig) -> Iterator[str]:
    state = WhmcsState(FrozenClock())
    seed_state(state)
    with serve_in_thread(create_app(state, config=config)) as url:
        yield url


@pytest.fixture
def legacy() -> Iterator[str]:
    yield from running(WhmcsEmulatorConfig(dialect="legacy"))


@pytest.fixture
def locked_down() -> Iterator[str]:
    yield from running(
        WhmcsEmulatorConfig(allowed_ips=("10.0.0.1",), access_key="k3y!", allowed_actions=("getclientsdetails",))
    )


async def test_the_adapter_reads_the_legacy_all_strings_dialect(legacy: str) -> None:
    async with httpx.AsyncClient() as web:
        body = (await web.post(f"{legacy}/includes/api.php", data={**CREDENTIALS, "action": "GetInvoices"})).json()
    assert body["totalresults"] == "8"
    assert body["invoices"]["invoice"][0]["id"] == str(body["invoices"]["invoice"][0]["id"])
    config = WhmcsConfig(base_url=legacy, identifier=SANDBOX_IDENTIFIER, secret=SANDBOX_SECRET)
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-legacy"), clock=FrozenClock()))
        client_profile = await billing.clients.get_client(HANAKO.client_id)
        page = await billing.invoices.list_invoices(HANAKO.client_id)
        orders = await billing.orders.list_orders(HANAKO.client_id)
    assert (client_profile.id, client_profile.owner_user_id) == (1, 1)
    assert (page.total, page.items[0].id) == (6, 6)
    assert orders[0].lines[0].service_id == 1


async def test_an_ip_off_the_allow_list_needs_the_access_key(locked_down: str) -> None:
    async with httpx.AsyncClient() as web:
        api = f"{locked_down}/includes/api.php"
        refused = await web.post(api, data={**CREDENTIALS, "action": "GetClientsDetails", "clientid": "1"})
        assert (refused.status_code, refused.json()["message"]) == (403, "Invalid IP 127.0.0.1")
        wrong_key = await web.post(api, data={**CREDENTIALS, "action": "GetClients", "accesskey": "nope"})
        assert wrong_key.json()["message"] == "Invalid Access Key"
        not_in_role = await web.post(api, data={**CREDENTIALS, "action": "GetInvoices", "accesskey": "k3y!"})
        assert (not_in_role.status_code, not_in_role.json()["message"]) == (
            403,
            'Invalid Permissions: API action "getinvoices" is not allowed',
        )
    config = WhmcsConfig(base_url=locked_down, identifier=SANDBOX_IDENTIFIER, secret=SANDBOX_SECRET, access_key="k3y!")
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-key"), clock=FrozenClock()))
        assert (await billing.clients.get_client(HANAKO.client_id)).id == HANAKO.client_id
        with pytest.raises(UpstreamConfigurationError):
            # outside the API role: our configuration, never retried
            await billing.payment_methods.list_payment_gateways()

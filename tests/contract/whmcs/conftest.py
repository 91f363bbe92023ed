from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
import stamina

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.clock import FrozenClock
from adapters.resilience import UpstreamGuard
from adapters.whmcs import WhmcsApi, WhmcsBilling, WhmcsConfig, create_http_client
from sandbox.whmcs import WhmcsState, create_app
from sandbox.whmcs.seed import SANDBOX_IDENTIFIER, SANDBOX_SECRET, seed_state
from sandbox.whmcs.snapshot import snapshot
from tests.contract.whmcs.worlds import EmulatorWorld, TwinWorld, World
from tests.support.servers import serve_in_thread


class Emulator:
    def __init__(self, url: str, state: WhmcsState, clock: FrozenClock) -> None:
        self.url, self.state, self.clock = url, state, clock

    def adapter_config(self, **overrides: object) -> WhmcsConfig:
        settings: dict[str, object] = {
            "base_url": self.url,
            "identifier": SANDBOX_IDENTIFIER,
            "secret": SANDBOX_SECRET,
            "read_timeout_seconds": 0.3,
        }
        settings.update(overrides)
        return WhmcsConfig(**settings)  # type: ignore[arg-type]

    def api_calls(self, action: str) -> int:
        return sum(1 for call in self.state.api_log if call.action == action.lower())


@pytest.fixture(autouse=True)
def _instant_retries() -> Iterator[None]:
    stamina.set_testing(True, attempts=3)
    yield
    stamina.set_testing(False)


@pytest.fixture(scope="session")
def emulator() -> Iterator[Emulator]:
    clock = FrozenClock()
    state = WhmcsState(clock)
    with serve_in_thread(create_app(state)) as url:
        yield Emulator(url, state, clock)


@pytest.fixture
def seeded(emulator: Emulator) -> Emulator:
    """The session's emulator, back to the demo world at the usual time, with no faults or bans."""
    emulator.clock = FrozenClock()
    emulator.state.clock = emulator.clock
    seed_state(emulator.state)
    return emulator


@pytest.fixture
async def adapter(seeded: Emulator) -> AsyncIterator[WhmcsBilling]:
    config = seeded.adapter_config()
    async with create_http_client(config) as client:
        yield WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-test"), clock=seeded.clock))


def demo_twin(clock: FrozenClock) -> InMemoryBilling:
    """The twin holding exactly the emulator's demo world (dated by the same clock)."""
    state = WhmcsState(clock)
    seed_state(state)
    return InMemoryBilling.from_snapshot(snapshot(state), clock=clock)


@pytest.fixture(params=[pytest.param("adapter+emulator", marks=pytest.mark.integration), "twin"])
async def world(request: pytest.FixtureRequest) -> AsyncIterator[World]:
    if request.param == "twin":
        clock = FrozenClock()
        yield TwinWorld(demo_twin(clock), clock)
        return
    emulator: Emulator = request.getfixturevalue("seeded")
    config = emulator.adapter_config()
    async with create_http_client(config) as client:
        billing = WhmcsBilling(WhmcsApi(client, config, guard=UpstreamGuard("whmcs-test"), clock=emulator.clock))
        yield EmulatorWorld(billing, emulator.state, emulator.clock)

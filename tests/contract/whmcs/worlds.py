"""The two worlds the WHMCS contract runs in: the real adapter against the emulator, and the twin.

Each world gives the test every billing role (`world.billing.invoices`...), a clock to move, a way to arm a fault
on one port operation and ways to count what exists, so the same assertions run against both.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from adapters.memory.billing_twin import InMemoryBilling
from adapters.memory.clock import FrozenClock
from adapters.whmcs import WhmcsBilling
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from sandbox.faults import Fault, FaultKind
from sandbox.whmcs import WhmcsState

# The WHMCS action behind each port operation the fault tests touch.
ACTIONS = {
    "add_client": "AddClient",
    "add_order": "AddOrder",
    "get_client": "GetClientsDetails",
    "list_invoices": "GetInvoices",
    "list_services": "GetClientsProducts",
    "update_client": "UpdateClient",
}
Billing = WhmcsBilling | InMemoryBilling  # the same role attributes, typed by the same ports
HANG_MS = 800  # longer than the adapter's read timeout in tests, short enough for the server to stop quickly


class Trouble(StrEnum):
    OUTAGE = "outage"  # every call fails (5xx)
    LOST_REPLY = "lost_reply"  # the call is applied, the answer never arrives
    NO_REPLY = "no_reply"  # the call hangs and is not applied
    AUTH = "auth"  # WHMCS refuses our credentials


class World(Protocol):
    name: str
    clock: FrozenClock

    @property
    def billing(self) -> Billing: ...

    def inject(self, operation: str, trouble: Trouble) -> None: ...

    def order_count(self, client_id: int) -> int: ...

    def clients_with_email(self, email: str) -> int: ...


class EmulatorWorld:
    name = "adapter+emulator"

    def __init__(self, billing: WhmcsBilling, state: WhmcsState, clock: FrozenClock) -> None:
        self.billing, self.state, self.clock = billing, state, clock

    def inject(self, operation: str, trouble: Trouble) -> None:
        action = ACTIONS[operation].lower()
        kind, times = {
            Trouble.OUTAGE: (FaultKind.HTTP_ERROR, None),
            Trouble.LOST_REPLY: (FaultKind.APPLY_THEN_TIMEOUT, 1),
            Trouble.NO_REPLY: (FaultKind.TIMEOUT, 1),
            Trouble.AUTH: (FaultKind.AUTH_FAILURE, 1),
        }[trouble]
        self.state.faults.arm(Fault(operation=action, kind=kind, delay_ms=HANG_MS, times=times))

    def order_count(self, client_id: int) -> int:
        return sum(1 for order in self.state.orders.values() if order.client_id == client_id)

    def clients_with_email(self, email: str) -> int:
        return sum(1 for client in self.state.clients.values() if client.email == email)


class TwinWorld:
    name = "twin"

    def __init__(self, twin: InMemoryBilling, clock: FrozenClock) -> None:
        self.billing, self.twin, self.clock = twin, twin, clock

    def inject(self, operation: str, trouble: Trouble) -> None:
        if trouble is Trouble.AUTH:
            self.twin.world.fail_next(operation, UpstreamConfigurationError("WHMCS", "Authentication Failed"))
            return
        error = UpstreamUnavailableError("WHMCS")
        times = 1_000 if trouble is Trouble.OUTAGE else 1
        self.twin.world.fail_next(operation, error, after_apply=trouble is Trouble.LOST_REPLY, times=times)

    def order_count(self, client_id: int) -> int:
        return sum(1 for order in self.twin.world.orders.values() if order.client_id == client_id)

    def clients_with_email(self, email: str) -> int:
        return sum(1 for client in self.twin.world.clients.values() if client.values["email"] == email)

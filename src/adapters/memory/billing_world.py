"""The one world every role of the in-memory billing twin acts on: its tables, its clock and its fault hooks.

Build it once (`BillingTwinWorld(zone)`, or `InMemoryBilling.from_snapshot`) and hand each role to a use case;
a fault armed here reaches whichever role the operation belongs to.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar
from zoneinfo import ZoneInfo

from adapters.memory.billing_tables import TwinClient, TwinInvoice, TwinOrder, TwinService, TwinUser
from adapters.system_clock import SystemClock
from application.errors import ApplicationError, NotFoundError
from application.ports.billing.payment_methods import PaymentGateway, PayMethod
from application.ports.billing.products import CatalogProduct
from application.ports.clock import Clock

T = TypeVar("T")
# Creating writes whose outcome is unknown are looked up by the real adapter, which then returns the record.
RECOVERED_BY_LOOKUP = frozenset({"add_client", "add_order"})


@dataclass
class ArmedFault:
    error: ApplicationError
    after_apply: bool
    remaining: int


@dataclass
class BillingTwinWorld:
    zone: ZoneInfo
    clock: Clock = field(default_factory=SystemClock)
    customer_number_field_id: int = 198
    system_url: str = "https://billing.sandbox.invalid/"
    sso_token_seconds: int = 60
    clients: dict[int, TwinClient] = field(default_factory=dict)
    users: dict[int, TwinUser] = field(default_factory=dict)
    pay_methods: dict[int, tuple[int, PayMethod]] = field(default_factory=dict)
    gateways: list[PaymentGateway] = field(default_factory=list)
    products: dict[int, CatalogProduct] = field(default_factory=dict)
    product_groups: dict[int, str] = field(default_factory=dict)
    services: dict[int, TwinService] = field(default_factory=dict)
    orders: dict[int, TwinOrder] = field(default_factory=dict)
    invoices: dict[int, TwinInvoice] = field(default_factory=dict)
    credits: list[tuple[int, Decimal, str]] = field(default_factory=list)  # (client, amount, description)
    last_ids: dict[str, int] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)  # every port operation called, in order
    faults: dict[str, ArmedFault] = field(default_factory=dict)

    def next_id(self, table: str) -> int:
        self.last_ids[table] = self.last_ids.get(table, 0) + 1
        return self.last_ids[table]

    def fail_next(self, operation: str, error: ApplicationError, *, after_apply: bool = False, times: int = 1) -> None:
        """Make the next `times` calls of `operation` (a port method name) fail with `error`.

        `after_apply`: the change is made first (an unknown outcome). For add_client/add_order the call then
        succeeds, because the real adapter looks the record up and returns it; other calls raise `error`.
        """
        self.faults[operation] = ArmedFault(error, after_apply, times)

    def enter(self, operation: str) -> ArmedFault | None:
        self.calls.append(operation)
        fault = self.faults.get(operation)
        if fault is None:
            return None
        fault.remaining -= 1
        if fault.remaining <= 0:
            del self.faults[operation]
        if not fault.after_apply:
            raise fault.error
        return fault

    @staticmethod
    def leave(operation: str, fault: ArmedFault | None, result: T) -> T:
        if fault is not None and operation not in RECOVERED_BY_LOOKUP:
            raise fault.error
        return result

    def today(self) -> dt.date:
        return self.clock.now().astimezone(self.zone).date()

    def local_now(self) -> dt.datetime:
        return self.clock.now().astimezone(self.zone).replace(microsecond=0)

    def client(self, client_id: int, message: str = "Client Not Found") -> TwinClient:
        client = self.clients.get(client_id)
        if client is None:
            raise NotFoundError(message)
        return client


class TwinRole(Protocol):
    @property
    def world(self) -> BillingTwinWorld: ...


Role = TypeVar("Role", bound=TwinRole)
P = ParamSpec("P")
R = TypeVar("R")


def operation(
    method: Callable[Concatenate[Role, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[Role, P], Coroutine[Any, Any, R]]:
    """A port operation of the twin: counted, and subject to the fault armed for its name."""
    name = method.__name__

    @functools.wraps(method)
    async def call(role: Role, /, *args: P.args, **kwargs: P.kwargs) -> R:
        fault = role.world.enter(name)
        return role.world.leave(name, fault, await method(role, *args, **kwargs))

    return call

"""Everything the emulated WHMCS installation holds, in memory, with time from an injectable clock."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import msgspec

from sandbox.faults import FaultPlan
from sandbox.whmcs.records import (
    CancelRequestRecord,
    ClientRecord,
    CreditRecord,
    InvoiceRecord,
    OrderRecord,
    PayMethodRecord,
    ProductRecord,
    ServiceRecord,
    SsoTokenRecord,
    UserRecord,
)


class EmulatorClock(Protocol):
    def now(self) -> datetime: ...


class _WallClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class HookEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One change the portal's hook module reports (see integrations/whmcs/README.md for the payload)."""

    id: str  # Standard Webhooks `webhook-id`: the same on every delivery attempt
    type: str  # invoice.created, invoice.paid, invoice.cancelled, client.updated, service.created...
    timestamp: datetime  # when the change happened, server-local with offset
    data: dict[str, Any]


class ApiCall(msgspec.Struct, frozen=True, kw_only=True):
    at: datetime
    action: str
    ip: str
    result: str  # success, error, or the HTTP status of a refused call


class WhmcsState:
    def __init__(self, clock: EmulatorClock | None = None, *, timezone: str = "Asia/Tokyo") -> None:
        self.clock: EmulatorClock = clock or _WallClock()
        self.timezone = ZoneInfo(timezone)
        self.faults = FaultPlan()
        self._listeners: list[Callable[[HookEvent], None]] = []
        self._quiet = False
        self.reset()

    def reset(self) -> None:
        """Empty installation: no clients, no catalog, nothing logged; faults and bans cleared."""
        self.clients: dict[int, ClientRecord] = {}
        self.users: dict[int, UserRecord] = {}
        self.pay_methods: dict[int, PayMethodRecord] = {}
        self.products: dict[int, ProductRecord] = {}
        self.services: dict[int, ServiceRecord] = {}
        self.orders: dict[int, OrderRecord] = {}
        self.invoices: dict[int, InvoiceRecord] = {}
        self.credit_log: list[CreditRecord] = []  # AddCredit, newest last
        self.cancel_requests: list[CancelRequestRecord] = []  # AddCancelRequest, oldest first
        self.sso_tokens: dict[str, SsoTokenRecord] = {}
        self.gateways: dict[str, str] = {}  # module -> display name, in display order
        self.auth_failures: dict[str, list[datetime]] = {}
        self.banned_until: dict[str, datetime] = {}
        self.api_log: list[ApiCall] = []
        self.events: list[HookEvent] = []
        self.faults.clear()
        self._last_id: dict[str, int] = {}

    # --- ids and time ----------------------------------------------------------------------------------------
    def next_id(self, table: str) -> int:
        self._last_id[table] = self._last_id.get(table, 0) + 1
        return self._last_id[table]

    def bump_ids(self, table: str, at_least: int) -> None:
        """Seeded rows take fixed ids; new rows must come after them."""
        self._last_id[table] = max(self._last_id.get(table, 0), at_least)

    def local_now(self) -> datetime:
        """Server-local wall time without offset, as WHMCS stores and prints it."""
        return self.clock.now().astimezone(self.timezone).replace(tzinfo=None, microsecond=0)

    def today(self) -> date:
        return self.local_now().date()

    @staticmethod
    def new_uuid() -> str:
        return str(uuid.uuid4())

    # --- lookups -----------------------------------------------------------------------------------------
    def client_by_email(self, email: str) -> ClientRecord | None:
        wanted = email.strip().lower()
        return next((c for c in self.clients.values() if c.email.lower() == wanted), None)

    def user_by_email(self, email: str) -> UserRecord | None:
        wanted = email.strip().lower()
        return next((u for u in self.users.values() if u.email.lower() == wanted), None)

    # --- hook module -------------------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[HookEvent], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[HookEvent], None]) -> None:
        self._listeners.remove(listener)

    @contextlib.contextmanager
    def quiet(self) -> Iterator[None]:
        """Changes made inside report nothing (seeding history, not news)."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def emit(self, event_type: str, **data: Any) -> HookEvent:
        event = HookEvent(
            id=f"msg_{uuid.uuid4().hex}",
            type=event_type,
            timestamp=self.clock.now().astimezone(self.timezone).replace(microsecond=0),
            data=data,
        )
        if self._quiet:
            return event
        self.events.append(event)
        for listener in list(self._listeners):
            listener(event)
        return event

"""What every WHMCS role shares: the transport, the guard, the clock and the server's time zone.

One `WhmcsApi` per process; each role adapter holds it (composition), so they all share one breaker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from adapters.resilience import UpstreamGuard
from adapters.system_clock import SystemClock
from adapters.whmcs.config import WhmcsConfig
from adapters.whmcs.errors import to_application_error
from adapters.whmcs.transport import SYSTEM, ActionFailedError, WhmcsTransport
from application.ports.clock import Clock


class WhmcsApi:
    def __init__(
        self,
        client: httpx.AsyncClient,
        config: WhmcsConfig,
        *,
        guard: UpstreamGuard | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.config = config
        self.clock: Clock = clock or SystemClock()
        self.zone = ZoneInfo(config.server_timezone)
        self._transport = WhmcsTransport(client, config)
        self._guard = guard or UpstreamGuard(SYSTEM)

    async def _call(self, action: str, params: Mapping[str, Any]) -> dict[str, Any]:
        try:
            return await self._transport.call(action, params)
        except ActionFailedError as error:
            raise to_application_error(error) from error

    async def read(self, action: str, **params: Any) -> dict[str, Any]:
        """Idempotent: retried with jitter on outages, behind the breaker."""
        return await self._guard.read(lambda: self._call(action, params))

    async def write(self, action: str, **params: Any) -> dict[str, Any]:
        """Never retried here: the caller decides what an unknown outcome means."""
        return await self._guard.write(lambda: self._call(action, params))

    def today(self) -> dt.date:
        """Today where the WHMCS server is: its due dates are local calendar dates."""
        return self.clock.now().astimezone(self.zone).date()

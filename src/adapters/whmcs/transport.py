"""One WHMCS API call over httpx: form encoding, credentials, and transport/auth failures as our errors."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Mapping
from typing import Any

import httpx
import msgspec

from adapters.whmcs.config import WhmcsConfig
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError

SYSTEM = "WHMCS"
log = logging.getLogger(__name__)


class OutcomeUnknownError(UpstreamUnavailableError):
    """The request may have reached WHMCS and been applied (timeout, 5xx, garbled answer)."""


class ActionFailedError(Exception):
    """WHMCS answered `result: error` (or `status: error`): a business error, mapped by the caller."""

    def __init__(self, action: str, message: str) -> None:
        super().__init__(f"{action}: {message}")
        self.action = action
        self.message = message


def create_http_client(config: WhmcsConfig) -> httpx.AsyncClient:
    """The composition root owns (and closes) this client; the adapter only borrows it."""
    return httpx.AsyncClient(
        base_url=config.base_url.rstrip("/") + "/",
        timeout=httpx.Timeout(
            connect=config.connect_timeout_seconds,
            read=config.read_timeout_seconds,
            write=config.write_timeout_seconds,
            pool=config.pool_timeout_seconds,
        ),
        limits=httpx.Limits(
            max_connections=config.max_connections, max_keepalive_connections=config.max_keepalive_connections
        ),
        headers={"user-agent": "customer-portal-bff"},
    )


def encode_form(params: Mapping[str, Any]) -> list[tuple[str, str]]:
    """PHP form encoding: bools as 1/0 (WHMCS reads "false" as true), lists and dicts as bracket arrays."""
    pairs: list[tuple[str, str]] = []

    def put(key: str, value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool):
            pairs.append((key, "1" if value else "0"))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):  # explicit indices keep parallel arrays aligned
                put(f"{key}[{index}]", item)
        elif isinstance(value, dict):
            for sub, item in value.items():
                put(f"{key}[{sub}]", item)
        elif isinstance(value, dt.date):
            pairs.append((key, value.strftime("%Y-%m-%d")))
        else:
            pairs.append((key, str(value)))

    for key, value in params.items():
        put(key, value)
    return pairs


class WhmcsTransport:
    def __init__(self, client: httpx.AsyncClient, config: WhmcsConfig) -> None:
        self._client = client
        self._config = config
        self._paused_until = 0.0

    async def call(self, action: str, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        if time.monotonic() < self._paused_until:
            # Every further failed login counts towards an IP ban: stop until someone fixes the credentials.
            raise UpstreamConfigurationError(SYSTEM, "WHMCS refused our credentials recently; calls are paused.")
        form = {
            "identifier": self._config.identifier,
            "secret": self._config.secret,
            "accesskey": self._config.access_key,
        }
        form |= {"action": action, "responsetype": "json", **(params or {})}
        try:
            response = await self._client.post("includes/api.php", data=dict(encode_form(form)))
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise UpstreamUnavailableError(SYSTEM, f"WHMCS unreachable: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            raise OutcomeUnknownError(SYSTEM, f"WHMCS did not answer {action}: {type(exc).__name__}") from exc
        return self._interpret(action, response)

    def _interpret(self, action: str, response: httpx.Response) -> dict[str, Any]:
        status = response.status_code
        body = self._json(response)
        message = str(body.get("message", "")) if body else ""
        if status in (400, 401, 403):
            if status == 403 and message in ("Authentication Failed", "IP Banned", "Invalid or missing credentials"):
                self._paused_until = time.monotonic() + self._config.auth_failure_pause_seconds
            log.error("WHMCS refused %s: HTTP %s %s", action, status, message or response.text[:80])
            raise UpstreamConfigurationError(SYSTEM, f"WHMCS refused {action}: {message or status}")
        if status >= 500 or status != 200 or body is None:
            raise OutcomeUnknownError(SYSTEM, f"WHMCS answered {action} with HTTP {status}")
        if body.get("result") == "error" or body.get("status") == "error":
            if message.startswith(("API Command Restricted", "Unsupported API response", "API Function Not Found")):
                raise UpstreamConfigurationError(SYSTEM, f"WHMCS refused {action}: {message}")
            raise ActionFailedError(action, message)
        if body.get("result") != "success":
            raise OutcomeUnknownError(SYSTEM, f"WHMCS answered {action} without a result")
        return body

    @staticmethod
    def _json(response: httpx.Response) -> dict[str, Any] | None:
        try:
            body = msgspec.json.decode(response.content)
        except msgspec.DecodeError:
            return None  # an HTML error page, PHP notices before the JSON, or nothing at all
        return body if isinstance(body, dict) else None

"""Authenticated Freebit calls: the cached authKey in every `json`, one renewal when Freebit refuses it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from adapters.freebit.auth import AuthKeyCache
from adapters.freebit.config import FreebitConfig
from adapters.freebit.errors import SYSTEM, FreebitRejected, OutcomeUnknownError, to_application_error
from adapters.freebit.transport import FreebitTransport
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.clock import Clock

AUTH_PATH = "authOem/"


class FreebitSession:
    def __init__(self, transport: FreebitTransport, config: FreebitConfig, *, clock: Clock) -> None:
        self._transport = transport
        self._config = config
        self._keys = AuthKeyCache(self._authenticate, clock=clock, ttl_seconds=config.auth_key_ttl_seconds)

    async def call(self, path: str, body: Mapping[str, object]) -> dict[str, Any]:
        key = await self._keys.current()
        try:
            return await self._transport.post(path, {"authKey": key, **body})
        except FreebitRejected as rejected:
            if not rejected.is_auth:
                raise to_application_error(rejected) from rejected
        # The key expired or was revoked; Freebit refused before doing anything, so one retry is safe.
        key = await self._keys.replace(key)
        try:
            return await self._transport.post(path, {"authKey": key, **body})
        except FreebitRejected as rejected:
            if rejected.is_auth:
                message = f"Freebit refused a fresh authKey: {rejected.describe()}"
                raise UpstreamConfigurationError(SYSTEM, message) from rejected
            raise to_application_error(rejected) from rejected

    async def _authenticate(self) -> str:
        credentials = {"oemId": self._config.oem_id, "oemKey": self._config.oem_key}
        try:
            payload = await self._transport.post(AUTH_PATH, credentials)
        except FreebitRejected as rejected:
            message = f"Freebit refused our OEM credentials: {rejected.describe()}"
            raise UpstreamConfigurationError(SYSTEM, message) from rejected
        except OutcomeUnknownError as lost:  # authOem changes nothing: a lost answer is a plain outage
            raise UpstreamUnavailableError(SYSTEM, lost.message) from lost
        key = payload.get("authKey")
        if not isinstance(key, str) or not key:
            raise UpstreamConfigurationError(SYSTEM, "Freebit authOem answered without an authKey")
        return key

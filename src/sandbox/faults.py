"""Fault injection shared by every emulator: tests and the demo arm a fault for one operation.

A fault is keyed by the emulator's own operation name (a WHMCS action, a Freebit path, a Salesforce
resource) and fires `times` times (None: until cleared). Each emulator decides what its own
"auth failure" looks like; the rest is generic.
"""

from __future__ import annotations

import asyncio
from enum import StrEnum

import msgspec
from litestar import Response


class FaultKind(StrEnum):
    LATENCY = "latency"  # answer normally, but late
    HTTP_ERROR = "http_error"  # answer with `status` (default 503) and a plain body
    NON_JSON = "non_json"  # 200 with an HTML error page, as a misbehaving proxy would
    TIMEOUT = "timeout"  # hold the request for `delay_ms` (default 60 s), then drop it
    AUTH_FAILURE = "auth_failure"  # the emulator's own authentication error
    APPLY_THEN_TIMEOUT = "apply_then_timeout"  # perform the operation, then hang: an unknown outcome


class Fault(msgspec.Struct, frozen=True, kw_only=True):
    operation: str
    kind: FaultKind
    status: int = 503
    delay_ms: int = 0
    times: int | None = 1


class FaultPlan:
    def __init__(self) -> None:
        self._armed: dict[str, Fault] = {}
        self._remaining: dict[str, int | None] = {}

    def arm(self, fault: Fault) -> None:
        self._armed[fault.operation] = fault
        self._remaining[fault.operation] = fault.times

    def clear(self) -> None:
        self._armed.clear()
        self._remaining.clear()

    def armed(self) -> list[Fault]:
        return list(self._armed.values())

    def take(self, operation: str) -> Fault | None:
        """The fault armed for `operation` (or for `*`), consuming one firing."""
        for key in (operation, "*"):
            fault = self._armed.get(key)
            if fault is None:
                continue
            remaining = self._remaining[key]
            if remaining is not None:
                if remaining <= 1:
                    del self._armed[key], self._remaining[key]
                else:
                    self._remaining[key] = remaining - 1
            return fault
        return None


async def generic_response(fault: Fault) -> Response[bytes] | None:
    """Act out the transport-level faults; None means 'go on and answer (maybe late)'."""
    if fault.kind is FaultKind.LATENCY:
        await asyncio.sleep(fault.delay_ms / 1000)
        return None
    if fault.kind is FaultKind.TIMEOUT:
        await asyncio.sleep((fault.delay_ms or 60_000) / 1000)
        return Response(b"", status_code=504, media_type="text/plain")
    if fault.kind is FaultKind.HTTP_ERROR:
        return Response(b"Service Unavailable", status_code=fault.status, media_type="text/plain")
    if fault.kind is FaultKind.NON_JSON:
        page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
        return Response(page, status_code=200, media_type="text/html")
    return None

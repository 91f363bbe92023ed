"""One Freebit call on the wire: the request JSON in the form field `json`, the envelope read back.

Failures are sorted by what they say about the request: not sent (plain `UpstreamUnavailableError`),
maybe applied (`OutcomeUnknownError`), refused by Freebit (`FreebitRejected`), or our setup is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import msgspec

from adapters.freebit.errors import SYSTEM, FreebitRejected, OutcomeUnknownError
from application.errors import UpstreamConfigurationError, UpstreamUnavailableError

_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class FreebitTransport:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def post(self, path: str, body: Mapping[str, object]) -> dict[str, Any]:
        form = {"json": msgspec.json.encode(body).decode()}
        try:
            response = await self._client.post(path, data=form)
        except _NOT_SENT as exc:
            raise UpstreamUnavailableError(SYSTEM, f"Freebit could not be reached ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise OutcomeUnknownError(SYSTEM, f"Freebit did not answer {path} ({type(exc).__name__})") from exc
        return _envelope(path, response)


def _envelope(path: str, response: httpx.Response) -> dict[str, Any]:
    try:
        payload = msgspec.json.decode(response.content)
    except msgspec.DecodeError:
        payload = None
    if not isinstance(payload, dict) or "resultCode" not in payload:
        raise _without_envelope(path, response)
    result_code = str(payload["resultCode"])  # documented as "Numeric", sent as a string: accept both
    if result_code == "100":
        return payload
    status = payload.get("status")
    status = status if isinstance(status, dict) else {}
    raise FreebitRejected(result_code, str(status.get("statusCode", "")), str(status.get("message", "")))


def _without_envelope(path: str, response: httpx.Response) -> Exception:
    status = response.status_code
    if status in {404, 405}:
        return UpstreamConfigurationError(SYSTEM, f"Freebit has no operation at {path} (HTTP {status})")
    if status == 429:
        return UpstreamUnavailableError(SYSTEM, "Freebit is throttling us", retry_after=_retry_after(response))
    if 400 <= status < 500:
        return UpstreamConfigurationError(SYSTEM, f"Freebit refused {path} with HTTP {status}")
    # 5xx or a 2xx that is not Freebit's JSON (a proxy's error page): the call may or may not have landed.
    return OutcomeUnknownError(SYSTEM, f"Freebit answered {path} with HTTP {status} and no result")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    return float(value) if value.isdigit() else None

"""Responses compressed for the clients that ask: brotli or gzip for JSON (and problems) of 1 kB or more.

Correct with or without a compressing proxy (nginx) in front, which skips what already carries a coding:
- `Vary: Accept-Encoding` on every answer of a compressible type, compressed or not, so no cache hands a
  compressed copy to a client that did not ask for one (or the reverse);
- a strong `ETag` gets its representation's own tag (`"abc-br"`); conditional requests compare tags before coding;
- a streamed answer (Server-Sent Events, anything sent in several chunks) passes through untouched and
  unbuffered, as does one that already has a coding or says `Cache-Control: no-transform`;
- `HEAD` answers keep the headers their `GET` would have (the body is dropped further out).
The public catalog's fast path answers from copies compressed once per version and never reaches this.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from litestar.enums import ScopeType

from entrypoints.http.encodings import MIN_SIZE, compress, encoded_etag, preferred_encoding

if TYPE_CHECKING:
    from litestar.types import (
        ASGIApp,
        HTTPResponseBodyEvent,
        HTTPResponseStartEvent,
        Message,
        Receive,
        Scope,
        Send,
    )

COMPRESSIBLE = (b"application/json", b"application/problem+json", b"text/html", b"text/plain")
VARY = b"vary"


def _header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


def with_vary(headers: list[tuple[bytes, bytes]], field: bytes) -> list[tuple[bytes, bytes]]:
    """`headers` with `field` in their `Vary` (added once, merged into an existing one)."""
    current = _header(headers, VARY)
    if current is None:
        return [*headers, (VARY, field)]
    named = {item.strip().lower() for item in current.split(b",")}
    if field.lower() in named or b"*" in named:
        return headers
    return [(k, v + b", " + field if k.lower() == VARY else v) for k, v in headers]


def _compressible(headers: list[tuple[bytes, bytes]]) -> bool:
    content_type = (_header(headers, b"content-type") or b"").split(b";")[0].strip().lower()
    return content_type in COMPRESSIBLE


class Compression:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self._app(scope, receive, send)
            return
        accepted = _header(scope["headers"], b"accept-encoding")
        coding = preferred_encoding(accepted.decode("latin-1") if accepted else None)
        start: HTTPResponseStartEvent | None = None
        streaming = False

        async def compressing_send(message: Message) -> None:
            nonlocal start, streaming
            if message["type"] == "http.response.start":
                start = message  # held until the first body chunk says whether the answer is complete
                return
            if message["type"] != "http.response.body" or start is None or streaming:
                await send(message)
                return
            headers = list(start["headers"])
            body = message["body"]
            if message.get("more_body") or not _compressible(headers):
                streaming = bool(message.get("more_body"))  # streamed: untouched, chunk by chunk
                await send(start)
                await send(message)
                return
            headers = with_vary(headers, b"Accept-Encoding")
            transformable = b"no-transform" not in (_header(headers, b"cache-control") or b"")
            if coding and transformable and len(body) >= MIN_SIZE and _header(headers, b"content-encoding") is None:
                body = compress(body, coding)
                headers = _recoded(headers, coding, len(body))
            recoded: HTTPResponseStartEvent = {
                "type": "http.response.start",
                "status": start["status"],
                "headers": headers,
            }
            await send(recoded)
            whole: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
            await send(whole)

        await self._app(scope, receive, compressing_send)


def _recoded(headers: list[tuple[bytes, bytes]], coding: str, length: int) -> list[tuple[bytes, bytes]]:
    kept = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"etag")]
    etag = _header(headers, b"etag")
    if etag is not None:
        kept.append((b"etag", encoded_etag(etag.decode("latin-1"), coding).encode("latin-1")))
    return [*kept, (b"content-encoding", coding.encode()), (b"content-length", str(length).encode())]

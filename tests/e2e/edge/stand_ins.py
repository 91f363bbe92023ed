"""Upstreams that show what the edge sends and does: an echo of each request (and an event stream), and a
"dying" API process that reads a request and drops the connection without answering, as a SIGKILL would."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct
import threading
from collections.abc import Iterator
from typing import Any

from tests.support.servers import free_port, serve_in_thread, wait_for_port

EVENTS = 5
EVENT_GAP_SECONDS = 0.4


class Echo:
    """A minimal ASGI app: every request is recorded and answered with what arrived."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        request = {"method": scope["method"], "path": scope["path"], "query": scope["query_string"].decode(),
                   "headers": headers, "body_bytes": len(body)}  # fmt: skip
        self.seen.append(request)
        if scope["path"].endswith("/events"):
            await self._events(send)
            return
        answer = json.dumps(request).encode() + b" " * 2048  # big enough to be worth compressing
        public = "/public/" in scope["path"]
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(answer)).encode())]
        if public:
            headers += [(b"cache-control", b"public, max-age=60, s-maxage=60"), (b"etag", b'"echo-1"')]
        else:
            headers += [(b"cache-control", b"private, no-store"), (b"set-cookie", b"tracking=1")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer})

    async def _events(self, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"text/event-stream"), (b"cache-control", b"no-store"), (b"x-accel-buffering", b"no"),
        ]})  # fmt: skip
        for n in range(EVENTS):
            await send({"type": "http.response.body", "body": f"id: {n}\ndata: {n}\n\n".encode(), "more_body": True})
            await asyncio.sleep(EVENT_GAP_SECONDS)
        await send({"type": "http.response.body", "body": b""})


@contextlib.contextmanager
def echo_upstream() -> Iterator[tuple[str, Echo]]:
    app = Echo()
    with serve_in_thread(app) as url:
        yield url.removeprefix("http://"), app


class DyingUpstream:
    """Accepts, reads the request head (and body), records it, then resets the connection: no answer, ever."""

    def __init__(self) -> None:
        self.port = free_port()
        self.requests: list[bytes] = []
        self._server = socket.create_server(("127.0.0.1", self.port))
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._stop = False

    def _serve(self) -> None:
        self._server.settimeout(0.2)
        while not self._stop:
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                head = b""
                with contextlib.suppress(OSError):
                    while b"\r\n\r\n" not in head:
                        chunk = connection.recv(65536)
                        if not chunk:
                            break
                        head += chunk
                self.requests.append(head)
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # RST

    def __enter__(self) -> DyingUpstream:
        self._thread.start()
        wait_for_port(self.port)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop = True
        self._thread.join(5)
        self._server.close()

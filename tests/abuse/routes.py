"""The app's routes that take a body, read from the route table (so a route added tomorrow is covered too), and a
running in-memory app with a signed-in browser to send them raw ASGI requests."""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
from dishka import Provider
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from application.identity.sessions import SessionManager
from entrypoints.http.app import create_app
from entrypoints.http.webhooks.payload import HookEnvelope
from entrypoints.settings import Settings
from tests.support.app import CheapArgon2

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Handlers that read their raw body themselves (no `data` parameter) and the type they decode it into.
RAW_BODIES: dict[str, Any] = {"/api/webhooks/whmcs": HookEnvelope}


class BodyRoute(msgspec.Struct, frozen=True):
    method: str
    path: str  # as the README writes it: `/api/support/cases/{case_id}/comments`
    cap: int
    body_type: Any  # the type the body is decoded into

    @property
    def content_type(self) -> str:
        """What a client sends: JSON, or a multipart form for an upload (a dataclass holding files)."""
        return (
            "multipart/form-data; boundary=portal" if dataclasses.is_dataclass(self.body_type) else "application/json"
        )

    @property
    def example_path(self) -> str:
        ids = {"{case_id}": "500000000000001AAA", "{sim_id}": "2", "{subscription_id}": "1"}
        path = self.path
        for name, value in ids.items():
            path = path.replace(name, value)
        return path


class Answer(msgspec.Struct, frozen=True):
    status: int
    headers: dict[str, str]
    body: bytes
    pulled: int  # bytes of the request body the app asked for

    def problem(self) -> dict[str, Any]:
        assert self.headers.get("content-type", "").startswith("application/problem+json"), self
        return dict(msgspec.json.decode(self.body))


def memory_app(*providers: Provider, **changes: object) -> Litestar:
    settings = Settings(adapters="memory", log_level="ERROR", log_format="json", session_cookie_secure=False)
    return create_app(msgspec.structs.replace(settings, **changes), CheapArgon2(), *providers)


def body_routes(app: Litestar) -> list[BodyRoute]:
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            data = handler.parsed_fn_signature.parameters.get("data")
            body_type = data.annotation if data is not None else RAW_BODIES.get(route.path)
            methods = sorted(handler.http_methods & UNSAFE)
            if body_type is None or not methods:
                continue
            cap = handler.resolve_request_max_body_size()
            assert cap is not None, f"{route.path} reads bodies of any size"
            found.extend(BodyRoute(m, re.sub(r":\w+}", "}", route.path), cap, body_type) for m in methods)
    return sorted(found, key=lambda r: (r.path, r.method))


class RunningApp:
    """An app with its lifespan running (in the test client's thread) and a signed-in session."""

    def __init__(self, app: Litestar, client: TestClient[Litestar]) -> None:
        self.app = app
        self.client = client
        session = client.blocking_portal.call(self._start_session)
        self.signed_in = {"cookie": f"portal_session={session[0]}", "x-csrf-token": session[1]}

    async def _start_session(self) -> tuple[str, str]:
        sessions = await self.app.state.dishka_container.get(SessionManager)
        session = await sessions.start(uuid.uuid4())
        return session.session_id, session.csrf_token

    def send(
        self,
        method: str,
        path: str,
        chunks: list[bytes],
        *,
        declare_length: bool = True,
        headers: dict[str, str] | None = None,
        query: bytes = b"",
    ) -> Answer:
        return self.client.blocking_portal.call(self._send, method, path, chunks, declare_length, headers or {}, query)

    async def _send(
        self, method: str, path: str, chunks: list[bytes], declare_length: bool, extra: dict[str, str], query: bytes
    ) -> Answer:
        total = sum(len(c) for c in chunks)
        content_type = extra.pop("content-type", "application/json")
        headers = [(b"content-type", content_type.encode()), (b"host", b"testserver")]
        headers.append((b"content-length", b"%d" % total) if declare_length else (b"transfer-encoding", b"chunked"))
        headers.extend((k.lower().encode(), v.encode()) for k, v in extra.items())
        scope: dict[str, Any] = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
            "path": path, "raw_path": path.encode(), "query_string": query, "root_path": "", "headers": headers,
            "client": ("203.0.113.9", 50000), "server": ("testserver", 80), "state": {},
        }  # fmt: skip
        pending = list(chunks)
        pulled = 0
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            nonlocal pulled
            if not pending:
                return {"type": "http.disconnect"}
            chunk = pending.pop(0)
            pulled += len(chunk)
            return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        await self.app(scope, receive, send)  # type: ignore[arg-type]
        start = next(m for m in sent if m["type"] == "http.response.start")
        answer_headers = {k.decode().lower(): v.decode() for k, v in start.get("headers", [])}
        body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return Answer(start["status"], answer_headers, body, pulled)


@contextmanager
def running(app: Litestar) -> Iterator[RunningApp]:
    with TestClient(app) as client:
        yield RunningApp(app, client)

"""What every `/api` answer says about caching unless its handler says otherwise.

- `Cache-Control: no-store` by default: account data, sessions, problems must never sit in a browser's or a
  proxy's cache. The public catalog says `public, max-age=...` itself; health answers `no-cache` (a probe must
  always reach the process); problem type pages are long-cached documents.
- `Vary: Cookie` on everything that may depend on the session (everything but the public catalog, health and the
  problem type pages, which read no cookie), so a cache keyed without the cookie cannot mix two customers up.
It wraps the framework's answers only; the public catalog's fast path writes its own headers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.enums import ScopeType

from entrypoints.http.compression import with_vary
from entrypoints.http.routes import API_PREFIX, PUBLIC_CATALOG_URL

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

NO_STORE = b"no-store"
HEALTH = f"{API_PREFIX}/health"
SESSION_FREE = (PUBLIC_CATALOG_URL, HEALTH, f"{API_PREFIX}/problems")  # answers that never read the session


def default_cache_control(path: str) -> bytes:
    return b"no-cache" if path.startswith(HEALTH) else NO_STORE


class ResponseDefaults:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != ScopeType.HTTP or not path.startswith(API_PREFIX):
            await self._app(scope, receive, send)
            return
        cache_control = default_cache_control(path)
        reads_session = not path.startswith(SESSION_FREE)

        async def send_with_defaults(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"cache-control" for name, _ in headers):
                    headers.append((b"cache-control", cache_control))
                if reads_session:
                    headers = with_vary(headers, b"Cookie")
                message["headers"] = headers
            await send(message)

        await self._app(scope, receive, send_with_defaults)

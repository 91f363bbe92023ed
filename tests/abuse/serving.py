"""The app served in the test's own event loop, so concurrent requests really are concurrent.

Litestar's `AsyncTestClient` runs the app in another thread and sends one request at a time (each waits in
`portal.call`), which would hide every race these tests look for; here `asyncio.gather` over requests interleaves
them inside the app like a server's connections would.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar


def browser(app: Litestar) -> httpx.AsyncClient:
    """One more client (its own cookies) of an app already started by `serving`."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver.local", timeout=30)


@asynccontextmanager
async def serving(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with app.lifespan(), browser(app) as client:
        yield client

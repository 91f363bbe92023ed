"""The baselines: a bare Litestar handler returning the same bytes and headers as the public catalog, and (when
BENCH_REDIS_URL is set) one that first does what a warm account read minimally needs: a session GET and a
document GET on Redis, one after the other.

Served by uvicorn with the same loop and HTTP parser as `portal serve` (`uvicorn --factory benchmarks.bare_app:app`);
the body comes from the file named by BENCH_BODY_FILE, the ETag from BENCH_ETAG.
"""

from __future__ import annotations

import os
from pathlib import Path

import redis.asyncio
from litestar import Litestar, Response, get
from litestar.handlers import HTTPRouteHandler

TWO_GETS_PATH = "/bare/two-redis-gets"
SESSION_KEY, DOCUMENT_KEY = "bench:{bare}:session", "bench:{bare}:document"


def app() -> Litestar:
    body = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
    headers = {"Cache-Control": "public, max-age=300, s-maxage=300", "ETag": os.environ["BENCH_ETAG"]}

    @get("/api/public/services/internet", sync_to_thread=False)
    def internet() -> Response[bytes]:
        return Response(body, media_type="application/json", headers=headers)

    handlers: list[HTTPRouteHandler] = [internet]
    if url := os.environ.get("BENCH_REDIS_URL"):
        client = redis.asyncio.Redis.from_url(url)

        @get(TWO_GETS_PATH)
        async def two_gets() -> Response[bytes]:
            session = await client.get(SESSION_KEY)
            document = await client.get(DOCUMENT_KEY)
            assert session is not None
            assert isinstance(document, bytes)
            return Response(document, media_type="application/json", headers={"Cache-Control": "private, no-store"})

        handlers.append(two_gets)

    return Litestar(route_handlers=handlers, openapi_config=None, logging_config=None)

"""Warm public catalog GETs answered before the framework stack, from this process's verified copy.

The public catalog is the one endpoint meant to take "millions of visits", and the framework's per-request
machinery (routing, DI scope, guards, response objects) costs several times what sending a ready-made
document does (benchmarks/catalog_bench.py). So a warm GET of `/api/public/services[/...]` is answered here:
the same answer as the Litestar handler (both come from `catalog_answer`), under the same rate limit. Anything
else — a cold or unverified copy, a refused client, another method or path — goes on to Litestar unchanged,
which also keeps the routes in the OpenAPI document. It sits inside `RequestIdMiddleware`, so request ids and
the access log are unaffected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dishka import AsyncContainer
from litestar.enums import ScopeType

from application.catalog.snapshot import INDEX
from application.catalog.views import FAMILIES
from entrypoints.http.catalog.documents import family_url
from entrypoints.http.catalog.public_answer import PublicCatalogEndpoint
from entrypoints.http.routes import PUBLIC_CATALOG_URL

if TYPE_CHECKING:
    from litestar.types import ASGIApp, HTTPResponseBodyEvent, HTTPResponseStartEvent, Receive, Scope, Send

DOCUMENTS = {PUBLIC_CATALOG_URL: INDEX, f"{PUBLIC_CATALOG_URL}/": INDEX} | {family_url(f): f for f in FAMILIES}


class PublicCatalogFastPath:
    def __init__(self, app: ASGIApp, container: AsyncContainer) -> None:
        self._app = app
        self._container = container
        self._endpoint: PublicCatalogEndpoint | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        document = None
        if scope["type"] == ScopeType.HTTP and scope["method"] == "GET":
            document = DOCUMENTS.get(scope["path"])
        if document is not None:
            endpoint = self._endpoint or await self._resolve()
            answer = await endpoint.answer_warm(scope, document)
            if answer is not None:
                scope["path_template"] = scope["path"]  # a static route: its own template (metrics)
                status, headers, body = answer
                start: HTTPResponseStartEvent = {"type": "http.response.start", "status": status, "headers": headers}
                await send(start)
                done: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
                await send(done)
                return
        await self._app(scope, receive, send)

    async def _resolve(self) -> PublicCatalogEndpoint:
        self._endpoint = await self._container.get(PublicCatalogEndpoint)
        return self._endpoint

"""`GET /api/public/services[/internet|sim|vpn]`: the anonymous catalog, byte for byte from the read model.

Never personalised: nothing here reads cookies, Authorization or the session, so a shared cache (CDN) may
store the answer for everyone. Strong ETags make revalidation a 304 without a body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get
from litestar.openapi import ResponseSpec

from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.snapshot import INDEX
from application.catalog.views import InternetCatalog, SimCatalog, VpnCatalog
from application.errors import UPSTREAM_OUTAGES, Raises
from application.identity.errors import RateLimitedError
from entrypoints.http.catalog.documents import CatalogIndex
from entrypoints.http.catalog.public_limit import PublicCatalogLimit
from entrypoints.http.routes import PUBLIC_CATALOG

if TYPE_CHECKING:
    from litestar.types import Scope

JSON = "application/json"


def etag_matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    # Weak comparison (RFC 9110 §13.1.2): a compressing proxy may have weakened our tag.
    return any(candidate.strip().removeprefix("W/") == etag for candidate in if_none_match.split(","))


class PublicCatalogEndpoint:
    raises: ClassVar[Raises] = (RateLimitedError, *UPSTREAM_OUTAGES)

    def __init__(self, catalog: CatalogReadModel, limit: PublicCatalogLimit, max_age_seconds: int) -> None:
        self._catalog = catalog
        self._limit = limit
        self._cache_control = f"public, max-age={max_age_seconds}, s-maxage={max_age_seconds}"
        self._raw_cache_control = self._cache_control.encode()

    async def answer_warm(self, scope: Scope, document: str) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        """The raw ASGI answer when this process's copy is verified and the client is within its limit; else None
        (the Litestar handler then does the full job: loading, 429 problems)."""
        snapshot = self._catalog.verified_copy()
        if snapshot is None or not await self._limit.allows(scope):
            return None
        etag = snapshot.etags[document]
        headers = [(b"cache-control", self._raw_cache_control), (b"etag", etag.encode())]
        if_none_match = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        if if_none_match is not None and etag_matches(if_none_match.decode("latin-1"), etag):
            return 304, headers, b""
        body = snapshot.documents[document]
        headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        return 200, headers, body

    async def respond(self, request: Request[Any, Any, Any], document: str) -> Response[bytes]:
        await self._limit.check(request)
        snapshot = await self._catalog.current()
        etag = snapshot.etags[document]
        headers = {"Cache-Control": self._cache_control, "ETag": etag}
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None and etag_matches(if_none_match, etag):
            return Response(b"", status_code=304, headers=headers)
        return Response(snapshot.documents[document], media_type=JSON, headers=headers)


def _ok(schema: type[Any], what: str) -> dict[int, ResponseSpec]:
    return {
        200: ResponseSpec(data_container=schema, description=what),
        304: ResponseSpec(data_container=None, description="Not modified: your copy (If-None-Match) is current."),
    }


class PublicCatalogController(Controller):
    path = PUBLIC_CATALOG
    tags = ["catalog"]

    @get("/", operation_id="getPublicCatalogIndex", summary="The service families with plan counts and ETags.",
         responses=_ok(CatalogIndex, "The catalog index"))  # fmt: skip
    @inject
    async def index(
        self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]
    ) -> Response[bytes]:
        return await public.respond(request, INDEX)

    @get("/internet", operation_id="getPublicInternetCatalog",
         summary="Internet plans by offering, installation options, add-ons.",
         responses=_ok(InternetCatalog, "The Internet catalog"))  # fmt: skip
    @inject
    async def internet(
        self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]
    ) -> Response[bytes]:
        return await public.respond(request, "internet")

    @get("/sim", operation_id="getPublicSimCatalog", summary="SIM plans, the activation fee and voice add-ons.",
         responses=_ok(SimCatalog, "The SIM catalog"))  # fmt: skip
    @inject
    async def sim(self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]) -> Response[bytes]:
        return await public.respond(request, "sim")

    @get("/vpn", operation_id="getPublicVpnCatalog", summary="VPN plans by region and the activation fee.",
         responses=_ok(VpnCatalog, "The VPN catalog"))  # fmt: skip
    @inject
    async def vpn(self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]) -> Response[bytes]:
        return await public.respond(request, "vpn")

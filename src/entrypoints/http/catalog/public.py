"""`GET /api/public/services[/internet|sim|vpn]`: the anonymous catalog, byte for byte from the read model.

Never personalised: nothing here reads cookies, Authorization or the session, so a shared cache (CDN) may
store the answer for everyone. Strong ETags make revalidation a 304 without a body.
"""

from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get
from litestar.openapi import ResponseSpec

from application.catalog.snapshot import INDEX
from entrypoints.http.catalog.documents import CatalogIndex
from entrypoints.http.catalog.public_answer import PublicCatalogEndpoint
from entrypoints.http.catalog.wire import InternetCatalogView, SimCatalogView, VpnCatalogView
from entrypoints.http.routes import PUBLIC_CATALOG


async def respond(request: Request[Any, Any, Any], public: PublicCatalogEndpoint, document: str) -> Response[bytes]:
    status, headers, body = await public.answer(request, document)
    return Response(body, status_code=status, headers={k.decode("latin-1"): v.decode("latin-1") for k, v in headers})


def _ok(schema: type[Any], what: str) -> dict[int, ResponseSpec]:
    return {
        200: ResponseSpec(data_container=schema, description=what),
        304: ResponseSpec(data_container=None, description="Not modified: your copy (If-None-Match) is current."),
    }


class PublicCatalogController(Controller):
    path = PUBLIC_CATALOG
    tags = ["catalog"]
    opt = {"etag": True}  # documented on its answers (`openapi_contract`)

    @get("/", operation_id="getPublicCatalogIndex", summary="The service families with plan counts and ETags.",
         responses=_ok(CatalogIndex, "The catalog index"))  # fmt: skip
    @inject
    async def index(
        self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]
    ) -> Response[bytes]:
        return await respond(request, public, INDEX)

    @get("/internet", operation_id="getPublicInternetCatalog",
         summary="Internet plans by offering, installation options, add-ons.",
         responses=_ok(InternetCatalogView, "The Internet catalog"))  # fmt: skip
    @inject
    async def internet(
        self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]
    ) -> Response[bytes]:
        return await respond(request, public, "internet")

    @get("/sim", operation_id="getPublicSimCatalog", summary="SIM plans, the activation fee and voice add-ons.",
         responses=_ok(SimCatalogView, "The SIM catalog"))  # fmt: skip
    @inject
    async def sim(self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]) -> Response[bytes]:
        return await respond(request, public, "sim")

    @get("/vpn", operation_id="getPublicVpnCatalog", summary="VPN plans by region and the activation fee.",
         responses=_ok(VpnCatalogView, "The VPN catalog"))  # fmt: skip
    @inject
    async def vpn(self, request: Request[Any, Any, Any], public: FromDishka[PublicCatalogEndpoint]) -> Response[bytes]:
        return await respond(request, public, "vpn")

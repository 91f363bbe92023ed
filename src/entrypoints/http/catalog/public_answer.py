"""The answer to a public catalog GET — status, headers, body — for both ways in: the warm fast path (raw ASGI,
before the framework) and the Litestar handler (cold copy, 429 problems). One function decides the strong ETag,
the If-None-Match → 304 rule and the headers, so the two can never answer differently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.public_limit import PublicCatalogLimit
from application.catalog.snapshot import CatalogSnapshot
from application.errors import UPSTREAM_OUTAGES, Raises
from application.identity.errors import RateLimitedError
from entrypoints.http.client_ip import ClientIpResolver

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import Scope


class CatalogAnswer(NamedTuple):
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


def etag_matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    # Weak comparison (RFC 9110 §13.1.2): a compressing proxy may have weakened our tag.
    return any(candidate.strip().removeprefix("W/") == etag for candidate in if_none_match.split(","))


def catalog_answer(
    snapshot: CatalogSnapshot, document: str, if_none_match: str | None, cache_control: bytes
) -> CatalogAnswer:
    etag = snapshot.etags[document]
    headers = [(b"cache-control", cache_control), (b"etag", etag.encode())]
    if if_none_match is not None and etag_matches(if_none_match, etag):
        return CatalogAnswer(304, headers, b"")
    body = snapshot.documents[document]
    headers += [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    return CatalogAnswer(200, headers, body)


class PublicCatalogEndpoint:
    raises: ClassVar[Raises] = (RateLimitedError, *UPSTREAM_OUTAGES)

    def __init__(
        self, catalog: CatalogReadModel, limit: PublicCatalogLimit, client_ip: ClientIpResolver, max_age_seconds: int
    ) -> None:
        self._catalog = catalog
        self._limit = limit
        self._client_ip = client_ip
        self._cache_control = f"public, max-age={max_age_seconds}, s-maxage={max_age_seconds}".encode()

    async def answer_warm(self, scope: Scope, document: str) -> CatalogAnswer | None:
        """The answer when this process's copy is verified and the client is within its limit; else None (the
        Litestar handler then does the full job: loading, 429 problems)."""
        snapshot = self._catalog.verified_copy()
        if snapshot is None or not await self._limit.allows(self._client_ip.of_scope(scope)):
            return None
        if_none_match = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        return catalog_answer(
            snapshot, document, None if if_none_match is None else if_none_match.decode("latin-1"), self._cache_control
        )

    async def answer(self, request: Request[Any, Any, Any], document: str) -> CatalogAnswer:
        """Loads the catalog if this process has no trusted copy; raises `RateLimitedError` over the limit."""
        await self._limit.check(self._client_ip(request))
        snapshot = await self._catalog.current()
        return catalog_answer(snapshot, document, request.headers.get("if-none-match"), self._cache_control)

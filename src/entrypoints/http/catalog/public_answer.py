"""The answer to a public catalog GET — status, headers, body — for both ways in: the warm fast path (raw ASGI,
before the framework) and the Litestar handler (cold copy, 429 problems). One function decides the content coding,
the strong ETag, the If-None-Match → 304 rule and the headers, so the two can never answer differently.

Each catalog version is compressed once per process and coding (brotli at its best ratio, gzip at level 9) and
kept beside the plain bytes (`PrecompressedDocuments`): a compressed answer costs the fast path no more than a
plain one. A compressed copy has its own strong ETag (`"<tag>-br"`); revalidation compares tags before coding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.public_limit import PublicCatalogLimit
from application.catalog.snapshot import CatalogSnapshot
from application.errors import UPSTREAM_OUTAGES, Raises
from application.identity.errors import RateLimitedError
from entrypoints.http.client_ip import ClientIpResolver
from entrypoints.http.encodings import compress, encoded_etag, identity_etag, preferred_encoding

if TYPE_CHECKING:
    from litestar import Request
    from litestar.types import Scope


class CatalogAnswer(NamedTuple):
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


VARY = (b"vary", b"Accept-Encoding")
_KEPT_VERSIONS = 16  # compressed copies of older catalog versions are dropped beyond this many entries


def etag_matches(if_none_match: str, etag: str) -> bool:
    if if_none_match.strip() == "*":
        return True
    # Weak comparison (RFC 9110 §13.1.2), before coding: a compressing proxy may have weakened our tag, and the
    # client may hold the brotli copy while asking for gzip now.
    return any(identity_etag(candidate) == etag for candidate in if_none_match.split(","))


class PrecompressedDocuments:
    """Each catalog document compressed once per version (keyed by its strong ETag) and coding."""

    def __init__(self) -> None:
        self._copies: dict[tuple[str, str], bytes] = {}

    def get(self, etag: str, coding: str, body: bytes) -> bytes:
        key = (etag, coding)
        found = self._copies.get(key)
        if found is None:
            if len(self._copies) >= _KEPT_VERSIONS:
                self._copies.clear()
            found = self._copies[key] = compress(body, coding, once_per_version=True)
        return found


def catalog_answer(
    snapshot: CatalogSnapshot,
    document: str,
    if_none_match: str | None,
    cache_control: bytes,
    accept_encoding: str | None = None,
    precompressed: PrecompressedDocuments | None = None,
) -> CatalogAnswer:
    etag = snapshot.etags[document]
    coding = preferred_encoding(accept_encoding) if precompressed is not None else None
    headers = [(b"cache-control", cache_control), (b"etag", encoded_etag(etag, coding).encode()), VARY]
    if if_none_match is not None and etag_matches(if_none_match, etag):
        return CatalogAnswer(304, headers, b"")
    body = snapshot.documents[document]
    headers.append((b"content-type", b"application/json"))
    if coding is not None and precompressed is not None:
        body = precompressed.get(etag, coding, body)
        headers.append((b"content-encoding", coding.encode()))
    headers.append((b"content-length", str(len(body)).encode()))
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
        self._precompressed = PrecompressedDocuments()

    async def answer_warm(self, scope: Scope, document: str) -> CatalogAnswer | None:
        """The answer when this process's copy is verified and the client is within its limit; else None (the
        Litestar handler then does the full job: loading, 429 problems)."""
        snapshot = self._catalog.verified_copy()
        if snapshot is None or not await self._limit.allows(self._client_ip.of_scope(scope)):
            return None
        if_none_match = accept_encoding = None
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
            elif name == b"accept-encoding":
                accept_encoding = value.decode("latin-1")
        return catalog_answer(
            snapshot, document, if_none_match, self._cache_control, accept_encoding, self._precompressed
        )

    async def answer(self, request: Request[Any, Any, Any], document: str) -> CatalogAnswer:
        """Loads the catalog if this process has no trusted copy; raises `RateLimitedError` over the limit."""
        await self._limit.check(self._client_ip(request))
        snapshot = await self._catalog.current()
        headers = request.headers
        return catalog_answer(
            snapshot,
            document,
            headers.get("if-none-match"),
            self._cache_control,
            headers.get("accept-encoding"),
            self._precompressed,
        )

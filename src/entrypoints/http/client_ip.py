"""The client's IP address, for rate limits. Behind a load balancer the TCP peer is the balancer, so the address
comes from the header the balancer sets — and only from the hops we trust, never from what the client wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar.connection import ASGIConnection
    from litestar.types import Scope


NONE = "none"  # the explicit choice of no proxy header (clients connect directly)


class ClientIpResolver:
    def __init__(self, trusted_header: str = "", trusted_hops: int = 1) -> None:
        chosen = trusted_header.strip().lower()
        self._header = "" if chosen == NONE else chosen
        self._raw_header = self._header.encode("latin-1")
        self._hops = trusted_hops

    def __call__(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        return self.of_scope(connection.scope)

    def of_scope(self, scope: Scope) -> str:
        """Read from the raw ASGI scope, so the fast path needs no connection object."""
        client = scope.get("client")
        peer = client[0] if client else "unknown"
        if not self._header:
            return peer
        # The first such header, as Litestar's `headers.get` reads it.
        raw = next((value for name, value in scope["headers"] if name == self._raw_header), b"")
        values = [part.strip() for part in raw.decode("latin-1").split(",") if part.strip()]
        # Each trusted proxy appends the address it received from; anything further left the client could forge.
        if len(values) >= self._hops:
            return values[-self._hops]
        return peer

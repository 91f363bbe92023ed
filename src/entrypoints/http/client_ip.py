"""The client's IP address, for rate limits. Behind a load balancer the TCP peer is the balancer, so the address
comes from the header the balancer sets — and only from the hops we trust, never from what the client wrote."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection


class ClientIpResolver:
    def __init__(self, trusted_header: str = "", trusted_hops: int = 1) -> None:
        self._header = trusted_header.lower()
        self._hops = trusted_hops

    def __call__(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        peer = connection.client.host if connection.client else "unknown"
        if not self._header:
            return peer
        values = [part.strip() for part in connection.headers.get(self._header, "").split(",") if part.strip()]
        # Each trusted proxy appends the address it received from; anything further left the client could forge.
        if len(values) >= self._hops:
            return values[-self._hops]
        return peer

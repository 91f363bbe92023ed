from __future__ import annotations

import httpx

from adapters.freebit.config import FreebitConfig


def build_freebit_http_client(config: FreebitConfig) -> httpx.AsyncClient:
    """The one client the composition root owns (and closes) for every Freebit call."""
    base_url = config.base_url if config.base_url.endswith("/") else f"{config.base_url}/"
    return httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(
            connect=config.connect_timeout_seconds,
            read=config.read_timeout_seconds,
            write=config.write_timeout_seconds,
            pool=config.pool_timeout_seconds,
        ),
        limits=httpx.Limits(
            max_connections=config.max_connections,
            max_keepalive_connections=config.max_keepalive_connections,
            keepalive_expiry=config.keepalive_expiry_seconds,
        ),
        headers={"Accept": "application/json"},
        follow_redirects=False,
    )

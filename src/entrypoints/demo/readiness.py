from __future__ import annotations

import asyncio
import ssl

import httpx


async def wait_until_answering(url: str, *, within_seconds: float = 60.0, ca_bundle: str | None = None) -> None:
    """Poll `url` until it answers 2xx (or the time is up)."""
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=ca_bundle) if ca_bundle else True
    deadline = asyncio.get_running_loop().time() + within_seconds
    async with httpx.AsyncClient(timeout=2, verify=verify) as client:
        while True:
            try:
                if (await client.get(url)).is_success:
                    return
            except httpx.HTTPError:
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"{url} did not become ready within {within_seconds:g}s")
            await asyncio.sleep(0.25)


async def wait_until_consuming(api_url: str, channel: str, *, within_seconds: float = 60.0) -> None:
    """Poll the API's cache health until `portal cdc` reports `channel` connected (a leader holds it)."""
    deadline = asyncio.get_running_loop().time() + within_seconds
    async with httpx.AsyncClient(timeout=2) as client:
        while True:
            try:
                health = (await client.get(f"{api_url}/api/health/services/cache")).json()
                if any(c.get("channel") == channel and c.get("connected") for c in health.get("channels", [])):
                    return
            except (httpx.HTTPError, ValueError):
                pass
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"portal cdc did not connect {channel} within {within_seconds:g}s")
            await asyncio.sleep(0.25)

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

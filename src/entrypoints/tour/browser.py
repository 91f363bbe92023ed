"""The tour's HTTP client: behaves like the frontend (cookies, CSRF header) and prints every request."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx


class TourStepError(Exception):
    pass


class Browser:
    def __init__(self, api_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=api_url, timeout=30)
        self.csrf_token: str | None = None

    async def aclose(self) -> None:
        await self._client.aclose()

    async def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        expect: int | tuple[int, ...] = 200,
        headers: dict[str, str] | None = None,
    ) -> Any:
        headers = dict(headers or {})
        if self.csrf_token and method != "GET":
            headers["X-CSRF-Token"] = self.csrf_token
        response = await self._client.request(method, path, json=json, headers=headers)
        print(f"    {method} {path} -> {response.status_code}", flush=True)
        expected = (expect,) if isinstance(expect, int) else expect
        if response.status_code not in expected:
            raise TourStepError(f"{method} {path} answered {response.status_code}: {response.text[:300]}")
        body = response.json() if response.content and "json" in response.headers.get("content-type", "") else None
        if isinstance(body, dict) and body.get("csrfToken"):
            self.csrf_token = body["csrfToken"]
        return body

    async def upload(self, path: str, form: dict[str, str], files: dict[str, tuple[str, bytes]]) -> Any:
        """A multipart form, as a browser's file input sends it."""
        headers = {"X-CSRF-Token": self.csrf_token} if self.csrf_token else {}
        response = await self._client.post(path, data=form, files=files, headers=headers)
        print(f"    POST {path} (multipart) -> {response.status_code}", flush=True)
        if response.status_code >= 400:
            raise TourStepError(f"POST {path} answered {response.status_code}: {response.text[:300]}")
        return response.json()

    async def events(self, path: str, *, until: Callable[[str, dict[str, Any]], Awaitable[bool]], within: float) -> int:
        """Follow a Server-Sent Events stream as EventSource does, handing each event (type, data) to `until` until it
        says done; how many events came. `until` first sees ("open", {}) once the stream answered."""
        count, opened = 0, False
        async with asyncio.timeout(within), self._client.stream("GET", path, timeout=None) as response:
            print(f"    GET {path} -> {response.status_code} (stream)", flush=True)
            if response.status_code != 200:
                raise TourStepError(f"GET {path} answered {response.status_code}: {(await response.aread())[:300]!r}")
            kind, data = "message", ""
            async for line in response.aiter_lines():
                if line.startswith("event:"):
                    kind = line.partition(":")[2].strip()
                elif line.startswith("data:"):
                    data += line.partition(":")[2].strip()
                elif not line and not opened:
                    opened = True
                    if await until("open", {}):
                        return count
                elif not line and data:
                    count += 1
                    print(f"      event {kind} {data}", flush=True)
                    if await until(kind, json.loads(data)):
                        return count
                    kind, data = "message", ""
        raise TourStepError(f"GET {path} ended before it was done")

    def forget_session(self) -> None:
        self._client.cookies.clear()
        self.csrf_token = None

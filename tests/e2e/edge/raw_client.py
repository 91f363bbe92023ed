"""A lean HTTP/1.1 keep-alive client for sending many requests quickly (httpx costs ~1 ms of CPU per request):
raw asyncio streams, Content-Length or chunked bodies, nothing else."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


async def _read_answer(reader: asyncio.StreamReader, method: str) -> Answer:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    status = int(status_line.split(" ", 2)[1])
    if method == "HEAD" or status in (204, 304):
        return Answer(status, headers, b"")
    if "content-length" in headers:
        return Answer(status, headers, await reader.readexactly(int(headers["content-length"])))
    body = b""
    while True:  # chunked
        size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            return Answer(status, headers, body)
        body += chunk[:-2]


async def send_all(port: int, requests: list[tuple[str, str, dict[str, str]]], connections: int = 16) -> list[Answer]:
    """Send (method, path, headers) requests over `connections` keep-alive connections; answers in request order."""
    answers: list[Answer | None] = [None] * len(requests)
    queue = iter(enumerate(requests))

    async def connection() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for index, (method, path, headers) in queue:
                lines = [f"{method} {path} HTTP/1.1", "Host: portal.test", *(f"{k}: {v}" for k, v in headers.items())]
                writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
                answer = answers[index] = await _read_answer(reader, method)
                if answer.headers.get("connection", "").lower() == "close":  # nginx's keepalive_requests
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(connections)))
    return [answer for answer in answers if answer is not None]

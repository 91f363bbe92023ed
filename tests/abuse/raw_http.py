"""HTTP/1.1 over a bare socket, for requests no polite client would send: a 10 MB body the server refuses before
reading it (httpx would insist on sending it all first and report a broken pipe instead of the answer), chunked
bodies without a length, bodies that trickle."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable

import msgspec

ANSWER_WITHIN_SECONDS = 30


class RawAnswer(msgspec.Struct, frozen=True):
    status: int
    headers: dict[str, str]
    body: bytes
    sent_bytes: int  # how much of the body went out before the answer came back


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return status, headers, body


async def post(
    port: int,
    path: str,
    chunks: Iterable[bytes],
    *,
    content_length: int | None = None,
    headers: dict[str, str] | None = None,
) -> RawAnswer:
    """POST `chunks` (chunked transfer encoding when `content_length` is None); stop sending once answered."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    framing = f"Content-Length: {content_length}" if content_length is not None else "Transfer-Encoding: chunked"
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{framing}\r\n{extra}\r\n"
    writer.write(head.encode())
    answer = asyncio.create_task(_read_answer(reader))
    sent = 0
    try:
        for chunk in chunks:
            if answer.done():
                break
            writer.write(chunk if content_length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await writer.drain()
            sent += len(chunk)
        if content_length is None and not answer.done():
            writer.write(b"0\r\n\r\n")
            await writer.drain()
    except (ConnectionResetError, BrokenPipeError):
        pass  # the server answered and closed while we were still sending: the answer is what counts
    try:
        status, answer_headers, body = await asyncio.wait_for(answer, ANSWER_WITHIN_SECONDS)
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return RawAnswer(status, answer_headers, body, sent)

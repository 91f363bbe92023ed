"""Benchmark: the journeys' own costs — mail over real SMTP, identity documents checked and cleaned, email codes
checked on Redis.

    .venv/bin/python benchmarks/journeys_bench.py [--mails 300] [--redis redis://127.0.0.1:6379/9]

1. Mail: the SMTP adapter (aiosmtplib) sends to the sandbox's mail catcher (aiosmtpd) on loopback, one connection per
   message as the worker does: messages per second sent one at a time and 8 at once, and the latency (p50, p95).
2. Documents: `accept` (type from the bytes, metadata stripped) on a 5 MB JPEG carrying 64 KB of EXIF, a 5 MB PDF
   and a 5 MB PNG with text chunks: milliseconds per file and MB/s. The image is never decoded, so the cost is one
   pass over the framing plus one copy.
3. Codes: `RedisEmailCodes.issue` + `check` (one pipeline, one script) on the given Redis: round trips per second.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import struct
import sys
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.support.servers import free_port  # noqa: E402

from adapters.redis.client import create_redis  # noqa: E402
from adapters.redis.config import RedisConfig  # noqa: E402
from adapters.redis.email_codes import RedisEmailCodes  # noqa: E402
from adapters.smtp.config import SmtpConfig  # noqa: E402
from adapters.smtp.transport import SmtpMailTransport  # noqa: E402
from application.ports.mail import Mail, MailTemplate  # noqa: E402
from domain.verification.documents import accept  # noqa: E402
from sandbox.mail.catcher import MailCatcher, serve_smtp  # noqa: E402

MB = 1024 * 1024


def mail(n: int) -> Mail:
    return Mail(
        event_key=f"bench:{n}",
        to=f"customer{n}@example.jp",
        template=MailTemplate.EMAIL_CODE,
        values={"code": f"{n % 1_000_000:06d}", "expires_in_minutes": "10", "purpose": "continue"},
    )


async def send_all(transport: SmtpMailTransport, count: int, concurrency: int) -> tuple[float, list[float]]:
    gate, latencies = asyncio.Semaphore(concurrency), []

    async def one(n: int) -> None:
        async with gate:
            started = time.perf_counter()
            await transport.send(mail(n))
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(count)))
    return time.perf_counter() - started, latencies


async def bench_mail(count: int) -> None:
    catcher, port = MailCatcher(), free_port()
    server = await serve_smtp(catcher, "127.0.0.1", port)
    transport = SmtpMailTransport(SmtpConfig(host="127.0.0.1", port=port, sender="Sakura Hikari <no-reply@x.example>"))
    try:
        for concurrency in (1, 8):
            elapsed, latencies = await send_all(transport, count, concurrency)
            cuts = statistics.quantiles(latencies, n=20)
            print(f"mail  concurrency {concurrency}: {count / elapsed:7.1f} messages/s   p50 {cuts[9] * 1000:5.1f} ms"
                  f"   p95 {cuts[18] * 1000:5.1f} ms")  # fmt: skip
        assert len(catcher.messages()) == 2 * count
    finally:
        server.close()
        await server.wait_closed()


def jpeg(size: int) -> bytes:
    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    head = b"\xff\xd8" + segment(0xE0, b"JFIF\x00" + bytes(9)) + segment(0xE1, b"Exif\x00\x00" + bytes(65_000))
    scan = segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")
    return head + scan + bytes(size - len(head) - len(scan) - 2) + b"\xff\xd9"


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    head += chunk(b"tEXt", b"Comment\x00" + bytes(60_000))
    tail = chunk(b"IEND", b"")
    body = b"".join(chunk(b"IDAT", bytes(64 * 1024)) for _ in range((size - len(head) - len(tail)) // (64 * 1024 + 12)))
    return head + body + tail


def bench_documents() -> None:
    files = {
        "JPEG 5 MB, 64 KB EXIF": jpeg(5 * MB - 16),
        "PNG 5 MB, 60 KB text": png(5 * MB - 16),
        "PDF 5 MB": b"%PDF-1.7\n" + bytes(5 * MB - 30) + b"\n%%EOF\n",
    }
    for name, data in files.items():
        rounds = 20
        started = time.perf_counter()
        for _ in range(rounds):
            cleaned = accept(data)
        per_file = (time.perf_counter() - started) / rounds
        print(f"document  {name:<22} {per_file * 1000:6.2f} ms per file   {len(data) / MB / per_file:8.0f} MB/s"
              f"   kept {len(cleaned.content) / len(data):6.2%} of the bytes")  # fmt: skip


async def bench_codes(url: str, rounds: int = 2000) -> None:
    redis = create_redis(RedisConfig(url=url, socket_timeout_seconds=2.0))
    codes = RedisEmailCodes(redis)
    try:
        started = time.perf_counter()
        for n in range(rounds):
            await codes.issue(f"bench-{n % 50}", "digest", ttl_seconds=60)
            await codes.check(f"bench-{n % 50}", "digest", max_attempts=3)
        elapsed = time.perf_counter() - started
        print(f"codes  issue + check: {rounds / elapsed:7.0f} per second (one client, sequential)")
    finally:
        await redis.aclose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=300)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/9")
    args = parser.parse_args()
    asyncio.run(bench_mail(args.mails))
    bench_documents()
    asyncio.run(bench_codes(args.redis))
    return 0


if __name__ == "__main__":
    sys.exit(main())

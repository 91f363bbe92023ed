"""Compression as HTTP caches and proxies expect it: negotiated by q-value, Vary on every compressible answer, one
ETag per representation, and streams (Server-Sent Events) left alone and unbuffered."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator

import brotli
import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar import Litestar, Response, get
from litestar.response import ServerSentEvent
from litestar.testing import TestClient
from litestar.types import Message, Receive, Scope, Send

from entrypoints.http.compression import Compression
from entrypoints.http.encodings import MIN_SIZE, encoded_etag, identity_etag, preferred_encoding

BIG = b'{"items":[' + b",".join(b'{"sku":"SIM-10GB-VOICE","price":"2480.00"}' for _ in range(60)) + b"]}"


@get("/big")
async def big() -> Response[bytes]:
    return Response(BIG, media_type="application/json", headers={"ETag": '"v1"'})


@get("/small")
async def small() -> Response[bytes]:
    return Response(b'{"ok":true}', media_type="application/json")


@get("/raw")
async def raw() -> Response[bytes]:
    return Response(BIG, media_type="application/json", headers={"Cache-Control": "no-transform"})


@get("/events")
async def events() -> ServerSentEvent:
    async def stream() -> AsyncIterator[str]:
        for n in range(3):
            yield "x" * MIN_SIZE + str(n)

    return ServerSentEvent(stream())


@pytest.fixture(scope="module")
def client() -> TestClient[Litestar]:
    app = Litestar([big, small, raw, events])
    app.asgi_handler = Compression(app.asgi_handler)
    return TestClient(app)


@pytest.mark.parametrize(("accept", "coding"), [("br", "br"), ("gzip", "gzip"), ("gzip, br", "br"), ("", None)])
def test_json_of_a_kilobyte_or_more_is_compressed_as_the_client_prefers(
    client: TestClient[Litestar], accept: str, coding: str | None
) -> None:
    response = client.get("/big", headers={"Accept-Encoding": accept})
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers.get("content-encoding") == coding
    assert response.headers["etag"] == encoded_etag('"v1"', coding)
    assert response.content == BIG  # httpx decodes both codings


def test_small_answers_stay_plain_but_still_vary(client: TestClient[Litestar]) -> None:
    response = client.get("/small", headers={"Accept-Encoding": "br"})
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding"


def test_no_transform_is_respected(client: TestClient[Litestar]) -> None:
    assert "content-encoding" not in client.get("/raw", headers={"Accept-Encoding": "gzip"}).headers


def test_server_sent_events_pass_through_uncompressed_chunk_by_chunk(client: TestClient[Litestar]) -> None:
    response = client.get("/events", headers={"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in response.headers
    assert response.content.count(b"x" * MIN_SIZE) == 3


async def test_a_streamed_answer_is_forwarded_chunk_by_chunk_as_it_comes() -> None:
    """Each chunk leaves the moment the app sends it: nothing waits for the next one (SSE stays live)."""
    sent: list[Message] = []

    async def streaming_app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        for n in range(3):
            await send({"type": "http.response.body", "body": b"data: %d\n\n" % n, "more_body": True})
            assert len(sent) == n + 2  # forwarded before the app goes on
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    async def record(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/s", "headers": [(b"accept-encoding", b"br")]}
    await Compression(streaming_app)(scope, None, record)  # type: ignore[arg-type]
    assert [m.get("body") for m in sent[1:]] == [b"data: 0\n\n", b"data: 1\n\n", b"data: 2\n\n", b""]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0, gzip;q=0", None),
        ("*", "br"),
        ("*;q=0.1, gzip", "gzip"),
        ("identity", None),
        ("gzip;q=nonsense, br", "br"),
    ],
)
def test_negotiation_follows_q_values(header: str, expected: str | None) -> None:
    assert preferred_encoding(header) == expected


@given(st.text(alphabet="0123456789abcdef", min_size=1, max_size=32), st.sampled_from(["br", "gzip"]))
def test_a_coded_tag_leads_back_to_its_identity_tag(tag: str, coding: str) -> None:
    etag = f'"{tag}"'
    assert identity_etag(encoded_etag(etag, coding)) == etag
    assert identity_etag("W/" + encoded_etag(etag, coding)) == etag


def test_the_compressed_bytes_decode_to_the_answer() -> None:
    assert brotli.decompress(brotli.compress(BIG)) == BIG
    assert gzip.decompress(gzip.compress(BIG)) == BIG

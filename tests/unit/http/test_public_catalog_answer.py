"""One answer for a public catalog GET, whichever way it came in: strong ETag, If-None-Match → 304, headers."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import brotli
import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.catalog.snapshot import CatalogSnapshot, build_snapshot
from entrypoints.http.catalog.documents import PublicCatalogJson
from entrypoints.http.catalog.public_answer import PrecompressedDocuments, catalog_answer
from entrypoints.http.encodings import encoded_etag
from tests.unit.catalog.world import demo_crm

CACHE_CONTROL = b"public, max-age=300, s-maxage=300"


@pytest.fixture(scope="module")
def snapshot() -> CatalogSnapshot:
    data, _ = demo_crm()
    return build_snapshot(list(data.entries.values()), PublicCatalogJson(), built_at=datetime.now(UTC), build_seconds=0)


def test_a_plain_get_is_the_stored_bytes_with_public_caching_and_the_strong_etag(snapshot: CatalogSnapshot) -> None:
    status, headers, body = catalog_answer(snapshot, "vpn", None, CACHE_CONTROL)
    assert (status, body) == (200, snapshot.documents["vpn"])
    assert dict(headers) == {
        b"cache-control": CACHE_CONTROL,
        b"etag": snapshot.etags["vpn"].encode(),
        b"vary": b"Accept-Encoding",
        b"content-type": b"application/json",
        b"content-length": str(len(body)).encode(),
    }


@pytest.mark.parametrize("if_none_match", ["{etag}", "W/{etag}", '"other", W/{etag}', " * "])
def test_a_current_copy_revalidates_to_an_empty_304_with_the_same_caching(
    snapshot: CatalogSnapshot, if_none_match: str
) -> None:
    etag = snapshot.etags["internet"]
    status, headers, body = catalog_answer(snapshot, "internet", if_none_match.format(etag=etag), CACHE_CONTROL)
    assert (status, body) == (304, b"")
    assert dict(headers) == {b"cache-control": CACHE_CONTROL, b"etag": etag.encode(), b"vary": b"Accept-Encoding"}


@given(other=st.text(alphabet=st.characters(codec="latin-1", exclude_characters='*",'), max_size=40))
def test_any_other_tag_gets_the_document(snapshot: CatalogSnapshot, other: str) -> None:
    status, _, body = catalog_answer(snapshot, "sim", f'"{other}"', CACHE_CONTROL)
    assert (status, body) == (200, snapshot.documents["sim"])


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", None), (None, None)],
)
def test_a_client_that_accepts_a_coding_gets_the_copy_compressed_once_per_version(
    snapshot: CatalogSnapshot, accept_encoding: str | None, coding: str | None
) -> None:
    copies = PrecompressedDocuments()
    status, headers, body = catalog_answer(snapshot, "internet", None, CACHE_CONTROL, accept_encoding, copies)
    fields = dict(headers)
    assert status == 200
    assert fields[b"vary"] == b"Accept-Encoding"
    assert fields[b"content-length"] == str(len(body)).encode()
    assert fields.get(b"content-encoding") == (coding.encode() if coding else None)
    assert fields[b"etag"] == encoded_etag(snapshot.etags["internet"], coding).encode()
    plain = snapshot.documents["internet"]
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding](body)
    assert decoded == plain
    if coding:
        assert len(body) < len(plain) / 3
        again = catalog_answer(snapshot, "internet", None, CACHE_CONTROL, accept_encoding, copies).body
        assert again is body  # the same bytes: compressed once, not per request


@pytest.mark.parametrize("held", ["{etag}-br", "{etag}-gzip", "W/{etag}-gzip"])
def test_a_compressed_copys_tag_revalidates_whatever_coding_is_asked_now(snapshot: CatalogSnapshot, held: str) -> None:
    etag = snapshot.etags["sim"]
    tag = held.format(etag=etag[:-1]) + '"'
    status, headers, _ = catalog_answer(snapshot, "sim", tag, CACHE_CONTROL, "gzip", PrecompressedDocuments())
    assert status == 304
    assert dict(headers)[b"etag"] == encoded_etag(etag, "gzip").encode()

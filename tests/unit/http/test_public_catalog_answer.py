"""One answer for a public catalog GET, whichever way it came in: strong ETag, If-None-Match → 304, headers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.catalog.snapshot import CatalogSnapshot, build_snapshot
from entrypoints.http.catalog.documents import PublicCatalogJson
from entrypoints.http.catalog.public_answer import catalog_answer
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
    assert dict(headers) == {b"cache-control": CACHE_CONTROL, b"etag": etag.encode()}


@given(other=st.text(alphabet=st.characters(codec="latin-1", exclude_characters='*",'), max_size=40))
def test_any_other_tag_gets_the_document(snapshot: CatalogSnapshot, other: str) -> None:
    status, _, body = catalog_answer(snapshot, "sim", f'"{other}"', CACHE_CONTROL)
    assert (status, body) == (200, snapshot.documents["sim"])

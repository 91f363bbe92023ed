"""The client address for rate limits: the TCP peer, or the trusted proxies' header read from the right, never a
value the client could have written further left."""

from __future__ import annotations

from typing import Any

import pytest

from entrypoints.http.client_ip import ClientIpResolver


def scope(peer: str | None, *headers: tuple[str, str]) -> Any:
    return {
        "type": "http",
        "client": (peer, 5000) if peer else None,
        "headers": [(name.lower().encode(), value.encode()) for name, value in headers],
    }


def test_without_a_trusted_header_the_peer_is_the_client_whatever_the_request_says() -> None:
    resolve = ClientIpResolver()
    assert resolve.of_scope(scope("198.51.100.4", ("X-Forwarded-For", "203.0.113.9"))) == "198.51.100.4"
    assert resolve.of_scope(scope(None)) == "unknown"


@pytest.mark.parametrize(
    ("hops", "forwarded", "client"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote 6.6.6.6; our balancer appended the rest
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (2, "203.0.113.9", "198.51.100.4"),  # fewer hops than trusted: not through our proxies, use the peer
        (1, "", "198.51.100.4"),
    ],
)
def test_the_trusted_header_is_read_from_the_right_by_the_number_of_trusted_hops(
    hops: int, forwarded: str, client: str
) -> None:
    resolve = ClientIpResolver("X-Forwarded-For", hops)
    assert resolve.of_scope(scope("198.51.100.4", ("X-Forwarded-For", forwarded))) == client


def test_only_the_first_header_of_that_name_counts_as_the_framework_reads_it() -> None:
    resolve = ClientIpResolver("X-Forwarded-For", 1)
    first, second = ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-For", "6.6.6.6")
    assert resolve.of_scope(scope("198.51.100.4", first, second)) == "203.0.113.9"

"""Conventions every route keeps, checked by walking the route table, so a route added later is held to them:
HEAD on every GET, OPTIONS naming every method of the path, Cache-Control on every /api answer (no-store unless the
route says otherwise), Vary: Cookie on whatever may depend on the session."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from entrypoints.http.app import create_app
from entrypoints.http.response_defaults import SESSION_FREE
from entrypoints.settings import Settings
from tests.unit.http.openapi_walk import memory_app, openapi_document, operations

VOLATILE = {"x-request-id", "date", "retry-after"}


def concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def documented_paths() -> dict[str, set[str]]:
    paths: dict[str, set[str]] = {}
    for method, path, _ in operations(openapi_document()):
        paths.setdefault(path, set()).add(method)
    return paths


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Litestar]]:
    with TestClient(memory_app()) as running:
        yield running


@pytest.mark.parametrize("path", sorted(p for p, methods in documented_paths().items() if "GET" in methods))
def test_every_get_answers_head_with_its_status_and_headers_and_no_body(
    client: TestClient[Litestar], path: str
) -> None:
    got, head = client.get(concrete(path)), client.head(concrete(path))
    assert head.status_code == got.status_code
    assert head.content == b""
    assert {k: v for k, v in head.headers.items() if k not in VOLATILE} == {
        k: v for k, v in got.headers.items() if k not in VOLATILE
    }


@pytest.mark.parametrize(("path", "methods"), sorted(documented_paths().items()))
def test_options_names_every_method_of_the_path_without_a_session(
    client: TestClient[Litestar], path: str, methods: set[str]
) -> None:
    response = client.options(concrete(path))
    assert response.status_code == 204
    expected = methods | {"OPTIONS"} | ({"HEAD"} if "GET" in methods else set())
    assert set(response.headers["allow"].split(", ")) == expected


@pytest.mark.parametrize(("method", "path"), sorted((m, p) for m, p, _ in operations(openapi_document())))
def test_every_api_answer_says_how_to_cache_it_and_what_it_varies_on(
    client: TestClient[Litestar], method: str, path: str
) -> None:
    response = client.request(method, concrete(path), json={} if method != "GET" else None)
    cache_control = response.headers.get("cache-control")
    assert cache_control, f"{method} {path} answered {response.status_code} without Cache-Control"
    if path.startswith(SESSION_FREE):
        assert "Cookie" not in response.headers.get("vary", "")
    else:
        assert cache_control == "no-store" or "no-store" in cache_control
        assert "Cookie" in response.headers["vary"]


def test_unknown_paths_and_methods_are_no_store_problems_too(client: TestClient[Litestar]) -> None:
    for response in (client.get("/api/nowhere"), client.delete("/api/me")):
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["content-type"] == "application/problem+json"
    assert "HEAD" in client.delete("/api/me").headers["allow"]


def test_listed_origins_may_call_with_credentials_and_every_answer_varies_on_origin() -> None:
    app = create_app(Settings(adapters="memory", log_level="ERROR", cors_allowed_origins=["https://portal.example.jp"]))
    with TestClient(app) as client:
        origin = {"Origin": "https://portal.example.jp"}
        simple = client.get("/api/me", headers=origin)
        assert simple.headers["access-control-allow-origin"] == "https://portal.example.jp"
        assert simple.headers["access-control-allow-credentials"] == "true"
        assert {"Origin", "Cookie"} <= {v.strip() for v in simple.headers["vary"].split(",")}
        preflight = client.options(
            "/api/orders",
            headers={
                **origin,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "x-csrf-token",
            },
        )
        assert preflight.status_code in (200, 204)
        assert preflight.headers["access-control-allow-credentials"] == "true"
        assert "x-csrf-token" in preflight.headers["access-control-allow-headers"].lower()
        elsewhere = client.get("/api/me", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in elsewhere.headers

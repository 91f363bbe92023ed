"""The shipped nginx configuration serves the frontend (web/dist) on the same origin as /api:

- every page path answers index.html (the app routes in the browser), revalidated on each visit (`no-cache`);
- the content-hashed files under /assets/ are cached for a year, and a missing one is a 404, never index.html
  (a browser would otherwise run HTML as a script after a release);
- the pages carry a Content-Security-Policy allowing only this origin (no inline script, no framing);
- /api still reaches the portal; the operators' /metrics and /schema do not leave the edge.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.e2e.edge.nginx import RunningNginx, running_nginx
from tests.e2e.edge.stand_ins import Echo, echo_upstream

pytestmark = pytest.mark.e2e
INDEX = '<!doctype html><html lang="en"><script type="module" src="/assets/index-abc123.js"></script></html>'


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningNginx, Echo]]:
    web = tmp_path_factory.mktemp("web")
    (web / "index.html").write_text(INDEX)
    (web / "assets").mkdir()
    (web / "assets" / "index-abc123.js").write_text("console.log('portal');\n" * 100)
    with (
        echo_upstream() as (address, echo),
        running_nginx(tmp_path_factory.mktemp("nginx"), [address], web_root=web) as nginx,
    ):
        yield nginx, echo


@pytest.mark.parametrize("path", ["/", "/invoices", "/support/500000000000001", "/reset-password?token=x"])
def test_every_page_path_answers_the_app_revalidated_each_visit(edge: tuple[RunningNginx, Echo], path: str) -> None:
    nginx, _ = edge
    answer = httpx.get(nginx.url + path)
    assert answer.status_code == 200
    assert answer.text == INDEX
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["cache-control"] == "no-cache"
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_hashed_assets_are_cached_for_a_year_and_a_missing_one_is_not_the_app(
    edge: tuple[RunningNginx, Echo],
) -> None:
    nginx, _ = edge
    asset = httpx.get(nginx.url + "/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert asset.status_code == 200
    assert asset.headers["content-type"] == "application/javascript"
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert asset.headers["content-encoding"] == "gzip"
    assert httpx.get(nginx.url + "/assets/index-old999.js").status_code == 404


def test_api_reaches_the_portal_and_operator_endpoints_stay_inside(edge: tuple[RunningNginx, Echo]) -> None:
    nginx, echo = edge
    before = len(echo.seen)
    assert httpx.get(nginx.url + "/api/orders").status_code == 200
    assert [s["path"] for s in echo.seen[before:]] == ["/api/orders"]
    for internal in ("/metrics", "/schema", "/schema/openapi.json"):
        assert httpx.get(nginx.url + internal).status_code == 404, internal
    assert len(echo.seen) == before + 1


def test_the_portal_sees_the_host_the_browser_sent_so_a_same_origin_form_passes_the_origin_check(
    edge: tuple[RunningNginx, Echo],
) -> None:
    """The CSRF guard compares Origin with Host: both must carry the port the browser used (`$http_host`)."""
    nginx, echo = edge
    before = len(echo.seen)
    answer = httpx.post(nginx.url + "/api/auth/login", json={}, headers={"Origin": nginx.url})
    assert answer.status_code == 200
    [sent] = echo.seen[before:]
    assert sent["headers"]["host"] == f"127.0.0.1:{nginx.port}"
    assert sent["headers"]["origin"] == nginx.url

"""The Docker client here has no compose plugin and no engine, so the compose file is checked by parsing it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
import yaml

from entrypoints.http import body_limits
from entrypoints.settings import Settings
from entrypoints.settings_loader import env_name

ROOT = Path(__file__).resolve().parents[2]


NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf.template"
EDGE_VARIABLES = (
    "PORTAL_EDGE_LISTEN",
    "PORTAL_EDGE_UPSTREAMS",
    "PORTAL_EDGE_CACHE_DIR",
    "PORTAL_EDGE_ACCESS_LOG",
    "PORTAL_EDGE_WEB_ROOT",
)


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def test_the_deployment_has_the_stores_migrations_and_a_scalable_api() -> None:
    services = compose()["services"]
    assert services["postgres"]["image"] == "postgres:17"
    assert services["redis"]["image"] == "redis:7"
    assert services["api"]["deploy"]["replicas"] >= 2
    assert "ports" not in services["api"], "a fixed host port would stop the api from scaling"
    assert services["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_long_running_service_has_a_health_check() -> None:
    for name, service in compose()["services"].items():
        if service.get("restart") != "no":
            assert "healthcheck" in service, name


def test_every_portal_variable_it_sets_is_a_real_setting() -> None:
    known = {env_name(field.name) for field in msgspec.structs.fields(Settings)}
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\b(PORTAL_[A-Z_]+):", text)) - set(EDGE_VARIABLES)
    assert used
    assert used <= known, used - known


def test_the_emulators_run_only_under_their_own_profile() -> None:
    services = compose()["services"]
    assert services["sandbox"]["profiles"] == ["sandbox"]
    assert all("profiles" not in service for name, service in services.items() if name != "sandbox")


def test_no_credentials_are_written_into_it() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?" in text
    assert not re.search(r"postgresql\+asyncpg://\w+:(?!\$\{)", text)


def test_the_edge_runs_the_shipped_nginx_template_with_every_variable_it_needs() -> None:
    edge = compose()["services"]["edge"]
    assert "./deploy/nginx/portal.conf.template:/etc/nginx/templates/portal.conf.template:ro" in edge["volumes"]
    needed = set(re.findall(r"\$\{(PORTAL_EDGE_[A-Z_]+)\}", NGINX_TEMPLATE.read_text()))
    assert needed == set(EDGE_VARIABLES) == set(edge["environment"])
    assert compose()["x-portal-env"]["PORTAL_TRUSTED_PROXY_HEADER"] == "X-Forwarded-For"


UPLOADS = {"ID_DOCUMENTS": "/api/account/verification/documents"}  # caps whose route has its own edge location


def test_the_edge_accepts_exactly_the_largest_body_the_portal_does() -> None:
    """nginx buffers bodies up to the largest JSON route cap and refuses more; each route's own cap is the portal's.
    An upload's path has a location of its own whose cap is exactly the route's."""
    caps = {name: value for name, value in vars(body_limits).items() if name.isupper() and isinstance(value, int)}
    largest_kib = max(value for name, value in caps.items() if name not in UPLOADS) // body_limits.KIB
    template = NGINX_TEMPLATE.read_text()
    server = re.split(r"\n\s*location ", template, maxsplit=1)[0]
    assert re.search(rf"^\s*client_max_body_size {largest_kib}k;", server, re.MULTILINE)
    assert re.search(rf"^\s*client_body_buffer_size {largest_kib}k;", server, re.MULTILINE)
    for name, path in UPLOADS.items():
        location = template.split(f"location = {path} {{", 1)[1].split("\n    }", 1)[0]
        assert f"client_max_body_size {caps[name] // body_limits.KIB}k;" in location
        assert "proxy_next_upstream off;" in location  # an upload is never sent twice

"""`portal sandbox` on its own, as another team uses it: every control endpoint of every emulator is in that
emulator's own OpenAPI document (checked from the route table, so a new endpoint is covered the day it is added),
the wire APIs stay out of it, and the CA to trust is printed, served and kept across restarts."""

from __future__ import annotations

import re
import ssl
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from entrypoints.commands.sandbox import guide
from sandbox.freebit.app import create_app as create_freebit
from sandbox.runner import SandboxAddresses
from sandbox.salesforce.app import create_app as create_salesforce
from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.tls import ca_fingerprint, sandbox_credentials, write_sandbox_credentials
from sandbox.whmcs.app import create_app as create_whmcs
from tests.support.sandbox import running_sandbox

_DOC_ROUTES = re.compile(r"^/_sandbox(/openapi\.(json|yaml|yml)|/\{path:str\})?$")
_PARAM_TYPE = re.compile(r"\{(\w+):\w+\}")
EMULATORS: dict[str, Callable[[], Litestar]] = {
    "whmcs": create_whmcs,
    "salesforce": create_salesforce,
    "freebit": create_freebit,
}


def control_operations(app: Litestar) -> set[tuple[str, str]]:
    """(OpenAPI path, method) of every `/_sandbox` route the app answers, from its route table."""
    found = set()
    for route in app.routes:
        if not route.path.startswith("/_sandbox") or _DOC_ROUTES.match(route.path):
            continue
        for method in getattr(route, "methods", set()) - {"OPTIONS", "HEAD"}:
            found.add((_PARAM_TYPE.sub(r"{\1}", route.path), method.lower()))
    return found


def documented(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(path, method) for path, item in document["paths"].items() for method in item}


@pytest.mark.parametrize("name", EMULATORS)
def test_every_control_endpoint_is_in_the_emulators_own_openapi_document(name: str) -> None:
    app = EMULATORS[name]()
    with TestClient(app) as client:
        reply = client.get("/_sandbox/openapi.json")
    document = reply.json()

    assert reply.status_code == 200
    assert document["openapi"].startswith("3.")
    assert control_operations(app) <= documented(document)
    assert len(control_operations(app)) >= 8


@pytest.mark.parametrize("name", EMULATORS)
def test_the_document_holds_only_control_endpoints_each_described(name: str) -> None:
    with TestClient(EMULATORS[name]()) as client:
        document = client.get("/_sandbox/openapi.json").json()

    assert all(path.startswith("/_sandbox/") for path in document["paths"])
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation.get("description"), f"{method.upper()} {path} has no description"
            assert operation.get("tags"), f"{method.upper()} {path} has no tag"


def test_the_ca_is_served_by_the_salesforce_emulator_and_printed_by_the_command(tmp_path: Path) -> None:
    credentials = sandbox_credentials(tmp_path / "tls")
    app = create_salesforce(config=EmulatorConfig(ca_certificate_path=str(credentials.ca_bundle)))
    with TestClient(app) as client:
        served = client.get("/_sandbox/ca.pem")
    printed = subprocess.run(
        [sys.executable, "-m", "entrypoints.cli", "sandbox", "--state-dir", str(tmp_path), "--print-ca"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout

    assert served.status_code == 200
    assert served.content == printed.encode() == credentials.ca_bundle.read_bytes()
    assert printed.startswith("-----BEGIN CERTIFICATE-----")


def test_the_startup_guide_names_the_ca_its_fingerprint_the_documents_and_reset(tmp_path: Path) -> None:
    credentials = sandbox_credentials(tmp_path)
    text = "\n".join(guide(SandboxAddresses(), credentials))

    assert str(credentials.ca_bundle) in text
    assert ca_fingerprint(credentials) in text
    assert "https://127.0.0.1:8102/_sandbox/ca.pem" in text
    assert "http://127.0.0.1:8101/_sandbox/openapi.json" in text
    assert "/reset" in text


def test_the_ca_survives_a_restart_but_an_incomplete_set_is_made_anew(tmp_path: Path) -> None:
    first = sandbox_credentials(tmp_path)
    trusted = first.ca_bundle.read_bytes()
    assert sandbox_credentials(tmp_path).ca_bundle.read_bytes() == trusted

    first.server_key.unlink()
    remade = sandbox_credentials(tmp_path)
    assert remade.server_key.is_file()
    assert remade.ca_bundle.read_bytes() != trusted


@pytest.mark.integration
def test_a_tool_trusting_the_served_ca_reaches_the_salesforce_emulator_over_tls(tmp_path: Path) -> None:
    with running_sandbox(tmp_path) as sandbox:
        pem = httpx.get(f"{sandbox.addresses.salesforce_url}/_sandbox/ca.pem", verify=False).content
        (tmp_path / "trusted.pem").write_bytes(pem)
        trust = ssl.create_default_context(cafile=str(tmp_path / "trusted.pem"))
        versions = httpx.get(f"{sandbox.addresses.salesforce_url}/services/data", verify=trust)

    assert pem == sandbox.credentials.ca_bundle.read_bytes()
    assert versions.status_code == 200


def test_fresh_credentials_are_written_where_none_were(tmp_path: Path) -> None:
    written = write_sandbox_credentials(tmp_path / "a")
    kept = sandbox_credentials(tmp_path / "a")
    assert kept == written

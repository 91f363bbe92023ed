"""The Salesforce emulator alone on a free port over TLS, with its app at hand (to shorten the CometD hold)."""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from litestar import Litestar

from sandbox.salesforce.app import create_app
from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.tls import SandboxCredentials, write_sandbox_credentials
from tests.support.servers import free_port, serve_in_thread


@dataclass(frozen=True)
class Salesforce:
    url: str
    credentials: SandboxCredentials
    app: Litestar

    def control(self) -> httpx.Client:
        trust = ssl.create_default_context(cafile=str(self.credentials.ca_bundle))
        return httpx.Client(base_url=f"{self.url}/_sandbox", verify=trust, timeout=10)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        with self.control() as client:
            response = client.request(method, path, **kwargs)
            response.raise_for_status()
            return response.json() if response.content else None

    def portal_settings(self) -> dict[str, object]:
        return {"salesforce_login_url": self.url, "salesforce_ca_bundle": str(self.credentials.ca_bundle)}

    def environment(self) -> dict[str, str]:
        return {"PORTAL_SALESFORCE_LOGIN_URL": self.url, "PORTAL_SALESFORCE_CA_BUNDLE": str(self.credentials.ca_bundle)}

    def entry(self, sku: str, *, portal: bool = True) -> dict[str, Any]:
        products = {p["Id"]: p for p in self.call("GET", "/records/Product2")}
        books = {b["Id"]: b["Name"] for b in self.call("GET", "/records/Pricebook2")}
        for row in self.call("GET", "/records/PricebookEntry"):
            in_portal = books[row["Pricebook2Id"]] == "Portal"
            if in_portal is portal and products[row["Product2Id"]]["StockKeepingUnit"] == sku:
                return {**row, "product": products[row["Product2Id"]]}
        raise LookupError(sku)


@contextlib.contextmanager
def running_salesforce(directory: Path, *, connect_hold_seconds: float = 3.0) -> Iterator[Salesforce]:
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    credentials = write_sandbox_credentials(directory)
    app = create_app(config=EmulatorConfig(jwt_certificate_path=str(credentials.jwt_certificate), instance_url=url))
    app.state.streaming_hub.set_connect_timeout(timedelta(seconds=connect_hold_seconds))
    with serve_in_thread(
        app, port=port, ssl_certfile=str(credentials.server_cert), ssl_keyfile=str(credentials.server_key)
    ):
        yield Salesforce(url, credentials, app)

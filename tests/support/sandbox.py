"""The three emulators on free loopback ports (Salesforce over TLS), for tests that cross the wire."""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

from sandbox.freebit.app import create_app as create_freebit
from sandbox.runner import SandboxAddresses, portal_environment
from sandbox.salesforce.app import create_app as create_salesforce
from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.tls import SandboxCredentials, write_sandbox_credentials
from sandbox.whmcs.app import create_app as create_whmcs
from sandbox.whmcs.config import WhmcsEmulatorConfig
from tests.support.servers import free_port, serve_in_thread


@dataclass(frozen=True)
class RunningSandbox:
    addresses: SandboxAddresses
    credentials: SandboxCredentials

    def portal_settings(self) -> dict[str, object]:
        """`Settings(...)` keyword arguments pointing the portal at these emulators."""
        env = portal_environment(self.addresses, self.credentials)
        return {
            "whmcs_url": env["PORTAL_WHMCS_URL"],
            "salesforce_login_url": env["PORTAL_SALESFORCE_LOGIN_URL"],
            "salesforce_ca_bundle": env["PORTAL_SALESFORCE_CA_BUNDLE"],
            "freebit_url": env["PORTAL_FREEBIT_URL"],
        }

    def whmcs(self) -> httpx.Client:
        return httpx.Client(base_url=self.addresses.whmcs_url, timeout=10)

    def salesforce(self) -> httpx.Client:
        trust = ssl.create_default_context(cafile=str(self.credentials.ca_bundle))
        return httpx.Client(base_url=self.addresses.salesforce_url, verify=trust, timeout=10)

    def freebit(self) -> httpx.Client:
        return httpx.Client(base_url=f"http://127.0.0.1:{self.addresses.freebit_port}", timeout=10)

    def reset(self) -> None:
        """Every emulator back to the demo world, faults cleared."""
        for client in (self.whmcs(), self.salesforce(), self.freebit()):
            with client:
                client.post("/_sandbox/reset").raise_for_status()


@contextlib.contextmanager
def running_sandbox(directory: Path, *, webhook_url: str | None = None) -> Iterator[RunningSandbox]:
    addresses = SandboxAddresses(whmcs_port=free_port(), salesforce_port=free_port(), freebit_port=free_port())
    credentials = write_sandbox_credentials(directory)
    whmcs = create_whmcs(config=WhmcsEmulatorConfig(system_url=addresses.whmcs_url, webhook_url=webhook_url))
    salesforce = create_salesforce(
        config=EmulatorConfig(
            jwt_certificate_path=str(credentials.jwt_certificate),
            instance_url=addresses.salesforce_url,
            ca_certificate_path=str(credentials.ca_bundle),
        )
    )
    with (
        serve_in_thread(whmcs, port=addresses.whmcs_port),
        serve_in_thread(
            salesforce,
            port=addresses.salesforce_port,
            ssl_certfile=str(credentials.server_cert),
            ssl_keyfile=str(credentials.server_key),
        ),
        serve_in_thread(create_freebit(), port=addresses.freebit_port),
    ):
        yield RunningSandbox(addresses, credentials)

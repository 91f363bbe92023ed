"""`portal sandbox`: the three emulators and the mail catcher in one process, each on its own port, stopped
together."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from sandbox.freebit.app import create_app as create_freebit
from sandbox.mail.app import create_app as create_mail_control
from sandbox.mail.catcher import MailCatcher, serve_smtp
from sandbox.salesforce.app import create_app as create_salesforce
from sandbox.salesforce.config import EmulatorConfig
from sandbox.salesforce.tls import SandboxCredentials, sandbox_credentials
from sandbox.whmcs.app import create_app as create_whmcs
from sandbox.whmcs.config import WhmcsEmulatorConfig


@dataclass(frozen=True)
class SandboxAddresses:
    host: str = "127.0.0.1"
    whmcs_port: int = 8101
    salesforce_port: int = 8102
    freebit_port: int = 8103
    mail_port: int = 8104  # the mail catcher's control API (HTTP)
    smtp_port: int = 8025  # the mail catcher's SMTP server

    @property
    def whmcs_url(self) -> str:
        return f"http://{self.host}:{self.whmcs_port}/"

    @property
    def salesforce_url(self) -> str:
        return f"https://{self.host}:{self.salesforce_port}"

    @property
    def freebit_url(self) -> str:
        return f"http://{self.host}:{self.freebit_port}/emptool/api/"

    @property
    def mail_url(self) -> str:
        """Where the received mail is listed."""
        return f"http://{self.host}:{self.mail_port}/_sandbox/messages"


class _QuietServer(uvicorn.Server):
    """Several servers share one loop: signals are handled once, by the runner, for all of them."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def portal_environment(addresses: SandboxAddresses, credentials: SandboxCredentials) -> dict[str, str]:
    """The PORTAL_* variables that point the service at this sandbox."""
    return {
        "PORTAL_WHMCS_URL": addresses.whmcs_url,
        "PORTAL_SALESFORCE_LOGIN_URL": addresses.salesforce_url,
        "PORTAL_SALESFORCE_CA_BUNDLE": str(credentials.ca_bundle),
        "PORTAL_FREEBIT_URL": addresses.freebit_url,
        "PORTAL_SMTP_HOST": addresses.host,
        "PORTAL_SMTP_PORT": str(addresses.smtp_port),
    }


def credentials_in(state_dir: Path) -> SandboxCredentials:
    """The TLS and JWT material under `state_dir`, kept across restarts (a CA once trusted stays valid)."""
    return sandbox_credentials(state_dir / "tls")


async def serve_sandbox(
    addresses: SandboxAddresses, credentials: SandboxCredentials, *, webhook_url: str | None = None
) -> None:
    catcher = MailCatcher()
    smtp = await serve_smtp(catcher, addresses.host, addresses.smtp_port)
    apps = [
        (
            create_whmcs(config=WhmcsEmulatorConfig(system_url=addresses.whmcs_url, webhook_url=webhook_url)),
            addresses.whmcs_port,
            None,
        ),
        (
            create_salesforce(
                config=EmulatorConfig(
                    jwt_certificate_path=str(credentials.jwt_certificate),
                    instance_url=addresses.salesforce_url,
                    ca_certificate_path=str(credentials.ca_bundle),
                )
            ),
            addresses.salesforce_port,
            credentials,
        ),
        (create_freebit(), addresses.freebit_port, None),
        (create_mail_control(catcher), addresses.mail_port, None),
    ]
    servers = [
        _QuietServer(
            uvicorn.Config(
                app,
                host=addresses.host,
                port=port,
                log_level="warning",
                lifespan="on",
                # The streaming emulator holds long polls for up to 110 s; do not wait for them on shutdown.
                timeout_graceful_shutdown=2,
                ssl_certfile=str(tls.server_cert) if tls else None,
                ssl_keyfile=str(tls.server_key) if tls else None,
            )
        )
        for app, port, tls in apps
    ]
    loop = asyncio.get_running_loop()

    def stop() -> None:
        for server in servers:
            server.should_exit = True

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop)
    try:
        await asyncio.gather(*(server.serve() for server in servers))
    finally:
        smtp.close()
        await smtp.wait_closed()

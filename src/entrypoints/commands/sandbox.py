from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from entrypoints.logging import configure_logging
from sandbox.runner import SandboxAddresses, credentials_in, portal_environment, serve_sandbox
from sandbox.salesforce.tls import SandboxCredentials, ca_fingerprint


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = SandboxAddresses()
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--whmcs-port", type=int, default=defaults.whmcs_port)
    parser.add_argument("--salesforce-port", type=int, default=defaults.salesforce_port)
    parser.add_argument("--freebit-port", type=int, default=defaults.freebit_port)
    parser.add_argument("--mail-port", type=int, default=defaults.mail_port, help="mail catcher's control API")
    parser.add_argument("--smtp-port", type=int, default=defaults.smtp_port, help="mail catcher's SMTP server")
    parser.add_argument(
        "--state-dir", type=Path, default=Path(".sandbox"), help="where the local CA and keys go (kept across runs)"
    )
    parser.add_argument("--webhook-url", help="where the WHMCS emulator posts its signed webhooks")
    parser.add_argument(
        "--print-ca", action="store_true", help="print the CA certificate (PEM) to trust for the Salesforce emulator"
    )


def guide(addresses: SandboxAddresses, credentials: SandboxCredentials) -> list[str]:
    """What `portal sandbox` tells whoever starts it: addresses, control APIs, the CA to trust, how to reset."""
    whmcs_control = f"{addresses.whmcs_url}_sandbox"
    salesforce_control = f"{addresses.salesforce_url}/_sandbox"
    freebit_control = f"http://{addresses.host}:{addresses.freebit_port}/_sandbox"
    lines = [
        "Sandbox emulators (never use in production):",
        f"  WHMCS       {addresses.whmcs_url}includes/api.php   control: {whmcs_control}/",
        f"  Salesforce  {addresses.salesforce_url}   control: {salesforce_control}/",
        f"  Freebit     {addresses.freebit_url}   control: {freebit_control}/",
        f"  Mail        smtp://{addresses.host}:{addresses.smtp_port}   read it: {addresses.mail_url}",
        "Control APIs (OpenAPI): "
        + "  ".join(f"{url}/openapi.json" for url in (whmcs_control, salesforce_control, freebit_control)),
        f"Salesforce TLS CA to trust: {credentials.ca_bundle}",
        f"  SHA-256 {ca_fingerprint(credentials)}",
        f"  also served at {salesforce_control}/ca.pem   (or: portal sandbox --print-ca)",
        f"  Node tools: export NODE_EXTRA_CA_CERTS={credentials.ca_bundle}",
        "Reset to the demo world between tests: POST <control>/reset on each emulator",
        "Point the portal at them with:",
    ]
    lines += [f"  export {name}={value}" for name, value in portal_environment(addresses, credentials).items()]
    return lines


def run(args: argparse.Namespace) -> int:
    credentials = credentials_in(args.state_dir)
    if args.print_ca:
        sys.stdout.write(credentials.ca_bundle.read_text())
        return 0
    configure_logging("INFO", "auto")
    addresses = SandboxAddresses(
        args.host, args.whmcs_port, args.salesforce_port, args.freebit_port, args.mail_port, args.smtp_port
    )
    for line in guide(addresses, credentials):
        print(line, flush=True)
    asyncio.run(serve_sandbox(addresses, credentials, webhook_url=args.webhook_url))
    return 0

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from entrypoints.logging import configure_logging
from sandbox.runner import SandboxAddresses, credentials_in, portal_environment, serve_sandbox


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = SandboxAddresses()
    parser.add_argument("--host", default=defaults.host)
    parser.add_argument("--whmcs-port", type=int, default=defaults.whmcs_port)
    parser.add_argument("--salesforce-port", type=int, default=defaults.salesforce_port)
    parser.add_argument("--freebit-port", type=int, default=defaults.freebit_port)
    parser.add_argument("--state-dir", type=Path, default=Path(".sandbox"), help="where the local CA and keys go")
    parser.add_argument("--webhook-url", help="where the WHMCS emulator posts its signed webhooks")


def run(args: argparse.Namespace) -> int:
    configure_logging("INFO", "auto")
    addresses = SandboxAddresses(args.host, args.whmcs_port, args.salesforce_port, args.freebit_port)
    credentials = credentials_in(args.state_dir)
    print("Sandbox emulators (never use in production):", flush=True)
    print(f"  WHMCS       {addresses.whmcs_url}includes/api.php   control: {addresses.whmcs_url}_sandbox/", flush=True)
    print(f"  Salesforce  {addresses.salesforce_url}   control: {addresses.salesforce_url}/_sandbox/", flush=True)
    print(f"  Freebit     {addresses.freebit_url}   control: http://{args.host}:{args.freebit_port}/_sandbox/")
    print("Point the portal at them with:", flush=True)
    for name, value in portal_environment(addresses, credentials).items():
        print(f"  export {name}={value}", flush=True)
    asyncio.run(serve_sandbox(addresses, credentials, webhook_url=args.webhook_url))
    return 0

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from entrypoints.tour.runner import run_tour
from sandbox.runner import SandboxAddresses


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = SandboxAddresses()
    parser.add_argument("--api", default="http://127.0.0.1:8000", help="the running demo's API URL")
    parser.add_argument("--salesforce-port", type=int, default=defaults.salesforce_port)
    parser.add_argument("--mail-port", type=int, default=defaults.mail_port, help="the mail catcher's control API")
    parser.add_argument("--state-dir", type=Path, default=Path(".portal-demo"), help="the demo's state directory")


def run(args: argparse.Namespace) -> int:
    sandbox = SandboxAddresses(salesforce_port=args.salesforce_port, mail_port=args.mail_port)
    ca_bundle = str((args.state_dir / "tls" / "sandbox-ca.pem").resolve())
    return asyncio.run(run_tour(args.api.rstrip("/"), sandbox, ca_bundle=ca_bundle))

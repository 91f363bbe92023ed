from __future__ import annotations

import argparse
import asyncio
import sys

from entrypoints.cdc.runner import consume
from entrypoints.logging import configure_logging
from entrypoints.settings_loader import load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--holder", help="this consumer's name in the channel leases (default: host:pid:random)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    if settings.adapters != "real":
        print("portal cdc needs the real stores (PORTAL_ADAPTERS=real): leases and read models live in Redis.",
              file=sys.stderr)  # fmt: skip
        return 2
    return asyncio.run(consume(settings, holder=args.holder))

from __future__ import annotations

import argparse
import asyncio

from adapters.postgres import migrate
from adapters.postgres.database import ensure_database
from entrypoints.logging import configure_logging
from entrypoints.settings_loader import load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--revision", default="head", help="target revision (default: head)")
    parser.add_argument("--downgrade", action="store_true", help="go down to --revision instead of up")
    parser.add_argument("--create-database", action="store_true", help="create the database first if missing")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    dsn = settings.database_url.reveal()
    if args.create_database:
        asyncio.run(ensure_database(dsn))
    if args.downgrade:
        migrate.downgrade(dsn, args.revision)
    else:
        migrate.upgrade(dsn, args.revision)
    return 0

"""`portal admin <group> <action>`: operators' commands against the configured Postgres and Redis.

Exit status: 0 done, 1 refused (bad input, unknown record) or a dependency down (nothing half-done: run it
again), 2 a configuration problem.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from application.errors import ApplicationError
from application.operations.audit import AUDIT_LOGGER
from entrypoints.admin.actions import ACTIONS
from entrypoints.admin.render import as_json, as_text
from entrypoints.http.catalog.documents import PublicCatalogDocuments
from entrypoints.ioc.container import build_container
from entrypoints.logging import configure_logging
from entrypoints.settings_loader import load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    groups = parser.add_subparsers(dest="group", required=True, metavar="GROUP")
    for group in dict.fromkeys(action.group for action in ACTIONS):
        sub = groups.add_parser(group).add_subparsers(dest="action", required=True, metavar="ACTION")
        for action in (a for a in ACTIONS if a.group == group):
            command = sub.add_parser(action.name, help=action.summary, description=action.summary)
            for flags, options in action.arguments:
                command.add_argument(*flags, **options)
            command.set_defaults(admin_action=action)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    # stderr carries the audit line of the action and any warning, nothing chattier: it is what gets kept.
    configure_logging("WARNING", "json" if settings.log_format == "auto" else settings.log_format)
    logging.getLogger(AUDIT_LOGGER).setLevel(logging.INFO)
    try:
        result = asyncio.run(_run(args))
    except ApplicationError as error:
        print(f"{error.code}: {error.message}", file=sys.stderr)
        return 1
    print(as_json(result) if args.json else as_text(result))
    return 0


async def _run(args: argparse.Namespace) -> object:
    # The catalog resync builds the public documents, so it needs their format (as the consumer does).
    container = build_container(load_settings(), PublicCatalogDocuments())
    try:
        async with container() as request:
            return await args.admin_action.run(request, args)
    finally:
        await container.close()

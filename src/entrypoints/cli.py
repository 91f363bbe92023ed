"""`portal <command>`: one code base, several processes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from entrypoints.commands import admin, cdc, demo, migrate, openapi, sandbox, serve, tour, worker
from entrypoints.settings_loader import SettingsError

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "demo": ("run the whole portal against the emulators, with demo logins", demo.add_arguments, demo.run),
    "tour": ("walk every customer journey against a running demo", tour.add_arguments, tour.run),
    "serve": ("run the HTTP API", serve.add_arguments, serve.run),
    "migrate": ("apply database migrations (Alembic)", migrate.add_arguments, migrate.run),
    "sandbox": (
        "run the WHMCS, Salesforce and Freebit emulators (development only)",
        sandbox.add_arguments,
        sandbox.run,
    ),
    "worker": ("run durable jobs and sweeps (procrastinate)", worker.add_arguments, worker.run),
    "cdc": ("consume Salesforce change events into the read models", cdc.add_arguments, cdc.run),
    "admin": (
        "operators' commands: read models, caches, stuck work, SIM quarantine, CDC positions",
        admin.add_arguments,
        admin.run,
    ),
    "openapi": (
        "print the API's OpenAPI document (for client generators and linters)",
        openapi.add_arguments,
        openapi.run,
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="portal", description="Customer portal BFF")
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, add_arguments, run) in COMMANDS.items():
        sub = subcommands.add_parser(name, help=summary, description=summary)
        add_arguments(sub)
        sub.set_defaults(run=run)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

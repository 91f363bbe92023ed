"""`portal demo`: the emulators, migrations, the API and the worker on one machine, with demo logins."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from pathlib import Path

from redis.asyncio import Redis
from sqlalchemy.engine import make_url

from adapters.postgres.database import drop_database
from entrypoints.demo.banner import banner
from entrypoints.demo.processes import Supervisor
from entrypoints.demo.readiness import wait_until_answering
from entrypoints.demo.stores import postgres_reachable, redis_reachable
from entrypoints.settings_loader import load_settings
from entrypoints.tour.runner import run_tour
from sandbox.runner import SandboxAddresses

PORTAL = [sys.executable, "-m", "entrypoints.cli"]
DEMO_DATABASE = "portal_demo"
DEMO_REDIS = "redis://127.0.0.1:6379/2"


async def start_afresh(dsn: str, redis_url: str) -> None:
    name = make_url(dsn).database or ""
    if "demo" not in name:
        raise SystemExit(f"refusing to reset database {name!r}: the demo only resets databases named *demo*")
    await drop_database(dsn)
    client = Redis.from_url(redis_url)
    try:
        await client.flushdb()
    finally:
        await client.aclose()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = SandboxAddresses()
    parser.add_argument("--api-port", type=int, default=8000)
    parser.add_argument("--whmcs-port", type=int, default=defaults.whmcs_port)
    parser.add_argument("--salesforce-port", type=int, default=defaults.salesforce_port)
    parser.add_argument("--freebit-port", type=int, default=defaults.freebit_port)
    parser.add_argument("--state-dir", type=Path, default=Path(".portal-demo"), help="local CA, keys")
    parser.add_argument("--memory", action="store_true", help="use in-memory stores even if Postgres/Redis answer")
    parser.add_argument("--tour", action="store_true", help="walk every journey once the demo is ready")


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_demo(args))


async def _demo(args: argparse.Namespace) -> int:
    settings = load_settings()
    database = make_url(settings.database_url.reveal())
    if database.database in (None, "portal"):
        database = database.set(database=DEMO_DATABASE)
    dsn = database.render_as_string(hide_password=False)
    redis_url = os.environ.get("PORTAL_REDIS_URL", DEMO_REDIS)
    use_real = not args.memory and await postgres_reachable(dsn) and await redis_reachable(redis_url)
    if use_real:
        # The emulators start from the demo world every time, so the portal's own stores must too.
        await start_afresh(dsn, redis_url)
    sandbox = SandboxAddresses("127.0.0.1", args.whmcs_port, args.salesforce_port, args.freebit_port)
    api_url = f"http://127.0.0.1:{args.api_port}"
    state_dir = args.state_dir.resolve()
    env = {
        "PORTAL_ADAPTERS": "real" if use_real else "memory",
        "PORTAL_DATABASE_URL": dsn,
        "PORTAL_REDIS_URL": redis_url,
        "PORTAL_WHMCS_URL": sandbox.whmcs_url,
        "PORTAL_SALESFORCE_LOGIN_URL": sandbox.salesforce_url,
        "PORTAL_SALESFORCE_CA_BUNDLE": str(state_dir / "tls" / "sandbox-ca.pem"),
        "PORTAL_FREEBIT_URL": sandbox.freebit_url,
        "PORTAL_SESSION_COOKIE_SECURE": "false",  # plain HTTP on localhost
        "PORTAL_DEMO_SEED_LOGINS": "true",
        "PORTAL_LOG_FORMAT": "console",
        "PYTHONUNBUFFERED": "1",
    }
    stores = f"Postgres {database.database} + Redis" if use_real else "in memory (Postgres or Redis did not answer)"
    skipped = (
        []
        if use_real
        else [
            "worker: durable jobs need Postgres (in-memory stores live inside one process)",
            "cdc: change events need the shared Redis read models (catalog changes show after a restart)",
        ]
    )
    supervisor = Supervisor()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        print(f"Starting the portal demo ({stores}) ...", flush=True)
        sandbox_argv = [
            *PORTAL, "sandbox", "--whmcs-port", str(args.whmcs_port), "--salesforce-port", str(args.salesforce_port),
            "--freebit-port", str(args.freebit_port), "--state-dir", str(state_dir),
            "--webhook-url", f"{api_url}/api/webhooks/whmcs",
        ]  # fmt: skip
        await supervisor.start("sandbox", sandbox_argv, env)
        await wait_until_answering(f"{sandbox.whmcs_url}_sandbox/state")
        await wait_until_answering(
            f"{sandbox.salesforce_url}/_sandbox/seed", ca_bundle=env["PORTAL_SALESFORCE_CA_BUNDLE"]
        )
        if use_real and await supervisor.run_to_end("migrate", [*PORTAL, "migrate", "--create-database"], env) != 0:
            print("Migrations failed; stopping.", flush=True)
            return 1
        await supervisor.start("api", [*PORTAL, "serve", "--port", str(args.api_port)], env)
        if use_real:
            await supervisor.start("worker", [*PORTAL, "worker"], env)
            await supervisor.start("cdc", [*PORTAL, "cdc"], env)
        await wait_until_answering(f"{api_url}/api/health/ready", within_seconds=90)
        print(banner(api_url, sandbox, stores=stores, skipped=skipped), flush=True)
        if args.tour:
            outcome = await run_tour(api_url, sandbox, ca_bundle=env["PORTAL_SALESFORCE_CA_BUNDLE"])
            print(f"Tour finished: {'every built step succeeded' if outcome == 0 else 'a built step FAILED'}.")
        crashed = asyncio.create_task(supervisor.first_exit())
        stopped = asyncio.create_task(stop.wait())
        done, _ = await asyncio.wait({crashed, stopped}, return_when=asyncio.FIRST_COMPLETED)
        if crashed in done:
            print(f"{crashed.result().name} stopped unexpectedly; shutting the demo down.", flush=True)
            return 1
        crashed.cancel()
        return 0
    finally:
        print("Stopping ...", flush=True)
        await supervisor.stop_all()
        print("Demo stopped.", flush=True)

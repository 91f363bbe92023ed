"""`portal demo`: the emulators, migrations, the API, the worker and the consumer on one machine, with demo logins."""

from __future__ import annotations

import argparse
import asyncio
import signal
import socket
import sys
from pathlib import Path

from application.cdc.channels import ORDER
from entrypoints.demo.banner import WebAddress, banner
from entrypoints.demo.edge import INSTALL_NGINX, WEB_DIST, nginx_binary, write_edge_config
from entrypoints.demo.plan import DemoPlan, plan_demo
from entrypoints.demo.processes import Supervisor
from entrypoints.demo.readiness import wait_until_answering, wait_until_consuming
from entrypoints.settings_loader import load_settings
from entrypoints.tour.runner import run_tour
from sandbox.runner import SandboxAddresses

PORTAL = [sys.executable, "-m", "entrypoints.cli"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = SandboxAddresses()
    parser.add_argument("--api-port", type=int, default=8000)
    parser.add_argument("--web-port", type=int, default=8080, help="the frontend, through nginx (when installed)")
    parser.add_argument("--whmcs-port", type=int, default=defaults.whmcs_port)
    parser.add_argument("--salesforce-port", type=int, default=defaults.salesforce_port)
    parser.add_argument("--freebit-port", type=int, default=defaults.freebit_port)
    parser.add_argument("--mail-port", type=int, default=defaults.mail_port, help="mail catcher's control API")
    parser.add_argument("--smtp-port", type=int, default=defaults.smtp_port, help="mail catcher's SMTP server")
    parser.add_argument("--state-dir", type=Path, default=Path(".portal-demo"), help="local CA, keys")
    parser.add_argument("--memory", action="store_true", help="use in-memory stores even if Postgres/Redis answer")
    parser.add_argument("--tour", action="store_true", help="walk every journey once the demo is ready")


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_demo(args, args.state_dir.resolve()))


async def _demo(args: argparse.Namespace, state_dir: Path) -> int:
    sandbox = SandboxAddresses(
        "127.0.0.1", args.whmcs_port, args.salesforce_port, args.freebit_port, args.mail_port, args.smtp_port
    )
    plan = await plan_demo(
        load_settings(), api_port=args.api_port, sandbox=sandbox, state_dir=state_dir, force_memory=args.memory,
        web_port=args.web_port,
    )  # fmt: skip
    supervisor = Supervisor()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        print(f"Starting the portal demo ({plan.stores}) ...", flush=True)
        if not await _start(supervisor, plan):
            return 1
        web = await _start_web(supervisor, plan)
        print(banner(plan.api_url, sandbox, stores=plan.stores, skipped=plan.not_started, web=web), flush=True)
        if args.tour:
            outcome = await run_tour(plan.api_url, sandbox, ca_bundle=plan.ca_bundle)
            verdict = "every step that can run here succeeded" if outcome == 0 else "a built step FAILED"
            print(f"Tour finished: {verdict}.", flush=True)
        return await _until_stopped(supervisor, stop)
    finally:
        print("Stopping ...", flush=True)
        await supervisor.stop_all()
        print("Demo stopped.", flush=True)


async def _start(supervisor: Supervisor, plan: DemoPlan) -> bool:
    sandbox, env = plan.sandbox, plan.env
    sandbox_argv = [
        *PORTAL, "sandbox", "--whmcs-port", str(sandbox.whmcs_port), "--salesforce-port", str(sandbox.salesforce_port),
        "--freebit-port", str(sandbox.freebit_port), "--mail-port", str(sandbox.mail_port),
        "--smtp-port", str(sandbox.smtp_port), "--state-dir", str(plan.state_dir),
        "--webhook-url", f"{plan.api_url}/api/webhooks/whmcs",
    ]  # fmt: skip
    await supervisor.start("sandbox", sandbox_argv, env)
    await wait_until_answering(f"{sandbox.whmcs_url}_sandbox/state")
    await wait_until_answering(f"{sandbox.salesforce_url}/_sandbox/seed", ca_bundle=plan.ca_bundle)
    if plan.use_real and await supervisor.run_to_end("migrate", [*PORTAL, "migrate", "--create-database"], env):
        print("Migrations failed; stopping.", flush=True)
        return False
    await supervisor.start("api", [*PORTAL, "serve", "--port", str(plan.api_port)], env)
    if plan.use_real:
        await supervisor.start("worker", [*PORTAL, "worker"], env)
        await supervisor.start("cdc", [*PORTAL, "cdc"], env)
    await wait_until_answering(f"{plan.api_url}/api/health/ready", within_seconds=90)
    if plan.use_real:  # orders activate only once the consumer listens
        await wait_until_consuming(plan.api_url, ORDER)
    return True


async def _start_web(supervisor: Supervisor, plan: DemoPlan) -> WebAddress:
    """The frontend behind the shipped edge configuration (nginx), or why it is not there."""
    binary = nginx_binary()
    if binary is None:
        return WebAddress(None, f"nginx is not installed ({INSTALL_NGINX})")
    if not (WEB_DIST / "index.html").exists():
        return WebAddress(None, "the frontend is not built (scripts/web-build.sh)")
    if not port_is_free(plan.web_port):  # nginx would exit at once, and the demo with it
        return WebAddress(None, f"port {plan.web_port} is in use (choose another with --web-port)")
    config = write_edge_config(
        plan.state_dir / "edge", binary=binary, listen_port=plan.web_port,
        upstreams=[f"127.0.0.1:{plan.api_port}"], web_root=WEB_DIST,
    )  # fmt: skip
    if await supervisor.run_to_end("web", config.check, {}):
        return WebAddress(None, "nginx refused its configuration (above)")
    await supervisor.start("web", config.foreground, {})
    await wait_until_answering(f"{config.url}/edge-health")
    return WebAddress(config.url, "")


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


async def _until_stopped(supervisor: Supervisor, stop: asyncio.Event) -> int:
    """0 when asked to stop; 1 when a child died on its own (the user must hear about it)."""
    crashed = asyncio.create_task(supervisor.first_exit())
    stopped = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait({crashed, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if crashed in done:
        print(f"{crashed.result().name} stopped unexpectedly; shutting the demo down.", flush=True)
        return 1
    crashed.cancel()
    return 0

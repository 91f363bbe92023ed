from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import uvicorn

from entrypoints.http.metrics import MULTIPROCESS_DIR
from entrypoints.settings import Settings
from entrypoints.settings_loader import load_settings

APP_FACTORY = "entrypoints.http.app:create_app"
DEMO_APP_FACTORY = "entrypoints.demo.api:create_demo_app"  # the same app, seeding the demo world at start-up


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="bind address (default: PORTAL_HTTP_HOST)")
    parser.add_argument("--port", type=int, help="port (default: PORTAL_HTTP_PORT)")
    parser.add_argument("--workers", type=int, help="worker processes (default: PORTAL_HTTP_WORKERS)")


def app_factory(settings: Settings) -> str:
    """uvicorn's `--factory` target; each worker process loads its settings again."""
    return DEMO_APP_FACTORY if settings.demo_seed_logins else APP_FACTORY


def prepare_metrics(workers: int) -> None:
    """More than one worker: prometheus-client's multiprocess mode, in a directory emptied at start (the workers,
    spawned afresh, read it from the environment before they import prometheus-client)."""
    if workers <= 1:
        return
    directory = Path(os.environ.get(MULTIPROCESS_DIR) or tempfile.mkdtemp(prefix="portal-metrics-"))
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROCESS_DIR] = str(directory)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()  # fail here, listing every problem, before any worker starts
    workers = args.workers or settings.http_workers
    prepare_metrics(workers)
    uvicorn.run(
        app_factory(settings),
        factory=True,
        host=args.host or settings.http_host,
        port=args.port or settings.http_port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        log_config=None,
        access_log=False,
        proxy_headers=False,  # the client IP comes only from the configured trusted proxy header
        server_header=False,
    )
    return 0

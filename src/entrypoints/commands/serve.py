from __future__ import annotations

import argparse

import uvicorn

from entrypoints.settings_loader import load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="bind address (default: PORTAL_HTTP_HOST)")
    parser.add_argument("--port", type=int, help="port (default: PORTAL_HTTP_PORT)")
    parser.add_argument("--workers", type=int, help="worker processes (default: PORTAL_HTTP_WORKERS)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()  # fail here, listing every problem, before any worker starts
    uvicorn.run(
        "entrypoints.http.app:create_app_from_environment",
        factory=True,
        host=args.host or settings.http_host,
        port=args.port or settings.http_port,
        workers=args.workers or settings.http_workers,
        loop="uvloop",
        http="httptools",
        log_config=None,
        access_log=False,
        proxy_headers=False,  # the client IP comes only from the configured trusted proxy header
        server_header=False,
    )
    return 0

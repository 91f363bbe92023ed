from __future__ import annotations

import argparse
import asyncio

from entrypoints.ioc.container import build_container
from entrypoints.logging import configure_logging
from entrypoints.settings_loader import load_settings
from entrypoints.worker.app import build_job_app

QUEUES = ("maintenance", "fulfilment", "sims", "mail", "cancellations")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--concurrency", type=int, default=4, help="jobs run at once by this process (default 4)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    asyncio.run(_work(args.concurrency))
    return 0


async def _work(concurrency: int) -> None:
    settings = load_settings()
    container = build_container(settings)
    app = build_job_app(settings)
    try:
        async with app.open_async():
            await app.run_worker_async(
                queues=list(QUEUES),
                concurrency=concurrency,
                additional_context={"container": container},
                install_signal_handlers=True,
                update_heartbeat_interval=settings.worker_heartbeat_seconds,
                stalled_worker_timeout=settings.worker_stalled_after_seconds,
            )
    finally:
        await container.close()

"""`portal cdc`: consume the Salesforce change stream into the read models until SIGTERM/SIGINT.

Run as many as you like: each channel is led by one of them (a lease in Redis); the others stand by and take
over within `PORTAL_CDC_LEASE_TTL_SECONDS` when a leader dies (at once when it stops cleanly).
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import socket

from application.cdc.consumer import CdcConsumer, channels_of
from application.cdc.policy import ConsumerPolicy
from application.cdc.stores import ConsumerStores
from application.errors import UpstreamConfigurationError
from application.ports.change_handlers import ChangeHandler
from application.ports.clock import Clock
from entrypoints.http.catalog.documents import PublicCatalogDocuments
from entrypoints.ioc.container import build_container
from entrypoints.settings import Settings

log = logging.getLogger("portal.cdc")


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


async def consume(settings: Settings, *, holder: str | None = None) -> int:
    # The consumer rebuilds the catalog after a change, so it writes the public documents in the API's format.
    container = build_container(settings, PublicCatalogDocuments())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        handlers = await container.get(list[ChangeHandler])
        consumer = CdcConsumer(
            handlers,
            stores=await container.get(ConsumerStores),
            clock=await container.get(Clock),
            holder=holder or holder_id(),
            policy=ConsumerPolicy(
                lease_ttl_ms=int(settings.cdc_lease_ttl_seconds * 1000),
                renew_seconds=max(0.2, settings.cdc_lease_ttl_seconds / 3),
                acquire_seconds=max(0.2, settings.cdc_lease_ttl_seconds / 6),
                cold_start_settle_seconds=settings.cdc_cold_start_settle_seconds,
            ),
        )
        log.info("cdc consumer starting on %s", ", ".join(channels_of(handlers)))
        await consumer.run(stop)
        log.info("cdc consumer stopped")
        return 0
    except UpstreamConfigurationError as error:
        log.error("cdc consumer cannot run: %s", error)
        return 1
    finally:
        await container.close()

"""How a channel's leader meets failures: its own steps are retried until they succeed, lease calls are not."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from application.cdc.policy import ConsumerPolicy
from application.errors import UpstreamConfigurationError

log = logging.getLogger("application.cdc.channel_consumer")


async def retrying(
    channel: str,
    what: str,
    call: Callable[[], Awaitable[object]],
    policy: ConsumerPolicy,
    sleep: Callable[[float], Awaitable[None]],
) -> object:
    """Until it succeeds, backing off; what retrying cannot fix (`UpstreamConfigurationError`) is raised."""
    delay = policy.retry_initial_seconds
    while True:
        try:
            return await call()
        except UpstreamConfigurationError:
            raise
        except Exception as error:
            log.warning(
                "%s on %s failed (%s: %s); retrying in %.1fs", what, channel, type(error).__name__, error, delay
            )
            await sleep(delay)
            delay = min(delay * 2, policy.retry_max_seconds)


async def answered(channel: str, call: Awaitable[bool]) -> bool:
    """A lease store call; a failure is "no" (not leader, not renewed, nothing pending)."""
    try:
        return await call
    except Exception as error:
        log.warning("lease store failed for %s: %s", channel, error)
        return False

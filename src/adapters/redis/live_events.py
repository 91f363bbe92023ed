"""Live events on Redis: a capped stream per account (the replay window) and one pub/sub channel for every API
process (the fan-out).

Publishing is one script on the account's stream key: XADD with an exact MAXLEN (the window), the key's expiry
pushed back, and a PUBLISH of "account|id|type|json" — so an event is never heard without being kept, and every
process hears it whatever node of a cluster ran the script (classic PUBLISH reaches all of them). A replay reads
the oldest kept id and what follows the client's id in one MULTI on that key: when the client's id is older than
the oldest kept, events may have been trimmed, and the answer says "incomplete" (the client resyncs).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from typing import Any

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient, subscriber
from adapters.redis.keys import as_text
from application.live.policy import LivePolicy
from application.ports.live_events import LiveEvent, LiveEventsUnavailableError, Replay, event_order

PUBLISH = """
local id = redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[1], '*', 't', ARGV[2], 'd', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6] .. '|' .. id .. '|' .. ARGV[2] .. '|' .. ARGV[3])
return id
"""


class RedisLiveEvents:
    def __init__(self, redis: RedisClient, policy: LivePolicy) -> None:
        self._redis = redis
        self._publish = redis.register_script(PUBLISH)
        self._window = policy.replay_events
        self._keep_ms = int(policy.replay_keep_hours * 3600 * 1000)

    async def publish(self, sf_account_id: str, event_type: str, data: Mapping[str, str]) -> str:
        encoded = json.dumps(dict(data), separators=(",", ":"), sort_keys=True)
        args: list[str | int] = [self._window, event_type, encoded, self._keep_ms, keys.LIVE_CHANGES, sf_account_id]
        try:
            return as_text(await self._publish(keys=[keys.live_events(sf_account_id)], args=args))
        except (RedisError, OSError) as error:
            raise LiveEventsUnavailableError(type(error).__name__) from error

    async def since(self, sf_account_id: str, last_event_id: str) -> Replay:
        key = keys.live_events(sf_account_id)
        valid = _valid(last_event_id)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.xrange(key, "-", "+", count=1)
                pipe.xrevrange(key, "+", "-", count=1)
                if valid:
                    pipe.xrange(key, f"({last_event_id}", "+", count=self._window)
                found = await pipe.execute()
        except (RedisError, OSError) as error:
            raise LiveEventsUnavailableError(type(error).__name__) from error
        oldest, newest, after = found[0], found[1], found[2] if valid else []
        head = as_text(newest[0][0]) if newest else None
        if not oldest or not valid or event_order(last_event_id) < event_order(as_text(oldest[0][0])):
            # Nothing kept (expired), an id not ours, or one older than the window: what follows it may be gone.
            return Replay(events=(), complete=False, head=head)
        return Replay(events=tuple(_event(entry) for entry in after), complete=True, head=head)

    async def listen(self) -> AsyncIterator[tuple[str, LiveEvent] | None]:
        try:
            async with await subscriber(self._redis) as pubsub:
                await pubsub.subscribe(keys.LIVE_CHANGES)
                await pubsub.get_message(timeout=1.0)  # the confirmation: from here on, every PUBLISH reaches us
                yield None
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        account, event_id, event_type, data = as_text(message["data"]).split("|", 3)
                        yield account, LiveEvent(id=event_id, type=event_type, data=json.loads(data))
        except (RedisError, OSError) as error:
            raise LiveEventsUnavailableError(type(error).__name__) from error


def _valid(event_id: str) -> bool:
    return event_order(event_id) >= (0, 0)


def _event(entry: Any) -> LiveEvent:
    event_id, fields = entry
    values = {as_text(k): as_text(v) for k, v in fields.items()}
    return LiveEvent(id=as_text(event_id), type=values["t"], data=json.loads(values["d"]))

"""Every Redis key the service writes is built here, so the key space is documented (and checked) in one place.

The Cluster rule: every key is `portal:<kind>:{<hash tag>}...`. Redis Cluster places a key by its hash tag
alone, so keys one script or transaction touches together must share a tag (they then live in one slot), and
keys that are never touched together get tags of their own (they then spread over the cluster). A single Redis
ignores the tags. `tests/unit/test_redis_keys.py` checks every builder below; `tests/contract/redis` runs every
script and transaction against a real 3-master cluster, which refuses a cross-slot one.

What shares a tag:
- a read-model document with its generation, lease, applied-event markers and its shard's epoch (one script
  checks and sets them together); a family is spread over `READ_MODEL_SHARDS` tags by entity, and invalidating
  the whole family bumps the epoch of every shard;
- every attempt counter (`{attempts}`): one attempt is counted on several (per IP, per account) atomically, and
  attempts at secrets are few, so one slot is plenty.
Everything else stands alone (a session and its user's index are written in an order that needs no transaction).
"""

from __future__ import annotations

import hashlib
import zlib

PREFIX = "portal"
READ_MODEL_SHARDS = 16  # changing it only costs one rebuild of every read model (new keys, nothing stale read)
HELPERS = ("secret_digest", "as_text", "cache_key_of", "cache_pattern")  # not key builders


def secret_digest(secret: str) -> str:
    """Keys hold hashes of secrets (session ids, reset tokens), so a Redis dump cannot be replayed."""
    return hashlib.sha256(secret.encode()).hexdigest()


def as_text(value: bytes | str) -> str:
    """redis-py types replies as bytes-or-str (it depends on `decode_responses`); ours are bytes."""
    return value.decode() if isinstance(value, bytes) else value


def _key(kind: str, tag: str, *rest: str) -> str:
    return ":".join((f"{PREFIX}:{kind}:{{{tag}}}", *rest))


# -- identity ------------------------------------------------------------------------------------------------


def session(session_id: str) -> str:
    return session_by_digest(secret_digest(session_id))


def session_by_digest(digest: str) -> str:
    return _key("session", digest)


def session_caller(session_id: str) -> str:
    return session_caller_by_digest(secret_digest(session_id))


def session_caller_by_digest(digest: str) -> str:
    """Who the session's user is (user and link), beside the session in the same slot: one MGET reads both."""
    return _key("session-caller", digest)


def user_sessions(user_id: str) -> str:
    """The digests of a user's sessions (to end them all); written before the session itself."""
    return _key("user-sessions", user_id)


def reset_token(token: str) -> str:
    return reset_token_by_digest(secret_digest(token))


def reset_token_by_digest(digest: str) -> str:
    return _key("reset-token", digest)


def user_reset_token(user_id: str) -> str:
    return _key("user-reset-token", user_id)


def email_code(subject: str) -> str:
    """A get-started code (hash: digest, attempts) of one address (`subject`: a digest of it)."""
    return _key("email-code", subject)


def email_proof(digest: str) -> str:
    return _key("email-proof", digest)


def attempts(counter: str) -> str:
    """Attempts at a secret-checking action (`login:email:<hash>`, `login:ip:<address>`): a sorted set of tickets."""
    return _key("attempts", "attempts", counter)


def account_lock(name: str) -> str:
    return _key("lock", name)


# -- caches, receipts, limits --------------------------------------------------------------------------------


def cache(key: str) -> str:
    return _key("cache", key)


def cache_key_of(redis_key: bytes | str) -> str:
    """The cache key a `cache(...)` Redis key was built from."""
    return as_text(redis_key).removeprefix(f"{PREFIX}:cache:{{").removesuffix("}")


def cache_pattern(prefix: str) -> str:
    """A SCAN pattern matching every `cache(key)` whose key starts with `prefix`."""
    escaped = "".join(f"\\{c}" if c in "*?[]\\" else c for c in prefix)
    return f"{PREFIX}:cache:{{{escaped}*"


def webhook_receipt(source: str, delivery_id: str) -> str:
    # Hashed: the id is the sender's string, whatever its length or characters.
    return _key("webhook", f"{source}:{hashlib.sha256(delivery_id.encode()).hexdigest()}")


def public_rate_window(rule: str, identifier: str, window: int) -> str:
    return _key("rate", f"{rule}:{secret_digest(identifier)[:32]}:{window}")


# -- read models (catalog, eligibility, orders): see adapters.redis.read_model_store ---------------------------


def _shard(family: str, entity: str) -> str:
    return f"rm:{family}:{zlib.crc32(entity.encode()) % READ_MODEL_SHARDS}"


def read_model_epoch(family: str, entity: str) -> str:
    """The epoch of the entity's shard of the family (bumped, in every shard, by a whole-family invalidation)."""
    return _key("rm", _shard(family, entity), "epoch")


def read_model_epochs(family: str) -> list[str]:
    return [_key("rm", f"rm:{family}:{shard}", "epoch") for shard in range(READ_MODEL_SHARDS)]


def read_model_generation(family: str, entity: str) -> str:
    return _key("rm", _shard(family, entity), entity, "gen")


def read_model_lease(family: str, entity: str) -> str:
    return _key("rm", _shard(family, entity), entity, "lease")


def read_model_document(family: str, entity: str) -> str:
    return _key("rm", _shard(family, entity), entity, "doc")


def read_model_applied_event(family: str, entity: str, event: str) -> str:
    return _key("rm", _shard(family, entity), entity, "applied", secret_digest(event))


# Pub/sub: "family|entity|version" on every invalidation and fill. Classic PUBLISH reaches every subscriber on any
# node of a cluster, whichever node's script published it.
READ_MODEL_CHANGES = f"{PREFIX}:rm:changes"


# -- the CDC consumer ---------------------------------------------------------------------------------------


def channel_lease(channel: str) -> str:
    return _key("cdc", channel, "lease")


def channel_resync(channel: str) -> str:
    """An operator's request that the channel's leader drop its replay position and resync."""
    return _key("cdc", channel, "resync")


def processed_event(event: str) -> str:
    return _key("cdc-done", secret_digest(event))


def channel_status() -> str:
    return _key("cdc", "status")  # hash: channel -> ChannelStatus JSON


# -- live updates -------------------------------------------------------------------------------------------


def live_events(account: str) -> str:
    """An account's recent live events: a capped stream (the replay window), written with its announcement."""
    return _key("live", account)


# Pub/sub: "account|event id|type|json" per live event; every API process listens (adapters.redis.live_events).
LIVE_CHANGES = f"{PREFIX}:live:changes"

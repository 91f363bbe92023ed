"""Every Redis key the service writes is built here, so the key space is documented in one place."""

from __future__ import annotations

import hashlib

PREFIX = "portal"


def secret_digest(secret: str) -> str:
    """Keys hold hashes of secrets (session ids, reset tokens), so a Redis dump cannot be replayed."""
    return hashlib.sha256(secret.encode()).hexdigest()


def session(session_id: str) -> str:
    return f"{PREFIX}:session:{secret_digest(session_id)}"


def user_sessions(user_id: str) -> str:
    return f"{PREFIX}:user-sessions:{user_id}"


def reset_token(token: str) -> str:
    return f"{PREFIX}:reset-token:{secret_digest(token)}"


def user_reset_token(user_id: str) -> str:
    return f"{PREFIX}:user-reset-token:{user_id}"


def cache(key: str) -> str:
    return f"{PREFIX}:cache:{key}"


def webhook_receipt(source: str, delivery_id: str) -> str:
    # Hashed: the id is the sender's string, whatever its length or characters.
    return f"{PREFIX}:webhook:{source}:{hashlib.sha256(delivery_id.encode()).hexdigest()}"


def sandbox_outbox() -> str:
    return f"{PREFIX}:sandbox:outbox"


def as_text(value: bytes | str) -> str:
    """redis-py types replies as bytes-or-str (it depends on `decode_responses`); ours are bytes."""
    return value.decode() if isinstance(value, bytes) else value


# -- read models (catalog, eligibility): see adapters.redis.read_model_store ---------------------------------


def read_model_epoch(family: str) -> str:
    return f"{PREFIX}:rm:{family}:epoch"


def read_model_generation(family: str, entity: str) -> str:
    return f"{PREFIX}:rm:{family}:{entity}:gen"


def read_model_lease(family: str, entity: str) -> str:
    return f"{PREFIX}:rm:{family}:{entity}:lease"


def read_model_document(family: str, entity: str) -> str:
    return f"{PREFIX}:rm:{family}:{entity}:doc"


def read_model_applied_event(event: str) -> str:
    return f"{PREFIX}:rm:applied:{secret_digest(event)}"


READ_MODEL_CHANGES = f"{PREFIX}:rm:changes"  # pub/sub: "family|entity|version" on every invalidation and fill


# -- the CDC consumer ---------------------------------------------------------------------------------------


def channel_lease(channel: str) -> str:
    return f"{PREFIX}:cdc:lease:{channel}"


def processed_event(event: str) -> str:
    return f"{PREFIX}:cdc:done:{secret_digest(event)}"


def channel_status() -> str:
    return f"{PREFIX}:cdc:status"  # hash: channel -> ChannelStatus JSON


def account_lock(name: str) -> str:
    return f"{PREFIX}:lock:{name}"


def public_rate_window(rule: str, identifier: str, window: int) -> str:
    return f"{PREFIX}:rate:{rule}:{secret_digest(identifier)[:32]}:{window}"


def attempts(counter: str) -> str:
    """Attempts at a secret-checking action (`login:email:<hash>`, `login:ip:<address>`): a sorted set of tickets."""
    return f"{PREFIX}:attempts:{counter}"

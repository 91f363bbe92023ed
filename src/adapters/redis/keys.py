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

"""Catalog tests use their own Redis database, so other suites flushing theirs cannot pull keys from under them."""

from __future__ import annotations

from tests.support.redis_server import redis_url

CATALOG_REDIS_URL = redis_url(13)

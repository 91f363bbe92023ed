"""Catalog tests use their own Redis database, so other suites flushing theirs cannot pull keys from under them."""

from __future__ import annotations

import os

CATALOG_REDIS_URL = os.environ.get("PORTAL_TEST_CATALOG_REDIS_URL", "redis://127.0.0.1:6379/13")

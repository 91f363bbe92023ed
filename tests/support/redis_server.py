"""The Redis server the tests use, and a database number per test area (areas that flush never meet; 11: the
journeys of tests/integration/test_get_started_http.py and test_verification_http.py).

`PORTAL_TEST_REDIS_SERVER` moves every test to another server, so two suites can run side by side on one machine.
"""

from __future__ import annotations

import os

SERVER = os.environ.get("PORTAL_TEST_REDIS_SERVER", "redis://127.0.0.1:6379")


def redis_url(db: int) -> str:
    return f"{SERVER}/{db}"

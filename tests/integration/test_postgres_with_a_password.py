"""Where PostgreSQL asks for a password on 127.0.0.1 (scram-sha-256, as Debian's default for TCP), the commands that
create and migrate a database work with the password in `PGPASSWORD` or in the URL — the test session's databases
(`PORTAL_TEST_POSTGRES_URL`) and `portal migrate --create-database` (the demo's) alike."""

from __future__ import annotations

from collections.abc import Iterator

import asyncpg
import pytest

from tests.support.postgres import create_migrated_database, drop
from tests.support.private_postgres import PrivatePostgres, private_postgres

pytestmark = pytest.mark.integration
PASSWORD = "s3cret-for-tests"


@pytest.fixture(scope="module")
def asking() -> Iterator[PrivatePostgres]:
    with private_postgres(password=PASSWORD) as server:
        yield server


def test_the_server_does_ask(asking: PrivatePostgres, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises((asyncpg.InvalidPasswordError, asyncpg.InvalidAuthorizationSpecificationError, OSError)):
        create_migrated_database("nopassword", asking.server_url())


def test_pgpassword_is_enough(asking: PrivatePostgres, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    dsn = create_migrated_database("pgpassword", asking.server_url())
    drop(dsn)


def test_a_password_in_the_url_is_enough(asking: PrivatePostgres, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    server_url = asking.server_url().replace("postgres@", f"postgres:{PASSWORD}@")
    dsn = create_migrated_database("urlpassword", server_url)
    drop(dsn)

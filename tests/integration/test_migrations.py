from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.postgres.database import drop_database, ensure_database
from adapters.postgres.migrate import downgrade, upgrade
from adapters.postgres.migrations import head_revision, is_ours
from adapters.postgres.tables import metadata
from tests.support.postgres import new_database_url

pytestmark = pytest.mark.integration


@pytest.fixture
def empty_database() -> Iterator[str]:
    dsn = new_database_url("migrations")
    asyncio.run(ensure_database(dsn))
    yield dsn
    asyncio.run(drop_database(dsn))


def inspect_sync(dsn: str, work: object) -> object:
    async def run() -> object:
        engine = create_async_engine(dsn, poolclass=NullPool)
        async with engine.connect() as connection:
            result = await connection.run_sync(work)  # type: ignore[arg-type]
        await engine.dispose()
        return result

    return asyncio.run(run())


def tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"include_name": is_ours})
    return list(compare_metadata(context, metadata))


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def test_upgrade_downgrade_to_base_and_back(empty_database: str) -> None:
    upgrade(empty_database)
    assert inspect_sync(empty_database, current) == head_revision()
    assert {"users", "account_links", "stream_positions"} <= inspect_sync(empty_database, tables)  # type: ignore[operator]

    downgrade(empty_database, "base")
    assert inspect_sync(empty_database, tables) == {"alembic_version"}  # procrastinate's tables are gone too

    upgrade(empty_database)
    assert inspect_sync(empty_database, current) == head_revision()


def test_the_code_s_table_definitions_match_the_migrated_schema(empty_database: str) -> None:
    upgrade(empty_database)
    assert inspect_sync(empty_database, differences) == []

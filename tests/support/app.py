"""Build the real app for HTTP tests: real adapters against the test database and Redis, cheap argon2."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from argon2 import PasswordHasher as Argon2
from dishka import Provider, Scope, provide
from litestar import Litestar
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from adapters.argon2.password_hasher import Argon2PasswordHasher
from adapters.postgres.engine import create_session_factory
from adapters.postgres.unit_of_work import PostgresUnitOfWork
from application.ports.password_hasher import PasswordHasher
from domain.identity.email import EmailAddress
from domain.identity.user import User, UserStatus
from entrypoints.commands.serve import app_factory
from entrypoints.secret import Secret
from entrypoints.settings import Settings
from tests.support.postgres import REDIS_URL


class CheapArgon2(Provider):
    """Still argon2id, with the smallest cost: the tests exercise behaviour, not the work factor."""

    @provide(scope=Scope.APP)
    def hasher(self) -> PasswordHasher:
        return Argon2PasswordHasher(Argon2(time_cost=1, memory_cost=8, parallelism=1))


def settings_for_tests(database_url: str, **changes: object) -> Settings:
    values: dict[str, object] = {
        "adapters": "real",
        "database_url": Secret(database_url),
        "redis_url": Secret(REDIS_URL),
        "log_format": "json",
        "log_level": "WARNING",
        "session_cookie_secure": False,
    }
    values.update(changes)
    return Settings(**values)  # type: ignore[arg-type]


def real_app(database_url: str, *providers: Provider, **changes: object) -> Litestar:
    """The app `portal serve` runs with these settings (the demo's when they ask for the demo world)."""
    settings = settings_for_tests(database_url, **changes)
    module, _, name = app_factory(settings).partition(":")
    factory: Callable[..., Litestar] = getattr(importlib.import_module(module), name)
    return factory(settings, CheapArgon2(), *providers)


async def flush_redis() -> None:
    client = Redis.from_url(REDIS_URL)
    await client.flushdb()
    await client.aclose()


async def create_user(
    database_url: str, email: str, password: str | None, status: UserStatus = UserStatus.ACTIVE
) -> User:
    engine = create_async_engine(database_url, poolclass=NullPool)
    hasher = Argon2PasswordHasher(Argon2(time_cost=1, memory_cost=8, parallelism=1))
    now = datetime.now(UTC)
    user = User(
        id=uuid.uuid4(),
        email=EmailAddress.parse(email),
        password_hash=await hasher.hash(password) if password else None,
        status=status,
        created_at=now,
        updated_at=now,
    )
    async with create_session_factory(engine)() as session:
        uow = PostgresUnitOfWork(session)
        await uow.users.add(user)
        await uow.commit()
    await engine.dispose()
    return user

from __future__ import annotations

from dishka import AsyncContainer, Provider, make_async_container

from entrypoints.ioc.application import ApplicationProvider
from entrypoints.ioc.billing import (
    BillingProvider,
    BillingUseCases,
    InMemoryBillingStoresProvider,
    RedisBillingStoresProvider,
)
from entrypoints.ioc.billing_roles import BillingRolesProvider
from entrypoints.ioc.cancellations import (
    CancellationsProvider,
    CancellationUseCases,
    InMemoryCancellationStoresProvider,
    PostgresCancellationStoresProvider,
)
from entrypoints.ioc.catalog import CatalogProvider
from entrypoints.ioc.catalog_stores import InMemoryCatalogStoresProvider, RedisCatalogStoresProvider
from entrypoints.ioc.cdc import ChangeHandlersProvider
from entrypoints.ioc.identity import (
    IdentityProvider,
    IdentityUseCases,
    InMemoryIdentityStoresProvider,
    RedisIdentityStoresProvider,
)
from entrypoints.ioc.live import InMemoryLiveStoresProvider, LiveProvider, LiveUseCases, RedisLiveStoresProvider
from entrypoints.ioc.mail import InMemoryMailStoresProvider, MailProvider, PostgresMailStoresProvider
from entrypoints.ioc.notifications import (
    InMemoryNotificationStoresProvider,
    NotificationsProvider,
    NotificationUseCases,
    PostgresNotificationStoresProvider,
)
from entrypoints.ioc.operations import OperationsUseCases
from entrypoints.ioc.orders import (
    InMemoryOrderStoresProvider,
    OrdersProvider,
    OrderUseCases,
    PostgresOrderStoresProvider,
)
from entrypoints.ioc.persistence import InMemoryStoresProvider, PostgresRedisProvider
from entrypoints.ioc.sims import InMemorySimStoresProvider, PostgresSimStoresProvider, SimUseCases
from entrypoints.ioc.upstreams import UpstreamProvider
from entrypoints.settings import Settings


def providers_for(settings: Settings) -> list[Provider]:
    """The one switch between real infrastructure and in-memory twins."""
    if settings.adapters == "memory":
        stores: list[Provider] = [
            InMemoryStoresProvider(),
            InMemoryIdentityStoresProvider(),
            InMemoryBillingStoresProvider(),
            InMemoryCatalogStoresProvider(),
            InMemoryOrderStoresProvider(),
            InMemorySimStoresProvider(),
            InMemoryMailStoresProvider(),
            InMemoryNotificationStoresProvider(),
            InMemoryLiveStoresProvider(),
            InMemoryCancellationStoresProvider(),
        ]
    else:
        stores = [
            PostgresRedisProvider(),
            RedisIdentityStoresProvider(),
            RedisBillingStoresProvider(),
            RedisCatalogStoresProvider(),
            PostgresOrderStoresProvider(),
            PostgresSimStoresProvider(),
            PostgresMailStoresProvider(),
            PostgresNotificationStoresProvider(),
            RedisLiveStoresProvider(),
            PostgresCancellationStoresProvider(),
        ]
    return [
        ApplicationProvider(),
        ChangeHandlersProvider(),
        CatalogProvider(),
        UpstreamProvider(),
        BillingRolesProvider(),
        IdentityProvider(),
        IdentityUseCases(),
        BillingProvider(),
        BillingUseCases(),
        OrdersProvider(),
        OrderUseCases(),
        OperationsUseCases(),
        SimUseCases(),
        MailProvider(),
        NotificationsProvider(),
        NotificationUseCases(),
        LiveProvider(),
        LiveUseCases(),
        CancellationsProvider(),
        CancellationUseCases(),
        *stores,
    ]


def build_container(settings: Settings, *overrides: Provider) -> AsyncContainer:
    """The one container of every process (`serve`, `cdc`, `worker`, the demo's, the tests').

    `overrides` add or replace providers: each process adds its own edge (the HTTP app its request-scoped
    providers, the consumer the public documents' format), and tests swap in fakes the same way, never by
    monkeypatching. Resolving starts no background work; each process starts and stops its own.
    """
    return make_async_container(*providers_for(settings), *overrides, context={Settings: settings})

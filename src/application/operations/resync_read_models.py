"""Force a read model to be rebuilt now: the catalog, or one account's eligibility or orders.

Invalidating first means every API process drops what it holds (the store announces it) and no fill that loaded
before can land after; the rebuild then reads the system of record. Running it twice rebuilds twice: harmless.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import msgspec

from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.errors import UPSTREAM_OUTAGES, InvalidInputError, Raises
from application.operations.accounts import account_id
from application.operations.audit import recorded
from application.orders.read_model import OrdersReadModel
from application.ports.read_model_store import ReadModelStore

AccountModel = Literal["eligibility", "orders"]


class Resynced(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    entity: str
    version: str | None  # the store's version after the rebuild
    summary: str  # what the rebuild found, in a few words


class ResyncCatalog:
    raises: ClassVar[Raises] = UPSTREAM_OUTAGES

    def __init__(self, store: ReadModelStore, catalog: CatalogReadModel) -> None:
        self._store = store
        self._catalog = catalog

    async def execute(self) -> Resynced:
        await self._store.invalidate(FAMILY, ENTITY)
        snapshot = await self._catalog.warm()
        version = (await self._store.read(FAMILY, ENTITY)).version.tag
        plans = len(snapshot.entry_ids)
        recorded("read_models.resync", "rebuilt", model=FAMILY, entity=ENTITY, version=version, entries=plans)
        return Resynced(model=FAMILY, entity=ENTITY, version=version, summary=f"{plans} price-book entries")


class ResyncAccountReadModel:
    raises: ClassVar[Raises] = (InvalidInputError, *UPSTREAM_OUTAGES)

    def __init__(self, store: ReadModelStore, eligibility: EligibilityReadModel, orders: OrdersReadModel) -> None:
        self._store = store
        self._eligibility = eligibility
        self._orders = orders

    async def execute(self, model: AccountModel, account: str) -> Resynced:
        account = account_id(account)
        if model == "eligibility":
            await self._eligibility.invalidate(account)
            summary = f"eligibility {(await self._eligibility.get(account)).status}"
        else:
            await self._orders.invalidate(account)
            summary = f"{len(await self._orders.orders_of(account))} orders"
        version = (await self._store.read(model, account)).version.tag
        recorded("read_models.resync", "rebuilt", model=model, entity=account, version=version)
        return Resynced(model=model, entity=account, version=version, summary=summary)

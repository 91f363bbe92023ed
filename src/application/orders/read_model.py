"""The orders read model: one document per account (its orders with their items), in the read-model store.

Built on demand from the CRM (one query per account, single-flighted across processes); made stale by the
account's Order/OrderItem change events and by our own writes (checkout, fulfilment write-backs); kept no longer
than a safety TTL. A fill that loaded before an invalidation can never land after it (see `ReadModelStore`).
"""

from __future__ import annotations

import logging

import msgspec

from application.orders.views import AccountOrders, OrderView, order_view
from application.ports.order_desk import OrderDesk
from application.ports.read_model_store import ReadModelStore, StoreUnavailableError
from application.read_models.stats import ReadModelStats
from application.read_models.versioned import VersionedReadModel

log = logging.getLogger(__name__)
FAMILY = "orders"
SAFETY_TTL_SECONDS = 12 * 3600


class OrdersReadModel:
    def __init__(self, store: ReadModelStore, model: VersionedReadModel, orders: OrderDesk) -> None:
        self._store = store
        self.model = model  # its counters are reported by the cache health
        self._orders = orders

    async def orders_of(self, account_id: str) -> tuple[OrderView, ...]:
        async def load() -> bytes:
            orders = await self._orders.list_orders(account_id)
            document = AccountOrders(account_id=account_id, orders=tuple(order_view(o) for o in orders))
            return msgspec.json.encode(document)

        raw = (await self.model.get(account_id, load)).value
        return msgspec.json.decode(raw, type=AccountOrders).orders

    async def invalidate(self, account_id: str, *, once_for: str | None = None) -> None:
        """Raises `StoreUnavailableError`: a change event must not be acknowledged before this landed."""
        await self._store.invalidate(FAMILY, account_id, once_for=once_for)

    async def invalidate_quietly(self, account_id: str) -> None:
        """Best effort: if the store is down, the change event of our own write invalidates it again later."""
        try:
            await self.invalidate(account_id)
        except StoreUnavailableError:
            log.warning("orders_invalidation_deferred_to_cdc", extra={"account_id": account_id})

    async def invalidate_all(self) -> None:
        await self._store.invalidate_family(FAMILY)

    # -- health (`ReportsStatus`) ---------------------------------------------------------------------------

    @property
    def stats(self) -> ReadModelStats:
        return self.model.stats

    async def stored_document(self) -> None:
        return None  # one document per account: nothing single to report

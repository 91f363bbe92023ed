"""The CDC consumer's handlers: every area contributes with `@provide(provides=ChangeHandler, scope=Scope.APP)`.

dishka collects every such factory, from any provider in the container, into `list[ChangeHandler]`.
"""

from __future__ import annotations

from dishka import Provider, Scope, collect, provide

from application.cdc.stores import ConsumerStores
from application.ports.change_handlers import ChangeHandler


class ChangeHandlersProvider(Provider):
    scope = Scope.APP

    handlers = collect(ChangeHandler, scope=Scope.APP)
    stores = provide(ConsumerStores)

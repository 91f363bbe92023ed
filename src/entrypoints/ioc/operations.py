"""The operators' use cases (`portal admin ...`), one request scope per command."""

from __future__ import annotations

from dishka import Provider, Scope, provide

from application.operations.channels import ListChannelPositions, ResetChannel
from application.operations.fulfilments import ListStuckFulfilments, RetryFulfilment
from application.operations.purge_account import PurgeAccountCaches
from application.operations.resync_read_models import ResyncAccountReadModel, ResyncCatalog
from application.operations.signups import ListStuckSignUps, RetrySignUp
from application.operations.sims import ListQuarantinedSims, RestockSim


class OperationsUseCases(Provider):
    scope = Scope.REQUEST
    resync_catalog = provide(ResyncCatalog)
    resync_account = provide(ResyncAccountReadModel)
    purge_account = provide(PurgeAccountCaches)
    stuck_signups = provide(ListStuckSignUps)
    retry_signup = provide(RetrySignUp)
    stuck_fulfilments = provide(ListStuckFulfilments)
    retry_fulfilment = provide(RetryFulfilment)
    quarantined_sims = provide(ListQuarantinedSims)
    restock_sim = provide(RestockSim)
    channel_positions = provide(ListChannelPositions)
    reset_channel = provide(ResetChannel)

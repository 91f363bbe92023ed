"""Every `portal admin <group> <action>`: its arguments and the one use case it runs.

Listing actions print rows; repairing actions print what they did and log one `admin_action` line (the use case
does). Every action is safe to run twice.
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from dishka import AsyncContainer

from application.cdc.channels import CONSUMED
from application.errors import InvalidInputError
from application.operations.channels import ListChannelPositions, ResetChannel
from application.operations.fulfilments import ListStuckFulfilments, RetryFulfilment
from application.operations.purge_account import PurgeAccountCaches
from application.operations.resync_read_models import ResyncAccountReadModel, ResyncCatalog
from application.operations.signups import ListStuckSignUps, RetrySignUp
from application.operations.sims import ListQuarantinedSims, RestockSim
from application.read_models.health import GetCacheHealth

Run = Callable[[AsyncContainer, argparse.Namespace], Awaitable[Any]]
Argument = tuple[tuple[str, ...], dict[str, Any]]


@dataclass(frozen=True)
class Action:
    group: str
    name: str
    summary: str
    run: Run
    arguments: tuple[Argument, ...] = field(default=())


async def _status(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(GetCacheHealth)).execute()


async def _resync(c: AsyncContainer, a: argparse.Namespace) -> Any:
    if a.model == "catalog":
        return await (await c.get(ResyncCatalog)).execute()
    if not a.account:
        raise InvalidInputError(f"Name the account whose {a.model} to resync (a Salesforce account id).")
    return await (await c.get(ResyncAccountReadModel)).execute(a.model, a.account)


async def _purge(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(PurgeAccountCaches)).execute(a.account)


async def _signups(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(ListStuckSignUps)).execute(idle_minutes=a.idle_minutes)


async def _retry_signup(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(RetrySignUp)).execute(a.onboarding_id)


async def _fulfilments(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(ListStuckFulfilments)).execute(idle_minutes=a.idle_minutes)


async def _retry_fulfilment(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(RetryFulfilment)).execute(a.order_id)


async def _quarantined(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(ListQuarantinedSims)).execute()


async def _restock(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(RestockSim)).execute(a.msisdn, reason=a.reason)


async def _positions(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(ListChannelPositions)).execute()


async def _reset(c: AsyncContainer, a: argparse.Namespace) -> Any:
    return await (await c.get(ResetChannel)).execute(a.channel)


ACCOUNT = (("account",), {"help": "Salesforce account id (15 or 18 characters)"})
IDLE = (("--idle-minutes",), {"type": int, "default": 15, "help": "untouched for at least this long (default 15)"})

ACTIONS = (
    Action("read-models", "status", "read models (version, last rebuild) and stream channels (leader, lag)", _status),
    Action(
        "read-models",
        "resync",
        "rebuild a read model now: the catalog, or one account's eligibility or orders",
        _resync,
        ((("model",), {"choices": ("catalog", "eligibility", "orders")}), (("account",), {"nargs": "?"})),
    ),
    Action(
        "cache", "purge", "drop everything cached about one account (billing caches, read models)", _purge, (ACCOUNT,)
    ),
    Action("signups", "list", "sign-ups and links left unfinished or waiting for an operator", _signups, (IDLE,)),
    Action(
        "signups",
        "retry",
        "take one sign-up or link forward now",
        _retry_signup,
        ((("onboarding_id",), {"type": uuid.UUID}),),
    ),
    Action("fulfilments", "list", "fulfilments idle or stopped (paused, failed)", _fulfilments, (IDLE,)),
    Action(
        "fulfilments",
        "retry",
        "queue an order's fulfilment again (if the CRM says it awaits it)",
        _retry_fulfilment,
        ((("order_id",), {}),),
    ),
    Action("sims", "quarantined", "SIM cards Freebit refused, out of stock", _quarantined),
    Action(
        "sims",
        "restock",
        "put a quarantined SIM card back in stock",
        _restock,
        ((("msisdn",), {}), (("--reason",), {"required": True, "help": "why the card is good (recorded)"})),
    ),
    Action("cdc", "positions", "each stream channel's replay position, leader and pending reset", _positions),
    Action(
        "cdc",
        "reset",
        "drop a channel's position so its leader resyncs and goes on with new events",
        _reset,
        ((("channel",), {"choices": CONSUMED}),),
    ),
)

"""The physical card swap (path unconfirmed upstream), the same in both worlds: asynchronous, the old card working
until the new one is active, only to an unused card from stock, and a lost answer found on the line, not resent."""

from __future__ import annotations

from typing import cast

import pytest

from application.errors import ConflictError, InvalidInputError
from application.ports.sim_card_swaps import SimCardSwaps
from application.ports.sim_models import SimOperation
from sandbox.faults import FaultKind
from sandbox.freebit import seed
from tests.contract.freebit.worlds import COMPLETION_DELAY, World

HANAKO = seed.HANAKO_MSISDN
OLD = seed.HANAKO_PRODUCT_NUMBER
NEW = seed.PHYSICAL_SIMS[0].product_number


def swaps(world: World) -> SimCardSwaps:
    return cast(SimCardSwaps, world.provisioner)


async def test_the_line_moves_to_the_new_card_only_when_it_is_active(world: World) -> None:
    accepted = await swaps(world).swap_card(HANAKO, OLD, NEW)
    assert accepted.operation is SimOperation.SWAP_CARD
    pending = await world.provisioner.get_account(HANAKO)
    assert (pending.product_number, [p.operation for p in pending.pending]) == (OLD, [SimOperation.SWAP_CARD])

    world.clock.advance(COMPLETION_DELAY)
    done = await world.provisioner.get_account(HANAKO)
    assert (done.product_number, done.pending) == (NEW, ())


async def test_only_an_unused_card_from_stock_and_the_lines_own_old_card(world: World) -> None:
    with pytest.raises(InvalidInputError, match="300-302"):
        await swaps(world).swap_card(HANAKO, OLD, "AX9999999999999")
    with pytest.raises(InvalidInputError, match="400-413"):
        await swaps(world).swap_card(HANAKO, "AX0000000000000", NEW)
    await swaps(world).swap_card(HANAKO, OLD, NEW)
    world.clock.advance(COMPLETION_DELAY)
    with pytest.raises(ConflictError, match="500-501"):  # used up
        await swaps(world).swap_card(HANAKO, NEW, NEW)


async def test_a_lost_answer_is_found_on_the_line_not_sent_again(world: World) -> None:
    world.inject(SimOperation.SWAP_CARD, FaultKind.APPLY_THEN_TIMEOUT)
    accepted = await swaps(world).swap_card(HANAKO, OLD, NEW)
    assert accepted.reconciled
    pending = (await world.provisioner.get_account(HANAKO)).pending
    assert [p.operation for p in pending] == [SimOperation.SWAP_CARD]

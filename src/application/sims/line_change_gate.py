"""One change at a time per SIM line: the one home of the preamble every line change starts with.

A change is sent only to the caller's own line (`SimLines`), in service, with nothing pending, read live. Freebit
locks a line while an asynchronous change runs (a 4G/5G switch for about 30 minutes) and refuses anything else
meanwhile; we refuse it first, from a fresh read of the line rather than the cache, with the same stable code
(409 SIM_CHANGE_IN_PROGRESS) — and if two requests race past the read, Freebit's own lock refuses the second with
that code too. Changes the portal holds itself until their date (`ScheduledLineChanges`: a plan change, a
cancellation) block the line the same way. Nothing is half-applied either way: a refused change was never sent or
never accepted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import msgspec

from application.errors import ConflictError
from application.identity.linked_customer import LinkedCustomer
from application.outages import SimServiceUnavailableError, reported_as
from application.ports.scheduled_line_changes import ScheduledLineChanges
from application.ports.sim_models import SimAccount, SimAccountState
from application.ports.sim_provisioner import SimProvisioner
from application.sims.errors import SimLineBusyError, SimNotInServiceError
from application.sims.sim_lines import SimLine, SimLines


class OpenLine(msgspec.Struct, frozen=True, kw_only=True):
    """A line a change may be sent to: the caller's, in service, nothing pending (as Freebit said just now)."""

    line: SimLine
    account: SimAccount


class LineChangeGate:
    def __init__(self, lines: SimLines, sims: SimProvisioner, scheduled: Sequence[ScheduledLineChanges] = ()) -> None:
        self._lines = lines
        self._sims = sims
        self._scheduled = tuple(scheduled)

    async def open(self, customer: LinkedCustomer, sim_id: int) -> OpenLine:
        """The caller's line, read live; 404 for someone else's, 409 while anything runs or waits on it."""
        line = await self._lines.line(customer, sim_id)
        account = await changeable_account(self._sims, line)
        for source in self._scheduled:
            if await source.scheduled_change(line.service.id) is not None:
                raise SimLineBusyError("A change is already scheduled on this SIM; cancel it or wait until it is done.")
        return OpenLine(line=line, account=account)

    @asynccontextmanager
    async def sending(self, customer: LinkedCustomer, sim_id: int) -> AsyncIterator[None]:
        """Around the one write: outages said as the SIM service's, Freebit's state refusals in the SIM codes, and
        the line's cache cleared whatever happened (the next read asks Freebit again)."""
        try:
            with reported_as(SimServiceUnavailableError):
                yield
        except ConflictError as refused:
            raise as_sim_refusal(refused) from refused
        finally:
            await self._lines.forget(customer, sim_id)


async def changeable_account(sims: SimProvisioner, line: SimLine) -> SimAccount:
    with reported_as(SimServiceUnavailableError):
        account = await sims.get_account(line.msisdn)
    if account.state is not SimAccountState.ACTIVE:
        raise SimNotInServiceError()
    if account.pending:
        raise SimLineBusyError()
    return account


def as_sim_refusal(error: ConflictError) -> SimLineBusyError | SimNotInServiceError:
    """Freebit's state refusals in the SIM API's codes (a busy line keeps its own)."""
    if isinstance(error, SimLineBusyError):
        return error
    return SimNotInServiceError(error.message)

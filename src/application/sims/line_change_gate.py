"""One change at a time per SIM line: a change is sent only to a line with nothing pending, read live.

Freebit locks a line while an asynchronous change runs (a 4G/5G switch for about 30 minutes) and refuses anything
else meanwhile; we refuse it first, from a fresh read of the line rather than the cache, with the same stable code
(409 SIM_CHANGE_IN_PROGRESS) — and if two requests race past the read, Freebit's own lock refuses the second with
that code too. Nothing is half-applied either way: a refused change was never sent or never accepted.
"""

from __future__ import annotations

from application.errors import ConflictError
from application.outages import SimServiceUnavailableError, reported_as
from application.ports.sim_models import SimAccount, SimAccountState
from application.ports.sim_provisioner import SimProvisioner
from application.sims.errors import SimLineBusyError, SimNotInServiceError
from application.sims.sim_lines import SimLine


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

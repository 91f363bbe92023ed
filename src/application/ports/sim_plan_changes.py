"""A SIM line's plan at the provisioner (Freebit PA05-21 MVNO plan change).

Errors as `SimProvisioner`'s, plus `SimLineBusyError` when another change runs on the line. A lost answer is
reconciled from the account (its plan, or the change pending on it) before anything is sent again.
"""

from __future__ import annotations

from typing import Protocol

from application.ports.sim_models import AcceptedOperation


class SimPlanChanges(Protocol):
    async def change_plan(self, msisdn: str, plan_code: str) -> AcceptedOperation:
        """Put the line on `plan_code` now (the portal holds scheduled changes until their day)."""
        ...

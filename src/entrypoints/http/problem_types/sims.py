"""Codes of SIM self-management."""

from __future__ import annotations

from entrypoints.http.problem_types.row import ProblemType

SIMS: dict[str, ProblemType] = {
    "SIM_SERVICE_UNAVAILABLE": ProblemType(
        "SIM service temporarily unavailable",
        "The SIM provisioning system cannot be reached right now. Nothing was changed and nothing partial is "
        "shown; retry after `Retry-After` seconds.",
        customer_detail="Your SIM's details are not available right now. Nothing was changed; please try again soon.",
    ),
    "SIM_NOT_IN_SERVICE": ProblemType(
        "SIM not in service",
        "The SIM is not in service (its activation has not finished, or it was cancelled): there is no usage to show "
        "and no change it can take. 409.",
    ),
}

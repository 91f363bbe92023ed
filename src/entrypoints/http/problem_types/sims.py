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
    "TOP_UP_AMOUNT_INVALID": ProblemType(
        "Top-up amount not offered",
        "A top-up is 100 to 51,200 MB (1 to 50 GB; 1 GB = 1,024 MB), billed ¥500 per started GB. Nothing was "
        "charged; choose an amount in the range (422).",
    ),
    "SIM_CHANGE_IN_PROGRESS": ProblemType(
        "A change is already running on this SIM",
        "The provisioning system locks a line while a change runs on it (a network-type switch takes about 30 "
        "minutes), and a plan change scheduled for the first of next month holds the line until it applies (cancel "
        "it to make another change). Nothing was changed; try again once the running change has finished (409).",
    ),
    "VOICE_OPTIONS_NOT_AVAILABLE": ProblemType(
        "Voice options not available",
        "The SIM's plan is data-only (or data and SMS): it has no voice line, so voicemail, call waiting and "
        "international roaming do not apply. Nothing was changed (422).",
    ),
    "NETWORK_TYPE_NOT_AVAILABLE": ProblemType(
        "Network type not available",
        "The SIM's plan does not run on the requested network type (5G is offered from the 10 GB plans up). "
        "Nothing was changed (422).",
    ),
    "NOTHING_TO_CHANGE": ProblemType(
        "Nothing to change", "The request names no option to switch. Nothing was changed (422)."
    ),
    "NEW_EID_INVALID": ProblemType(
        "Invalid EID",
        "The new device's EID is the 32 digits its settings show (spaces are fine). Nothing was changed (422).",
    ),
    "ESIM_REQUIRED": ProblemType(
        "Not an eSIM",
        "Only an eSIM profile is reissued to a new device; a physical SIM card is replaced with "
        "`POST /api/sims/{id}/replacement`. Nothing was changed (422).",
    ),
    "PLAN_NOT_OFFERED": ProblemType(
        "Plan not offered",
        "A SIM moves only to a plan the account catalog offers this customer (`GET /api/account/services/sim`: its "
        "plans, and its family plans for customers with an active SIM), of the same kind as its current plan "
        "(voice, data+SMS or data). Nothing was scheduled (422).",
    ),
    "PLAN_UNCHANGED": ProblemType(
        "Already on this plan", "The SIM is already billed on this plan. Nothing was scheduled (422)."
    ),
    "PLAN_CHANGE_NOT_CANCELLABLE": ProblemType(
        "Plan change no longer cancellable",
        "A plan change can be cancelled until 00:00 Tokyo time on the day it applies (the first of the month); "
        "from then on it is being applied to the line and to billing. Nothing was changed (409).",
    ),
    "PHYSICAL_SIM_REQUIRED": ProblemType(
        "Not a physical SIM",
        "Only a physical SIM card is replaced; an eSIM moves to a new device with a reissue "
        "(`POST /api/sims/{id}/reissue`). Nothing was requested (422).",
    ),
    "REPLACEMENT_NOT_SHIPPED": ProblemType(
        "Replacement card not sent yet",
        "The replacement card has not been allocated and shipped yet; confirm it once it has arrived (409).",
    ),
    "SIM_CARD_MISMATCH": ProblemType(
        "Not the card we sent",
        "The number is not the one printed on the replacement card sent for this line (15 characters, e.g. "
        "AX2025110000001). Nothing was changed (422).",
    ),
    "SIM_NOT_IN_SERVICE": ProblemType(
        "SIM not in service",
        "The SIM is not in service (its activation has not finished, or it was cancelled): there is no usage to show "
        "and no change it can take. 409.",
    ),
}

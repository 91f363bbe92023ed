"""AddCancelRequest and GetCancelledPackages, as WHMCS 8 answers them.

AddCancelRequest: "Service ID Not Found" for an unknown service; "Existing Cancellation Request Exists" when the
service has any request already (WHMCS counts every row for the service, whatever became of it); a type other than
"Immediate" or "End of Billing Period" silently becomes the latter, and an empty reason "None Specified (API
Submission)". The API offers no action to withdraw or delete a request. GetCancelledPackages lists every request,
paged by limitstart/limitnum (25 by default), with no filter.
"""

from __future__ import annotations

from typing import Any

from sandbox.whmcs.context import ActionContext, ActionError
from sandbox.whmcs.records import CancelRequestRecord

TYPES = ("Immediate", "End of Billing Period")


def add_cancel_request(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    service = state.services.get(p.number("serviceid"))
    if service is None:
        raise ActionError("Service ID Not Found")
    if any(request.relid == service.id for request in state.cancel_requests):
        return {
            "result": "error",
            "message": "Existing Cancellation Request Exists",
            "serviceid": service.id,
            "userid": service.client_id,
        }
    kind = p.get("type") if p.get("type") in TYPES else "End of Billing Period"
    state.cancel_requests.append(
        CancelRequestRecord(
            id=state.next_id("cancelrequest"),
            relid=service.id,
            date=state.local_now(),
            reason=p.get("reason") or "None Specified (API Submission)",
            type=kind,
        )
    )
    return {"result": "success", "serviceid": service.id, "userid": service.client_id}


def get_cancelled_packages(ctx: ActionContext) -> dict[str, Any]:
    p, state = ctx.params, ctx.state
    start = max(p.number("limitstart"), 0)
    limit = p.number("limitnum") or 25
    page = state.cancel_requests[start : start + limit]
    stamp = "%Y-%m-%d %H:%M:%S"
    return {
        "result": "success",
        "totalresults": ctx.num(len(state.cancel_requests)),
        "startnumber": ctx.num(start),
        "numreturned": ctx.num(len(page)),
        "packages": {
            "package": [
                {
                    "id": ctx.num(r.id),
                    "date": r.date.strftime(stamp),
                    "relid": ctx.num(r.relid),
                    "reason": r.reason,
                    "type": r.type,
                    "created_at": r.date.strftime(stamp),
                    "updated_at": r.date.strftime(stamp),
                }
                for r in page
            ]
        },
    }

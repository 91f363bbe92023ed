"""Control API under `/_sandbox/`: what tests, the demo and "an agent in Salesforce" do to the org.

Record changes made here commit like any other write (CDC included) but carry no `client=` origin, so the
portal sees them as someone else's changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Response, Router, delete, get, patch, post
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.control_operations import operations_routes
from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.objects import object_named
from sandbox.salesforce.rest.gate import error_response, json_response
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.store import AGENT_USER_ID
from sandbox.salesforce.values import to_json

ELIGIBILITY_EVENT = "/event/Account_Eligibility_Update__e"


class SeedRecordIn(msgspec.Struct, frozen=True, kw_only=True):
    type: str
    fields: dict[str, Any]


class SeedIn(msgspec.Struct, frozen=True, kw_only=True):
    records: list[SeedRecordIn]


class ApproveIn(msgspec.Struct, frozen=True, kw_only=True):
    status: str = "Processed"  # the trigger status since Mar 2026 ("Approved" before)


class EligibilityIn(msgspec.Struct, frozen=True, kw_only=True):
    status: str  # Eligible / Not Eligible / Pending / Not Requested
    offering: str | None = None  # e.g. "Home 1G"
    notes: str | None = None
    publish: bool = True  # announce on /event/Account_Eligibility_Update__e as the org's Flow does


class VerificationIn(msgspec.Struct, frozen=True, kw_only=True):
    status: str  # Verified / Rejected (or Pending / Not Submitted)
    reason: str | None = None  # why a document was rejected, shown to the customer
    publish: bool = True  # announce on /event/Account_Eligibility_Update__e as the org's Flow does


def _answer(work: Callable[[], Any], status: int = 200) -> Response[bytes]:
    try:
        return json_response(status, work())
    except ApiError as error:
        return error_response(error)


def _record_json(state: SalesforceState, entity: str, record_id: str) -> dict[str, Any]:
    record = state.store.get(entity, record_id)
    return {"attributes": {"type": object_named(entity).name}, **{k: to_json(v) for k, v in record.items()}}


def _as_agent(state: SalesforceState, work: Callable[[], Any]) -> Callable[[], Any]:
    def acting() -> Any:
        with state.store.acting_as(AGENT_USER_ID):
            return work()

    return acting


def verification_route(state: SalesforceState) -> HTTPRouteHandler:
    @post("/accounts/{account_id:str}/verification", status_code=200)
    async def verification(account_id: FromPath[str], data: JSONBody[VerificationIn]) -> Response[bytes]:
        """Decide an account's identity verification (as staff do after looking at the documents).

        Publishes Account_Eligibility_Update__e unless `publish` is false, as the org's Flow does.
        """

        def decide() -> dict[str, Any]:
            changes = {"Id_Verification_Status__c": data.status, "Id_Verification_Rejection_Reason__c": data.reason}
            state.store.update("Account", account_id, changes)
            record = _record_json(state, "Account", account_id)
            if data.publish and state.publish_platform_event is not None:
                state.publish_platform_event(ELIGIBILITY_EVENT, {"Account_Id__c": record["Id"]})
            return record

        return _answer(_as_agent(state, decide))

    return verification


def control_routes(state: SalesforceState, on_reset: Callable[[], None]) -> Router:
    @post("/reset", status_code=204)
    async def reset() -> None:
        """Back to the demo world: records, limits, cursors and faults; the event log and CometD clients too."""
        state.reset()
        on_reset()

    @get("/seed")
    async def seed_ids() -> dict[str, Any]:
        """The ids of the demo world's records (accounts by customer number, products by SKU, price books)."""
        return dataclasses.asdict(state.seed_ids)

    @post("/seed")
    async def seed(data: JSONBody[SeedIn]) -> Response[bytes]:
        """Create records as an agent in the org would (CDC fires, without a `client=` origin); answers their ids."""

        def create_all() -> list[str]:
            with state.store.transaction(None):
                return [state.store.create(r.type, r.fields) for r in data.records]

        return _answer(_as_agent(state, create_all), 201)

    @get("/records/{sobject:str}")
    async def list_records(sobject: FromPath[str], include_deleted: FromQuery[bool] = False) -> Response[bytes]:
        """Every record of one sObject type with all its fields (`include_deleted` adds the recycle bin)."""

        def rows() -> list[dict[str, Any]]:
            found = state.store.rows(object_named(sobject).name, include_deleted=include_deleted)
            return [{k: to_json(v) for k, v in r.items()} for r in found]

        return _answer(rows)

    @get("/records/{sobject:str}/{record_id:str}")
    async def read_record(sobject: FromPath[str], record_id: FromPath[str]) -> Response[bytes]:
        """One record with all its fields."""
        return _answer(lambda: _record_json(state, sobject, record_id))

    @patch("/records/{sobject:str}/{record_id:str}")
    async def change_record(
        sobject: FromPath[str], record_id: FromPath[str], data: JSONBody[dict[str, Any]]
    ) -> Response[bytes]:
        """Change fields of a record as an agent in the org would (CDC fires, without a `client=` origin)."""

        def change() -> dict[str, Any]:
            state.store.update(sobject, record_id, data)
            return _record_json(state, sobject, record_id)

        return _answer(_as_agent(state, change))

    @delete("/records/{sobject:str}/{record_id:str}", status_code=200)
    async def delete_record(sobject: FromPath[str], record_id: FromPath[str]) -> Response[bytes]:
        """Delete a record as an agent in the org would."""
        return _answer(_as_agent(state, lambda: state.store.delete(sobject, record_id)))

    @post("/orders/{order_id:str}/approve", status_code=200)
    async def approve(order_id: FromPath[str], data: JSONBody[ApproveIn | None] = None) -> Response[bytes]:
        """Approve an order as the back office does: Status (default Processed) and Activation_Status__c Activating."""
        status = (data or ApproveIn()).status

        def approve_order() -> dict[str, Any]:
            # The agent's approval and the record-triggered Flow that follows commit together.
            changes: dict[str, Any] = {"Status": status, "Activation_Status__c": "Activating"}
            changes.update(Activation_Error_Code__c=None, Activation_Error_Message__c=None)
            state.store.update("Order", order_id, changes)
            return _record_json(state, "Order", order_id)

        return _answer(_as_agent(state, approve_order))

    @post("/accounts/{account_id:str}/eligibility", status_code=200)
    async def eligibility(account_id: FromPath[str], data: JSONBody[EligibilityIn]) -> Response[bytes]:
        """Decide an account's Internet eligibility.

        Publishes Account_Eligibility_Update__e unless `publish` is false, as the org's Flow does.
        """

        def decide() -> dict[str, Any]:
            changes: dict[str, Any] = {
                "Internet_Eligibility_Status__c": data.status,
                "Internet_Eligibility__c": data.offering,
                "Internet_Eligibility_Notes__c": data.notes,
                "Internet_Eligibility_Checked_At__c": state.clock.now().isoformat(),
            }
            state.store.update("Account", account_id, changes)
            record = _record_json(state, "Account", account_id)
            if data.publish and state.publish_platform_event is not None:
                state.publish_platform_event(ELIGIBILITY_EVENT, {"Account_Id__c": record["Id"]})
            return record

        return _answer(_as_agent(state, decide))

    @post("/events/{event_name:str}", status_code=201)
    async def publish_event(event_name: FromPath[str], data: JSONBody[dict[str, Any]]) -> Response[bytes]:
        """Publish a platform event `/event/<event_name>` with the given payload; answers its EventUuid."""
        publish = state.publish_platform_event
        if publish is None:
            return error_response(ApiError(400, "INVALID_TYPE", "no streaming hub is attached"))
        try:
            event_uuid = publish(f"/event/{event_name}", data)
        except ValueError as exc:
            return error_response(ApiError(400, "INVALID_TYPE", str(exc)))
        return json_response(201, {"event_uuid": event_uuid})

    handlers: list[ControllerRouterHandler] = [reset, seed_ids, seed, list_records, read_record, change_record]
    handlers += [delete_record, approve, eligibility, verification_route(state), publish_event]
    handlers += operations_routes(state)
    return Router("/_sandbox", route_handlers=handlers, tags=["Salesforce org"])

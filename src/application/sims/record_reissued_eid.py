"""After an eSIM reissue, the line's EID written to its WHMCS service's "EID" field once the new profile is active.

Queued before the reissue is sent to Freebit (so no crash between the two can lose it) and run by `portal worker`:
while Freebit still runs a reissue the job comes back later (the old profile, and the old EID in billing, stay valid
until the new profile is active); then the field gets the EID the line actually runs on, unless it already holds it
(a retried or duplicate job writes nothing twice). A reissue Freebit refused leaves the line, and so the field, on
the old EID; two reissues in a row end with the last one's.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import ClassVar

from application.errors import Raises, UpstreamConfigurationError, UpstreamUnavailableError
from application.ports.billing.services import BillingServices, ServiceFields
from application.ports.sim_models import SimOperation
from application.ports.sim_provisioner import SimProvisioner

log = logging.getLogger(__name__)
EID_FIELD = "EID"


class ReissueStillRunningError(UpstreamUnavailableError):
    """Freebit has not finished the reissue: try again later (the queue's retry)."""

    def __init__(self) -> None:
        super().__init__("Freebit", "The eSIM reissue is still running.")


class EidOutcome(StrEnum):
    WRITTEN = "written"
    ALREADY = "already"  # the field already held the line's EID
    NO_FIELD = "no_field"  # not an eSIM line, or the service's product has no EID field


class RecordReissuedEid:
    raises: ClassVar[Raises] = (ReissueStillRunningError, UpstreamUnavailableError, UpstreamConfigurationError)

    def __init__(self, sims: SimProvisioner, services: BillingServices, fields: ServiceFields) -> None:
        self._sims = sims
        self._services = services
        self._fields = fields

    async def execute(self, *, client_id: int, service_id: int, msisdn: str) -> EidOutcome:
        account = await self._sims.get_account(msisdn)
        if any(p.operation is SimOperation.REISSUE_ESIM for p in account.pending):
            raise ReissueStillRunningError()
        eid = account.eid
        if not eid:
            return EidOutcome.NO_FIELD
        service = await self._services.get_service(client_id, service_id)
        field = next((f for f in service.custom_fields if f.name == EID_FIELD), None)
        if field is None:
            return EidOutcome.NO_FIELD
        if field.value == eid:
            return EidOutcome.ALREADY
        await self._fields.update_service_custom_fields(service_id, {field.id: eid})
        log.info("reissued_eid_recorded", extra={"service_id": service_id})
        return EidOutcome.WRITTEN

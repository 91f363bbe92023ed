"""One run of an order's fulfilment saga: from the last recovery point to the end, a wait, or a stop.

Steps: payment method re-checked → WHMCS AddOrder → AcceptOrder → (SIM) Freebit activation → (SIM) in service,
voice options → SIM data onto the WHMCS service → the service onto the order's Opportunity → the Opportunity onto
the WHMCS service → CRM write-back (service ids, WHMCS order id, "Activated").
Outages propagate (the queue retries with backoff) until too many in a row; definite errors stop the saga with a
code the CRM shows; an agent's re-trigger resumes after the last completed step. Once activated, the port-in
holder's personal data is deleted. The customer is notified of the activation or the stop (best effort: the
consumer notifies the same from the CRM write-back's change event, and the store keeps one of the two).
"""

from __future__ import annotations

import logging

from application.errors import NotFoundError, UpstreamConfigurationError, UpstreamUnavailableError
from application.notifications.notices import activation_notice, failure_notice
from application.orders.fulfilment.billing_steps import BillingSteps
from application.orders.fulfilment.opportunity_steps import OpportunitySteps
from application.orders.fulfilment.outcome import FulfilmentResult, Outcome, StepFailedError, StillActivatingError
from application.orders.fulfilment.policy import FulfilmentPolicy
from application.orders.fulfilment.sim_steps import SimSteps
from application.orders.fulfilment.write_back import WriteBack
from application.orders.read_model import OrdersReadModel
from application.ports.clock import Clock
from application.ports.fulfilment_queue import FulfilmentQueue
from application.ports.fulfilment_records import FulfilmentRecords
from application.ports.notifications import NotificationDraft, NotificationRecorder
from application.ports.order_desk import ActivationUpdate, Order, OrderDesk
from application.ports.port_in_details import PortInDetails
from application.ports.unit_of_work import UnitOfWork
from domain.identity.salesforce_id import SalesforceId
from domain.orders.activation import FAILED, awaits_fulfilment
from domain.orders.fulfilment import Fulfilment, FulfilmentState, Step
from domain.orders.fulfilment_errors import FulfilmentErrorCode as Code

log = logging.getLogger(__name__)


class FulfilOrder:
    def __init__(
        self,
        orders: OrderDesk,
        records: FulfilmentRecords,
        uow: UnitOfWork,
        billing: BillingSteps,
        sims: SimSteps,
        write_back: WriteBack,
        read_model: OrdersReadModel,
        queue: FulfilmentQueue,
        clock: Clock,
        policy: FulfilmentPolicy,
        port_ins: PortInDetails,
        notifications: NotificationRecorder,
        opportunity: OpportunitySteps,
    ) -> None:
        self._opportunity = opportunity
        self._notifications = notifications
        self._queue = queue
        self._port_ins = port_ins
        self._orders = orders
        self._records = records
        self._uow = uow
        self._billing = billing
        self._sims = sims
        self._write_back = write_back
        self._read_model = read_model
        self._clock = clock
        self._policy = policy

    async def execute(self, order_id: str) -> FulfilmentResult:
        try:
            order = await self._orders.get_order(order_id)
        except NotFoundError:
            return FulfilmentResult(outcome=Outcome.SKIPPED)
        record = await self._records.get(order.id)
        if record is not None and record.state is FulfilmentState.COMPLETED:
            return FulfilmentResult(outcome=Outcome.COMPLETED)
        if record is not None and order.whmcs_order_id and order.whmcs_order_id == str(record.whmcs_order_id):
            # The CRM write-back landed but the worker died before recording it: only the record is behind.
            await self._forget_port_in_holder(order)
            await self._complete(record, Step.CRM_WRITTEN)
            return FulfilmentResult(outcome=Outcome.COMPLETED)
        # The guards are checked on the order as it is now, so a stale, repeated or reordered event cannot act.
        if not awaits_fulfilment(
            status=order.status,
            activation_status=order.activation_status,
            whmcs_order_id=order.whmcs_order_id,
            trigger_statuses=self._policy.trigger_statuses,
        ):
            return FulfilmentResult(outcome=Outcome.SKIPPED)
        now = self._clock.now()
        record = record or await self._records.begin(
            Fulfilment(order.id, order.account_id, FulfilmentState.RUNNING, Step.STARTED, now, now)
        )
        if record.state is not FulfilmentState.WAITING:
            record.run(now)  # a first run, or a re-trigger after a stop: every completed step stays done
        return await self._run(order, record)

    async def _run(self, order: Order, record: Fulfilment) -> FulfilmentResult:
        try:
            await self._steps(order, record)
        except StepFailedError as failure:
            return await self._stop(order, record, failure.code, failure.message)
        except StillActivatingError:
            if record.waits >= self._policy.max_sim_waits:
                return await self._stop(order, record, Code.SIM_ACTIVATION_TIMEOUT, "Freebit never finished it.")
            record.wait(self._clock.now())
            await self._records.save(record)
            # Not a retry (no attempt is spent): the same job, due again after the poll interval.
            await self._queue.enqueue(
                order.id, account_id=order.account_id, delay_seconds=self._policy.sim_poll_seconds
            )
            return FulfilmentResult(outcome=Outcome.WAITING, retry_in_seconds=self._policy.sim_poll_seconds)
        except UpstreamConfigurationError as error:
            return await self._stop(order, record, Code.UPSTREAM_CONFIGURATION, error.message)
        except UpstreamUnavailableError as error:
            record.transient_failures += 1
            if record.transient_failures >= self._policy.max_transient_failures:
                return await self._stop(order, record, Code.UPSTREAM_UNAVAILABLE, error.message)
            await self._records.save(record)
            raise
        await self._read_model.invalidate_quietly(order.account_id)
        await self._notify(activation_notice(order))
        log.info("order_fulfilled", extra={"order_id": order.id, "whmcs_order_id": record.whmcs_order_id})
        return FulfilmentResult(outcome=Outcome.COMPLETED)

    async def _steps(self, order: Order, record: Fulfilment) -> None:
        async def save() -> None:
            await self._records.save(record)

        client_id = record.whmcs_client_id or await self._client_id(order)
        record.whmcs_client_id = client_id
        if not record.done(Step.BILLING_ORDER_PLACED):
            await self._billing.place(order, record, client_id, save, self._clock.now())
            await self._complete(record, Step.BILLING_ORDER_PLACED)
        if not record.done(Step.BILLING_ORDER_ACCEPTED):
            await self._billing.accept(record)
            await self._complete(record, Step.BILLING_ORDER_ACCEPTED)
        if order.order_type == "SIM":
            if not record.done(Step.SIM_ACTIVATION_REQUESTED):
                await self._sims.activate(order, record, save)
                await self._complete(record, Step.SIM_ACTIVATION_REQUESTED)
            if not record.done(Step.SIM_ACTIVE):
                await self._sims.await_service(order, record, save)
                record.state = FulfilmentState.RUNNING
                await self._complete(record, Step.SIM_ACTIVE)
        if not record.done(Step.BILLING_FIELDS_WRITTEN):
            await self._write_back.sim_fields(record, client_id)
            await self._complete(record, Step.BILLING_FIELDS_WRITTEN)
        if not record.done(Step.OPPORTUNITY_WRITTEN):
            await self._opportunity.write_opportunity(order, record, client_id, save)
            await self._complete(record, Step.OPPORTUNITY_WRITTEN)
        if not record.done(Step.SERVICE_LINKED):
            await self._opportunity.link_service(order, record, client_id, save)
            await self._complete(record, Step.SERVICE_LINKED)
        await self._write_back.crm(order, record)
        await self._forget_port_in_holder(order)
        await self._complete(record, Step.CRM_WRITTEN)

    async def _complete(self, record: Fulfilment, step: Step) -> None:
        record.transient_failures = 0
        record.complete(step, self._clock.now())
        await self._records.save(record)

    async def _forget_port_in_holder(self, order: Order) -> None:
        """Activated: the holder's personal data served its one purpose (before "completed" is recorded, so a
        crash in between repeats this rather than skipping it)."""
        if order.key and await self._port_ins.forget(order.key):
            log.info("port_in_holder_forgotten", extra={"order_id": order.id})

    async def _client_id(self, order: Order) -> int:
        link = await self._uow.links.get_by_sf_account(SalesforceId.parse(order.account_id))
        if link is None:
            raise StepFailedError(Code.BILLING_ACCOUNT_MISSING, "The account is not linked to a WHMCS client.")
        return link.whmcs_client_id.value

    async def _stop(self, order: Order, record: Fulfilment, code: Code, message: str) -> FulfilmentResult:
        paused = code is Code.PAYMENT_METHOD_MISSING
        record.stop(
            FulfilmentState.PAUSED if paused else FulfilmentState.FAILED, code.value, message, self._clock.now()
        )
        await self._records.save(record)
        # Our own write (recognised by its change origin): it never re-triggers us. An agent's "Reactivate" does.
        await self._orders.update_activation(
            order.id, ActivationUpdate(activation_status=FAILED, error_code=code.value, error_message=message)
        )
        await self._read_model.invalidate_quietly(order.account_id)
        await self._notify(failure_notice(order, code.value))
        log.warning("order_fulfilment_stopped", extra={"order_id": order.id, "code": code.value})
        return FulfilmentResult(outcome=Outcome.STOPPED, error_code=code.value)

    async def _notify(self, draft: NotificationDraft) -> None:
        try:
            await self._notifications.record(draft)
        except UpstreamUnavailableError:
            log.warning("order_notification_deferred_to_cdc", extra={"order_id": draft.source_id})

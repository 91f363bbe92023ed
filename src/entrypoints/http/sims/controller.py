"""`/api/sims`: the caller's own SIMs (by subscription id). Another customer's SIM is the same 404 as none."""

from __future__ import annotations

from typing import Annotated, Any, cast

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED

from application.cancellations.scheduled_cancellation import ScheduledCancellation
from application.idempotent_requests import IdempotentRequests
from application.identity.linked_customer import LinkedCustomer
from application.ports.sim_models import ContractLine, VoiceOptionChange
from application.sims.activate_replacement_card import ActivateReplacementCard
from application.sims.cancel_plan_change import CancelPlanChange
from application.sims.change_network_type import ChangeNetworkType
from application.sims.change_voice_options import ChangeVoiceOptions
from application.sims.get_sim_details import GetSimDetails
from application.sims.get_sim_usage import GetSimUsage
from application.sims.get_top_up import GetTopUp
from application.sims.reissue_esim import ReissueEsim
from application.sims.request_sim_replacement import RequestSimReplacement
from application.sims.request_top_up import RequestTopUp
from application.sims.schedule_plan_change import SchedulePlanChange
from entrypoints.http import body_limits
from entrypoints.http.access_rules import SESSION_REQUIRED
from entrypoints.http.billing.cancellation_schemas import cancellation_summary
from entrypoints.http.billing.invoices import PRIVATE
from entrypoints.http.idempotent_answers import IDEMPOTENCY_RULES, answer_once, key_header
from entrypoints.http.sims.schemas import (
    CardActivation,
    EsimReissue,
    NetworkTypeChange,
    PlanChangeOut,
    PlanChangeRequest,
    ReplacementOut,
    ReplacementRequest,
    SimUsageView,
    SimView,
    TopUpOut,
    TopUpRequest,
    VoiceOptionsChange,
    plan_change_out,
    replacement_out,
    sim_usage_view,
    sim_view,
    top_up_out,
)

IdempotencyKey = Annotated[str | None, key_header("top-up", never="charges or tops up twice")]
ReplacementKey = Annotated[str | None, key_header("SIM card replacement", never="sends two cards")]
PlanChangeKey = Annotated[str | None, key_header("plan change", never="schedules or applies it twice")]


class SimsController(Controller):
    path = "/sims"
    tags = ["sims"]
    opt = SESSION_REQUIRED
    cache_control = PRIVATE

    @get(
        "/{sim_id:int}",
        operation_id="getSim",
        summary="One of the customer's SIMs: number, plan, state, physical or eSIM, voice options, network type.",
        description="`asOf` says when the line was read (cached up to 10 minutes, 30 s while a change is running; "
        "our own changes clear it).",
    )
    @inject
    async def get_sim(
        self,
        sim_id: FromPath[int],
        customer: FromDishka[LinkedCustomer],
        get_sim: FromDishka[GetSimDetails],
        scheduled: FromDishka[ScheduledCancellation],
    ) -> SimView:
        view = sim_view(await get_sim.execute(customer, sim_id))
        view.cancellation = cancellation_summary(await scheduled.execute(customer, sim_id))
        return view

    @get(
        "/{sim_id:int}/usage",
        operation_id="getSimUsage",
        summary="Remaining data and recent daily usage of one of the customer's SIMs.",
        description="Cached for `maxAgeSeconds` (2 minutes); `asOf` says when the figures were read.",
    )
    @inject
    async def get_usage(
        self, sim_id: FromPath[int], customer: FromDishka[LinkedCustomer], get_usage: FromDishka[GetSimUsage]
    ) -> SimUsageView:
        return sim_usage_view(await get_usage.execute(customer, sim_id))

    @post(
        "/{sim_id:int}/top-ups",
        operation_id="requestTopUp",
        request_max_body_size=body_limits.TOP_UP,
        status_code=HTTP_202_ACCEPTED,
        summary="Buy extra data: 100-51,200 MB, ¥500 per started GB, charged to the card on file.",
        description=(
            IDEMPOTENCY_RULES + "the top-up carries the key, so one made before its answer was lost is returned, "
            "never charged twice. Accepted at once (202) as `pending`; the worker invoices, captures the payment and "
            "adds the data, and `GET .../top-ups/{id}` shows each step. A refused card ends it as `payment_failed` "
            "(nothing charged); data the provisioning system refuses after payment ends it as `refunded` (the amount "
            "credited back to the account, staff told). An amount outside 100-51,200 MB is 422 TOP_UP_AMOUNT_INVALID."
        ),
    )
    @inject
    async def request_top_up(
        self,
        request: Request[Any, Any, Any],
        sim_id: FromPath[int],
        data: JSONBody[TopUpRequest],
        customer: FromDishka[LinkedCustomer],
        top_up: FromDishka[RequestTopUp],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: IdempotencyKey = None,
    ) -> Response[TopUpOut]:
        body = msgspec.json.encode({"simId": sim_id, "quotaMb": data.quota_mb})
        scope = idempotency.scope(f"user:{customer.user_id}", idempotency_key, body)

        async def buy() -> bytes:
            view = await top_up.execute(customer, sim_id, data.quota_mb, scope.key)
            return msgspec.json.encode(top_up_out(view))

        answer = await answer_once(request, idempotency, scope, buy, status=HTTP_202_ACCEPTED)
        return cast("Response[TopUpOut]", answer)

    @get(
        "/{sim_id:int}/top-ups/{top_up_id:str}",
        operation_id="getTopUp",
        summary="One top-up of the customer's SIM, as it stands (another customer's is 404).",
    )
    @inject
    async def get_top_up(
        self,
        sim_id: FromPath[int],
        top_up_id: FromPath[str],
        customer: FromDishka[LinkedCustomer],
        get_top_up: FromDishka[GetTopUp],
    ) -> TopUpOut:
        return top_up_out(await get_top_up.execute(customer, sim_id, top_up_id))

    @patch(
        "/{sim_id:int}/voice-options",
        operation_id="changeVoiceOptions",
        request_max_body_size=body_limits.SIM_CHANGE,
        status_code=HTTP_202_ACCEPTED,
        summary="Switch voicemail, call waiting or international roaming; options left out stay as they are.",
        description=(
            "Accepted (202) as a pending change the SIM's details show until the provisioning system has applied it "
            "(minutes). Asking for what is already so changes nothing. 422 VOICE_OPTIONS_NOT_AVAILABLE on a plan "
            "without a voice line; 409 SIM_CHANGE_IN_PROGRESS while another change runs on the line."
        ),
    )
    @inject
    async def change_voice_options(
        self,
        sim_id: FromPath[int],
        data: JSONBody[VoiceOptionsChange],
        customer: FromDishka[LinkedCustomer],
        change: FromDishka[ChangeVoiceOptions],
    ) -> SimView:
        wanted = VoiceOptionChange(
            voice_mail=data.voice_mail,
            call_waiting=data.call_waiting,
            international_roaming=data.international_roaming,
        )
        return sim_view(await change.execute(customer, sim_id, wanted))

    @put(
        "/{sim_id:int}/network-type",
        operation_id="changeNetworkType",
        request_max_body_size=body_limits.SIM_CHANGE,
        status_code=HTTP_202_ACCEPTED,
        summary="Switch the SIM between 4G and 5G where its plan allows.",
        description=(
            "Accepted (202): the switch takes about 30 minutes and locks the line meanwhile (any other change then "
            "gets 409 SIM_CHANGE_IN_PROGRESS). 422 NETWORK_TYPE_NOT_AVAILABLE where the plan runs on 4G only."
        ),
    )
    @inject
    async def change_network_type(
        self,
        sim_id: FromPath[int],
        data: JSONBody[NetworkTypeChange],
        customer: FromDishka[LinkedCustomer],
        change: FromDishka[ChangeNetworkType],
    ) -> SimView:
        return sim_view(await change.execute(customer, sim_id, ContractLine(data.network_type)))

    @post(
        "/{sim_id:int}/reissue",
        operation_id="reissueEsim",
        request_max_body_size=body_limits.SIM_CHANGE,
        status_code=HTTP_202_ACCEPTED,
        summary="Move an eSIM to a new device: its profile reissued to the new EID.",
        description=(
            "Accepted (202) as a pending change; the old profile keeps working until the new one is active. 422 "
            "NEW_EID_INVALID for an EID that is not 32 digits, 422 ESIM_REQUIRED for a physical SIM (replaced "
            "through support), 409 SIM_CHANGE_IN_PROGRESS while another change runs on the line."
        ),
    )
    @inject
    async def reissue_esim(
        self,
        sim_id: FromPath[int],
        data: JSONBody[EsimReissue],
        customer: FromDishka[LinkedCustomer],
        reissue: FromDishka[ReissueEsim],
    ) -> SimView:
        return sim_view(await reissue.execute(customer, sim_id, data.eid))

    @post(
        "/{sim_id:int}/plan-change",
        operation_id="schedulePlanChange",
        request_max_body_size=body_limits.SIM_CHANGE,
        status_code=HTTP_202_ACCEPTED,
        summary="Move the SIM to another plan from the first day of next month (Tokyo time).",
        description=(
            IDEMPOTENCY_RULES + "the change carries the key, so one scheduled before its answer was lost is returned, "
            "never scheduled twice. Only to a plan `GET /api/account/services/sim` offers this customer, of the same "
            "kind (voice, data+SMS, data): otherwise 422 PLAN_NOT_OFFERED; the current plan is 422 PLAN_UNCHANGED. "
            "Accepted (202) as `scheduled`: the SIM's details show it, the SIM takes no other change meanwhile "
            "(409 SIM_CHANGE_IN_PROGRESS), and it can be cancelled until `cancellableUntil` (00:00 Tokyo time on "
            "its day), when the worker applies it to the line and to billing."
        ),
    )
    @inject
    async def schedule_plan_change(
        self,
        request: Request[Any, Any, Any],
        sim_id: FromPath[int],
        data: JSONBody[PlanChangeRequest],
        customer: FromDishka[LinkedCustomer],
        schedule: FromDishka[SchedulePlanChange],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: PlanChangeKey = None,
    ) -> Response[PlanChangeOut]:
        body = msgspec.json.encode({"simId": sim_id, "planSku": data.plan_sku})
        scope = idempotency.scope(f"user:{customer.user_id}", idempotency_key, body)

        async def change() -> bytes:
            view = await schedule.execute(customer, sim_id, data.plan_sku, scope.key)
            return msgspec.json.encode(plan_change_out(view))

        answer = await answer_once(request, idempotency, scope, change, status=HTTP_202_ACCEPTED)
        return cast("Response[PlanChangeOut]", answer)

    @delete(
        "/{sim_id:int}/plan-change",
        operation_id="cancelPlanChange",
        status_code=HTTP_200_OK,
        summary="Cancel the plan change scheduled on the SIM, until its cut-off.",
        description=(
            "Answers the change as `cancelled`. 404 when none is scheduled; 409 PLAN_CHANGE_NOT_CANCELLABLE from "
            "00:00 Tokyo time on its day, when it is being applied."
        ),
    )
    @inject
    async def cancel_plan_change(
        self, sim_id: FromPath[int], customer: FromDishka[LinkedCustomer], cancel: FromDishka[CancelPlanChange]
    ) -> PlanChangeOut:
        return plan_change_out(await cancel.execute(customer, sim_id))

    @post(
        "/{sim_id:int}/replacement",
        operation_id="requestSimReplacement",
        request_max_body_size=body_limits.SIM_CHANGE,
        status_code=HTTP_202_ACCEPTED,
        summary="Ask for a new physical SIM card for the line (lost, stolen or broken): same number, new card.",
        description=(
            IDEMPOTENCY_RULES + "the replacement carries the key, so one asked for before its answer was lost is "
            "returned, never a second card. Accepted (202) as `shipping`: a card is taken from stock and staff ship "
            "it (a support case). When it arrives, confirm it (`POST .../replacement/activation`): the line moves to "
            "it and the old card stops only once the new one is active. 422 PHYSICAL_SIM_REQUIRED for an eSIM (use "
            "the reissue); 409 SIM_CHANGE_IN_PROGRESS while another change runs or waits on the line."
        ),
    )
    @inject
    async def request_sim_replacement(
        self,
        request: Request[Any, Any, Any],
        sim_id: FromPath[int],
        data: JSONBody[ReplacementRequest],
        customer: FromDishka[LinkedCustomer],
        replace: FromDishka[RequestSimReplacement],
        idempotency: FromDishka[IdempotentRequests],
        idempotency_key: ReplacementKey = None,
    ) -> Response[ReplacementOut]:
        body = msgspec.json.encode({"simId": sim_id, "reason": data.reason})
        scope = idempotency.scope(f"user:{customer.user_id}", idempotency_key, body)

        async def ask() -> bytes:
            return msgspec.json.encode(replacement_out(await replace.execute(customer, sim_id, data.reason, scope.key)))

        answer = await answer_once(request, idempotency, scope, ask, status=HTTP_202_ACCEPTED)
        return cast("Response[ReplacementOut]", answer)

    @post(
        "/{sim_id:int}/replacement/activation",
        operation_id="activateReplacementCard",
        request_max_body_size=body_limits.SIM_CHANGE,
        status_code=HTTP_202_ACCEPTED,
        summary="The new card has arrived: confirm the number printed on it and the line moves to it.",
        description=(
            "Accepted (202) as `activating`; the old card keeps working until the new one is active (minutes). "
            "Confirming twice is the same activation. 404 when no replacement is under way, 409 "
            "REPLACEMENT_NOT_SHIPPED before a card was sent, 422 SIM_CARD_MISMATCH for a number that is not the "
            "card we sent."
        ),
    )
    @inject
    async def activate_replacement_card(
        self,
        sim_id: FromPath[int],
        data: JSONBody[CardActivation],
        customer: FromDishka[LinkedCustomer],
        activate: FromDishka[ActivateReplacementCard],
    ) -> ReplacementOut:
        return replacement_out(await activate.execute(customer, sim_id, data.product_number))

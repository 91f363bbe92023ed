"""Our requests as Freebit `json` objects: every scalar a string, flags "10"/"20", dates YYYYMMDD."""

from __future__ import annotations

from datetime import date

from application.ports.sim_models import (
    ContractLine,
    EsimActivation,
    MnpTransfer,
    PhysicalSimActivation,
    QuotaTopUp,
    SimKind,
    VoiceOptionChange,
    VoiceOptions,
)

Body = dict[str, object]
SIM_KIND_CODES = {SimKind.VOICE: "E0", SimKind.DATA: "E2", SimKind.DATA_SMS: "E3"}


def yyyymmdd(day: date) -> str:
    return day.strftime("%Y%m%d")


def flag(on: bool) -> str:
    return "10" if on else "20"


def physical_activation(request: PhysicalSimActivation) -> Body:
    item = {
        "kind": "MVNO",
        "account": request.msisdn,
        "productNumber": request.product_number,
        "planCode": request.plan_code,
        "contractLine": request.contract_line.value,
    }
    body: Body = {"createType": "new", "requestDatas": [item]}
    if request.start_on is not None:
        body["startDate"] = yyyymmdd(request.start_on)
    return body


def esim_activation(request: EsimActivation) -> Body:
    body: Body = {
        "aladinOperated": "20",
        "createType": "new",
        "addKind": "M" if request.mnp else "N",
        "eid": request.eid,
        "simKind": SIM_KIND_CODES[request.sim_kind],
        "account": request.msisdn,
        "planCode": request.plan_code,
        "contractLine": request.contract_line.value,
    }
    if request.mnp is not None:
        body["mnp"] = _mnp(request.mnp)
    return body


def _mnp(mnp: MnpTransfer) -> Body:
    return {
        "reserveNumber": mnp.reserve_number,
        "reserveExpireDate": yyyymmdd(mnp.reserve_expires_on),
        "lastnameKanji": mnp.last_name_kanji,
        "firstnameKanji": mnp.first_name_kanji,
        "lastnameZenKana": mnp.last_name_kana,
        "firstnameZenKana": mnp.first_name_kana,
        "gender": mnp.gender,
        "birthday": yyyymmdd(mnp.birthday),
    }


def voice_options(msisdn: str, options: VoiceOptions) -> Body:
    return {
        "account": msisdn,
        # The portal only orders voice lines for customers whose identity was verified beforehand.
        "userConfirmed": "10",
        "talkOption": {
            "voiceMail": flag(options.voice_mail),
            "callWaiting": flag(options.call_waiting),
            "worldWing": flag(options.international_roaming),
        },
    }


def voice_option_change(msisdn: str, change: VoiceOptionChange) -> Body:
    named = {
        "voiceMail": change.voice_mail,
        "callWaiting": change.call_waiting,
        "worldWing": change.international_roaming,
    }
    return {"account": msisdn, "talkOption": {name: flag(on) for name, on in named.items() if on is not None}}


def esim_reissue(msisdn: str, eid: str) -> Body:
    # Without ALADIN: under it, reissues go through file integration (400-356).
    return {"aladinOperated": "20", "addKind": "R", "eid": eid, "account": msisdn}


def network_type_change(msisdn: str, network: ContractLine) -> Body:
    return {"account": msisdn, "contractLine": network.value}


def plan_change(msisdn: str, plan_code: str) -> Body:
    # No runTime: the portal holds a scheduled change until its day and sends it then (see PlanChange).
    return {"account": msisdn, "planCode": plan_code}


def card_swap(msisdn: str, old_product_number: str, new_product_number: str) -> Body:
    return {"account": msisdn, "productNumber": new_product_number, "reissue": {"oldProductNumber": old_product_number}}


def cancellation(msisdn: str, run_on: date | None) -> Body:
    body: Body = {"kind": "MVNO", "account": msisdn}
    if run_on is not None:
        body["runDate"] = yyyymmdd(run_on)
    return body


def top_up(request: QuotaTopUp) -> Body:
    body: Body = {
        "kind": "MVNO",
        "account": request.msisdn,
        "quota": str(request.quota_mb),
        "quotaCode": request.quota_code,
    }
    if request.expires_on is not None:
        body["expire"] = yyyymmdd(request.expires_on)
    return body


def account_query(msisdn: str) -> Body:
    return {"version": "2", "requestDatas": [{"kind": "MVNO", "account": msisdn}]}


def one_account(msisdn: str) -> Body:
    return {"account": msisdn}

"""`mvno/esim/addAcnt/` (PA05-41): new eSIM (N), port-in (M) or reissue to a new device (R)."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import ON, Account, Registration
from sandbox.freebit.operations.common import Call, Reply, ensure_changeable, existing_account, plan_code, schedule
from sandbox.freebit.operations.mnp import reservation_for
from sandbox.freebit.seed import PLAN_QUOTAS_MB

PATH = "mvno/esim/addAcnt"


def add_esim_account(call: Call) -> Reply:
    aladin = fields.flag(call.body, "aladinOperated")
    add_kind = fields.one_of(call.body, "addKind", ("N", "M", "R"))
    if aladin == ON and add_kind != "N":
        raise FreebitError(codes.UNSUPPORTED_PATTERN, "aladinOperated=10 allows addKind N only")
    if fields.one_of(call.body, "createType", ("new", "add"), required=False) == "add":
        raise FreebitError(codes.ADD_NOT_ALLOWED)
    eid = fields.text(call.body, "eid")
    if not fields.EID.fullmatch(eid):
        raise FreebitError(codes.BAD_EID, eid)
    if add_kind == "R":
        return _reissue(call, eid)

    sim_kind = fields.one_of(call.body, "simKind", ("E0", "E2", "E3"))
    plan = plan_code(call.body)
    line = fields.one_of(call.body, "contractLine", ("4G", "5G"), required=False, default="4G")
    msisdn = _number_for(call, add_kind, aladin)
    if msisdn in call.state.accounts:
        raise FreebitError(codes.ALREADY_REGISTERED, msisdn)
    if any(a.eid == eid and a.state != "cancelled" for a in call.state.accounts.values()):
        raise FreebitError(codes.ALREADY_REGISTERED, f"eid {eid}")
    if add_kind == "M":
        reservation_for(call, msisdn).used = True
    else:
        call.state.esim_numbers[msisdn] = True

    account = Account(
        msisdn=msisdn,
        plan_code=plan,
        contract_line=line,
        state="activating",
        remaining_mb=PLAN_QUOTAS_MB[plan],
        eid=eid,
        sim_kind=sim_kind,
    )
    call.state.accounts[msisdn] = account
    schedule(call, account, "esimAddAcnt", None, {})
    call.state.registrations.append(Registration(PATH, msisdn, "", eid, add_kind, call.now))
    return {"account": msisdn}


def _number_for(call: Call, add_kind: str, aladin: str) -> str:
    if add_kind == "M":
        return fields.matching(call.body, "account", fields.ACCOUNT)
    # Without ALADIN a new eSIM may leave the number to Freebit, which takes the next free one.
    msisdn = fields.matching(call.body, "account", fields.ACCOUNT, required=aladin == ON)
    free = [number for number, used in call.state.esim_numbers.items() if not used]
    if not msisdn:
        if not free:
            raise FreebitError(codes.NO_ESIM_PROFILE)
        return free[0]
    if msisdn not in call.state.esim_numbers:
        raise FreebitError(codes.NO_ESIM_PROFILE, msisdn)
    return msisdn


def _reissue(call: Call, eid: str) -> Reply:
    account = existing_account(call)
    if not account.eid:
        raise FreebitError(codes.UNSUPPORTED_PATTERN, "reissue needs an eSIM account")
    ensure_changeable(call, account)
    schedule(call, account, "esimReissue", None, {"eid": eid})
    call.state.registrations.append(Registration(PATH, account.msisdn, "", eid, "R", call.now))
    return {"account": account.msisdn}

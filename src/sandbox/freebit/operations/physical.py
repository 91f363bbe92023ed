"""`master/addAcnt/` (PA02-01): register a physical SIM's number on a plan; completes asynchronously."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import Account, Registration
from sandbox.freebit.operations.common import Call, Reply, plan_code, schedule
from sandbox.freebit.seed import PLAN_QUOTAS_MB


def add_account(call: Call) -> Reply:
    create_type = fields.one_of(call.body, "createType", ("new", "add"))
    if create_type == "add":  # the sandbox OEM has no User Management Service
        raise FreebitError(codes.ADD_NOT_ALLOWED)
    start_on = fields.day(call.body, "startDate")
    item = fields.single_item(call.body)
    fields.one_of(item, "kind", ("MVNO",))
    msisdn = fields.matching(item, "account", fields.ACCOUNT)
    product_number = fields.matching(item, "productNumber", fields.PRODUCT_NUMBER)
    plan = plan_code(item)
    line = fields.one_of(item, "contractLine", ("4G", "5G"), required=False, default="4G")
    sim = call.state.physical_sims.get(product_number)
    if sim is None:
        raise FreebitError(codes.PRODUCT_NOT_FOUND, product_number)
    if sim.msisdn != msisdn:
        raise FreebitError(codes.SIM_MISMATCH, f"{product_number} / {msisdn}")
    if sim.used or msisdn in call.state.accounts:
        raise FreebitError(codes.ALREADY_REGISTERED, msisdn)

    sim.used = True
    account = Account(
        msisdn=msisdn,
        plan_code=plan,
        contract_line=line,
        state="activating",
        remaining_mb=PLAN_QUOTAS_MB[plan],
        product_number=product_number,
    )
    call.state.accounts[msisdn] = account
    schedule(call, account, "addAcnt", start_on, {})
    call.state.registrations.append(Registration("master/addAcnt", msisdn, product_number, "", "", call.now))
    return {}

"""PA04-04 quota addition (synchronous, not idempotent) and PA05-02 quota history (by `quotaCode`)."""

from __future__ import annotations

from sandbox.freebit import codes, fields
from sandbox.freebit.codes import FreebitError
from sandbox.freebit.model import QuotaRecord
from sandbox.freebit.operations.common import Call, Reply, ensure_changeable, existing_account

MAX_QUOTA_MB = 512_000


def add_quota(call: Call) -> Reply:
    fields.one_of(call.body, "kind", ("MVNO",), required=False)
    account = existing_account(call)
    quota = fields.text(call.body, "quota")
    if not fields.QUOTA.fullmatch(quota):
        raise FreebitError(codes.BAD_FORMAT, "quota must be 1-6 digits")
    if not 1 <= int(quota) <= MAX_QUOTA_MB:
        raise FreebitError(codes.QUOTA_OUT_OF_RANGE, quota)
    quota_code = fields.text(call.body, "quotaCode", required=False)
    if len(quota_code) > 512:
        raise FreebitError(codes.BAD_FORMAT, "quotaCode is longer than 512 characters")
    expire = fields.day(call.body, "expire")
    ensure_changeable(call, account)
    # Applied at once and never de-duplicated: a replayed request adds the quota again, as upstream.
    account.remaining_mb += int(quota)
    account.quota_history.append(
        QuotaRecord(int(quota), quota_code, expire.strftime("%Y%m%d") if expire else "", call.now)
    )
    return {}


def quota_history(call: Call) -> Reply:
    account = existing_account(call)
    return {
        "account": account.msisdn,
        "quotaHistory": [
            {
                "quotaCode": record.quota_code,
                "quota": str(record.quota_mb),
                "expire": record.expire,
                "addDate": record.added_at.strftime("%Y%m%d"),
            }
            for record in account.quota_history
        ],
    }

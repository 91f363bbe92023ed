"""Which handler answers which path under /emptool/api/ (four paths are unknown upstream: configurable)."""

from __future__ import annotations

from collections.abc import Callable

from sandbox.freebit.config import FreebitEmulatorConfig
from sandbox.freebit.operations.auth import auth_oem
from sandbox.freebit.operations.cancel import cancel_account
from sandbox.freebit.operations.common import Call, Reply
from sandbox.freebit.operations.detail import account_detail
from sandbox.freebit.operations.esim import add_esim_account
from sandbox.freebit.operations.line_changes import change_contract_line, change_order
from sandbox.freebit.operations.physical import add_account
from sandbox.freebit.operations.plan import change_plan, swap_card
from sandbox.freebit.operations.quota import add_quota, quota_history
from sandbox.freebit.operations.talkoption import add_order
from sandbox.freebit.operations.traffic import traffic_info

Handler = Callable[[Call], Reply]
AUTH_OPERATION = "authOem"


def operation_table(config: FreebitEmulatorConfig) -> dict[str, Handler]:
    return {
        AUTH_OPERATION: auth_oem,
        "master/addAcnt": add_account,
        "master/cnclAcnt": cancel_account,
        "mvno/esim/addAcnt": add_esim_account,
        "mvno/talkoption/addOrder": add_order,
        "mvno/talkoption/changeOrder": change_order,
        "mvno/contractline/change": change_contract_line,
        "mvno/getTrafficInfo": traffic_info,
        config.detail_path.strip("/"): account_detail,
        config.quota_path.strip("/"): add_quota,
        config.quota_history_path.strip("/"): quota_history,
        config.plan_change_path.strip("/"): change_plan,
        config.card_swap_path.strip("/"): swap_card,
    }

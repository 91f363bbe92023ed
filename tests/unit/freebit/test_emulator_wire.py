"""The emulator's own wire behaviour: encoding, authKey life, and the rules the adapter never trips."""

from __future__ import annotations

import json
from typing import Any

import pytest
from litestar.testing import TestClient

from sandbox.freebit import FreebitState, seed
from tests.unit.freebit.emulator_client import auth_key, call, code

Client = TestClient[Any]
SIM = seed.PHYSICAL_SIMS[0]
EID = seed.SAMPLE_EIDS[0]
DETAIL = {"requestDatas": [{"kind": "MVNO", "account": seed.HANAKO_MSISDN}]}


def esim_body(**changes: Any) -> dict[str, Any]:
    body = {"aladinOperated": "20", "addKind": "N", "eid": EID, "simKind": "E0", "planCode": "PNEW_3G"}
    return {**body, **changes}


def test_success_is_result_code_100_as_a_string(client: Client) -> None:
    answer = call(client, "mvno/getDetail", DETAIL)
    assert answer["resultCode"] == "100"
    assert answer["status"] == {"message": "OK", "statusCode": "200"}
    assert answer["responseDatas"][0]["quota"] == str(10240 - sum(seed.HANAKO_USED_MB_RECENT_DAYS))


def test_the_json_field_is_required_and_a_raw_json_body_is_not_it(client: Client) -> None:
    response = client.post("/emptool/api/mvno/getDetail/", json={"authKey": auth_key(client), **DETAIL})
    assert code(response.json()) == "400-401"


def test_multipart_form_data_is_read_too(client: Client) -> None:
    body = json.dumps({"authKey": auth_key(client), **DETAIL})
    response = client.post("/emptool/api/mvno/getDetail/", files={"json": (None, body)})
    assert response.json()["resultCode"] == "100"


@pytest.mark.parametrize("path", ["/emptool/api/mvno/getDetail", "/emptool/api/mvno/noSuchThing/"])
def test_paths_without_trailing_slash_or_unknown_are_404_pages(client: Client, path: str) -> None:
    response = client.post(path, data={"json": "{}"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '"text"'])
def test_the_json_field_must_hold_an_object(client: Client, raw: str) -> None:
    response = client.post("/emptool/api/authOem/", data={"json": raw})
    assert code(response.json()) == "400-402"


def test_scalars_must_be_strings(client: Client) -> None:
    answer = call(client, "mvno/getTrafficInfo", {"account": 8012345678})
    assert code(answer) == "400-402"


@pytest.mark.parametrize("key", [None, "", "not-a-key"])
def test_calls_without_a_valid_key_get_the_auth_error(client: Client, key: str | None) -> None:
    answer = call(client, "mvno/getDetail", {"authKey": key, **DETAIL}, auth=False)
    assert code(answer) == "200-210"


def test_keys_expire_after_their_lifetime(client: Client) -> None:
    key = auth_key(client)
    assert call(client, "mvno/getDetail", {"authKey": key, **DETAIL}, auth=False)["resultCode"] == "100"

    client.post("/_sandbox/advance", json={"seconds": 601})
    assert code(call(client, "mvno/getDetail", {"authKey": key, **DETAIL}, auth=False)) == "200-210"


def test_wrong_oem_key_is_refused(client: Client) -> None:
    answer = call(client, "authOem", {"oemId": seed.OEM_ID, "oemKey": "wrong"}, auth=False)
    assert code(answer) == "200-201"
    assert "authKey" not in answer


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (esim_body(aladinOperated="10", addKind="M"), "400-356"),
        (esim_body(aladinOperated="10", addKind="R"), "400-356"),
        (esim_body(createType="add"), "400-411"),
        (esim_body(simKind="E1"), "400-402"),
        (esim_body(addKind="X"), "400-402"),
        (esim_body(aladinOperated="30"), "400-402"),
        (esim_body(addKind="M", account="09098765432"), "400-401"),  # no mnp block
    ],
)
def test_esim_combination_rules(client: Client, body: dict[str, Any], expected: str) -> None:
    assert code(call(client, "mvno/esim/addAcnt", body)) == expected


def test_esim_without_a_number_takes_the_next_free_one(client: Client, state: FreebitState) -> None:
    answer = call(client, "mvno/esim/addAcnt", esim_body())
    assert answer["account"] == seed.ESIM_MSISDNS[0]
    assert state.esim_numbers[seed.ESIM_MSISDNS[0]] is True


def test_aladin_operated_esim_needs_its_number(client: Client) -> None:
    assert code(call(client, "mvno/esim/addAcnt", esim_body(aladinOperated="10"))) == "400-401"


def test_reissue_moves_the_profile_to_a_new_eid(client: Client, state: FreebitState) -> None:
    number = call(client, "mvno/esim/addAcnt", esim_body())["account"]
    client.post("/_sandbox/complete")
    new_eid = seed.SAMPLE_EIDS[1]

    answer = call(client, "mvno/esim/addAcnt", {"addKind": "R", "eid": new_eid, "account": number})
    assert answer["resultCode"] == "100"
    assert state.accounts[number].eid == EID
    client.post("/_sandbox/complete")

    assert state.accounts[number].eid == new_eid
    assert [row["kind"] for row in state.esim_completions] == ["esimAddAcnt", "esimReissue"]


def test_reissue_of_a_physical_line_is_unsupported(client: Client) -> None:
    answer = call(client, "mvno/esim/addAcnt", {"addKind": "R", "eid": EID, "account": seed.HANAKO_MSISDN})
    assert code(answer) == "400-356"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"createType": "add"}, "400-411"),
        ({"createType": "new", "requestDatas": []}, "400-402"),
        ({"createType": "new", "requestDatas": [{}, {}]}, "400-402"),
        ({"createType": "new", "startDate": "2026-13-01"}, "400-402"),
    ],
)
def test_physical_registration_rules(client: Client, body: dict[str, Any], expected: str) -> None:
    assert code(call(client, "master/addAcnt", body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"kind": "MASTER", "account": seed.HANAKO_MSISDN}, "400-410"),
        ({"kind": "MVNO", "account": seed.HANAKO_MSISDN, "runDate": "31/03/2027"}, "400-402"),
    ],
)
def test_cancellation_rules(client: Client, body: dict[str, Any], expected: str) -> None:
    assert code(call(client, "master/cnclAcnt", body)) == expected


@pytest.mark.parametrize("run_date", ["20270331", "2027/03/31", "2027-03-31"])
def test_cancellation_accepts_three_date_spellings(client: Client, state: FreebitState, run_date: str) -> None:
    call(client, "master/cnclAcnt", {"kind": "MVNO", "account": seed.HANAKO_MSISDN, "runDate": run_date})
    assert state.accounts[seed.HANAKO_MSISDN].pending[0].starts_at.strftime("%Y%m%d") == "20270331"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"userConfirmed": "20"}, "400-408"),
        ({"userConfirmed": "10", "talkOption": {"voiceMial": "10"}}, "400-402"),
        ({"userConfirmed": "10", "talkOption": {"voiceMail": "1"}}, "400-402"),
        ({"userConfirmed": "10", "talkOption": "10"}, "400-402"),
    ],
)
def test_voice_option_rules(client: Client, body: dict[str, Any], expected: str) -> None:
    assert code(call(client, "mvno/talkoption/addOrder", {"account": seed.HANAKO_MSISDN, **body})) == expected


def test_an_empty_talk_option_registers_every_option_off(client: Client, state: FreebitState) -> None:
    call(client, "mvno/talkoption/addOrder", {"account": seed.HANAKO_MSISDN, "userConfirmed": "10", "talkOption": {}})
    client.post("/_sandbox/complete")
    assert set(state.accounts[seed.HANAKO_MSISDN].voice.values()) == {"20"}


def test_a_replayed_top_up_adds_the_quota_twice(client: Client, state: FreebitState) -> None:
    body = {"kind": "MVNO", "account": seed.HANAKO_MSISDN, "quota": "1024", "quotaCode": "same"}
    before = state.accounts[seed.HANAKO_MSISDN].remaining_mb
    call(client, "mvno/addSpec", body)
    call(client, "mvno/addSpec", body)

    assert state.accounts[seed.HANAKO_MSISDN].remaining_mb == before + 2048
    history = call(client, "mvno/getQuotaHistory", {"account": seed.HANAKO_MSISDN})["quotaHistory"]
    assert [entry["quotaCode"] for entry in history] == ["same", "same"]


def test_detail_of_a_master_account_is_not_found(client: Client) -> None:
    answer = call(client, "mvno/getDetail", {"requestDatas": [{"kind": "MASTER", "account": "M0001"}]})
    assert code(answer) == "300-301"

"""The emulator speaks WHMCS's wire: auth and lockout, formats, encodings and per-action empty shapes."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from sandbox.whmcs.seed import HANAKO, KENJI, MEI, SANDBOX_IDENTIFIER, SANDBOX_SECRET, SOTA
from tests.contract.whmcs.conftest import Emulator

pytestmark = pytest.mark.integration
CREDENTIALS = {"identifier": SANDBOX_IDENTIFIER, "secret": SANDBOX_SECRET}


def call(emulator: Emulator, action: str, **params: Any) -> httpx.Response:
    form = {**CREDENTIALS, "action": action, "responsetype": "json", **params}
    return httpx.post(f"{emulator.url}/includes/api.php", data=form)


def ok(emulator: Emulator, action: str, **params: Any) -> dict[str, Any]:
    response = call(emulator, action, **params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert body["result"] == "success", body
    return body


def test_a_wrong_secret_is_403_and_the_third_bans_the_ip(seeded: Emulator) -> None:
    for _ in range(3):
        refused = call(seeded, "GetClients", secret="wrong")
        assert (refused.status_code, refused.json()) == (403, {"result": "error", "message": "Authentication Failed"})
    banned = call(seeded, "GetClients")  # even with the right secret now
    assert (banned.status_code, banned.json()["message"]) == (403, "IP Banned")
    seeded.clock.advance(3601)
    assert call(seeded, "GetClients").status_code == 200


def test_unknown_identifiers_are_refused_without_counting(seeded: Emulator) -> None:
    for _ in range(4):
        refused = call(seeded, "GetClients", identifier="someone-else")
        assert (refused.status_code, refused.json()["message"]) == (403, "Invalid or missing credentials")
    assert call(seeded, "GetClients").status_code == 200


def test_failures_older_than_the_window_do_not_add_up(seeded: Emulator) -> None:
    for _ in range(2):
        call(seeded, "GetClients", secret="wrong")
    seeded.clock.advance(31 * 60)
    call(seeded, "GetClients", secret="wrong")
    assert call(seeded, "GetClients").status_code == 200


def test_action_names_are_normalised_and_checked(seeded: Emulator) -> None:
    assert ok(seeded, "get_clients_details", clientid="1")["client"]["id"] == 1
    assert ok(seeded, "GetClientsDataByEmail", email=HANAKO.email)["client"]["id"] == 1
    unknown = call(seeded, "GetEverything")
    assert (unknown.status_code, unknown.json()["message"]) == (
        403,
        'Invalid API Action: "geteverything" is not a valid API action',
    )
    assert "\\u0022geteverything\\u0022" in unknown.text  # JSON_HEX_QUOT
    empty = call(seeded, "")
    assert (empty.status_code, empty.json()["message"]) == (400, "Empty action request")
    internal = call(seeded, "SetConfigurationValue")
    assert (internal.status_code, internal.json()["message"]) == (200, "API Command Restricted to Internal API")


def test_without_responsetype_whmcs_answers_xml_or_nvp(seeded: Emulator) -> None:
    form = {**CREDENTIALS, "action": "GetInvoices", "userid": "1"}
    xml = httpx.post(f"{seeded.url}/includes/api.php", data=form)
    assert xml.text.startswith("<?xml")
    assert "<action>getinvoices</action>" in xml.text
    nvp = httpx.post(f"{seeded.url}/includes/api.php", data={**form, "action": "ValidateLogin"})
    assert nvp.text == "result=error;message=Email or Password Invalid"
    refused = call(seeded, "GetInvoices", responsetype="nvp")
    assert refused.text == "result=error;message=This API action only supports the XML or JSON response type formats"
    odd = call(seeded, "GetClients", responsetype="yaml")
    assert 'Unsupported API response type format "yaml"' in odd.text


def test_a_json_body_is_ignored_and_get_works(seeded: Emulator) -> None:
    as_json = httpx.post(f"{seeded.url}/includes/api.php", json={**CREDENTIALS, "action": "GetClients"})
    assert as_json.status_code == 403  # PHP never saw the credentials
    query = {**CREDENTIALS, "action": "GetClients", "responsetype": "json"}
    assert httpx.get(f"{seeded.url}/includes/api.php", params=query).json()["result"] == "success"


def test_json_is_ascii_with_hex_escapes_and_unescaped_slashes(seeded: Emulator) -> None:
    raw = call(seeded, "GetProducts", pid="112").text
    assert raw.isascii()
    assert "\\u003Cp\\u003E" in raw
    assert "\\u00a5" in raw
    assert "http://" in raw
    assert "\\/" not in raw


def test_stored_strings_come_back_html_encoded(seeded: Emulator) -> None:
    ok(seeded, "UpdateClient", clientid="2", companyname='Sato & Sons <"K\'s">')
    client = ok(seeded, "GetClientsDetails", clientid="2")["client"]
    assert client["companyname"] == "Sato &amp; Sons &lt;&quot;K&#039;s&quot;&gt;"


def test_numbers_are_strings_and_ids_mixed(seeded: Emulator) -> None:
    products = ok(seeded, "GetClientsProducts", clientid="1")
    assert (products["totalresults"], products["numreturned"]) == ("2", 2)
    row = products["products"]["product"][0]
    assert (row["id"], row["pid"], row["recurringamount"]) == ("1", "112", "6300.00")
    invoices = ok(seeded, "GetInvoices", userid="1", limitnum="1")
    assert isinstance(invoices["totalresults"], int)
    assert invoices["invoices"]["invoice"][0]["total"] == "9658.00"
    assert ok(seeded, "GetOrders", limitstart="0")["startnumber"] == "0"  # echoed as sent
    assert ok(seeded, "UpdateClient", clientid="02")["clientid"] == "02"


def test_empty_collections_take_each_actions_own_shape(seeded: Emulator) -> None:
    assert ok(seeded, "GetInvoices", userid=str(MEI.client_id))["invoices"] == []
    assert ok(seeded, "GetClientsProducts", clientid=str(MEI.client_id))["products"] == ""
    assert "products" not in ok(seeded, "GetClientsProducts", clientid="1", limitstart="5")
    assert "orders" not in ok(seeded, "GetOrders", userid=str(SOTA.client_id))
    assert ok(seeded, "GetPayMethods", clientid=str(SOTA.client_id))["paymethods"] == []
    assert "products" not in ok(seeded, "GetProducts", pid="999")
    assert "clients" not in ok(seeded, "GetClients", search="zzz")
    created = ok(seeded, "CreateInvoice", userid="1")  # no lines at all
    empty = ok(seeded, "GetInvoice", invoiceid=str(created["invoiceid"]))
    assert "items" not in empty
    assert empty["transactions"] == ""
    added = ok(seeded, "AddClient", firstname="N", lastname="F", email="n.f@example.jp", address1="1", city="c",
               state="s", postcode="1", country="JP", phonenumber="03-1", password2="pw")  # fmt: skip
    details = ok(seeded, "GetClientsDetails", clientid=str(added["clientid"]))
    assert "customfields" not in details["client"]
    assert details["client"]["users"]["user"][0]["is_owner"] is True


def test_get_invoice_reports_not_found_with_status_not_result(seeded: Emulator) -> None:
    missing = call(seeded, "GetInvoice", invoiceid="9999")
    assert (missing.status_code, missing.json()) == (200, {"status": "error", "message": "Invoice ID Not Found"})


def test_dates_are_server_local_with_zero_sentinels(seeded: Emulator) -> None:
    invoice = ok(seeded, "GetInvoice", invoiceid="6")
    assert invoice["datepaid"] == "0000-00-00 00:00:00"
    assert invoice["date"] == "2026-10-30"  # two days before 2026-11-01 18:00 in Tokyo
    assert ok(seeded, "GetClientsProducts", serviceid="1")["products"]["product"][0]["nextduedate"] == "2026-11-13"


def test_false_is_true_to_php(seeded: Emulator) -> None:
    placed = ok(seeded, "AddOrder", clientid="2", paymentmethod="stripe", **{"pid[0]": "301", "noinvoice": "false"})
    assert "invoiceid" not in placed  # noinvoice=false suppressed the invoice
    assert placed["serviceids"] == "5"


def test_add_order_returns_csv_ids_and_accept_needs_pending(seeded: Emulator) -> None:
    placed = ok(seeded, "AddOrder", clientid="2", paymentmethod="stripe",
                **{"pid[]": ["301", "310"], "billingcycle[]": ["monthly", "onetime"]})  # fmt: skip
    assert placed["serviceids"] == placed["productids"] == "5,6"
    assert isinstance(placed["invoiceid"], int)
    ok(seeded, "AcceptOrder", orderid=str(placed["orderid"]))
    again = call(seeded, "AcceptOrder", orderid=str(placed["orderid"])).json()
    assert again == {"result": "error", "message": "Order ID not found or Status not Pending"}
    line = ok(seeded, "GetOrders", id=str(placed["orderid"]))["orders"]["order"][0]["lineitems"]["lineitem"][0]
    assert line["amount"] == "¥1,200 JPY"  # a display string, unlike every other amount


def test_customfields_travel_as_base64_php_serialize(seeded: Emulator) -> None:
    blob = base64.b64encode('a:1:{i:2043;s:6:"東京";}'.encode()).decode()  # length in UTF-8 bytes
    ok(seeded, "UpdateClientProduct", serviceid="2", customfields=blob)
    fields = ok(seeded, "GetClientsProducts", serviceid="2")["products"]["product"][0]["customfields"]["customfield"]
    assert {f["name"]: f["value"] for f in fields}["EID"] == "東京"


def test_keys_php_would_drop_are_dropped(seeded: Emulator) -> None:
    assert ok(seeded, "GetInvoices", **{"userid": "1", "status$": "Paid"})["totalresults"] == 6
    assert call(seeded, "GetClients", sqltype="x").json()["message"] == "Invalid request input."


def test_validate_login_has_one_message_for_every_failure(seeded: Emulator) -> None:
    for email, password in ((KENJI.email, "wrong"), ("nobody@example.jp", KENJI.password)):
        assert call(seeded, "ValidateLogin", email=email, password2=password).json()["message"] == (
            "Email or Password Invalid"
        )
    good = ok(seeded, "ValidateLogin", email=KENJI.email, password2=KENJI.password)
    assert len(good["passwordhash"]) == 40
    assert good["twoFactorEnabled"] is False


def test_control_api_reads_state_and_arms_faults(seeded: Emulator) -> None:
    state = httpx.get(f"{seeded.url}/_sandbox/state").json()
    assert [c["id"] for c in state["clients"]] == [1, 2, 4, 5, 6, 7, 9]
    assert sum(1 for o in state["orders"] if o["client_id"] == KENJI.client_id) == 1
    armed = httpx.post(f"{seeded.url}/_sandbox/faults", json={"operation": "GetClients", "kind": "http_error"})
    assert armed.json()["operation"] == "getclients"
    assert call(seeded, "GetClients").status_code == 503
    assert call(seeded, "GetClients").status_code == 200
    json.dumps(state)  # plain JSON all the way down

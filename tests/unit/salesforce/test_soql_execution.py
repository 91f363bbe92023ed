from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.seed import SeedIds, seed_store
from sandbox.salesforce.soql.execute import QueryRunner
from sandbox.salesforce.soql.parser import parse_soql
from sandbox.salesforce.store import RecordStore

NOW = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)


class Org:
    def __init__(self) -> None:
        self.now = NOW
        self.store = RecordStore(lambda: self.now)
        self.ids: SeedIds = seed_store(self.store)
        self.runner = QueryRunner(self.store, "62.0")

    def query(self, soql: str, *, include_deleted: bool = False) -> list[dict[str, Any]]:
        return self.runner.run(parse_soql(soql), include_deleted=include_deleted)


@pytest.fixture
def org() -> Org:
    return Org()


def test_shapes_records_with_attributes_parents_and_canonical_names(org: Org) -> None:
    [contact] = org.query("select id, account.name, account.sf_account_no__c from contact where lastname = 'tanaka'")

    assert contact["attributes"] == {"type": "Contact", "url": f"/services/data/v62.0/sobjects/Contact/{contact['Id']}"}
    assert contact["Account"]["Name"] == "Hanako Tanaka"
    assert contact["Account"]["SF_Account_No__c"] == "SH-100001"
    assert contact["Account"]["attributes"]["type"] == "Account"


def test_an_empty_lookup_is_null_and_an_empty_child_list_is_null(org: Org) -> None:
    [case] = org.query(
        "SELECT Id, Opportunity__r.Name, (SELECT Id FROM CaseComments) FROM Case WHERE Type = 'Technical'"
    )

    assert case["Opportunity__r"] is None
    assert case["CaseComments"]["totalSize"] == 1
    [yuki] = org.query("SELECT Id, (SELECT Id FROM Cases) FROM Account WHERE SF_Account_No__c = 'SH-100003'")
    assert yuki["Cases"] is None


def test_filters_compare_text_without_regard_to_case(org: Org) -> None:
    assert len(org.query("SELECT Id FROM Account WHERE Name = 'HANAKO TANAKA'")) == 1
    assert len(org.query("SELECT Id FROM Account WHERE Name LIKE '%tanaka'")) == 1
    assert len(org.query("SELECT Id FROM Account WHERE Name LIKE 'h_nako%'")) == 1
    assert org.query(r"SELECT Id FROM Account WHERE Name LIKE 'h\_nako%'") == []


def test_in_not_in_and_null_comparisons(org: Org) -> None:
    numbers = org.query("SELECT SF_Account_No__c FROM Account WHERE WHMCS_Client_ID__c IN (1, 9) ORDER BY Name")
    assert [r["SF_Account_No__c"] for r in numbers] == ["SH-100001", "SH-100008"]
    assert len(org.query("SELECT Id FROM Account WHERE WHMCS_Client_ID__c = null")) == 1
    assert len(org.query("SELECT Id FROM Account WHERE WHMCS_Client_ID__c != null")) == 7
    assert len(org.query("SELECT Id FROM Account WHERE SF_Account_No__c NOT IN ('SH-100001')")) == 7


def test_ids_match_in_either_form(org: Org) -> None:
    account_id = org.ids.accounts["SH-100002"]

    for form in (account_id, account_id[:15]):
        assert [r["Id"] for r in org.query(f"SELECT Id FROM Account WHERE Id = '{form}'")] == [account_id]


def test_orders_with_nulls_first_or_last_then_limits_and_offsets(org: Org) -> None:
    ascending = org.query("SELECT WHMCS_Client_ID__c FROM Account ORDER BY WHMCS_Client_ID__c")
    assert [r["WHMCS_Client_ID__c"] for r in ascending] == [None, 1.0, 2.0, 4.0, 5.0, 6.0, 7.0, 9.0]
    descending = org.query("SELECT WHMCS_Client_ID__c FROM Account ORDER BY WHMCS_Client_ID__c DESC LIMIT 3 OFFSET 1")
    assert [r["WHMCS_Client_ID__c"] for r in descending] == [7.0, 6.0, 5.0]
    nulls_last = org.query("SELECT WHMCS_Client_ID__c FROM Account ORDER BY WHMCS_Client_ID__c ASC NULLS LAST")
    assert nulls_last[-1]["WHMCS_Client_ID__c"] is None


def test_date_literals_follow_the_orgs_clock(org: Org) -> None:
    assert len(org.query("SELECT Id FROM Account WHERE CreatedDate = TODAY")) == 8
    assert org.query("SELECT Id FROM Account WHERE CreatedDate = YESTERDAY") == []
    org.now += dt.timedelta(days=3)
    assert len(org.query("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:3")) == 8
    assert org.query("SELECT Id FROM Account WHERE CreatedDate = LAST_N_DAYS:2") == []
    assert len(org.query("SELECT Id FROM Account WHERE CreatedDate < 2026-11-02T00:00:00Z")) == 8
    assert len(org.query("SELECT Id FROM Opportunity WHERE CloseDate > 2026-11-01")) == 1


def test_query_all_includes_deleted_rows(org: Org) -> None:
    case_id = org.ids.cases["SH-100004"][0]
    org.store.delete("Case", case_id)

    assert [r["Id"] for r in org.query("SELECT Id FROM Case", include_deleted=True)].count(case_id) == 1
    assert case_id not in [r["Id"] for r in org.query("SELECT Id FROM Case")]


@pytest.mark.parametrize(
    ("soql", "code"),
    [
        ("SELECT Nope__c FROM Account", "INVALID_FIELD"),
        ("SELECT Id FROM Account WHERE Nope__c = 'x'", "INVALID_FIELD"),
        ("SELECT Id FROM Account ORDER BY Nope__c", "INVALID_FIELD"),
        ("SELECT Nope__r.Name FROM Account", "INVALID_FIELD"),
        ("SELECT Id FROM Nope__c", "INVALID_TYPE"),
        ("SELECT Id, (SELECT Id FROM Nopes) FROM Account", "INVALID_TYPE"),
        ("SELECT Id, Id FROM Account", "MALFORMED_QUERY"),
        ("SELECT Id FROM Account WHERE Name = 1", "MALFORMED_QUERY"),
        ("SELECT Id FROM Account WHERE WHMCS_Client_ID__c = '1'", "MALFORMED_QUERY"),
        ("SELECT Id FROM Order WHERE EffectiveDate = '2026-01-01'", "MALFORMED_QUERY"),
        ("SELECT Id FROM Order WHERE CreatedDate = 2026-01-01", "MALFORMED_QUERY"),
        ("SELECT Id FROM Account WHERE Id = 'not-an-id'", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM Account WHERE Id > '001RO0000000001YAA'", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM Account WHERE WHMCS_Client_ID__c LIKE '1%'", "INVALID_QUERY_FILTER_OPERATOR"),
        ("SELECT Id FROM Case WHERE Description = 'x'", "INVALID_FIELD"),
        ("SELECT Id FROM Account LIMIT 1 OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE"),
    ],
)
def test_refuses_what_the_org_would_refuse(org: Org, soql: str, code: str) -> None:
    with pytest.raises(ApiError) as refused:
        org.query(soql)

    assert (refused.value.status, refused.value.error_code) == (400, code)

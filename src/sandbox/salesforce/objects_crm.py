"""Account, Contact, Opportunity, Case and CaseComment as the portal's org defines them."""

from __future__ import annotations

from sandbox.salesforce.schema import (
    Access,
    ChildRelationship,
    FieldDef,
    Kind,
    ObjectDef,
    auto_number,
    flag,
    number,
    pick,
    ref,
    system_fields,
    text,
)

CASE_STATUSES = ("New", "In Progress", "Waiting on Customer", "Escalated", "Closed")
CLOSED_CASE_STATUSES = frozenset({"Closed"})


def _address(prefix: str) -> list[FieldDef]:
    return [
        FieldDef(f"{prefix}Street", Kind.TEXTAREA, max_length=255),
        text(f"{prefix}City", max_length=40),
        text(f"{prefix}State", max_length=80),
        text(f"{prefix}PostalCode", max_length=20),
        text(f"{prefix}Country", max_length=80),
    ]


ACCOUNT = ObjectDef(
    "Account",
    "001",
    [
        *system_fields(),
        text("Name", required=True),
        text("Phone", max_length=40),
        *_address("Billing"),
        # The Customer Number (equal to WHMCS custom field 198).
        text("SF_Account_No__c", max_length=20, external_id=True),
        pick("Portal_Status__c", ("Not Yet", "Active", "Suspended")),
        pick("Portal_Registration_Source__c", ("New Signup", "Migrated", "Agent")),
        text("WH_Account__c"),  # "#1234 - Customer Name"
        number("WHMCS_Client_ID__c"),
        pick("Internet_Eligibility_Status__c", ("Not Requested", "Pending", "Eligible", "Not Eligible")),
        text("Internet_Eligibility__c"),  # the offering type the address qualifies for, e.g. "Home 1G"
        FieldDef("Internet_Eligibility_Checked_At__c", Kind.DATETIME),
        FieldDef("Internet_Eligibility_Notes__c", Kind.TEXTAREA),
        pick("Id_Verification_Status__c", ("Not Submitted", "Pending", "Verified", "Rejected")),
        FieldDef("Id_Verification_Rejection_Reason__c", Kind.TEXTAREA, max_length=1000),
        FieldDef("Id_Verification_Submitted_At__c", Kind.DATETIME),
        # The portal's key for someone not a customer yet (a digest of their email): an External ID marked Unique.
        text("Portal_Prospect_Key__c", max_length=64, unique=True, external_id=True),
    ],
    children=[
        ChildRelationship("Contacts", "Contact", "AccountId"),
        ChildRelationship("Opportunities", "Opportunity", "AccountId"),
        ChildRelationship("Orders", "Order", "AccountId"),
        ChildRelationship("Cases", "Case", "AccountId"),
    ],
)

CONTACT = ObjectDef(
    "Contact",
    "003",
    [
        *system_fields(),
        text("FirstName", max_length=40),
        text("LastName", required=True, max_length=80),
        FieldDef("Name", Kind.STRING, Access.READ_ONLY),
        ref("AccountId", "Account"),
        FieldDef("Email", Kind.STRING, max_length=80),
        text("Phone", max_length=40),
        text("MobilePhone", max_length=40),
    ],
    children=[ChildRelationship("Cases", "Case", "ContactId")],
)

OPPORTUNITY = ObjectDef(
    "Opportunity",
    "006",
    [
        *system_fields(),
        text("Name", required=True, max_length=120),
        ref("AccountId", "Account"),
        pick("StageName", ("Introduction", "Ready", "Closed Won", "Closed Lost"), required=True),
        FieldDef("CloseDate", Kind.DATE, required=True),
        text("Application_Stage__c"),
        FieldDef("Description", Kind.TEXTAREA),
        # Which service the Opportunity is about (the portal reuses an open one only for the same service).
        pick("Product_Type__c", ("Internet", "SIM", "VPN")),
        text("WHMCS_Service_ID__c"),
        text("WH_Registeration__c"),  # (sic) the WHMCS service's registration date, written after fulfilment
        # Cancellation (§5.3). The SIM date field's real name is unknown: the portal's name for it is configurable.
        FieldDef("ScheduledCancellationDateAndTime__c", Kind.DATETIME),
        pick("CancellationNotice__c", ("有", "未", "不要", "移転")),
        pick("LineReturn__c", ("Return by post", "Collection", "Nothing to return")),
        pick("SIMCancellationNotice__c", ("有", "未", "不要")),
        FieldDef("SIMScheduledCancellationDateAndTime__c", Kind.DATETIME),
    ],
    children=[
        ChildRelationship("Cases", "Case", "Opportunity__c"),
        ChildRelationship("Orders", "Order", "OpportunityId"),
    ],
    label_plural="Opportunities",
)

CASE = ObjectDef(
    "Case",
    "500",
    [
        *system_fields(),
        auto_number("CaseNumber"),
        text("Subject"),
        FieldDef("Description", Kind.TEXTAREA),
        pick("Status", CASE_STATUSES),
        pick("Priority", ("Low", "Medium", "High", "Critical")),
        pick("Origin", ("Portal Website", "Email", "Phone", "Web")),
        text("Type"),
        ref("AccountId", "Account"),
        ref("ContactId", "Contact"),
        ref("Opportunity__c", "Opportunity"),
        text("Eligibility_Address_Key__c"),
        # The portal's idempotency key (user + Idempotency-Key): an External ID field marked Unique.
        text("Portal_Request_Key__c", max_length=64, unique=True, external_id=True),
        FieldDef("IsClosed", Kind.BOOLEAN, Access.READ_ONLY),
        FieldDef("ClosedDate", Kind.DATETIME, Access.READ_ONLY),
    ],
    cdc_enabled=True,
    children=[ChildRelationship("CaseComments", "CaseComment", "ParentId")],
)

CASE_COMMENT = ObjectDef(
    "CaseComment",
    "00a",
    [
        *system_fields(),
        ref("ParentId", "Case", required=True, access=Access.CREATE_ONLY),
        FieldDef("CommentBody", Kind.TEXTAREA, max_length=4000),
        flag("IsPublished"),
    ],
    label="Case Comment",
)

CONTENT_VERSION = ObjectDef(
    "ContentVersion",
    "068",
    [
        *system_fields(),
        text("Title", required=True),
        text("PathOnClient", required=True, max_length=500),
        FieldDef("VersionData", Kind.BASE64, Access.CREATE_ONLY, required=True),
        # Polymorphic in Salesforce (any record); the portal links files to Accounts only.
        ref("FirstPublishLocationId", "Account", access=Access.CREATE_ONLY),
        FieldDef("ContentDocumentId", Kind.ID, Access.READ_ONLY),
        FieldDef("FileExtension", Kind.STRING, Access.READ_ONLY, max_length=40),
        FieldDef("ContentSize", Kind.NUMBER, Access.READ_ONLY),
        text("Portal_Submission__c", max_length=80),  # which portal submission stored it (a retry finds it)
    ],
    label="Content Version",
)

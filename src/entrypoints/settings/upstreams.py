"""How to reach WHMCS, Salesforce, Freebit and the mail server."""

from __future__ import annotations

from typing import Annotated, Literal

from entrypoints.secret import Secret
from entrypoints.settings.identity import IdentitySettings
from entrypoints.settings.process import Doc


class UpstreamSettings(IdentitySettings, frozen=True, kw_only=True):
    whmcs_url: Annotated[str, Doc(description="WHMCS installation root (api.php is under includes/).")] = (
        "http://127.0.0.1:8101/"
    )
    whmcs_identifier: Annotated[Secret, Doc(description="WHMCS API credential identifier.")] = Secret(
        "portal-sandbox-identifier"
    )
    whmcs_secret: Annotated[Secret, Doc(description="WHMCS API credential secret.")] = Secret("portal-sandbox-secret")
    whmcs_access_key: Annotated[
        Secret, Doc(description="WHMCS `$api_access_key` (lets changing egress IPs past the allow-list); empty = none.")
    ] = Secret("")
    whmcs_webhook_secret: Annotated[
        Secret, Doc(description="Standard Webhooks secret (whsec_...) shared with the WHMCS hook module.")
    ] = Secret("whsec_cG9ydGFsLXNhbmRib3gtd2htY3Mtd2ViaG9vaw==")
    whmcs_webhook_previous_secret: Annotated[
        Secret,
        Doc(description="While rotating: the old webhook secret, still accepted beside the new one; empty = none."),
    ] = Secret("")
    whmcs_read_timeout_seconds: Annotated[
        float, Doc(gt=0, le=120, description="How long one WHMCS API call may take to answer before it is abandoned.")
    ] = 15.0
    salesforce_login_url: Annotated[str, Doc(description="OAuth token endpoint host (login/My Domain/emulator).")] = (
        "https://127.0.0.1:8102"
    )
    salesforce_grant: Annotated[
        Literal["jwt_bearer", "client_credentials"], Doc(description="OAuth grant used by the integration user.")
    ] = "client_credentials"
    salesforce_client_id: Annotated[str, Doc(description="Connected app consumer key.")] = (
        "3MVG9sakura.hikari.portal.bff"
    )
    salesforce_client_secret: Annotated[Secret, Doc(description="Connected app secret (client credentials).")] = Secret(
        "sandbox-client-secret"
    )
    salesforce_username: Annotated[str, Doc(description="Integration user (JWT bearer `sub`).")] = (
        "integration@sakura-hikari.example"
    )
    salesforce_private_key_path: Annotated[str, Doc(description="PEM key signing JWT bearer assertions.")] = ""
    salesforce_ca_bundle: Annotated[
        str, Doc(description="Extra CA bundle to trust (the sandbox's local CA); empty = system store only.")
    ] = ""
    salesforce_api_version: Annotated[str, Doc(description="REST/Streaming API version.")] = "62.0"
    freebit_url: Annotated[str, Doc(description="Freebit PA API base, up to /emptool/api/.")] = (
        "http://127.0.0.1:8103/emptool/api/"
    )
    freebit_oem_id: Annotated[str, Doc(description="Freebit OEM id.")] = "PSANDBOX"
    freebit_oem_key: Annotated[Secret, Doc(description="Freebit OEM key.")] = Secret("sandbox-oem-key")
    freebit_plan_change_path: Annotated[
        str, Doc(description="Path of PA05-21 (plan change) under the base; not stated by any public source.")
    ] = "mvno/changePlan/"
    freebit_cancel_path: Annotated[
        str, Doc(description="Path of the line cancellation (PA02-04) under the base; unconfirmed, so configurable.")
    ] = "master/cnclAcnt/"
    salesforce_sim_cancellation_date_field: Annotated[
        str, Doc(description="Opportunity field for a SIM's cancellation date and time (its name is unconfirmed).")
    ] = "SIMScheduledCancellationDateAndTime__c"
    freebit_card_swap_path: Annotated[
        str, Doc(description="Path of the physical SIM card swap under the base; not named by any public source.")
    ] = "mvno/changeSim/"
    smtp_host: Annotated[
        str, Doc(description="Mail server (SMTP) the worker sends customers' mail through; default: the sandbox's.")
    ] = "127.0.0.1"
    smtp_port: Annotated[int, Doc(ge=1, le=65535, description="Port of that mail server.")] = 8025
    smtp_security: Annotated[
        Literal["none", "starttls", "tls"],
        Doc(description="`tls` (implicit, usually 465), `starttls` (usually 587) or `none` (local catcher only)."),
    ] = "none"
    smtp_username: Annotated[str, Doc(description="SMTP login; empty = send without authenticating.")] = ""
    smtp_password: Annotated[Secret, Doc(description="SMTP password.")] = Secret("")
    smtp_timeout_seconds: Annotated[
        float, Doc(gt=0, le=120, description="How long one SMTP conversation may take before it is retried later.")
    ] = 10.0
    mail_from: Annotated[str, Doc(description="Sender of customers' mail (`Name <address>`).")] = (
        "Sakura Hikari <no-reply@sakura-hikari.example>"
    )

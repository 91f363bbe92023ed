"""Salesforce's REST error shape: an HTTP status plus a JSON array of `{message, errorCode, fields}`."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, error_code: str, message: str, fields: list[str] | None = None) -> None:
        super().__init__(f"{error_code}: {message}")
        self.status = status
        self.error_code = error_code
        self.message = message
        self.fields = fields

    def body(self) -> list[dict[str, Any]]:
        entry: dict[str, Any] = {"message": self.message, "errorCode": self.error_code}
        if self.fields is not None:
            entry["fields"] = self.fields
        return [entry]


def malformed_query(message: str) -> ApiError:
    return ApiError(400, "MALFORMED_QUERY", message)


def invalid_field(message: str, fields: list[str] | None = None) -> ApiError:
    return ApiError(400, "INVALID_FIELD", message, fields)


def not_found(message: str = "The requested resource does not exist") -> ApiError:
    return ApiError(404, "NOT_FOUND", message)


def entity_is_deleted() -> ApiError:
    # Salesforce answers reads, updates and deletes of a record in the recycle bin this way (404, empty fields).
    return ApiError(404, "ENTITY_IS_DELETED", "entity is deleted", [])


def invalid_type(name: str) -> ApiError:
    return ApiError(
        400,
        "INVALID_TYPE",
        f"sObject type '{name}' is not supported. If you are attempting to use a custom object, be sure to "
        "append the '__c' after the entity name. Please reference your WSDL or the describe call for the "
        "appropriate names.",
    )


def no_such_column(column: str, entity: str) -> ApiError:
    return invalid_field(
        f"No such column '{column}' on entity '{entity}'. If you are attempting to use a custom field, be sure "
        "to append the '__c' after the custom field name. Please reference your WSDL or the describe call for "
        "the appropriate names."
    )

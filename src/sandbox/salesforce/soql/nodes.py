"""The parsed shape of the SOQL subset the emulator answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class LiteralKind(StrEnum):
    STRING = "string"
    NUMBER = "number"
    NULL = "null"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    DATE_RANGE = "date_literal"  # TODAY, LAST_N_DAYS:n, ...


@dataclass(frozen=True)
class FieldPath:
    parts: tuple[str, ...]  # ("Account", "Name") for Account.Name

    @property
    def text(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class Literal:
    kind: LiteralKind
    value: str | float | bool | date | datetime | None
    # For DATE_RANGE: the literal's name and its N (TODAY → ("TODAY", 0)).
    range_name: str = ""
    range_n: int = 0


@dataclass(frozen=True)
class LikePattern:
    # Alternating literal text and wildcards: ("abc", "%", "x_y") where "%"/"_" parts are wildcards only if
    # their index is in `wildcards`; escaped \% and \_ stay literal text.
    parts: tuple[str, ...]
    wildcards: frozenset[int]

    @property
    def literal_text(self) -> str:
        """The pattern with wildcards removed: what the client asked to match literally."""
        return "".join(p for i, p in enumerate(self.parts) if i not in self.wildcards)


@dataclass(frozen=True)
class Comparison:
    field: FieldPath
    operator: str  # = != < <= > >=
    value: Literal


@dataclass(frozen=True)
class InList:
    field: FieldPath
    values: tuple[Literal, ...]
    negated: bool


@dataclass(frozen=True)
class Like:
    field: FieldPath
    pattern: LikePattern


@dataclass(frozen=True)
class Not:
    operand: Condition


@dataclass(frozen=True)
class Junction:
    operator: str  # AND | OR
    operands: tuple[Condition, ...]


Condition = Comparison | InList | Like | Not | Junction


@dataclass(frozen=True)
class Ordering:
    field: FieldPath
    descending: bool
    nulls_last: bool


@dataclass(frozen=True)
class SubQuery:
    relationship: str
    fields: tuple[FieldPath, ...]
    where: Condition | None
    order_by: tuple[Ordering, ...]
    limit: int | None


@dataclass(frozen=True)
class Aggregate:
    function: str  # COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX (upper case)
    field: FieldPath | None  # None only for COUNT()
    alias: str | None  # the column name; None: expr0, expr1, ... in order

    @property
    def text(self) -> str:
        return f"{self.function}({self.field.text if self.field else ''})"


SelectItem = FieldPath | SubQuery | Aggregate


@dataclass(frozen=True)
class Query:
    select: tuple[SelectItem, ...]
    sobject: str
    where: Condition | None
    order_by: tuple[Ordering, ...]
    limit: int | None
    offset: int | None

    @property
    def is_count_only(self) -> bool:
        """`SELECT COUNT() FROM ...`: the answer is a totalSize without records."""
        return any(isinstance(item, Aggregate) and item.field is None for item in self.select)

    @property
    def aggregates(self) -> tuple[Aggregate, ...]:
        return tuple(item for item in self.select if isinstance(item, Aggregate))


def literals_in(condition: Condition | None) -> list[Literal | LikePattern]:
    """Every value the condition compares against, in order (used to prove user input stays one value)."""
    if condition is None:
        return []
    if isinstance(condition, Comparison):
        return [condition.value]
    if isinstance(condition, InList):
        return list(condition.values)
    if isinstance(condition, Like):
        return [condition.pattern]
    if isinstance(condition, Not):
        return literals_in(condition.operand)
    return [lit for operand in condition.operands for lit in literals_in(operand)]

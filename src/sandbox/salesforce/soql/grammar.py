"""A lark grammar for the SOQL subset: SELECT fields, parent paths, child subqueries and aggregate functions
(`COUNT()`, `COUNT(Id) n`, SUM/AVG/MIN/MAX/COUNT_DISTINCT, without GROUP BY); WHERE; ORDER BY; LIMIT; OFFSET.
Anything outside it fails to parse and becomes MALFORMED_QUERY, never a guessed answer.

As in real SOQL, AND and OR cannot be mixed at one level without parentheses.
"""

from __future__ import annotations

SOQL_GRAMMAR = r"""
query: _SELECT select_list _FROM NAME where_clause? order_clause? limit_clause? offset_clause?

select_list: select_item ("," select_item)*
?select_item: field | subquery | aggregate
aggregate: NAME "(" field? ")" NAME?
subquery: "(" _SELECT field ("," field)* _FROM NAME where_clause? order_clause? limit_clause? ")"

field: NAME ("." NAME)*

where_clause: _WHERE condition
?condition: unary
          | unary (_AND unary)+   -> and_chain
          | unary (_OR unary)+    -> or_chain
?unary: _NOT unary                -> negation
      | "(" condition ")"
      | comparison
comparison: field COMPARATOR value                           -> compare
          | field _IN "(" value ("," value)* ")"             -> in_list
          | field _NOT _IN "(" value ("," value)* ")"        -> not_in_list
          | field _LIKE STRING                               -> like

value: STRING         -> string
     | NUMBER         -> number
     | _NULL          -> null
     | _TRUE          -> true
     | _FALSE         -> false
     | DATETIME       -> datetime
     | DATE           -> date
     | DATE_LITERAL   -> date_literal

order_clause: _ORDER _BY ordering ("," ordering)*
ordering: field DIRECTION? (_NULLS NULLS_POSITION)?
limit_clause: _LIMIT INT
offset_clause: _OFFSET INT

_SELECT: "SELECT"i
_FROM: "FROM"i
_WHERE: "WHERE"i
_AND: "AND"i
_OR: "OR"i
_NOT: "NOT"i
_IN: "IN"i
_LIKE: "LIKE"i
_NULL: "NULL"i
_TRUE: "TRUE"i
_FALSE: "FALSE"i
_ORDER: "ORDER"i
_BY: "BY"i
_NULLS: "NULLS"i
_LIMIT: "LIMIT"i
_OFFSET: "OFFSET"i
DIRECTION: "ASC"i | "DESC"i
NULLS_POSITION: "FIRST"i | "LAST"i
COMPARATOR: "=" | "!=" | "<>" | "<=" | ">=" | "<" | ">"
DATETIME.4: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})/
DATE.3: /\d{4}-\d{2}-\d{2}/
DATE_LITERAL.2: /(TODAY|YESTERDAY|TOMORROW|LAST_N_DAYS:\d+|NEXT_N_DAYS:\d+)(?![A-Za-z0-9_])/i
NUMBER.1: /-?\d+(\.\d+)?(?![A-Za-z0-9_])/
INT: /\d+/
STRING: /'(?:[^'\\]|\\.)*'/s
NAME: /[A-Za-z][A-Za-z0-9_]*/

%ignore /[ \t\r\n]+/
"""

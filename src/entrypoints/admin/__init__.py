"""`portal admin ...`: the operators' commands, each a thin call of one use case in `application.operations`."""

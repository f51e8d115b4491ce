"""The import's own list of columns and defaults is the models' (it runs without them)."""

from __future__ import annotations

from typing import Any

from crm.importing.rows import COLUMNS, DEFAULTS, TABLES
from crm.store.models import Base


def models_default(table: str, column: str) -> Any:
    default = Base.metadata.tables[table].columns[column].default
    arg = getattr(default, "arg", None)
    return None if callable(arg) else arg


def test_every_table_an_import_writes_has_the_models_columns_in_their_order() -> None:
    for table in TABLES:
        assert COLUMNS[table] == tuple(c.name for c in Base.metadata.tables[table].columns)


def test_a_column_the_import_leaves_out_gets_the_models_default() -> None:
    for table in TABLES:
        expected = {c: models_default(table, c) for c in COLUMNS[table]}
        assert DEFAULTS[table] == expected
        # False and 0 compare equal: the type must be the models' too.
        assert {c: type(v) for c, v in DEFAULTS[table].items()} == {
            c: type(v) for c, v in expected.items()
        }

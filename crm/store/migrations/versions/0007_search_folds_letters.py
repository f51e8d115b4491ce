"""Search index: letters the tokenizer cannot fold (Ł, Ø, Æ, ß…) are folded before it.

Revision ID: 0007_search_folds_letters
Revises: 0006_keep_in_touch_snoozes
Create Date: 2026-12-03

The index's tokenizer (unicode61, remove_diacritics 2) folds case and the accents that
decompose, so "José" is found as "jose", but "Łukasz" was never found as "lukasz": Ł, Ø,
Æ, Œ, Þ, Đ and ß carry their mark in the letter itself. The triggers now write those
letters plainly (nested replace(), plain SQLite, so any client can still write contacts)
and the index is rebuilt from the contacts; no table row changes. Queries are folded the
same way (crm.folding.index_text, whose table this one copies).
"""

from __future__ import annotations

from alembic import op

revision = "0007_search_folds_letters"
down_revision = "0006_keep_in_touch_snoozes"
branch_labels = None
depends_on = None

# Frozen copy of crm.folding.INDEX_LETTERS as of this revision (a test keeps them equal).
LETTERS = {
    "Æ": "ae", "Ð": "d", "Ø": "o", "Þ": "th", "æ": "ae", "ð": "d", "ø": "o", "þ": "th",
    "Đ": "d", "đ": "d", "Ħ": "h", "ħ": "h", "ı": "i", "Ŀ": "l", "ŀ": "l", "Ł": "l",
    "ł": "l", "Œ": "oe", "œ": "oe", "Ŧ": "t", "ŧ": "t", "ß": "ss", "ẞ": "ss",
}  # fmt: skip

INDEXED_COLUMNS = ("first_name", "last_name", "company_id", "title", "notes")
_CHANNELS = (
    "coalesce((SELECT group_concat(value, ' ') FROM contact_channels WHERE contact_id = {cid}), '')"
)


def _folded(expression: str, fold: bool) -> str:
    if fold:
        for letter, plain in LETTERS.items():
            expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


def _row_values(row: str, fold: bool) -> list[str]:
    return [
        _folded(f"{row}.first_name || ' ' || {row}.last_name", fold),
        _folded(f"coalesce((SELECT name FROM companies WHERE id = {row}.company_id), '')", fold),
        _folded(f"{row}.title", fold),
        _folded(_CHANNELS.format(cid=f"{row}.id"), fold),
        _folded(f"{row}.notes", fold),
    ]


def _insert_row(fold: bool) -> str:
    # crm.store.search_index parses this statement out of the insert trigger.
    values = ", ".join(["new.id", *_row_values("new", fold)])
    return (
        f" INSERT INTO contact_fts(rowid, name, company, title, channels, notes) VALUES ({values});"
    )


def _set_channels(cid: str, fold: bool) -> str:
    channels = _folded(_CHANNELS.format(cid=cid), fold)
    return f" UPDATE contact_fts SET channels = {channels} WHERE rowid = {cid};"


_TRIGGERS = (
    "contacts_fts_ai",
    "contacts_fts_au",
    "channels_fts_ai",
    "channels_fts_au",
    "channels_fts_ad",
    "companies_fts_au",
)


def _rewrite(fold: bool) -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    row = _insert_row(fold)
    op.execute(f"CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN{row} END")
    op.execute(
        f"CREATE TRIGGER contacts_fts_au AFTER UPDATE OF {', '.join(INDEXED_COLUMNS)} "
        f"ON contacts BEGIN DELETE FROM contact_fts WHERE rowid = old.id;{row} END"
    )
    op.execute(
        "CREATE TRIGGER channels_fts_ai AFTER INSERT ON contact_channels BEGIN"
        f"{_set_channels('new.contact_id', fold)} END"
    )
    op.execute(
        "CREATE TRIGGER channels_fts_au AFTER UPDATE ON contact_channels BEGIN"
        f"{_set_channels('old.contact_id', fold)}{_set_channels('new.contact_id', fold)} END"
    )
    op.execute(
        "CREATE TRIGGER channels_fts_ad AFTER DELETE ON contact_channels BEGIN"
        f"{_set_channels('old.contact_id', fold)} END"
    )
    op.execute(
        "CREATE TRIGGER companies_fts_au AFTER UPDATE OF name ON companies BEGIN "
        f"UPDATE contact_fts SET company = {_folded('new.name', fold)} "
        "WHERE rowid IN (SELECT id FROM contacts WHERE company_id = new.id); END"
    )
    # The index is derived from the contacts: rebuilt whole, every contact row untouched.
    op.execute("DELETE FROM contact_fts")
    op.execute(
        "INSERT INTO contact_fts(rowid, name, company, title, channels, notes) "
        f"SELECT c.id, {', '.join(_row_values('c', fold))} FROM contacts AS c"
    )


def upgrade() -> None:
    _rewrite(fold=True)


def downgrade() -> None:
    _rewrite(fold=False)

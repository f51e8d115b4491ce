"""The columns that say who a contact is, named once for the code that copies them
between rows: a merge of duplicates, an import that fills gaps, the import's inserts."""

from __future__ import annotations

# In this order: the import builds its contact rows from values given in it.
PROFILE_COLUMNS = (
    "first_name",
    "last_name",
    "title",
    "company_id",
    "location",
    "linkedin_url",
    "source",
)

"""The keep-in-touch date as one SQL expression over a contact row aliased `c`, for the
lists that sort or show it per row (contacts table, pipeline cards).

It computes what crm.today.cadence computes: the contact's own interval, else its tags'
shortest, else its stage's; counted from the local day of the last interaction of any kind
(or from when the contact was added), or the day its line was snoozed to if later.
SQLite's 'localtime' is the same system zone.
"""

from __future__ import annotations

from crm.today.cadence import in_touch

_CADENCE = (
    "coalesce(c.cadence_days, (SELECT min(t.cadence_days) FROM contact_tags ct "
    "JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), "
    "(SELECT st.cadence_days FROM stages st WHERE st.id = c.stage_id))"
)
# max() of two texts: the ISO dates compare as text; '' stands for "not snoozed".
REACH_OUT_SQL = (
    f"(CASE WHEN {_CADENCE} > 0 THEN max(date(coalesce((SELECT max(i.occurred_at) "
    f"FROM interactions i WHERE i.contact_id = c.id AND {in_touch('i.kind')}), c.created_at), "
    f"'localtime', '+' || {_CADENCE} || ' days'), coalesce((SELECT z.until "
    "FROM keep_in_touch_snoozes z WHERE z.contact_id = c.id), '')) END)"
)

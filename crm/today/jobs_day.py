"""Today's application lines: deadlines to apply by and interviews coming up.

A deadline shows while the application is still Interested (not sent yet), from a week
before it; an interview shows while the status is Interviewing and its date is today or in
the coming week. Each line names the contact to turn to (the interviewer, else the
recruiter, else whoever referred the user), so it can be opened or written to.
"""

from __future__ import annotations

from datetime import date, timedelta

from crm.store.db import Database
from crm.store.stored_time import read_date, stored_date

DEADLINE = "deadline"
INTERVIEW = "interview"
AHEAD = timedelta(days=7)

_CONTACT = (
    "(SELECT ac.contact_id FROM application_contacts ac WHERE ac.application_id = a.id "
    "ORDER BY CASE ac.role WHEN 'interviewer' THEN 0 WHEN 'recruiter' THEN 1 ELSE 2 END "
    "LIMIT 1)"
)
_SQL = f"""
SELECT a.id, a.company_id, co.name, a.title, a.status, a.deadline, a.interview_on,
       p.id, p.first_name, p.last_name
FROM applications a JOIN companies co ON co.id = a.company_id
LEFT JOIN contacts p ON p.id = {_CONTACT}
WHERE (a.status = 'Interested' AND a.deadline IS NOT NULL AND a.deadline <= :ahead)
   OR (a.status = 'Interviewing' AND a.interview_on IS NOT NULL
       AND a.interview_on >= :today AND a.interview_on <= :ahead)
"""


def application_lines(
    db: Database, today: date
) -> list[tuple[str, int, int, str, int | None, str, date, str]]:
    """(kind, application id, company id, company, contact id, contact, due, title) of each
    line, soonest first."""
    params = {"today": stored_date(today), "ahead": stored_date(today + AHEAD)}
    with db.connection() as conn:
        rows = conn.execute(_SQL, params).fetchall()
    lines = []
    for app_id, company_id, company, title, status, deadline, interview, cid, first, last in rows:
        who = " ".join(p for p in (first, last) if p)
        if status == "Interested":
            kind, due = DEADLINE, read_date(deadline)
            text = f"Apply for {title} at {company}"
        else:
            kind, due = INTERVIEW, read_date(interview)
            text = f"Interview for {title} at {company}"
        lines.append((kind, app_id, company_id, company, cid, who, due, text))
    return sorted(lines, key=lambda line: (line[6], line[3].casefold(), line[1]))

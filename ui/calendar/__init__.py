"""The Calendar page: month and week views, the agenda, meeting and follow-up dialogs."""

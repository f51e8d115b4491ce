"""The Today page: what to do today, messages, the dashboard and reminders."""

"""Today: cadence, the follow-up lifecycle, messages and the day's list."""

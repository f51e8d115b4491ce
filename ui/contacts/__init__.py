"""The Contacts page: table, search, detail panel, history and their undo commands."""

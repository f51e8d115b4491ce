"""People: contact services, the windowed contact list, search, history and duplicates."""

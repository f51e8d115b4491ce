"""The pipeline page: a kanban board of contacts, one column per stage."""

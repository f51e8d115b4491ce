"""Storage: the SQLite file, its schema and migrations, search index, backups, paths and time."""

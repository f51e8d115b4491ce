"""Rapport's domain and persistence layer: models, services, import/export, backups (no Qt)."""

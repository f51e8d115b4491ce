"""Rapport's bundled resources: icons, templates, stylesheets, sample data, the question bank."""

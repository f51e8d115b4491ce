"""Sample data: the story network to explore Rapport and generated bulk contacts."""

"""Target employers, openings and applications: where the user stands with each employer."""

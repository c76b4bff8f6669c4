"""Admin screens: bulk changes on the people list, reshaping departments and teams, CSV import."""

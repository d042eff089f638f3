"""Personal-data detection for Korean text."""

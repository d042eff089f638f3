"""Fast eligibility screening and rule files."""

"""국민비서 benefits finder: citizen profiles, eligibility rules as data, and their three-valued evaluation."""

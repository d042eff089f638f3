"""국민비서 benefits: eligibility, catalog search and 혜택알리미."""

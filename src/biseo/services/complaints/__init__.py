"""원스톱 민원: intake, workflow commands, routing, alerts and history import."""

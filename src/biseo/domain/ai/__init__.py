"""AI 산출물: the audit record of every AI output."""

"""Document stores: SQLite (embedded default) and PostgreSQL (production), one SQL core."""

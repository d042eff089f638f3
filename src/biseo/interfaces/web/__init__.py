"""Server-rendered pages (work without JavaScript)."""

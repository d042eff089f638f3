"""Posting a page's form as a browser does: with the CSRF token the page rendered."""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


def form_token(client: Any, page: str = "/complaints/login") -> str:
    """The token a form on ``page`` carries (the client keeps the ``biseo_csrf`` cookie it set)."""
    found = _TOKEN.search(client.get(page).text)
    assert found, f"no CSRF token on {page}"
    return found.group(1)

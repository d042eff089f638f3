"""The pages' one template environment: every form renders ``csrf_field()`` (see ``guards``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup

from biseo.interfaces.http.guards import CSRF_FIELD, csrf_token

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


@pass_context
def csrf_field(context: Any) -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FIELD, csrf_token(context["request"])
    )


templates.env.globals["csrf_field"] = csrf_field

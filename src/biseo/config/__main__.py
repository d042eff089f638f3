"""``python -m biseo.config``: rewrite ``docs/settings.md`` of the checkout from the declarations."""

from biseo.config.checks import SOURCE_ROOT
from biseo.config.reference import write

write(SOURCE_ROOT / "docs")

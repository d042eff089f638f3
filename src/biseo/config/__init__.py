"""Settings, declared once in ``settings.py``; see ``docs/settings.md`` (generated from them)."""

from biseo.config.errors import SettingError
from biseo.config.settings import SETTINGS, Settings
from biseo.config.spec import SettingSpec

__all__ = ["SETTINGS", "SettingError", "SettingSpec", "Settings"]

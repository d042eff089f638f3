"""The trained router on disk: ``$BISEO_HOME/models/router.pkl`` written atomically.

Pickle is read only from this file, which biseo writes itself; never point it at a file from
elsewhere.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from biseo.services.ports import DepartmentRouter

_FORMAT = 1


class PickledRouterStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, router: DepartmentRouter, meta: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump({"format": _FORMAT, "router": router, "meta": meta}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(self.path)

    def load(self) -> tuple[DepartmentRouter, dict[str, object]] | None:
        if not self.path.is_file():
            return None
        with self.path.open("rb") as handle:
            saved = pickle.load(handle)
        if not isinstance(saved, dict) or saved.get("format") != _FORMAT:
            return None
        return saved["router"], dict(saved["meta"])

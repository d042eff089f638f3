"""The trained router on disk: ``$BISEO_HOME/models/router.pkl`` written atomically.

Pickle is read only from this file, which biseo writes itself; never point it at a file from
elsewhere.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from biseo.services.ports import DepartmentRouter

_FORMAT = 2  # 2: routers may carry sentence vectors


class PickledRouterStore:
    def __init__(self, path: Path, embedder: Any = None) -> None:
        self.path = path
        self.embedder = embedder  # re-attached on load: a router pickles without its embedder
        self._loaded: tuple[float, DepartmentRouter, dict[str, object]] | None = None

    def save(self, router: DepartmentRouter, meta: dict[str, object]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # a private temporary name: a nightly retrain and a manual one may save at the same time
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}-")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump({"format": _FORMAT, "router": router, "meta": meta}, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(name, self.path)
        except BaseException:
            os.unlink(name)
            raise

    def load(self) -> tuple[DepartmentRouter, dict[str, object]] | None:
        if not self.path.is_file():
            return None
        mtime = self.path.stat().st_mtime
        if self._loaded and self._loaded[0] == mtime:
            return self._loaded[1], self._loaded[2]
        with self.path.open("rb") as handle:
            saved = pickle.load(handle)
        if not isinstance(saved, dict) or saved.get("format") != _FORMAT:
            return None
        router = saved["router"]
        if hasattr(router, "embedder"):
            router.embedder = self.embedder
        self._loaded = (mtime, router, dict(saved["meta"]))
        return router, dict(saved["meta"])

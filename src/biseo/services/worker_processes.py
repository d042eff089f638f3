"""Worker processes that never outlive the command that started them.

Parsing and Korean analysis run in a ``forkserver`` pool. After ``kill -9`` of ``biseo ingest`` the
forkserver and its workers used to stay alive, re-parented and using CPU. On Linux each of them now
asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``): the forkserver (through its
preload module) when the command dies, each worker when the forkserver does.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

_PR_SET_PDEATHSIG = 1
_PRELOAD = "biseo.services.forkserver_preload"


def die_with_parent() -> None:
    """Ask to be killed when the parent process dies; exit at once if it is already gone."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent or parent == 1:  # the parent died before the request took effect
        os._exit(1)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    context = get_context("forkserver")
    context.set_forkserver_preload([_PRELOAD])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=die_with_parent)

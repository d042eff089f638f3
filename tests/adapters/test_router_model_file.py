"""The saved router: concurrent saves (a nightly retrain and a manual one) leave one whole model and
no temporary files behind."""

from __future__ import annotations

import threading

from biseo.adapters.routing.model_file import PickledRouterStore


class _Router:
    def __init__(self, n: int) -> None:
        self.n = n
        self.weights = [n] * 200_000  # big enough that the writes overlap


def test_concurrent_saves_leave_one_whole_model(tmp_path):
    store = PickledRouterStore(tmp_path / "models" / "router.pkl")
    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def save(n: int) -> None:
        barrier.wait()
        try:
            for _ in range(3):
                store.save(_Router(n), {"trained_by": n})  # type: ignore[arg-type]
        except BaseException as exc:  # a thread's exception would only be a warning
            failures.append(exc)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    router, meta = PickledRouterStore(store.path).load()  # type: ignore[misc]
    assert router.weights == [router.n] * 200_000 and meta == {"trained_by": router.n}
    assert [p.name for p in store.path.parent.iterdir()] == ["router.pkl"]

"""The installation secret is made once, even when several workers start together on a fresh home:
a second key would split complainant keys (§23) and sign-in cookies between workers."""

from __future__ import annotations

import multiprocessing
import stat

from biseo.bootstrap.adapters import installation_secret as _installation_secret


def _read_after(barrier, home, out):
    barrier.wait()  # every worker reaches the empty home at the same moment
    out.put(_installation_secret(home))


def test_workers_starting_together_share_one_secret(tmp_path):
    context = multiprocessing.get_context("spawn")
    for attempt in range(3):
        home = tmp_path / f"home-{attempt}"
        barrier, out = context.Barrier(6), context.Queue()
        workers = [context.Process(target=_read_after, args=(barrier, home, out)) for _ in range(6)]
        for worker in workers:
            worker.start()
        secrets = {out.get(timeout=60) for _ in workers}
        for worker in workers:
            worker.join(timeout=60)
            assert worker.exitcode == 0
        assert len(secrets) == 1 and len(next(iter(secrets))) == 32
        assert (home / "secret.key").read_bytes() in secrets
        assert stat.S_IMODE((home / "secret.key").stat().st_mode) == 0o600
        assert [p.name for p in home.iterdir()] == ["secret.key"]  # no candidate left behind


def test_an_existing_secret_is_kept(tmp_path):
    (tmp_path / "secret.key").write_bytes(b"k" * 32)
    assert _installation_secret(tmp_path) == b"k" * 32

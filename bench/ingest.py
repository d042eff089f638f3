"""Ingestion throughput on the real corpora; prints one JSON line.

    .venv/bin/python bench/ingest.py [--shared ../shared/data]

(a) all statutes in ``laws/`` (117 MB, 1,789 files), (b) all HWP/HWPX files in ``hwp/``, each into a
fresh SQLite home with the default worker count, then (c) the law corpus again with one worker.
The baseline measured in the same run is the floor every ingester pays: reading and hashing the
same files. Ratios against it survive noisy machines better than seconds do.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from biseo.bootstrap import build_services
from biseo.config import Settings


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def read_and_hash(files: list[Path]) -> float:
    started = time.perf_counter()
    for f in files:
        hashlib.sha256(f.read_bytes()).hexdigest()
    return time.perf_counter() - started


def ingest(root: Path, workers: int) -> dict[str, float | int]:
    files = _files(root)
    size = sum(f.stat().st_size for f in files)
    with tempfile.TemporaryDirectory() as home:
        services = build_services(Settings.load({"BISEO_HOME": home}, workers=workers, log_level="ERROR"))
        try:
            started = time.perf_counter()
            report = services.ingest.ingest([str(root)])
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            services.ingest.ingest([str(root)])
            again = time.perf_counter() - started
        finally:
            services.close()
    return {
        "files": len(files),
        "mb": round(size / 1e6, 1),
        "seconds": round(seconds, 2),
        "mb_per_s": round(size / 1e6 / seconds, 2),
        "docs_per_s": round(len(files) / seconds, 1),
        "segments": sum(r.segments for r in report.results),
        "failed": len(report.failed),
        "reingest_unchanged_seconds": round(again, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    args = parser.parse_args()
    laws, hwp = args.shared / "laws", args.shared / "hwp"
    baseline = read_and_hash(_files(laws))
    result = {
        "benchmark": "ingest",
        "cpus": os.cpu_count(),
        "laws": ingest(laws, workers=0),
        "hwp": ingest(hwp, workers=0),
        "laws_one_worker": ingest(laws, workers=1),
        "baseline": {"laws_read_and_hash_seconds": round(baseline, 2)},
    }
    result["ratios"] = {
        "laws_ingest_over_read_hash": round(result["laws"]["seconds"] / baseline, 1),
        "parallel_speedup": round(result["laws_one_worker"]["seconds"] / result["laws"]["seconds"], 2),
        "reingest_over_ingest": round(
            result["laws"]["reingest_unchanged_seconds"] / result["laws"]["seconds"], 3
        ),
    }
    print(json.dumps(result, ensure_ascii=False), file=sys.stdout)


if __name__ == "__main__":
    main()

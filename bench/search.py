"""Search benchmark; prints one JSON line.

    .venv/bin/python bench/search.py [--home DIR] [--sizes 10000,100000,1000000] [--api-seconds 15]

The API load comes from ``wrk`` (``apt-get install wrk``) when it is installed, else from a
Python asyncio generator that competes with the server for the two cores.

Segments are the real statute articles of ``../shared/data/laws`` analysed by Kiwi (through the
token cache in ``--home``; the first run analyses the corpus once), repeated with a distinguishing
token to reach each size. Queries are real: short ones (three content words of a precedent's
판시사항, as an official would type) and long ones (the whole 판시사항). The baseline in the same
run is SQLite FTS5 over the same tokens. API throughput comes from a load generator on loopback
against ``biseo serve`` over the full law corpus.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from biseo.bootstrap import build_services
from biseo.config import Settings
from biseo.domain.search.query import SearchFilters
from biseo.services.ports import IndexedSegment

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def real_segments(services) -> list[list[str]]:
    services.ingest.ingest([str(SHARED / "laws")])
    services.indexing.sync()  # analyses once, then the cache answers
    from biseo.domain.search.segment_text import segment_text

    texts = []
    for document in services.store.iter_documents():
        texts.extend(segment_text(document, s) for s in services.store.segments(document.id))
    return services.indexing.analyse(texts)


def queries(analyzer, n: int = 200) -> tuple[list[list[str]], list[list[str]], list[str]]:
    rng = random.Random(7)
    files = sorted((SHARED / "precedents").glob("*.md"))
    rng.shuffle(files)
    long_q, short_q, short_text = [], [], []
    for f in files[:n]:
        text = f.read_text(encoding="utf-8").split("## 판시사항", 1)[-1].split("##", 1)[0].strip()[:1000]
        tokens = analyzer.query_tokens(text)
        words = [t for t in tokens if "_" not in t and "§" not in t and len(t) >= 2][:3]
        long_q.append(tokens)
        short_q.append(words)
        short_text.append(" ".join(words))
    return short_q, long_q, short_text


def bench_tantivy(
    segments: list[list[str]], size: int, qsets: dict[str, list[list[str]]], work: Path
) -> dict:
    from biseo.adapters.search.tantivy_index import TantivyIndex

    path = work / f"tantivy-{size}"
    index = TantivyIndex(path, heap_bytes=512 * 1024 * 1024)
    started = time.perf_counter()
    batch = []
    for i in range(size):
        tokens = segments[i % len(segments)] + ([f"copy{i // len(segments)}"] if i >= len(segments) else [])
        batch.append(
            IndexedSegment(f"d{i // 100}:{i % 100}", "statute", "행정안전부", "법", 20240101, tokens)
        )
        if len(batch) == 100:
            index.add(f"d{i // 100}", batch)
            batch = []
    if batch:
        index.add(f"d{size // 100}", batch)
    index.commit("bench")
    build = time.perf_counter() - started
    out = {
        "build_s": round(build, 1),
        "disk_mb": round(sum(p.stat().st_size for p in path.rglob("*")) / 1e6, 1),
    }
    for name, qs in qsets.items():
        for q in qs[:20]:
            index.search(q, SearchFilters(), 10)
        times = []
        for q in qs:
            t = time.perf_counter()
            index.search(q, SearchFilters(), 10)
            times.append((time.perf_counter() - t) * 1000)
        out[f"{name}_p50_ms"] = round(statistics.median(times), 2)
        out[f"{name}_p95_ms"] = round(percentile(times, 95), 2)
    out["rss_mb"] = round(rss_mb(), 0)
    index.close()
    return out


def bench_fts5(segments: list[list[str]], size: int, qsets: dict[str, list[list[str]]], work: Path) -> dict:
    db = sqlite3.connect(work / f"fts-{size}.db")
    db.execute("CREATE VIRTUAL TABLE s USING fts5(body, tokenize=\"unicode61 tokenchars '§_.:'\")")
    started = time.perf_counter()
    db.executemany(
        "INSERT INTO s (body) VALUES (?)",
        (
            (
                " ".join(segments[i % len(segments)])
                + (f" copy{i // len(segments)}" if i >= len(segments) else ""),
            )
            for i in range(size)
        ),
    )
    db.commit()
    out = {"build_s": round(time.perf_counter() - started, 1)}
    for name, qs in qsets.items():
        times = []
        for q in qs[:100]:
            match = " OR ".join('"' + t.replace('"', "") + '"' for t in dict.fromkeys(q) if t)
            t = time.perf_counter()
            if match:
                db.execute(
                    "SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT 10", (match,)
                ).fetchall()
            times.append((time.perf_counter() - t) * 1000)
        out[f"{name}_p50_ms"] = round(statistics.median(times), 2)
        out[f"{name}_p95_ms"] = round(percentile(times, 95), 2)
    db.close()
    return out


async def load(url: str, texts: list[str], seconds: float, concurrency: int) -> dict:
    host, port = url.split("//")[1].split(":")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(n: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        i = n
        while time.perf_counter() < deadline:
            from urllib.parse import quote

            path = f"/v1/search?q={quote(texts[i % len(texts)])}&limit=10"
            request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()
            t = time.perf_counter()
            writer.write(request)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            length = int(
                next(
                    line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
                ).split(b":")[1]
            )
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                errors += 1
            latencies.append((time.perf_counter() - t) * 1000)
            i += concurrency
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
        "errors": errors,
        "concurrency": concurrency,
    }


def wrk(url: str, texts: list[str], seconds: float, connections: int, home: Path) -> dict:
    """wrk (Debian package) as the load generator: C, so it leaves the CPU to the server."""
    from urllib.parse import quote

    script = home / "bench-queries.lua"
    paths = ",".join(json.dumps(f"/v1/search?limit=10&q={quote(t)}") for t in texts if t)
    script.write_text(
        f"local paths = {{{paths}}}\nlocal i = 0\n"
        "request = function() i = i + 1; return wrk.format('GET', paths[(i % #paths) + 1]) end\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{int(seconds)}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(next(x for x in out.splitlines() if x.startswith("Requests/sec")).split()[-1])
    return {
        "requests_per_s": rps,
        "p50_ms": _ms(out, "50%"),
        "p99_ms": _ms(out, "99%"),
        "non_2xx": "Non-2xx" in out,
        "connections": connections,
    }


def _ms(out: str, label: str) -> float:
    value = next(x for x in out.splitlines() if x.strip().startswith(label)).split()[-1]
    for suffix, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if value.endswith(suffix):
            return round(float(value[: -len(suffix)]) * factor, 2)
    return float(value)


def bench_api(home: Path, texts: list[str], seconds: float) -> dict:
    return {f"workers_{w}": bench_api_with(home, texts, seconds, w) for w in (1, 2)}


def bench_api_with(home: Path, texts: list[str], seconds: float, workers: int) -> dict:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "BISEO_HOME": str(home), "BISEO_LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "biseo.interfaces.cli.main",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(home / "bench-serve.log", "w"),  # noqa: SIM115 - closed with the process
    )
    try:
        deadline = time.time() + 180
        while True:
            if server.poll() is not None:
                return {"error": f"biseo serve exited with {server.returncode}"}
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    return {"error": "biseo serve did not listen within 180 s"}
                time.sleep(0.2)
        url = f"http://127.0.0.1:{port}"
        asyncio.run(load(url, texts, 3, 4))  # warm up
        if shutil.which("wrk"):
            return {"generator": "wrk", **{str(c): wrk(url, texts, seconds, c, home) for c in (8, 32)}}
        return {
            "generator": "python-asyncio",
            **{str(c): asyncio.run(load(url, texts, seconds, c)) for c in (8, 32)},
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=Path.home() / ".biseo-bench")
    parser.add_argument("--sizes", default="10000,100000,1000000", help='comma-separated; "" skips the sweep')
    parser.add_argument("--api-seconds", type=float, default=15)
    args = parser.parse_args()
    services = build_services(Settings.load({"BISEO_HOME": str(args.home)}, log_level="WARNING"))
    try:
        segments = real_segments(services)
        short_q, long_q, short_text = queries(services.search.analyzer)
    finally:
        services.close()
    qsets = {"short": short_q, "long": long_q}
    result: dict = {
        "benchmark": "search",
        "real_segments": len(segments),
        "queries": len(short_q),
        "sizes": {},
    }
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s):
            result["sizes"][str(size)] = {
                "tantivy": bench_tantivy(segments, size, qsets, Path(tmp)),
                "baseline_sqlite_fts5": bench_fts5(segments, size, qsets, Path(tmp)),
            }
            row = result["sizes"][str(size)]
            row["ratio_fts5_over_tantivy_short_p50"] = round(
                row["baseline_sqlite_fts5"]["short_p50_ms"] / max(row["tantivy"]["short_p50_ms"], 1e-3), 1
            )
    try:
        result["api_full_law_corpus"] = bench_api(args.home, short_text, args.api_seconds)
    except Exception as exc:  # the size sweep above is still worth printing
        result["api_full_law_corpus"] = {"error": f"{type(exc).__name__}: {exc}"}
    result["hybrid"] = "see bench/dense.py"  # embedding, vector search and hybrid latency
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()

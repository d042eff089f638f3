"""Benefits screening benchmark; prints one JSON line.

    .venv/bin/python bench/benefits.py [--services 10000] [--profiles 200]

The catalog is the real one (1,661 보조금24 services + 342 온통청년 policies from ../shared/data/benefits),
repeated to reach ``--services``. Profiles are random but realistic (age, 시도/시군구, income, children,
employment …, each answer missing with probability ½). The baseline in the same run is the domain's
scalar evaluator over the same rules; the target is one profile × 10,000 services ≤ 20 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import date
from pathlib import Path

from biseo.adapters.eligibility.numpy_screen import CompiledCatalog
from biseo.domain.benefits.evaluation import evaluate
from biseo.domain.benefits.gov24 import gov24_rule
from biseo.domain.benefits.profile import Profile, profile_from_mapping
from biseo.domain.benefits.youth import youth_rule

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "benefits"
DAY = date(2026, 11, 23)


def random_profile(rng: random.Random) -> Profile:
    def maybe(value: object) -> object:
        return value if rng.random() < 0.5 else None

    data = {
        "birth_date": maybe(f"{rng.randint(1940, 2008)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"),
        "sido": maybe(rng.choice(["서울", "부산", "경기", "전남광주통합특별시", "충남"])),
        "sigungu": maybe(rng.choice(["마포구", "성남시", "수원시", "중구", "천안시"])),
        "residence_since": maybe(f"{rng.randint(2000, 2026)}-01-01"),
        "household_size": maybe(rng.randint(1, 5)),
        "monthly_income": maybe(rng.randint(0, 9_000_000)),
        "children": maybe([f"{rng.randint(2008, 2026)}-03-01" for _ in range(rng.randint(0, 3))]),
        "employment": maybe(rng.choice(["재직자", "미취업자", "자영업자"])),
        "marital": maybe(rng.choice(["미혼", "기혼"])),
        "disability": maybe(rng.random() < 0.1),
        "receives": maybe([]),
    }
    return profile_from_mapping({k: v for k, v in data.items() if v is not None})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=200)
    args = parser.parse_args()
    gov24 = json.loads((SHARED / "gov24_services.json").read_text(encoding="utf-8"))
    youth = json.loads((SHARED / "youth_policies_seoul.json").read_text(encoding="utf-8"))
    base = [gov24_rule(r) for r in gov24] + [youth_rule(r) for r in youth]
    rules = (base * (args.services // len(base) + 1))[: args.services]
    started = time.perf_counter()
    screen = CompiledCatalog(rules)
    compile_s = time.perf_counter() - started
    rng = random.Random(7)
    profiles = [random_profile(rng) for _ in range(args.profiles)]
    fast, slow = [], []
    for i, profile in enumerate(profiles):
        t = time.perf_counter()
        screen.truths(profile, DAY)
        fast.append((time.perf_counter() - t) * 1000)
        if i < 20:
            t = time.perf_counter()
            for rule in rules:
                evaluate(rule, profile, DAY)
            slow.append((time.perf_counter() - t) * 1000)
    ordered = sorted(fast)
    result = {
        "benchmark": "benefits",
        "services": len(rules),
        "leaves": len(screen.leaves),
        "profiles": len(profiles),
        "compile_s": round(compile_s, 2),
        "screen": {
            "p50_ms": round(statistics.median(fast), 2),
            "p95_ms": round(ordered[int(0.95 * len(ordered))], 2),
        },
        "baseline_scalar": {"p50_ms": round(statistics.median(slow), 1)},
        "ratio_scalar_over_screen_p50": round(statistics.median(slow) / statistics.median(fast), 1),
        "target_ms": 20,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()

"""``biseo eval route``: routing quality against an in-process TF-IDF + linear SVM baseline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from biseo.bootstrap import build_route_evaluation
from biseo.interfaces.errors import EXIT_OK


def register_eval(what: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = what.add_parser("route", help="민원 부서 배정 품질을 잽니다 (baseline: TF-IDF + linear SVM)")
    ev.add_argument("--train", type=Path, required=True, help="CSV (title,content,department) or JSONL")
    ev.add_argument("--test", type=Path, required=True)
    ev.add_argument(
        "--label-field",
        choices=["department", "category"],
        default=None,
        help="default: department if the file has it, else category",
    )
    ev.set_defaults(handler=run_eval_route)


def run_eval_route(args: argparse.Namespace) -> int:
    result = build_route_evaluation().run(args.train, args.test, args.label_field)
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK

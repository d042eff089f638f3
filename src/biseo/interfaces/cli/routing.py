"""``biseo route train|suggest`` and ``biseo eval route`` (against a TF-IDF + linear SVM baseline, on a
held-out file or by K-fold cross-validation)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from biseo.bootstrap import build_route_evaluation, build_routing, routing_history
from biseo.config import Settings
from biseo.domain.errors import InvalidInput
from biseo.interfaces.errors import EXIT_OK
from biseo.services.complaints.unit_lineage import read_renames

_NO_SOURCE = "학습 자료를 지정해 주세요: --data 파일 또는 --cases 기관."
_RENAMES_HELP = "검토한 부서 개편 목록 CSV (이전 부서, 현재 부서); 학습으로 찾은 개편보다 우선합니다"


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    route = commands.add_parser("route", help="민원 담당 부서를 추천합니다")
    actions = route.add_subparsers(dest="action", required=True, metavar="ACTION")
    train = actions.add_parser("train", help="답변된 민원(CSV/JSONL)으로 배정 모델을 학습합니다")
    train.add_argument("--data", type=Path, default=None, help="CSV (title,content,department) or JSONL")
    train.add_argument(
        "--cases",
        metavar="AGENCY",
        default=None,
        help="이 기관의 완료된 민원(재배정 결과 포함)으로도 학습합니다",
    )
    train.add_argument("--label-field", choices=["department", "category"], default=None)
    train.add_argument("--renames", type=Path, default=None, help=_RENAMES_HELP)
    train.add_argument(
        "--if-new",
        type=int,
        metavar="N",
        default=None,
        help="야간 작업용: 자료 파일이 그대로이고 마지막 학습 뒤 처리한 민원이 N건 미만이면 다시 학습하지 않습니다",
    )
    train.set_defaults(handler=run_train)
    suggest = actions.add_parser("suggest", help="민원 제목·내용으로 담당·협조 부서를 추천합니다")
    suggest.add_argument("title")
    suggest.add_argument("content", nargs="?", default="")
    suggest.add_argument("--json", action="store_true")
    suggest.set_defaults(handler=run_suggest)


def run_train(args: argparse.Namespace) -> int:
    if args.data is None and args.cases is None:
        raise InvalidInput("route train needs --data or --cases", message_ko=_NO_SOURCE)
    renames = read_renames(args.renames) if args.renames else None
    settings = Settings.load()
    history = routing_history(settings, args.cases) if args.cases else []
    if args.if_new is not None and args.if_new < 1:
        raise InvalidInput("--if-new must be at least 1", message_ko="--if-new는 1 이상이어야 합니다.")
    meta = build_routing(settings).train(
        args.data, args.label_field, renames, history, min_new_cases=args.if_new
    )
    if meta.get("skipped"):
        print(
            f"재학습 건너뜀: 마지막 학습 뒤 처리한 민원 {meta['new_cases']}건 (기준 {args.if_new}건), 자료 파일 그대로"
        )
        return EXIT_OK
    print(
        f"배정 모델 학습: 민원 {meta['examples']}건 (처리한 민원 {meta['from_cases']}건), "
        f"부서 {meta['units']}개 ({meta['label_field']})"
    )
    successions = meta.get("unit_successions") or {}
    if isinstance(successions, dict) and successions:
        print("부서 개편 반영: " + ", ".join(f"{old} → {new}" for old, new in successions.items()))
    return EXIT_OK


def run_suggest(args: argparse.Namespace) -> int:
    advice = build_routing(Settings.load()).suggest(args.title, args.content)
    if args.json:
        print(json.dumps(asdict(advice), ensure_ascii=False))
        return EXIT_OK
    print(f"담당 부서: {advice.primary.unit} (신뢰도 {advice.primary.confidence:.2f})")
    for s in advice.cooperating:
        print(f"협조 부서: {s.unit} ({s.confidence:.2f})")
    if advice.alternatives:
        print("다른 후보: " + ", ".join(f"{s.unit} ({s.confidence:.2f})" for s in advice.alternatives))
    return EXIT_OK


def register_eval(what: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = what.add_parser("route", help="민원 부서 배정 품질을 잽니다 (baseline: TF-IDF + linear SVM)")
    ev.add_argument("--train", type=Path, required=True, help="CSV (title,content,department) or JSONL")
    held_out = ev.add_mutually_exclusive_group(required=True)
    held_out.add_argument("--test", type=Path, help="평가 자료 (학습 자료와 같은 형식)")
    held_out.add_argument(
        "--folds",
        type=int,
        help="평가 자료 대신 --train 파일을 K개로 나눠 교차 검증합니다 (모든 행을 한 번씩 평가)",
    )
    ev.add_argument("--seed", type=int, default=0, help="--folds의 행 섞기 시드")
    ev.add_argument(
        "--label-field",
        choices=["department", "category"],
        default=None,
        help="default: department if the file has it, else category",
    )
    ev.add_argument("--renames", type=Path, default=None, help=_RENAMES_HELP)
    ev.set_defaults(handler=run_eval_route)


def run_eval_route(args: argparse.Namespace) -> int:
    renames = read_renames(args.renames) if args.renames else None
    evaluation = build_route_evaluation(Settings.load())
    if args.folds is not None:
        result = evaluation.cross_validate(args.train, args.folds, args.seed, args.label_field, renames)
    else:
        result = evaluation.run(args.train, args.test, args.label_field, renames)
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK

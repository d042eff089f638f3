"""``biseo benefits``: which services a profile may receive (보조금24·온통청년), why, and what to ask next."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from biseo.bootstrap import build_benefits
from biseo.config import Settings
from biseo.domain.benefits.profile import Profile, profile_from_mapping
from biseo.domain.errors import InvalidInput, NotFound
from biseo.interfaces.errors import EXIT_OK
from biseo.services.benefits.service import finding_to_dict, search_hit_to_dict

EXIT_RULE_TESTS_FAILED = 1  # also: some alerts could not be sent


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    cmd = commands.add_parser("benefits", help="국민비서: 받을 수 있는 혜택과 그 이유를 찾습니다")
    sub = cmd.add_subparsers(dest="benefits_command", required=True, metavar="SUBCOMMAND")

    def common(p: argparse.ArgumentParser, *, profile: bool = True) -> None:
        if profile:
            p.add_argument("--profile", required=True, help="프로필 JSON 파일 (- 이면 표준입력)")
        p.add_argument("--as-of", type=date.fromisoformat, default=None, help="판정 기준일 (기본: 오늘)")
        p.add_argument("--catalog", default=None, help="카탈로그 경로 (BISEO_BENEFITS_CATALOG 대신)")

    check = sub.add_parser("check", help="프로필로 전체 서비스를 판정합니다")
    common(check)
    check.add_argument("--all", action="store_true", help="비대상도 보여 줍니다")
    check.add_argument("--limit", type=int, default=50)
    check.set_defaults(handler=run_check)
    explain = sub.add_parser("explain", help="한 서비스의 판정 이유를 보여 줍니다")
    explain.add_argument("service_id")
    common(explain)
    explain.set_defaults(handler=run_explain)
    question = sub.add_parser("next-question", help="가장 많은 서비스를 판가름할 다음 질문")
    common(question)
    question.add_argument("--limit", type=int, default=3)
    question.set_defaults(handler=run_next_question)
    search = sub.add_parser("search", help="혜택을 검색합니다 (프로필을 주면 판정도 함께)")
    search.add_argument("query")
    search.add_argument("--profile", default=None, help="프로필 JSON 파일 (선택)")
    search.add_argument("--as-of", type=date.fromisoformat, default=None)
    search.add_argument("--catalog", default=None)
    search.add_argument("--limit", type=int, default=10)
    search.set_defaults(handler=run_search)
    subscribe = sub.add_parser("subscribe", help="혜택알리미를 신청합니다")
    subscribe.add_argument("--profile", required=True)
    target = subscribe.add_mutually_exclusive_group(required=True)
    target.add_argument("--email")
    target.add_argument("--webhook", action="store_true", help="BISEO_WEBHOOK_URL로 보냅니다")
    subscribe.set_defaults(handler=run_subscribe)
    unsubscribe = sub.add_parser("unsubscribe", help="혜택알리미를 해지합니다")
    unsubscribe.add_argument("token")
    unsubscribe.set_defaults(handler=run_unsubscribe)
    notify = sub.add_parser("notify", help="구독자에게 새 혜택 알림을 보냅니다 (하루 한 번 실행)")
    notify.add_argument("--as-of", type=date.fromisoformat, default=None)
    notify.set_defaults(handler=run_notify)
    coverage = sub.add_parser("coverage", help="기계 판정 요건이 있는 서비스의 비율")
    common(coverage, profile=False)
    coverage.set_defaults(handler=run_coverage)
    tests = sub.add_parser("test-rules", help="검토된 규칙 파일(YAML)의 시험 사례를 실행합니다")
    tests.add_argument("directory", type=Path, nargs="?", default=Path("demo/benefits/rules"))
    tests.set_defaults(handler=run_rule_tests)


def _service(args: argparse.Namespace) -> Any:
    settings = Settings.load(**({"benefits_catalog": args.catalog} if args.catalog else {}))
    return build_benefits(settings)


def _read_json(path: str) -> Any:
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        return json.loads(text)
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"profile {path}: {exc}", message_ko="프로필 JSON을 읽을 수 없습니다.") from exc


def _profile(path: str) -> Profile:
    return profile_from_mapping(_read_json(path))


def _print(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def run_check(args: argparse.Namespace) -> int:
    day = args.as_of or date.today()
    findings, counts = _service(args).check(
        _profile(args.profile), day, include_ineligible=args.all, limit=args.limit
    )
    _print({"as_of": day.isoformat(), "counts": counts, "services": [finding_to_dict(f) for f in findings]})
    return EXIT_OK


def run_explain(args: argparse.Namespace) -> int:
    day = args.as_of or date.today()
    finding = _service(args).explain(args.service_id, _profile(args.profile), day)
    _print({"as_of": day.isoformat(), **finding_to_dict(finding)})
    return EXIT_OK


def run_next_question(args: argparse.Namespace) -> int:
    day = args.as_of or date.today()
    questions = _service(args).next_questions(_profile(args.profile), day, args.limit)
    _print(
        [
            {"field": q.field, "question": q.text, "settles": q.settles, "touches": q.touches}
            for q in questions
        ]
    )
    return EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    day = args.as_of or date.today()
    profile = _profile(args.profile) if args.profile else None
    hits = _service(args).search(args.query, profile, day, args.limit)
    _print([search_hit_to_dict(hit, score) for hit, score in hits])
    return EXIT_OK


def run_coverage(args: argparse.Namespace) -> int:
    _print(_service(args).coverage())
    return EXIT_OK


def run_rule_tests(args: argparse.Namespace) -> int:
    from biseo.bootstrap import rule_tests

    results = rule_tests(args.directory)
    _print(results)
    return EXIT_OK if results["failed"] == 0 and results["cases"] > 0 else EXIT_RULE_TESTS_FAILED


def _alerts() -> Any:
    from biseo.bootstrap import build_services

    services = build_services()
    return services, services.benefit_alerts


def run_subscribe(args: argparse.Namespace) -> int:
    profile = _read_json(args.profile)
    services, alerts = _alerts()
    try:
        subscription_id, token = alerts.subscribe(profile, email=args.email, webhook=args.webhook)
    finally:
        services.close()
    _print({"subscription": subscription_id, "unsubscribe_token": token})
    return EXIT_OK


def run_unsubscribe(args: argparse.Namespace) -> int:
    services, alerts = _alerts()
    try:
        done = alerts.unsubscribe(args.token)
    finally:
        services.close()
    if not done:
        raise NotFound("subscription token")
    _print({"unsubscribed": True})
    return EXIT_OK


def run_notify(args: argparse.Namespace) -> int:
    services, alerts = _alerts()
    try:
        result = alerts.run(args.as_of or date.today())
    finally:
        services.close()
    _print(
        {
            "subscriptions": result.subscriptions,
            "messages": result.messages,
            "alerts": result.alerts,
            "failures": result.failures,
        }
    )
    return EXIT_OK if not result.failures else EXIT_RULE_TESTS_FAILED

"""``biseo keys``: API clients (이용 기관·시스템) and their keys — add (the key is shown once),
list with last use, revoke."""

from __future__ import annotations

import argparse
import json

from biseo.bootstrap import build_services
from biseo.domain.security.access import Scope
from biseo.interfaces.errors import EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    keys = commands.add_parser("keys", help="API 이용 기관의 키 발급·조회·폐기")
    sub = keys.add_subparsers(dest="keys_action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="키를 발급하고 한 번만 보여 줍니다 (저장은 해시로만)")
    add.add_argument("name", help="이용 기관·시스템 이름, 예: 민원포털")
    add.add_argument(
        "--scope",
        action="append",
        choices=[s.value for s in Scope],
        required=True,
        help="권한: read(검색·조회), ingest(문서 등록), admin(전부). 여러 번 쓸 수 있습니다",
    )
    add.set_defaults(handler=run_add)
    listing = sub.add_parser("list", help="발급한 키와 마지막 사용 시각")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    revoke = sub.add_parser("revoke", help="키를 폐기합니다 (바로 쓸 수 없게 됩니다)")
    revoke.add_argument("name")
    revoke.set_defaults(handler=run_revoke)


def run_add(args: argparse.Namespace) -> int:
    with build_services() as services:
        key = services.api_clients.add(args.name, [Scope(s) for s in args.scope])
    print(f"발급: {args.name} (권한 {', '.join(sorted(set(args.scope)))})")
    print(f"API 키 (다시 보여 주지 않습니다): {key}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    with build_services() as services:
        clients = services.api_clients.list()
    if args.json:
        rows = [
            {
                "name": c.name,
                "scopes": sorted(c.scopes),
                "created_at": c.created_at.isoformat(),
                "last_used_at": c.last_used_at.isoformat() if c.last_used_at else None,
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
            }
            for c in clients
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    if not clients:
        print("발급한 키가 없습니다. 'biseo keys add 이름 --scope read'로 만드십시오.")
    for c in clients:
        used = f"{_kst(c.last_used_at)} 사용" if c.last_used_at else "사용 기록 없음"
        state = f"폐기 {_kst(c.revoked_at)}" if c.revoked_at else "사용 중"
        print(f"{c.name}\t{','.join(sorted(c.scopes))}\t{state}\t{used}")
    return EXIT_OK


def run_revoke(args: argparse.Namespace) -> int:
    with build_services() as services:
        services.api_clients.revoke(args.name)
    print(f"폐기: {args.name} (이 키로 오는 요청은 이제 거절됩니다)")
    return EXIT_OK


def _kst(moment: object) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    if not isinstance(moment, datetime):
        return "-"
    return moment.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y. %-m. %-d. %H:%M KST")

"""국민비서: which services a citizen may receive, why, and what to ask next."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from biseo.domain.benefits.catalog import Service
from biseo.domain.benefits.conditions import Truth
from biseo.domain.benefits.evaluation import STATUS_OF_TRUTH, Decision, Status, evaluate
from biseo.domain.benefits.profile import Profile
from biseo.domain.benefits.questions import Question, rank_questions
from biseo.domain.benefits.rules import Group, ServiceRule
from biseo.domain.errors import InvalidInput, NotFound
from biseo.domain.json_values import JsonObject
from biseo.services.benefits.ports import ScreenFactory
from biseo.services.benefits.search import BenefitSearch
from biseo.services.ports import Analyzer

ORDER = (Status.ELIGIBLE, Status.LIKELY, Status.CHECK, Status.INELIGIBLE)


@dataclass(frozen=True, slots=True)
class Finding:
    service: Service
    decision: Decision
    origin: str
    open: bool = True  # applications accepted on the day judged (always, when no period is published)


class BenefitService:
    def __init__(
        self,
        services: Sequence[Service],
        rules: Mapping[str, ServiceRule],
        screen: ScreenFactory,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.services = list(services)
        self._index = {s.id: i for i, s in enumerate(self.services)}
        self.rules = [rules.get(s.id) or ServiceRule(s.id, Group("all", ())) for s in self.services]
        self._screen = screen(self.rules)
        self._search = BenefitSearch(self.services, analyzer) if analyzer is not None else None

    def check(
        self, profile: Profile, day: date, *, include_ineligible: bool = False, limit: int | None = None
    ) -> tuple[list[Finding], dict[str, int]]:
        """Services grouped by status (대상, 가능성 있음, 확인 필요; 비대상 only on request), with counts."""
        truths = self._screen.truths(profile, day)
        counts = Counter(STATUS_OF_TRUTH[Truth(int(t))] for t in truths)
        wanted = [i for i, t in enumerate(truths) if include_ineligible or int(t) != Truth.NOT_MET]
        rank = {int(truth): ORDER.index(status) for truth, status in STATUS_OF_TRUTH.items()}
        wanted.sort(
            key=lambda i: (
                rank[int(truths[i])],
                not self.services[i].open_on(day),
                -self.services[i].weight,
                self.services[i].name,
            )
        )
        if limit is not None:
            wanted = wanted[:limit]
        findings = [self._finding(i, profile, day) for i in wanted]
        return findings, {str(s): counts.get(s, 0) for s in ORDER}

    def search(
        self, query: str, profile: Profile | None, day: date, limit: int = 20
    ) -> list[tuple[Finding | Service, float]]:
        """Services matching the words of ``query`` (Korean morphemes, BM25); judged when a profile is given."""
        if not query.strip():
            raise InvalidInput("empty query", message_ko="검색어를 입력해 주세요.")
        if self._search is None:
            raise InvalidInput(
                "no analyzer configured", message_ko="이 설치에서는 혜택 검색을 쓸 수 없습니다."
            )
        hits = self._search.search(query, limit if profile is None else max(limit * 5, 50))
        if profile is None:
            return [(service, score) for service, score in hits]
        judged = [(self._finding(self._index[service.id], profile, day), score) for service, score in hits]
        judged.sort(key=lambda fs: (fs[0].decision.status is Status.INELIGIBLE, -fs[1]))
        return list(judged[:limit])

    def screen_truths(self, profile: Profile, day: date) -> Sequence[int]:
        """The fast screen's truth value per service, in catalog order."""
        return self._screen.truths(profile, day)

    def explain(self, service_id: str, profile: Profile, day: date) -> Finding:
        index = self._index.get(service_id)
        if index is None:
            raise NotFound(f"service {service_id}")
        return self._finding(index, profile, day)

    def next_questions(self, profile: Profile, day: date, limit: int = 3) -> list[Question]:
        truths = self._screen.truths(profile, day)
        likely = [i for i, t in enumerate(truths) if int(t) == Truth.UNKNOWN]
        decisions = [evaluate(self.rules[i], profile, day) for i in likely]
        weights = {self.services[i].id: self.services[i].weight for i in likely}
        return rank_questions(decisions, weights)[:limit]

    def batch(self, profiles: Sequence[Profile], day: date) -> list[JsonObject]:
        """Per profile: counts by status and the ids of the services that are 대상 or 가능성 있음."""
        out: list[JsonObject] = []
        for profile in profiles:
            truths = self._screen.truths(profile, day)
            counts = Counter(STATUS_OF_TRUTH[Truth(int(t))] for t in truths)
            out.append(
                {
                    "counts": {str(s): counts.get(s, 0) for s in ORDER},
                    "eligible": [self.services[i].id for i, t in enumerate(truths) if int(t) == Truth.MET],
                    "likely": [self.services[i].id for i, t in enumerate(truths) if int(t) == Truth.UNKNOWN],
                }
            )
        return out

    def coverage(self) -> JsonObject:
        """How many services have at least one machine-checked condition, by source and kind."""
        by_source: dict[str, Counter[str]] = {}
        for service, rule in zip(self.services, self.rules, strict=True):
            kinds = {c.kind for c in rule.checkable()}
            tally = by_source.setdefault(service.source, Counter())
            tally["services"] += 1
            tally["checked"] += bool(kinds)
            tally["checked_beyond_region"] += bool(kinds - {"region"})
            for kind in kinds:
                tally[f"kind:{kind}"] += 1
        return {source: dict(t) for source, t in by_source.items()}

    def _finding(self, index: int, profile: Profile, day: date) -> Finding:
        rule = self.rules[index]
        service = self.services[index]
        return Finding(service, evaluate(rule, profile, day), str(rule.origin), service.open_on(day))


def finding_to_dict(finding: Finding) -> JsonObject:
    s, d = finding.service, finding.decision
    return {
        "id": s.id,
        "name": s.name,
        "agency": s.agency,
        "summary": s.summary,
        "url": s.url,
        "how_to_apply": s.how_to_apply,
        "apply_from": s.apply_from.isoformat() if s.apply_from else None,
        "apply_until": s.apply_until.isoformat() if s.apply_until else None,
        "open": finding.open,
        "status": str(d.status),
        "rule_origin": finding.origin,
        "reasons": d.reason_sentences(),
        "reason_ids": list(d.reasons),
        "conditions": [
            {
                "id": r.condition.id,
                "kind": r.condition.kind,
                "text": r.condition.describe(),
                "result": r.truth.label,
                "observed": r.observed,
                "source": r.condition.source.text if r.condition.source else None,
                "source_field": r.condition.source.field if r.condition.source else None,
                "source_span": [r.condition.source.start, r.condition.source.end]
                if r.condition.source and r.condition.source.start is not None
                else None,
            }
            for r in d.results
        ],
    }


def search_hit_to_dict(hit: Finding | Service, score: float) -> JsonObject:
    if isinstance(hit, Finding):
        return {"score": score, **finding_to_dict(hit)}
    return {
        "score": score,
        "id": hit.id,
        "name": hit.name,
        "agency": hit.agency,
        "summary": hit.summary,
        "url": hit.url,
    }

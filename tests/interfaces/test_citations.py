"""The citation verifier on real statutes: articles, paragraphs and quotes checked; unknown laws and
missing articles flagged through the CLI and the API."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from biseo.interfaces.http.app import create_app
from biseo.services.drafting.citations import CitationStatus
from tests.support import search_corpus

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def services(tmp_path_factory, shared_token_cache):
    s = search_corpus.indexed_services(tmp_path_factory, shared_token_cache)
    yield s
    s.close()


def statuses(services, text):
    return [(c.text, c.status) for c in services.citations.verify(text)]


def test_articles_paragraphs_and_unknown_laws(services):
    found = statuses(
        services,
        "「민원 처리에 관한 법률」 제19조에 따라 처리기간을 계산하고, 행정절차법 제21조제1항에 따라 통지합니다.",
    )
    assert [s for _, s in found] == [CitationStatus.VERIFIED, CitationStatus.VERIFIED]
    assert statuses(services, "민원처리법 제999조에 따라")[0][1] is CitationStatus.NO_SUCH_ARTICLE
    assert statuses(services, "민원처리법 제19조제9항에 따라")[0][1] is CitationStatus.NO_SUCH_PARAGRAPH
    assert statuses(services, "「가상의 특별법」 제3조에 따라") == [
        ("「가상의 특별법」 제3조", CitationStatus.UNKNOWN_LAW)
    ]
    assert statuses(services, "주택법 시행령 제51조에 따라 의결합니다") == [
        ("주택법 시행령 제51조", CitationStatus.UNKNOWN_LAW)  # 주택법 is not in this test's store
    ]
    assert statuses(services, "같은 법 제3조와 동법 제4조, 관계법 제5조") == []  # relative: nothing to check


def test_quotes_must_match_the_article(services):
    check = services.citations.verify(
        "민원처리법 제19조는 “민원의 처리기간을 5일 이하로 정한 경우에는 민원의 접수시각부터 시간 단위로 계산한다”고 정한다."
    )
    assert check[0].status in {CitationStatus.VERIFIED, CitationStatus.QUOTE_MISMATCH}
    wrong = services.citations.verify("민원처리법 제19조는 “민원은 언제나 다음 날까지 처리한다”고 정한다.")
    assert wrong[0].status is CitationStatus.QUOTE_MISMATCH


def test_cli_and_api(services, tmp_path, capsys, monkeypatch):
    from biseo.interfaces.cli.main import main

    monkeypatch.setenv("BISEO_HOME", str(services.settings.home))
    monkeypatch.setenv("BISEO_CACHE_DIR", str(services.settings.cache_path))
    draft = tmp_path / "draft.txt"
    draft.write_text("행정절차법 제21조와 민원처리법 제999조", encoding="utf-8")
    assert main(["verify", "--json", str(draft)]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert [r["status"] for r in rows] == ["verified", "no_such_article"] and rows[1]["message"]
    with TestClient(create_app(services=services), client=("127.0.0.1", 5000)) as client:
        body = client.post("/v1/citations/verify", json={"text": "행정절차법 제21조"}).json()
        assert body["verified"] and body["citations"][0]["segment"] is not None
        assert client.post("/v1/citations/verify", json={"text": ""}).status_code == 422


def test_deleted_articles_and_laws_not_yet_in_force_are_flagged(services):
    from datetime import date

    from biseo.services.drafting.citations import CitationVerifier

    assert statuses(services, "민원처리법 제45조에 따라")[0][1] is CitationStatus.ARTICLE_DELETED
    before = CitationVerifier(services.search, services.store, today=lambda: date(2022, 1, 1))
    # the stored 민원처리법 took effect on 2022. 7. 12.: cited before that date it was not yet law
    assert before.verify("민원처리법 제19조")[0].status is CitationStatus.NOT_YET_IN_FORCE
    assert statuses(services, "민원처리법 제19조")[0][1] is CitationStatus.VERIFIED


def test_precedent_citations_are_checked_against_the_stored_precedents(services):
    """2000두10663 is in this test's store (decided 2002. 6. 14.); 97누4289 is not."""
    assert statuses(services, "대법원 2002. 6. 14. 선고 2000두10663 판결 참조") == [
        ("대법원 2002. 6. 14. 선고 2000두10663 판결", CitationStatus.VERIFIED)
    ]
    assert statuses(services, "대법원 2002. 6. 15. 선고 2000두10663 판결")[0][1] is (
        CitationStatus.PRECEDENT_DATE_MISMATCH
    )
    assert statuses(services, "(대법원 1998. 3. 10. 선고 97누4289 판결 참조)")[0][1] is (
        CitationStatus.UNKNOWN_PRECEDENT
    )
    assert statuses(services, "대법원 2000두10663 판결에 따르면")[0][1] is CitationStatus.VERIFIED

"""What the router reads of a complaint: its tokens, and its title's tokens as features of their own."""

from __future__ import annotations

import pytest

from biseo.services.complaints.routing_evaluation import HEADLINE, with_headlines

pytestmark = pytest.mark.unit


def test_complaints_carry_their_title_tokens_apart_and_answers_do_not():
    def tokenize(texts):
        return [text.split() for text in texts]

    texts = ["가로등 고장\n골목 가로등이 꺼짐", "주차 단속", "수리했습니다 가로등"]
    assert with_headlines(tokenize, texts, 2) == [
        ["가로등", "고장", "골목", "가로등이", "꺼짐", HEADLINE + "가로등", HEADLINE + "고장"],
        ["주차", "단속", HEADLINE + "주차", HEADLINE + "단속"],
        ["수리했습니다", "가로등"],  # an answer: no title
    ]

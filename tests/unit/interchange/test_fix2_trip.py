"""Fix round 2 (round trips): the one id length limit, ours vs. a tool's counters."""

from __future__ import annotations

from lexikon.core.schema import ID_RULE, MAX_ID_LENGTH, fitting_id
from lexikon.interchange.words import slugify


def test_an_id_made_from_a_long_title_is_cut_at_a_word_to_fit() -> None:
    slug = slugify("Ein sehr langer Begriff " * 20)
    assert len(slug) <= MAX_ID_LENGTH and ID_RULE.match(slug)
    assert slug.endswith("begriff")


def test_one_word_longer_than_an_id_is_cut_hard() -> None:
    assert fitting_id("a" * 300) == "a" * MAX_ID_LENGTH
    assert fitting_id("kurz") == "kurz"

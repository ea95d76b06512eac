"""Putting words together without gluing sentences (decision 0039).

A list of names is joined with the list separator of the person's language (、 in
Japanese, ", " in English…), a translatable message with the context "list separator".
Whole sentences are whole messages; only lists of names or values are joined here.
"""

from collections.abc import Iterable

from django.utils.translation import pgettext


def list_separator() -> str:
    return pgettext("list separator", "、")


def join_list(items: Iterable[object]) -> str:
    """「A、B、C」 in Japanese, "A, B, C" in English: the names, joined for the reader."""
    return list_separator().join(str(item) for item in items)

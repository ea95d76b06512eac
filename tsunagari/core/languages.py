"""The interface languages beyond what Django knows, in one place.

settings.LANGUAGES lists the codes; Django's LANG_INFO (names for the switcher and
get_language_info) lacks やさしい日本語 and Tagalog, so they are added here when the app
loads. ``html_lang`` turns a Django code into the BCP 47 tag for ``<html lang>``:
やさしい日本語 is Japanese to a screen reader (decision 0039).
"""

from django.conf.locale import LANG_INFO

EXTRA_LANG_INFO: dict[str, dict[str, object]] = {
    "ja-easy": {
        "bidi": False,
        "code": "ja-easy",
        "name": "Easy Japanese",
        "name_local": "やさしい日本語",
    },
    "tl": {
        "bidi": False,
        "code": "tl",
        "name": "Tagalog",
        "name_local": "Tagalog",
    },
}

# Django code → BCP 47 tag, where they differ (case matters to no one, but reads right).
BCP47 = {
    "ja-easy": "ja",
    "zh-hans": "zh-Hans",
    "pt-br": "pt-BR",
}


def add_language_info() -> None:
    for code, info in EXTRA_LANG_INFO.items():
        LANG_INFO.setdefault(code, info)


def html_lang(code: str | None) -> str:
    """The value of ``<html lang>`` for a Django language code."""
    if not code:
        return "ja"
    return BCP47.get(code.lower(), code)

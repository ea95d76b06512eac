"""The languages of Sakai's residents (decision 0039).

Every public page, in every language but Japanese, shows no interface string left in
Japanese: while each page renders, every gettext lookup made in the reader's language is
recorded, and each one whose msgid is an interface string of ours (Japanese, and in the
complete English catalog) must be in that language's own compiled catalog. Data content
(service names, descriptions) never goes through gettext, so it is not counted; an empty
or missing catalog fails, because the lookups are still recorded and none is found.
"""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import trans_real

from tsunagari.core.access import Audience, audience_of
from tsunagari.core.tests.test_access import ALL_PATTERNS, is_admin, sample_path

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# Pages beyond the bare routes: questions to the navigator (a crisis, an everyday worry,
# guided steps), a search, and a page that does not exist.
EXTRA_PATHS = [
    "/navi/?q=%E6%AD%BB%E3%81%AB%E3%81%9F%E3%81%84",  # 死にたい: the crisis panel
    "/navi/?q=%E5%80%9F%E9%87%91%E3%81%A7%E5%9B%B0%E3%81%A3%E3%81%A6%E3%81%84%E3%81%BE%E3%81%99",
    "/navi/?need=connection",
    "/navi/guided/?s=1",
    "/navi/guided/?s=2&who=self",
    "/search/?q=%E7%9B%B8%E8%AB%87",
    "/no-such-page/",
]
# At least this many interface strings are looked up across the public pages; fewer means
# the recording (or the language switch) is broken, not that everything is translated.
AT_LEAST_LOOKED_UP = 300

Key = str | tuple[str, int]


def interface_strings() -> set[Key]:
    """Our msgids: the Japanese keys of the English catalog (which has no gaps)."""
    return {
        key
        for key in trans_real.translation("en")._catalog.keys()  # type: ignore[attr-defined]
        if JAPANESE.search(key if isinstance(key, str) else key[0])
    }


def translated_in(language: str) -> set[Key]:
    """The keys the language's own compiled catalog carries a translation for."""
    catalog = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    return {key for key, value in catalog.items() if value}


@contextmanager
def recording(language: str) -> Iterator[set[Key]]:
    """Every gettext/pgettext/ngettext/npgettext lookup made while ``language`` is active."""
    looked_up: set[Key] = set()
    real = {
        name: getattr(trans_real, name) for name in ("gettext", "pgettext", "ngettext", "npgettext")
    }
    trans = translation._trans  # type: ignore[attr-defined]

    def active() -> bool:
        return translation.get_language() == language

    def gettext(message: str) -> str:
        if active():
            looked_up.add(message)
        return real["gettext"](message)

    def pgettext(context: str, message: str) -> str:
        if active():
            looked_up.add(f"{context}\x04{message}")
        return real["pgettext"](context, message)

    def ngettext(singular: str, plural: str, number: int) -> str:
        if active():
            looked_up.add((singular, 0))
        return real["ngettext"](singular, plural, number)

    def npgettext(context: str, singular: str, plural: str, number: int) -> str:
        if active():
            looked_up.add((f"{context}\x04{singular}", 0))
        return real["npgettext"](context, singular, plural, number)

    saved = {name: getattr(trans, name) for name in real}
    for name, spy in (
        ("gettext", gettext),
        ("pgettext", pgettext),
        ("ngettext", ngettext),
        ("npgettext", npgettext),
    ):
        setattr(trans, name, spy)
    try:
        yield looked_up
    finally:
        for name, value in saved.items():
            setattr(trans, name, value)


def real_value(name: str, converter: str) -> str | None:
    """A value from the seed data for a route's converter, so detail pages render whole."""
    from tsunagari.directory.models import Service
    from tsunagari.directory.needs import NEEDS
    from tsunagari.gatherings.models import Gathering
    from tsunagari.measures.models import Measure
    from tsunagari.partners.models import Member
    from tsunagari.supporters.course import LESSONS

    found: Any = None
    if name in ("service", "self_new"):
        found = Service.objects.public().values_list("pk", flat=True).first()
    elif name == "need":
        found = NEEDS[0].code
    elif name == "ward":
        found = "sakai"
    elif name == "detail" and converter == "uuid":
        found = Gathering.objects.visible().values_list("pk", flat=True).first()
    elif name == "detail" and converter == "int":
        found = Measure.objects.values_list("pk", flat=True).first()
    elif name == "member_detail":
        found = Member.objects.approved().values_list("organization_id", flat=True).first()
    elif name == "lesson":
        found = LESSONS[0].slug
    return str(found) if found is not None else None


def public_paths() -> list[str]:
    paths = []
    for route, pattern in ALL_PATTERNS:
        if is_admin(pattern) or audience_of(pattern.callback) != Audience.PUBLIC:
            continue
        path = sample_path(route)
        if path is None:
            continue
        converters = re.findall(r"<(?:(\w+):)?\w+>", route)
        if len(converters) == 1:
            value = real_value(pattern.name or "", converters[0] or "str")
            if value is not None:
                path = "/" + re.sub(r"<(?:(\w+):)?\w+>", value, route)
        paths.append(path)
    return paths + EXTRA_PATHS


@pytest.mark.django_db
@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_it_shows_every_public_page_without_an_untranslated_interface_string(
    client: Client, language: str
):
    call_command("load_seed", stdout=io.StringIO())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    interface = interface_strings()
    looked_up: set[Key] = set()
    pages = with_ruby = 0
    raw_marks: list[str] = []
    for path in public_paths():
        with recording(language) as during:
            response = client.get(path)
        if "text/html" not in response.get("Content-Type", "") or response.status_code >= 500:
            continue
        pages += 1
        looked_up |= during
        html = response.content.decode()
        if "《" in html and re.search(r"｜[^《<]{1,40}《", html):
            raw_marks.append(path)  # a reading mark shown as it is, not as ruby
        if language == "ja-easy" and "<ruby>" in html:
            with_ruby += 1
    ours = looked_up & interface
    missing = sorted(str(key) for key in ours - translated_in(language))
    assert pages > 30
    assert len(ours) >= AT_LEAST_LOOKED_UP, (language, len(ours))
    assert missing == [], f"{language}: {len(missing)} of {len(ours)} untranslated: {missing[:20]}"
    assert raw_marks == []
    if language == "ja-easy":  # the catalog's readings reach the pages as <ruby>
        assert with_ruby > 10


def test_the_check_cannot_pass_with_an_empty_catalog():
    """The recording sees lookups even where nothing is translated."""
    with translation.override("en"), recording("en") as looked_up:
        translation.gettext("いま受付中")
        translation.pgettext("list separator", "、")
        translation.ngettext("%(counter)s団体", "%(counter)s団体", 2)
    assert looked_up == {"いま受付中", "list separator\x04、", ("%(counter)s団体", 0)}
    assert "いま受付中" not in {key for key in looked_up if key in translated_in("ja")}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,tag",
    [
        ("ja", "ja"),
        ("ja-easy", "ja"),
        ("en", "en"),
        ("zh-hans", "zh-Hans"),
        ("pt-br", "pt-BR"),
        ("ko", "ko"),
        ("vi", "vi"),
        ("es", "es"),
        ("tl", "tl"),
        ("ne", "ne"),
    ],
)
def test_it_sets_html_lang_from_the_choice_and_remembers_it(client: Client, language, tag):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/search/"})
    assert response.status_code == 302
    assert response["Location"] == "/search/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == language
    assert int(cookie["max-age"]) >= 300 * 24 * 60 * 60  # kept for about a year, no account
    for path in ("/", "/no-such-page/", "/navi/?need=connection"):
        html = client.get(path).content.decode()
        assert f'<html lang="{tag}">' in html, (language, path)
        assert f'<option value="{language}" lang="{tag}" selected>' in html, (language, path)


@pytest.mark.django_db
def test_it_puts_the_switcher_and_the_handbook_link_on_every_public_page(client: Client):
    call_command("load_seed", stdout=io.StringIO())
    without = []
    for path in public_paths():
        response = client.get(path)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if "<html" not in html:
            continue
        form = re.search(
            r'<form action="/i18n/setlang/" method="post" class="lang">.*?</form>', html, re.S
        )
        if not (
            form
            and '<label for="lang-select">' in form.group(0)
            and 'type="submit"' in form.group(0)
        ):
            without.append(path)
        elif 'href="/handbook/"' not in html:
            without.append(path + " (no handbook link)")
    assert without == []

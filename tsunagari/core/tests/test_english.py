"""The English interface: a person who picks English in the footer reads English pages,
and the English catalog has no gaps (msgids are Japanese, so a gap shows Japanese)."""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
HTML_LANG_EN = '<html lang="en">'
CRISIS_HEADING_EN = "If things are so hard you want to die, please talk to someone now"


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_it_shows_the_home_page_in_english(english: Client):
    response = english.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert HTML_LANG_EN in html
    assert CRISIS_HEADING_EN in html
    assert "Find help" in html
    assert "相談先をさがす" not in html


@pytest.mark.django_db
def test_it_shows_a_need_page_in_english(english: Client):
    response = english.get("/needs/connection/")
    html = response.content.decode()
    assert response.status_code == 200
    assert HTML_LANG_EN in html
    assert "Help for \u201cLoneliness, connection and a place to belong\u201d" in html
    assert CRISIS_HEADING_EN in html


@pytest.mark.django_db
def test_it_shows_the_not_found_page_in_english(english: Client):
    response = english.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert HTML_LANG_EN in html
    assert "Page not found" in html
    assert "Back to the start page" in html


@pytest.mark.django_db
def test_it_switches_to_english_with_the_footer_form(client: Client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert HTML_LANG_EN in html
    assert CRISIS_HEADING_EN in html


@pytest.mark.django_db
def test_it_stays_japanese_without_a_choice(client: Client):
    html = client.get("/").content.decode()
    assert '<html lang="ja">' in html
    assert "死にたいほどつらいときは、いますぐ話してください" in html


@dataclass
class Entry:
    msgid: str
    msgstrs: list[str]
    fuzzy: bool


def _entries(text: str) -> list[Entry]:
    """Read a .po file simply: one blank-line-separated block per entry."""
    entries = []
    for block in text.strip().split("\n\n"):
        fuzzy = False
        key = ""
        parts: dict[str, list[str]] = {}
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                key = match.group(1)
                parts[key] = [match.group(2)]
            elif line.startswith('"'):
                parts[key].append(line)
        values = {
            name: "".join(ast.literal_eval(p) for p in pieces) for name, pieces in parts.items()
        }
        if "msgid" in values:
            msgstrs = [v for name, v in values.items() if name.startswith("msgstr")]
            entries.append(Entry(msgid=values["msgid"], msgstrs=msgstrs, fuzzy=fuzzy))
    return entries


def test_it_translates_every_entry_of_the_english_catalog():
    entries = _entries(PO_FILE.read_text(encoding="utf-8"))
    assert len(entries) > 100
    header, messages = entries[0], entries[1:]
    assert header.msgid == ""
    assert [e.msgid for e in messages if not all(e.msgstrs)] == []
    assert [e.msgid for e in messages if e.fuzzy] == []
    assert not header.fuzzy


def test_it_ships_the_compiled_catalog_next_to_the_source():
    assert MO_FILE.exists()
    assert MO_FILE.stat().st_size > 1000


def test_it_reads_a_po_file_simply():
    text = (
        'msgid ""\nmsgstr "Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s件"\nmsgstr ""\n"%(n)s items"\n\n'
        'msgid "はい"\nmsgid_plural "はい"\nmsgstr[0] "yes"\nmsgstr[1] ""\n'
    )
    header, first, second = _entries(text)
    assert header.msgstrs == ["Language: en\n"]
    assert first == Entry(msgid="%(n)s件", msgstrs=["%(n)s items"], fuzzy=True)
    assert second.msgstrs == ["yes", ""]

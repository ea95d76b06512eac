"""Keyword search: abbreviations and common names, kana and width folding, one entry per service."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tsunagari.directory.models import Service
from tsunagari.directory.search import check_synonyms, fold

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory() -> None:
    call_command("load_directory", stdout=StringIO())


def results(query: str) -> str:
    html = Client().get(reverse("directory:search"), {"q": query}).content.decode()
    return html.split("の結果", 1)[-1]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("社協", "堺市社会福祉協議会"),
        ("包括", "堺基幹型包括支援センター"),
        ("ハロワ", "マザーズハローワーク"),
        ("ﾊﾛｰﾜｰｸ", "マザーズハローワーク"),  # half-width kana
        ("はろーわーく", "マザーズハローワーク"),  # hiragana
        ("ＤＶ", "DV相談ナビ"),  # full-width letters
    ],
)
def test_it_finds_services_by_abbreviations_common_names_and_other_spellings(
    directory: None, query: str, expected: str
) -> None:
    assert expected in results(query)


def test_a_service_is_listed_once(directory: None) -> None:
    html = results("DV相談")
    assert html.count("DV相談＋（プラス）</a>") == 1
    assert "DV相談プラス</a>" not in html
    assert not Service.objects.filter(import_key="notalone:DV相談プラス").exists()


def test_every_page_links_to_the_search(directory: None) -> None:
    html = Client().get(reverse("directory:need", args=["money"])).content.decode()
    assert f'href="{reverse("directory:search")}"' in html


def test_the_synonym_file_passes_its_check_and_folding_is_kana_blind() -> None:
    assert check_synonyms() == []
    assert fold("ｼｬｷｮｳ") == fold("しゃきょう")

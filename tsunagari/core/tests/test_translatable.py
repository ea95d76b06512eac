"""Every string a person reads is translatable: no Japanese text in a template outside
{% translate %} / {% blocktranslate %}. (500.html is plain HTML on purpose: it must render
even when the translation machinery is what broke.)"""

import re
from pathlib import Path

from django.conf import settings

TEMPLATE_ROOT = Path(settings.BASE_DIR) / "tsunagari"
EXEMPT = {"500.html"}
JAPANESE = re.compile(
    r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]"
)  # kana and kanji; punctuation may glue
STRIP = [
    re.compile(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.S),
    re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.S),
    re.compile(r"{#.*?#}", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"{%.*?%}", re.S),
    re.compile(r"{{.*?}}", re.S),
]


def untranslated(text: str) -> list[str]:
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    return [line.strip() for line in text.splitlines() if JAPANESE.search(line)]


def test_it_finds_no_japanese_outside_translation_tags_in_any_template():
    found = {}
    for path in sorted(TEMPLATE_ROOT.glob("*/templates/**/*.html")) + sorted(
        TEMPLATE_ROOT.glob("templates/**/*.html")
    ):
        if path.name in EXEMPT:
            continue
        lines = untranslated(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(TEMPLATE_ROOT))] = lines[:3]
    assert found == {}


def test_it_catches_a_bare_japanese_sentence():
    assert untranslated("<p>{% translate 'はい' %}</p>\n<p>いいえ</p>") == ["<p>いいえ</p>"]

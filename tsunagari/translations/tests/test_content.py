"""Service content in the reader's language: the translation where staff entered one, the
Japanese with one short note where not, and やさしい日本語's readings as ruby."""

from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tsunagari.directory.tests.factories import make_service
from tsunagari.directory.tests.test_admin import signed_in
from tsunagari.translations.models import ContentTranslation

pytestmark = pytest.mark.django_db

NOTE_JA = "まだ翻訳されていないところは、日本語のまま表示しています。"


def translate(record: Any, language: str, field: str, text: str) -> ContentTranslation:
    return ContentTranslation.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        language=language,
        field=field,
        text=text,
    )


def reading(client: Client, language: str) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_it_shows_the_translated_name_and_description(client: Client):
    service = make_service("（テスト）こころの電話", description="だれでも話せます。")
    translate(service, "en", "name", "(Test) Phone line for the heart")
    translate(service, "en", "description", "Anyone can talk.")
    translate(service.organization, "en", "name", "(Test) A Sakai group")
    page = reading(client, "en").get(reverse("directory:service", args=[service.pk]))
    html = page.content.decode()
    assert "<h1>(Test) Phone line for the heart</h1>" in html
    assert "Anyone can talk." in html
    assert "(Test) A Sakai group" in html
    assert "だれでも話せます。" not in html


def test_it_shows_the_japanese_marked_as_japanese_with_one_note_where_missing(client: Client):
    service = make_service("（テスト）こころの電話", description="だれでも話せます。")
    translate(service, "en", "name", "(Test) Phone line for the heart")
    response = reading(client, "en").get(reverse("directory:service", args=[service.pk]))
    html = response.content.decode()
    assert '<p lang="ja">だれでも話せます。</p>' in html
    # the note is one sentence, in the reader's language when the catalog has it, once
    note = response.context["service"].content  # the page's own Content
    assert note.missing
    assert html.count('role="note">') >= 1


def test_it_says_nothing_of_translations_to_a_japanese_reader(client: Client):
    service = make_service("（テスト）こころの電話", description="だれでも話せます。")
    html = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert NOTE_JA not in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert ' lang="ja"' not in main


def test_it_translates_the_names_in_a_list_of_services(client: Client):
    service = make_service("（テスト）こころの電話", needs=("mental",))
    translate(service, "ko", "name", "(테스트) 마음의 전화")
    html = reading(client, "ko").get(reverse("directory:need", args=["mental"])).content
    assert "(테스트) 마음의 전화" in html.decode()


def test_it_translates_the_name_in_the_navigator_answer(client: Client):
    service = make_service("（テスト）こころの電話", needs=("mental",), all_day=True)
    translate(service, "vi", "name", "(Thử) Điện thoại tâm sự")
    html = reading(client, "vi").get(reverse("navigator:answer"), {"need": "mental"}).content
    assert "(Thử) Điện thoại tâm sự" in html.decode()


def test_it_turns_reading_marks_of_an_easy_japanese_translation_into_ruby(client: Client):
    service = make_service("（テスト）こころの電話", description="だれでも話せます。")
    translate(service, "ja-easy", "name", "｜心《こころ》の ｜電話《でんわ》")
    page = reading(client, "ja-easy").get(reverse("directory:service", args=[service.pk]))
    html = page.content.decode()
    assert '<html lang="ja">' in html
    assert "<h1><ruby>心<rt>こころ</rt></ruby>の <ruby>電話<rt>でんわ</rt></ruby></h1>" in html
    assert "<title>心の 電話 |" in html  # stripped where markup cannot go
    assert "《" not in html and "｜" not in html


def test_it_refuses_a_field_that_is_not_translatable():
    service = make_service()
    row = ContentTranslation(
        content_type=ContentType.objects.get_for_model(service),
        object_id=service.pk,
        language="en",
        field="url",
        text="https://example.org/",
    )
    with pytest.raises(ValidationError):
        row.full_clean()


def test_it_keeps_one_translation_per_field_and_language():
    from django.db import IntegrityError, transaction

    service = make_service()
    translate(service, "en", "name", "One")
    with pytest.raises(IntegrityError), transaction.atomic():
        translate(service, "en", "name", "Two")


def test_it_lets_staff_enter_a_translation_in_the_admin(client: Client, sara: Any):
    service = make_service("（テスト）旧い名前")
    staff = signed_in(client, sara)
    url = reverse("admin:directory_service_change", args=[service.pk])
    assert "内容の翻訳" in staff.get(url).content.decode()
    prefix = "translations-contenttranslation-content_type-object_id"
    form = {
        "organization": str(service.organization.pk),
        "name": service.name,
        "review_status": "published",
        "area": "city",
        "confidence": "confirmed",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-language": "pt-br",
        f"{prefix}-0-field": "name",
        f"{prefix}-0-text": "(Teste) Telefone do coração",
    }
    for other in ("phones", "schedules", "attributes", "service_at_locations"):
        form.update({f"{other}-TOTAL_FORMS": "0", f"{other}-INITIAL_FORMS": "0"})
    response = staff.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    row = ContentTranslation.objects.get(object_id=service.pk)
    assert (row.language, row.field, row.text) == ("pt-br", "name", "(Teste) Telefone do coração")

from datetime import date, time, timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from tsunagari.partners.tests.conftest import signed_in
from tsunagari.supporters.course import LESSONS
from tsunagari.supporters.models import Lecture, Supporter

pytestmark = pytest.mark.django_db


def test_it_offers_five_to_eight_lessons_with_a_few_questions_each():
    assert 5 <= len(LESSONS) <= 8
    assert all(2 <= len(lesson.questions) <= 4 for lesson in LESSONS)
    assert all(0 <= q.answer < len(q.choices) for lesson in LESSONS for q in lesson.questions)


def test_it_teaches_every_lesson_without_an_account(client):
    for lesson in LESSONS:
        response = client.get(reverse("supporters:lesson", args=[lesson.slug]))
        assert response.status_code == 200
        assert str(lesson.title) in response.content.decode()
    connect = client.get(reverse("supporters:lesson", args=["connect"])).content.decode()
    assert reverse("navigator:answer") in connect and reverse("directory:home") in connect


def test_it_checks_the_answers_and_explains_them(client):
    lesson = LESSONS[0]
    wrong = (lesson.questions[0].answer + 1) % len(lesson.questions[0].choices)
    answers = {"q0": str(wrong), "q1": str(lesson.questions[1].answer)}
    html = client.post(reverse("supporters:lesson", args=[lesson.slug]), answers).content.decode()
    assert "正解です。" in html
    assert f"答えは「{lesson.questions[0].choices[lesson.questions[0].answer]}」です。" in html


def test_it_registers_a_supporter_and_gives_a_certificate_pdf(client):
    response = client.post(
        reverse("supporters:register"),
        {"name": "（テスト）堺 花子", "ward": "kita", "finished": "on"},
    )
    assert response.status_code == 200
    supporter = Supporter.objects.get()
    assert (supporter.ward, supporter.number) == ("kita", f"{timezone.localdate().year}-0001")
    token = signing.dumps(supporter.pk, salt="supporters.certificate")
    assert reverse("supporters:certificate", args=[token]) in response.content.decode()
    pdf = client.get(reverse("supporters:certificate", args=[token]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(pdf.content) > 2000
    assert client.get(reverse("supporters:certificate", args=["forged"])).status_code == 404


def test_it_asks_for_a_name_and_ward_before_registering(client):
    response = client.post(reverse("supporters:register"), {"name": "", "ward": "osaka"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Supporter.objects.exists()


def test_it_shows_names_to_staff_only(client, sara, plain_user):
    Supporter.register(name="（テスト）堺 太郎", ward="sakai")
    assert "（テスト）堺 太郎" not in client.get(reverse("supporters:course")).content.decode()
    assert client.get(reverse("supporters:staff")).status_code == 302
    signed_in(client, plain_user)
    assert client.get(reverse("supporters:staff")).status_code == 403
    signed_in(client, sara)
    html = client.get(reverse("supporters:staff")).content.decode()
    assert "（テスト）堺 太郎" in html
    month = f"{timezone.localdate():%Y-%m}"
    assert month in html
    csv_text = client.get(reverse("supporters:staff_export")).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1].startswith("堺区,1")
    assert "（テスト）堺 太郎" not in csv_text


def test_it_lists_upcoming_lectures(client, sara):
    today = timezone.localdate()
    Lecture.objects.create(
        title="（テスト）オンライン講座",
        format="online",
        held_on=today + timedelta(days=3),
        starts_at=time(19),
        ends_at=time(20),
    )
    Lecture.objects.create(
        title="（テスト）終わった講座",
        format="in_person",
        held_on=date(2020, 1, 1),
        starts_at=time(10),
        ends_at=time(11),
    )
    html = client.get(reverse("supporters:lectures")).content.decode()
    assert "（テスト）オンライン講座" in html and "オンライン" in html
    assert "終わった講座" not in html

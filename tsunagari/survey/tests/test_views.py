import io

import pytest
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from tsunagari.survey.models import InvitationCode, SelfCheck, SurveyResponse, Wave
from tsunagari.survey.tests.conftest import signed_in

pytestmark = pytest.mark.django_db

WEB_ANSWER = {
    "lonely_1": "3",
    "lonely_2": "2",
    "lonely_3": "4",
    "direct": "4",
    "age_band": "30-39",
    "sex": "",
    "ward": "kita",
    "household": "",
}
CSV_HEADER = "age_band,sex,ward,household,lonely_1,lonely_2,lonely_3,direct\n"


# --- privacy --------------------------------------------------------------------------


def test_it_keeps_no_identifier_in_a_survey_answer(client, wave):
    client.post(reverse("survey:answer", args=[wave.pk]), WEB_ANSWER, REMOTE_ADDR="203.0.113.9")
    row = SurveyResponse.objects.get()
    fields = {f.name: f for f in SurveyResponse._meta.get_fields()}
    # Only the wave, how it arrived, the day and the answers.
    assert set(fields) == {
        "id",
        "wave",
        "channel",
        "answered_on",
        "age_band",
        "sex",
        "ward",
        "household",
        "lonely_1",
        "lonely_2",
        "lonely_3",
        "direct",
        "extra",
    }
    assert not any(isinstance(f, models.DateTimeField) for f in fields.values())
    assert [f.name for f in fields.values() if f.is_relation] == ["wave"]
    stored = " ".join(str(v) for v in SurveyResponse.objects.values().get().values())
    assert "203.0.113.9" not in stored
    assert client.session.session_key is None or client.session.session_key not in stored
    assert row.answered_on.isoformat() in stored and ":" not in str(row.answered_on)
    for model in (SelfCheck,):
        assert not any(
            f.is_relation or isinstance(f, models.DateTimeField) for f in model._meta.get_fields()
        )


# --- web form -------------------------------------------------------------------------


def test_it_takes_an_anonymous_web_answer(client, wave):
    response = client.post(reverse("survey:answer", args=[wave.pk]), WEB_ANSWER)
    assert response.status_code == 302
    row = SurveyResponse.objects.get()
    assert (row.channel, row.score, row.band, row.direct, row.ward) == ("web", 9, "7-9", 4, "kita")


def test_it_refuses_an_out_of_range_answer_with_a_message(client, wave):
    response = client.post(
        reverse("survey:answer", args=[wave.pk]), {**WEB_ANSWER, "lonely_2": "7"}
    )
    assert response.status_code == 200
    assert "答えていない質問があります" in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_it_takes_one_answer_per_invitation_code(client, wave):
    wave.uses_codes = True
    wave.save()
    code = wave.issue_codes(1)[0]
    assert not InvitationCode.objects.filter(code_hash=code).exists()  # only the hash is kept
    url = reverse("survey:answer", args=[wave.pk])
    assert client.post(url, {**WEB_ANSWER, "code": code.lower()}).status_code == 302
    again = client.post(url, {**WEB_ANSWER, "code": code})
    assert "このコードは使えません" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_it_says_a_closed_wave_takes_no_answers(client, wave):
    wave.close()
    response = client.get(reverse("survey:answer", args=[wave.pk]))
    assert response.status_code == 404
    assert "回答を受け付けていません" in response.content.decode()


# --- self-check -----------------------------------------------------------------------


def test_it_shows_the_band_and_stores_a_self_check_only_when_agreed(client):
    url = reverse("survey:self_check")
    response = client.post(url, {"lonely_1": "4", "lonely_2": "4", "lonely_3": "3"})
    html = response.content.decode()
    assert "10〜12点" in html and "とても孤独を感じている" in html
    assert reverse("gatherings:calendar") in html and reverse("navigator:answer") in html
    assert not SelfCheck.objects.exists()
    client.post(url, {"lonely_1": "1", "lonely_2": "1", "lonely_3": "1", "share": "on"})
    assert SelfCheck.objects.get().score == 3
    assert not SurveyResponse.objects.exists()  # never mixed with the survey


# --- staff: paper, import, margins, results -------------------------------------------


def test_it_keeps_the_public_out_of_staff_pages(client, wave, plain_user):
    assert client.get(reverse("survey:results", args=[wave.pk])).status_code == 302
    signed_in(client, plain_user)
    assert client.get(reverse("survey:results", args=[wave.pk])).status_code == 403


def test_it_saves_a_paper_form_and_names_what_is_missing(client, sara, wave):
    signed_in(client, sara)
    url = reverse("survey:paper", args=[wave.pk])
    half = {"age_band": "70-79", "sex": "female", "ward": "kita", "household": "9", "lonely_1": "2"}
    response = client.post(url, half)
    assert "無回答" in response.content.decode()
    assert not SurveyResponse.objects.exists()
    full = {**half, "lonely_2": "9", "lonely_3": "3", "direct": "5"}
    assert client.post(url, full).status_code == 302
    row = SurveyResponse.objects.get()
    assert (row.channel, row.household, row.lonely_2, row.score, row.direct) == (
        "paper",
        "",
        None,
        None,
        5,
    )


def test_it_imports_a_csv_file(client, sara, wave):
    signed_in(client, sara)
    body = CSV_HEADER + "70-79,female,kita,alone,3,3,3,4\n30-39,male,sakai,9,1,1,1,1\n"
    upload = io.BytesIO(body.encode())
    upload.name = "answers.csv"
    response = client.post(reverse("survey:import", args=[wave.pk]), {"file": upload})
    assert response.status_code == 302
    assert SurveyResponse.objects.filter(channel="import").count() == 2


def test_it_names_the_bad_line_and_writes_nothing(client, sara, wave):
    signed_in(client, sara)
    body = CSV_HEADER + "70-79,female,kita,alone,3,3,3,4\n30-39,male,osaka,9,1,1,1,1\n"
    upload = io.BytesIO(body.encode())
    upload.name = "answers.csv"
    response = client.post(reverse("survey:import", args=[wave.pk]), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "3行目" in html and "ward" in html and "osaka" in html
    assert not SurveyResponse.objects.exists()


def test_it_refuses_margins_that_do_not_add_up(client, sara, wave):
    signed_in(client, sara)
    data = {
        f"age_band__{a}": 100
        for a in ["16-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+"]
    }
    data.update({"sex__male": 400, "sex__female": 300})
    data.update(
        {f"ward__{w}": 100 for w in ["naka", "higashi", "nishi", "minami", "kita", "mihara"]}
    )
    data["ward__sakai"] = 200
    response = client.post(reverse("survey:margins", args=[wave.pk]), data)
    assert "合計が一致しません" in response.content.decode()
    assert not wave.margins.exists()


def test_it_shows_results_beside_the_national_figures_and_exports_them(client, sara):
    from tsunagari.survey.demo import load_demo_wave

    demo = load_demo_wave(300)
    signed_in(client, sara)
    html = client.get(reverse("survey:results", args=[demo.pk])).content.decode()
    assert "架空のデモ" in html
    assert "重みづけ（レイキング）した値です" in html
    for figure in ("39.3", "4.8", "14.8", "19.7", "4.3", "15.4", "19.6", "3.2", "5.8", "29.3"):
        assert f">{figure}<" in html or f"{figure}%" in html, figure
    assert '<svg role="img"' in html and "<table>" in html
    csv_text = client.get(reverse("survey:export", args=[demo.pk, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert csv_text.splitlines()[0].startswith("指標,")
    assert len(csv_text.splitlines()) > 20
    xlsx = client.get(reverse("survey:export", args=[demo.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == len(csv_text.splitlines())


def test_it_locks_the_questions_once_the_wave_opens(client, sara):
    signed_in(client, sara)
    draft = Wave.objects.create(name="（テスト）準備中の調査")
    url = reverse("survey:wave", args=[draft.pk])
    client.post(
        url, {"position": 1, "text": "外出の頻度", "choices_text": "毎日\nときどき\nほとんどない"}
    )
    assert draft.questions.count() == 1
    client.post(reverse("survey:transition", args=[draft.pk, "open"]))
    draft.refresh_from_db()
    assert draft.status == "open"
    client.post(url, {"position": 2, "text": "追加", "choices_text": "はい\nいいえ"})
    assert draft.questions.count() == 1

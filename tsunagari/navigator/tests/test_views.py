"""The answer page, guided mode, the JSON API, the command, and unmet needs."""

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tsunagari.directory.tests.factories import make_service
from tsunagari.navigator.models import NeedTally
from tsunagari.partners.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def money_desk() -> Any:
    return make_service("（テスト）お金の相談", needs=("money",), kind="desk")


def test_it_answers_a_worry_on_a_shareable_page(client: Client, money_desk: Any) -> None:
    response = client.get(reverse("navigator:answer"), {"q": "借金で首が回らへん", "ward": "sakai"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "（テスト）お金の相談" in html
    assert (
        "「借金」「首が回らへん」ということばから、「お金・生活」の相談先を表示しています。" in html
    )
    assert "堺区の窓口を先に表示しています" in html
    assert 'name="need" value="money"' in html and "checked" in html  # can correct it


def test_it_opens_a_crisis_answer_with_the_24_hour_lines_and_119(client: Client) -> None:
    html = client.get(reverse("navigator:answer"), {"q": "死にたい"}).content.decode()
    main = html[html.index("<main") :]
    assert main.index("crisis-answer") < main.index("相談先")
    assert "よりそいホットライン" in main and 'href="tel:119"' in main and 'href="tel:110"' in main


def test_it_asks_again_kindly_for_empty_text(client: Client) -> None:
    response = client.get(reverse("navigator:answer"), {"q": "   "})
    assert response.status_code == 200
    assert "ひとことでも書いてください" in response.content.decode()


def test_it_trims_very_long_text_with_a_notice(client: Client) -> None:
    response = client.get(reverse("navigator:answer"), {"q": "さみしい" * 2500})
    assert response.status_code == 200
    assert "はじめの2000文字を読みとりました" in response.content.decode()


def test_it_escapes_what_the_person_typed(client: Client) -> None:
    html = client.get(
        reverse("navigator:answer"), {"q": "<script>alert(1)</script>借金"}
    ).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_it_walks_the_guided_mode_with_only_choices_in_the_url(
    client: Client, money_desk: Any
) -> None:
    url = reverse("navigator:guided")
    assert "だれのことで相談したいですか" in client.get(url).content.decode()
    assert "年代" in client.get(url, {"s": "1", "who": "self"}).content.decode()
    step3 = client.get(url, {"s": "2", "who": "self", "age": "adult"}).content.decode()
    assert 'name="need" value="money"' in step3
    missing = client.get(url, {"s": "3", "who": "self", "age": "adult"}).content.decode()
    assert "ひとつ以上えらんでください" in missing
    step4 = client.get(url, {"s": "3", "who": "self", "age": "adult", "need": ["money", "work"]})
    assert "いちばん困っていることはどれですか" in step4.content.decode()
    step6 = client.get(
        url,
        {"s": "5", "who": "self", "age": "adult", "need": ["money"], "how": "phone", "when": "now"},
    ).content.decode()
    assert f'action="{reverse("navigator:answer")}"' in step6
    answer = client.get(
        reverse("navigator:answer"),
        {"who": "self", "need": ["money"], "how": "phone", "when": "now", "ward": "kita"},
    )
    assert answer.status_code == 200
    assert "（テスト）お金の相談" in answer.content.decode()


def test_it_refuses_unknown_guided_choices_with_a_message(client: Client) -> None:
    response = client.get(reverse("navigator:answer"), {"need": "<b>x</b>"})
    assert response.status_code == 400
    assert "読みとれませんでした" in response.content.decode()
    assert client.get(reverse("navigator:guided"), {"s": "x9", "who": "nobody"}).status_code == 400


def test_it_serves_the_same_json_from_the_api(client: Client, money_desk: Any) -> None:
    response = client.get("/api/v1/recommend", {"q": "借金", "ward": "堺区"})
    assert response.status_code == 200
    data = response.json()
    assert data["needs"][0]["code"] == "money"
    assert data["services"][0]["name"] == "（テスト）お金の相談"


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "借金", "ward": "東京"}])
def test_it_answers_bad_api_input_with_400_in_japanese(client: Client, params: dict) -> None:
    response = client.get(reverse("api:recommend"), params)
    assert response.status_code == 400
    assert "error" in response.json()


def test_it_answers_from_the_command_line(money_desk: Any) -> None:
    out = io.StringIO()
    call_command("recommend", "借金で首が回らへん", "--ward", "堺区", "--json", stdout=out)
    assert json.loads(out.getvalue())["services"][0]["name"] == "（テスト）お金の相談"
    out = io.StringIO()
    call_command("recommend", "借金", stdout=out)
    assert "1. （テスト）お金の相談" in out.getvalue()


def test_it_answers_json_lines_in_input_order(money_desk: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO('{"q": "死にたい"}\n{"q": "借金"}\nnot json\n'))
    out = io.StringIO()
    call_command("recommend", "--jsonl", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line.get("crisis") for line in lines[:2]] == [True, False]
    assert "error" in lines[2]


def test_it_counts_needs_anonymously_and_shows_them_to_staff(
    client: Client, sara: Any, password: str
) -> None:
    client.get(reverse("navigator:answer"), {"q": "ギャンブルがやめられない", "ward": "kita"})
    tally = NeedTally.objects.get()
    assert (tally.need_code, tally.ward, tally.matched, tally.count) == (
        "addiction",
        "kita",
        False,
        1,
    )
    assert tally.week.weekday() == 0
    assert "ギャンブル" not in str(NeedTally.objects.values())  # no text kept
    url = reverse("navigator:unmet")
    assert client.get(url).status_code == 302  # anonymous: to login
    signed_in(client, sara)
    html = client.get(url).content.decode()
    assert "依存症" in html and "北区" in html


def test_it_hides_the_unmet_page_from_members(client: Client, plain_user: Any) -> None:
    client.force_login(plain_user)
    assert client.get(reverse("navigator:unmet")).status_code == 403


@override_settings(DEMO_MODE=True)  # the synthetic services belong to a demo organisation
def test_it_generates_a_synthetic_directory_without_contact_facts() -> None:
    from tsunagari.directory.models import Phone, Service
    from tsunagari.navigator.recommend import recommend

    out = io.StringIO()
    call_command("generate_directory", "--services", "50", stdout=out)
    assert Service.objects.filter(name__startswith="（架空）").count() == 50
    assert Phone.objects.count() == 0
    assert recommend("借金").services or recommend("さみしい").services


def test_it_shows_a_new_service_at_once_despite_cached_answers(client: Client) -> None:
    url = reverse("navigator:answer")
    assert "（テスト）新しい窓口" not in client.get(url, {"q": "借金"}).content.decode()
    make_service("（テスト）新しい窓口", needs=("money",))
    assert "（テスト）新しい窓口" in client.get(url, {"q": "借金"}).content.decode()


def test_it_gives_each_visitor_of_a_cached_answer_their_own_working_csrf_token(
    money_desk: Any,
) -> None:
    import re

    url = reverse("navigator:answer") + "?q=借金"
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = visitor.get(url).content.decode()
        assert "placeholder-7f3a" not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token
        tokens.append(token.group(1))
        switched = visitor.post(
            reverse("set_language"),
            {"language": "en", "next": url, "csrfmiddlewaretoken": token.group(1)},
        )
        assert switched.status_code == 302  # the language form works: the token matches the cookie
    assert tokens[0] != tokens[1]


def test_it_ranks_a_chosen_sub_need_by_the_needs_it_names(client: Client) -> None:
    make_service("（テスト）法律の窓口", needs=("legal",))
    step3 = client.get(
        reverse("navigator:guided"), {"s": "2", "who": "self", "age": "adult"}
    ).content.decode()
    assert 'value="money.debt"' in step3 and "借金・ローン" in step3
    html = client.get(
        reverse("navigator:answer"), {"need": "money.debt", "ward": "kita"}
    ).content.decode()
    assert "えらんだこと：「お金・生活（借金・ローン）」" in html
    assert "（テスト）法律の窓口" in html  # debt brings legal advice with it


def test_it_answers_a_signed_in_person_too(
    client: Client, plain_user: Any, money_desk: Any
) -> None:
    client.force_login(plain_user)
    for _ in range(2):  # the second answer comes from the cache
        response = client.get(reverse("navigator:answer"), {"q": "借金"})
        assert response.status_code == 200
        assert "（テスト）お金の相談" in response.content.decode()


def test_every_desk_in_an_answer_shows_how_to_reach_it(client: Client, money_desk: Any) -> None:
    html = client.get(reverse("navigator:answer"), {"q": "借金で首が回らへん"}).content.decode()
    item = html[html.index("（テスト）お金の相談") :]
    item = item[: item.index("</li>")]
    assert 'href="tel:00000000000"' in item
    assert "000-0000-0000 に電話する" in item
    assert 'class="why"' in item


def test_a_long_worry_is_sent_by_post_and_kept_out_of_the_address(
    client: Client, money_desk: Any
) -> None:
    home = client.get(reverse("navigator:answer")).content.decode()
    assert 'method="post"' in home and "<textarea" in home
    worry = "仕事のことで毎日悩んでいます。" * 40 + "借金の返済ができなくて困っています。"
    response = client.post(reverse("navigator:answer"), {"q": worry})
    assert response.status_code == 200
    assert "（テスト）お金の相談" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_an_urgent_situation_opens_with_what_to_do_now(client: Client) -> None:
    html = client.get(
        reverse("navigator:answer"), {"q": "夫が今、物を投げて暴れています。こわい"}
    ).content.decode()
    main = html[html.index("<main") :]
    assert "urgent-answer" in main
    assert main.index("urgent-answer") < main.index('id="services-title"')
    assert 'href="tel:110"' in main
    assert "DV相談＋（プラス）" in main  # a sourced line, never a typed number


def test_the_json_answer_says_how_to_reach_each_desk_and_what_is_urgent(
    client: Client, money_desk: Any
) -> None:
    data = client.get(reverse("api:recommend"), {"q": "今日食べるものがない。借金もある"}).json()
    assert "no_food_today" in data["urgent"]
    desk = next(s for s in data["services"] if s["name"] == "（テスト）お金の相談")
    assert desk["kind"] == "desk"
    assert desk["phones"] == [{"number": "000-0000-0000", "type": "voice"}]
    assert set(desk) >= {"url", "hours_today", "verified", "why"}
    assert data["urgent_panels"][0]["lines"], "the panel names sourced lines"


def test_a_question_in_english_is_answered_in_english(client: Client) -> None:
    html = client.get(
        reverse("navigator:answer"), {"q": "I lost my job and I cannot pay rent"}
    ).content.decode()
    assert '<html lang="en">' in html
    japanese = client.get(
        reverse("navigator:answer"), {"q": "仕事を失って家賃が払えない"}
    ).content.decode()
    assert '<html lang="ja">' in japanese

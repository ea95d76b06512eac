"""やさしい日本語's reading marks: ruby in the text of a page, stripped wherever markup
cannot go, and never shown raw in JSON or mail."""

import json

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory

from tsunagari.core import ruby
from tsunagari.core.middleware import RubyMiddleware


def test_it_turns_a_mark_in_text_into_ruby():
    html = "<p>｜相談《そうだん》できます</p>"
    assert ruby.html_with_ruby(html) == "<p><ruby>相談<rt>そうだん</rt></ruby>できます</p>"


def test_it_strips_marks_where_markup_cannot_go():
    html = (
        "<title>｜相談《そうだん》 | つながり</title>"
        '<a href="/" title="｜相談《そうだん》する" data-x="a>b">｜窓口《まどぐち》</a>'
        '<select><option value="1">｜区《く》</option></select>'
        "<textarea>｜名前《なまえ》</textarea>"
        "<script>var a = '｜字《じ》';</script>"
        "<p>｜字《じ》</p>"
    )
    assert ruby.html_with_ruby(html) == (
        "<title>相談 | つながり</title>"
        '<a href="/" title="相談する" data-x="a>b"><ruby>窓口<rt>まどぐち</rt></ruby></a>'
        '<select><option value="1">区</option></select>'
        "<textarea>名前</textarea>"
        "<script>var a = '字';</script>"
        "<p><ruby>字<rt>じ</rt></ruby></p>"
    )


def test_it_leaves_a_page_without_marks_as_it_is():
    html = "<p>《ふつうの本の題》と ｜ だけ</p>"
    assert ruby.html_with_ruby(html) == html
    assert ruby.strip(html) == html


def test_it_strips_marks_in_json_answers():
    middleware = RubyMiddleware(lambda request: JsonResponse({"name": "｜相談《そうだん》の窓口"}))
    response = middleware(RequestFactory().get("/api/"))
    assert json.loads(response.content) == {"name": "相談の窓口"}


def test_it_fixes_the_length_of_a_changed_page():
    def view(request):
        response = HttpResponse("<p>｜相談《そうだん》</p>")
        response["Content-Length"] = str(len(response.content))
        return response

    response = RubyMiddleware(view)(RequestFactory().get("/"))
    assert response.content.decode() == "<p><ruby>相談<rt>そうだん</rt></ruby></p>"
    assert response["Content-Length"] == str(len(response.content))


@pytest.mark.django_db
def test_it_strips_marks_from_queued_mail():
    from tsunagari.outbox.models import Message

    message = Message.queue(
        to="someone@example.org", subject="｜連絡《れんらく》です", body="｜窓口《まどぐち》から"
    )
    message.refresh_from_db()
    assert (message.subject, message.body) == ("連絡です", "窓口から")

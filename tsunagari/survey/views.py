from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from tsunagari.core.access import public, staff
from tsunagari.core.transitions import InvalidTransition
from tsunagari.survey import exports, reference
from tsunagari.survey.charts import bar_chart
from tsunagari.survey.forms import (
    AnswerForm,
    CodesForm,
    ImportForm,
    MarginsForm,
    PaperForm,
    QuestionForm,
    SelfCheckForm,
    WaveForm,
)
from tsunagari.survey.importing import ImportFailed, import_answers
from tsunagari.survey.models import (
    Channel,
    InvitationCode,
    Margin,
    Question,
    SelfCheck,
    SurveyResponse,
    Wave,
)
from tsunagari.survey.results import INDICATORS, compute, margin_problems, wave_margins
from tsunagari.survey.scoring import BANDS, band_of, ucla_score
from tsunagari.survey.selfcheck import WORDS, self_check_series

# --- public ---------------------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, pk: str) -> HttpResponse:
    wave = get_object_or_404(Wave, pk=pk, is_demo=False)
    if not wave.accepts_answers:
        return render(request, "survey/closed.html", {"wave": wave}, status=404)
    form = AnswerForm(request.POST or None, wave=wave)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if wave.uses_codes and not InvitationCode.redeem(wave, form.cleaned_data["code"]):
                form.add_error(
                    "code",
                    _("このコードは使えません。もう使われたか、書きまちがいかもしれません。"),
                )
            else:
                SurveyResponse.objects.create(
                    wave=wave, channel=Channel.WEB, **form.answer_fields()
                )
                return redirect("survey:thanks")
    return render(request, "survey/answer.html", {"wave": wave, "form": form})


@public
@require_safe
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "survey/thanks.html")


@public
@require_http_methods(["GET", "POST"])
def self_check(request: HttpRequest) -> HttpResponse:
    form = SelfCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        band = band_of(ucla_score(list(answers)))
        if form.cleaned_data["share"]:
            SelfCheck.objects.create(lonely_1=answers[0], lonely_2=answers[1], lonely_3=answers[2])
        return render(
            request,
            "survey/self_check_result.html",
            {
                "band": band,
                "words": WORDS[band.code] if band else "",
                "shared": form.cleaned_data["share"],
            },
        )
    return render(request, "survey/self_check.html", {"form": form})


# --- staff ----------------------------------------------------------------------------


def get_wave(pk: str) -> Wave:
    return get_object_or_404(Wave, pk=pk)


@staff
@require_http_methods(["GET", "POST"])
def waves(request: HttpRequest) -> HttpResponse:
    form = WaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wave = form.save()
        messages.success(request, _("調査をつくりました。"))
        return redirect("survey:wave", pk=wave.pk)
    return render(
        request,
        "survey/waves.html",
        {"waves": Wave.objects.all(), "form": form, "self_checks": self_check_series()},
    )


@staff
@require_http_methods(["GET", "POST"])
def wave(request: HttpRequest, pk: str) -> HttpResponse:
    wave = get_wave(pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if wave.questions_locked:
            messages.error(request, _("受付を始めた調査の質問は変えられません。"))
            return redirect("survey:wave", pk=wave.pk)
        if form.is_valid():
            question = form.save(commit=False)
            question.wave = wave
            question.save()
            messages.success(request, _("質問を追加しました。"))
            return redirect("survey:wave", pk=wave.pk)
    return render(
        request,
        "survey/wave.html",
        {
            "wave": wave,
            "form": form,
            "codes_form": CodesForm(),
            "import_form": ImportForm(),
            "answers": wave.responses.count(),
            "answer_url": request.build_absolute_uri(reverse("survey:answer", args=[wave.pk])),
            "paper_form": PaperForm(),
        },
    )


@staff
@require_POST
def question_delete(request: HttpRequest, pk: str, question_pk: int) -> HttpResponse:
    wave = get_wave(pk)
    if wave.questions_locked:
        messages.error(request, _("受付を始めた調査の質問は変えられません。"))
    else:
        get_object_or_404(Question, wave=wave, pk=question_pk).delete()
    return redirect("survey:wave", pk=wave.pk)


@staff
@require_POST
def transition(request: HttpRequest, pk: str, action: str) -> HttpResponse:
    wave = get_wave(pk)
    moves = {"open": wave.open, "close": wave.close}
    if action not in moves:
        raise Http404
    try:
        moves[action]()
    except InvalidTransition:
        messages.error(request, _("いまの状態からは、その操作はできません。"))
    return redirect("survey:wave", pk=wave.pk)


@staff
@require_POST
def codes(request: HttpRequest, pk: str) -> HttpResponse:
    wave = get_wave(pk)
    form = CodesForm(request.POST)
    if not form.is_valid() or not wave.uses_codes:
        messages.error(request, _("コードの数を1から20000の間で入れてください。"))
        return redirect("survey:wave", pk=wave.pk)
    new_codes = wave.issue_codes(form.cleaned_data["count"])
    response = HttpResponse("\n".join(["code", *new_codes]) + "\n", content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="invitation-codes.csv"'
    return response


@staff
@require_http_methods(["GET", "POST"])
def paper(request: HttpRequest, pk: str) -> HttpResponse:
    """Typing in paper forms: one form per screen, then straight to the next."""
    wave = get_wave(pk)
    if not wave.accepts_answers:
        messages.error(request, _("この調査はいま回答を受け付けていません。"))
        return redirect("survey:wave", pk=wave.pk)
    form = PaperForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        SurveyResponse.objects.create(wave=wave, channel=Channel.PAPER, **form.answer_fields())
        count = wave.responses.filter(channel=Channel.PAPER).count()
        messages.success(
            request, _("%(count)d枚目を保存しました。次の調査票をどうぞ。") % {"count": count}
        )
        return redirect("survey:paper", pk=wave.pk)
    return render(request, "survey/paper.html", {"wave": wave, "form": form})


@staff
@require_POST
def import_file(request: HttpRequest, pk: str) -> HttpResponse:
    wave = get_wave(pk)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("CSVファイルを選んでください。"))
        return redirect("survey:wave", pk=wave.pk)
    try:
        count = import_answers(wave, form.cleaned_data["file"].read())
    except ImportFailed as failed:
        return render(
            request,
            "survey/import_failed.html",
            {"wave": wave, "problems": failed.problems},
            status=400,
        )
    messages.success(request, _("%(count)d件の回答を取り込みました。") % {"count": count})
    return redirect("survey:wave", pk=wave.pk)


@staff
@require_http_methods(["GET", "POST"])
def margins(request: HttpRequest, pk: str) -> HttpResponse:
    wave = get_wave(pk)
    form = MarginsForm(request.POST or None, initial_counts=wave_margins(wave))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        counts = form.counts()
        problems = margin_problems(counts)
        if not problems:
            Margin.replace_for(wave, counts)
            messages.success(request, _("人口の数を保存しました。"))
            return redirect("survey:results", pk=wave.pk)
    return render(
        request, "survey/margins.html", {"wave": wave, "form": form, "problems": problems}
    )


@staff
@require_safe
def results(request: HttpRequest, pk: str) -> HttpResponse:
    wave = get_wave(pk)
    computed = compute(wave)
    charts = []
    for indicator in INDICATORS[:1]:
        for grouping in ("age_band", "ward"):
            cells = computed.table.get(indicator.code, {}).get(grouping, [])
            charts.append(
                bar_chart(
                    cells, title=str(indicator.label), chart_id=f"{indicator.code}-{grouping}"
                )
            )
    comparisons = [
        (indicator, computed.overall(indicator.code), reference.beside(indicator.code))
        for indicator in INDICATORS
        if reference.beside(indicator.code)
    ]
    return render(
        request,
        "survey/results.html",
        {
            "wave": wave,
            "results": computed,
            "charts": charts,
            "comparisons": comparisons,
            "city_figures": reference.other_questions(),
            "today": timezone.localdate(),
            "bands": BANDS,
        },
    )


@staff
@require_safe
def export(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    wave = get_wave(pk)
    computed = compute(wave)
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(computed), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.as_xlsx(computed),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="survey-results.{fmt}"'
    return response

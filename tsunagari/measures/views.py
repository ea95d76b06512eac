from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tsunagari.core.access import is_platform_staff, public, staff
from tsunagari.measures.coverage import policy_rows, sakai_wards, ward_rows
from tsunagari.measures.forms import MeasureForm, PlanItemForm
from tsunagari.measures.models import Measure, PlanPillar, TargetGroup


def is_staff(request: HttpRequest) -> bool:
    return is_platform_staff(request.user)


@public
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """The public map: the plan, the measures under it, and where the gaps are."""
    pillars = PlanPillar.objects.prefetch_related(
        "items__mappings__measure", "items__mappings__national_measure", "items__national_measures"
    )
    return render(
        request,
        "measures/index.html",
        {
            "pillars": pillars,
            "groups": TargetGroup.choices,
            "policy_rows": policy_rows(),
            "wards": sakai_wards(),
            "ward_rows": ward_rows(),
            "unmapped": Measure.objects.filter(mappings__isnull=True),
            "can_edit": is_staff(request),
        },
    )


@public
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure, pk=pk)
    return render(
        request,
        "measures/detail.html",
        {
            "measure": measure,
            "mappings": measure.mappings.select_related("item__pillar", "national_measure"),
            "services": measure.services.public(),
            "can_edit": is_staff(request),
        },
    )


@staff
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    measure = get_object_or_404(Measure, pk=pk) if pk else None
    form = MeasureForm(request.POST or None, instance=measure)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("事業を保存しました。"))
        return redirect(saved)
    return render(request, "measures/edit.html", {"form": form, "measure": measure})


@staff
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest) -> HttpResponse:
    form = PlanItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("小項目を追加しました。"))
        return redirect("measures:index")
    return render(request, "measures/item_form.html", {"form": form})

from datetime import datetime, time, timedelta
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagari.core.access import staff
from tsunagari.sensitive.access import two_factor_required
from tsunagari.sensitive.forms import PeriodForm
from tsunagari.sensitive.models import AccessRecord
from tsunagari.sensitive.registry import sensitive_models


def records_visible_to(user: Any) -> QuerySet[AccessRecord]:
    """Every access record, less the rows of restricted tables the user is not entitled to."""
    records: QuerySet[AccessRecord] = AccessRecord.objects.all()
    for model in sensitive_models():
        visible = model.access_records_visible_to(user)
        if visible is not None:
            table = model._meta.db_table
            records = records.filter(~Q(table=table) | Q(table=table, object_id__in=visible))
    return records


@staff
@two_factor_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    """Who read or changed which personal records in a period (never the content)."""
    form = PeriodForm(
        request.GET if "start" in request.GET else None, initial=PeriodForm.last_month()
    )
    records: QuerySet[AccessRecord] = AccessRecord.objects.none()
    if form.is_bound and form.is_valid():
        zone = timezone.get_current_timezone()
        start = datetime.combine(form.cleaned_data["start"], time.min, tzinfo=zone)
        end = datetime.combine(form.cleaned_data["end"] + timedelta(days=1), time.min, tzinfo=zone)
        records = records_visible_to(request.user).filter(at__gte=start, at__lt=end).order_by("-id")
        if form.cleaned_data["object_id"]:
            records = records.filter(object_id=form.cleaned_data["object_id"])
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(request, "sensitive/access_log.html", {"form": form, "page": page})

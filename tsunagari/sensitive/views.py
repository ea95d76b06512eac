from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tsunagari.core.access import staff
from tsunagari.sensitive.access import two_factor_required
from tsunagari.sensitive.forms import PeriodForm
from tsunagari.sensitive.models import AccessRecord


@staff
@two_factor_required
@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    """Who read or changed which personal records in a period (never the content)."""
    form = PeriodForm(
        request.GET if "start" in request.GET else None, initial=PeriodForm.last_month()
    )
    records = AccessRecord.objects.none()
    if form.is_bound and form.is_valid():
        zone = timezone.get_current_timezone()
        start = datetime.combine(form.cleaned_data["start"], time.min, tzinfo=zone)
        end = datetime.combine(form.cleaned_data["end"] + timedelta(days=1), time.min, tzinfo=zone)
        records = AccessRecord.objects.filter(at__gte=start, at__lt=end).order_by("-id")
        if form.cleaned_data["object_id"]:
            records = records.filter(object_id=form.cleaned_data["object_id"])
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    return render(request, "sensitive/access_log.html", {"form": form, "page": page})

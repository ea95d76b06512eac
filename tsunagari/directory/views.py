from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tsunagari.core.access import public


@public
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/home.html", {})

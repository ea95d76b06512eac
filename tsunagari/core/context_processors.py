from typing import Any

from django.http import HttpRequest

from tsunagari.core.crisis import crisis_lines


def site(request: HttpRequest) -> dict[str, Any]:
    return {"crisis_lines": crisis_lines()}

from datetime import date

from django import template

from tsunagari.directory.models import Service
from tsunagari.listings.models import checked_on as _checked_on
from tsunagari.listings.models import is_possibly_outdated

register = template.Library()


@register.filter
def possibly_outdated(service: Service) -> bool:
    """True when nobody confirmed the listing for 15 months (see listings/_outdated_notice.html)."""
    return is_possibly_outdated(service)


@register.filter
def checked_on(service: Service) -> date:
    return _checked_on(service)

"""Atom feeds of the public directory: every new or changed listing, and new ones only.

An entry's id is the listing's page, so a feed reader updates the entry when the listing
changes instead of showing it twice. Same scope as the HSDS API: public, published, real.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tsunagari.core.access import public
from tsunagari.directory.importers.notalone import SOURCE_NAME as NOTALONE_CREDIT
from tsunagari.directory.models import Service
from tsunagari.opendata.hsds import public_services

FEED_SIZE = 50


class ServicesFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("つながり: 新しい相談先と変わった相談先")
    subtitle = _("堺市の相談先のうち、新しく載ったものと内容が変わったものです。")
    author_name = _("つながり（堺市）")
    language = "ja"
    feed_copyright = _("相談先ごとの出典と日付は各ページにあります。2021年の国の制度: %(credit)s")

    def link(self) -> str:
        return reverse("directory:home")

    def feed_guid(self) -> str:
        return reverse("opendata:services_feed")

    def get_feed(self, obj: Any, request: Any) -> Any:
        feed = super().get_feed(obj, request)
        feed.feed["feed_copyright"] = str(self.feed_copyright) % {"credit": NOTALONE_CREDIT}
        feed.feed["id"] = request.build_absolute_uri(self.feed_guid())
        return feed

    def items(self) -> QuerySet[Service]:
        return (
            public_services()
            .select_related("organization")
            .prefetch_related("terms")
            .order_by("-updated_at", "id")[:FEED_SIZE]
        )

    def item_title(self, item: Service) -> str:
        return item.name

    def item_description(self, item: Service) -> str:
        return item.description or item.eligibility_description

    def item_link(self, item: Service) -> str:
        return reverse("directory:service", args=[item.pk])

    def item_author_name(self, item: Service) -> str:
        return item.organization.name

    def item_pubdate(self, item: Service) -> datetime:
        return item.created_at

    def item_updateddate(self, item: Service) -> datetime:
        return item.updated_at

    def item_categories(self, item: Service) -> list[str]:
        return [term.name for term in item.terms.all() if term.taxonomy == "need"]


class NewServicesFeed(ServicesFeed):
    title = _("つながり: 新しい相談先")
    subtitle = _("堺市の相談先のうち、新しく載ったものです。")

    def feed_guid(self) -> str:
        return reverse("opendata:new_services_feed")

    def items(self) -> QuerySet[Service]:
        return (
            public_services()
            .select_related("organization")
            .prefetch_related("terms")
            .order_by("-created_at", "id")[:FEED_SIZE]
        )


services_feed = public(require_GET(ServicesFeed()))
new_services_feed = public(require_GET(NewServicesFeed()))

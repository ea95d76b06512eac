from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from tsunagari.core.access import public
from tsunagari.partners.models import Notice


class PublicNewsFeed(Feed):
    """Public news of the platform as Atom (only notices marked public)."""

    feed_type = Atom1Feed
    title = _("つながり 官民連携プラットフォームのお知らせ")
    subtitle = _("堺市の孤独・孤立対策の官民連携プラットフォーム事務局からのお知らせです。")
    link = reverse_lazy("partners:news")

    def items(self) -> QuerySet[Notice]:
        return Notice.objects.filter(is_public=True)[:30]

    def item_title(self, item: Notice) -> str:
        return item.title

    def item_description(self, item: Notice) -> str:
        return item.body

    def item_link(self, item: Notice) -> str:
        return reverse("partners:news_detail", args=[item.pk])

    def item_pubdate(self, item: Notice):  # type: ignore[no-untyped-def]
        return item.published_at


news_feed = public(PublicNewsFeed())

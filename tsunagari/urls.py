from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from tsunagari.core import views as core_views
from tsunagari.core.access import public
from tsunagari.gatherings import views as gatherings_views

admin.site.site_header = _("つながり 管理画面")
admin.site.site_title = _("つながり 管理画面")
admin.site.index_title = _("相談先と団体の管理")

urlpatterns = [
    path("", include("tsunagari.directory.urls")),
    path("navi/", include("tsunagari.navigator.urls")),
    path("api/v1/", include("tsunagari.navigator.api_urls")),
    path("partners/", include("tsunagari.partners.urls")),
    path("referrals/", include("tsunagari.referrals.urls")),
    path("events/", include("tsunagari.gatherings.urls")),
    path("events.ics", gatherings_views.feed, name="gatherings_feed"),
    path("listings/", include("tsunagari.listings.urls")),
    path("accounts/", include("tsunagari.accounts.urls")),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("survey/", include("tsunagari.survey.urls")),
    path("measures/", include("tsunagari.measures.urls")),
    path("supporters/", include("tsunagari.supporters.urls")),
    path("dashboard/", include("tsunagari.dashboard.urls")),
    path("sensitive/", include("tsunagari.sensitive.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "tsunagari.core.views.bad_request"
handler403 = "tsunagari.core.views.permission_denied"
handler404 = "tsunagari.core.views.page_not_found"
handler500 = "tsunagari.core.views.server_error"

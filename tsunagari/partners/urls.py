from django.urls import path

from tsunagari.outbox import views as outbox_views
from tsunagari.partners import views
from tsunagari.partners.feeds import news_feed

app_name = "partners"

urlpatterns = [
    path("", views.members, name="members"),
    path("members/<uuid:pk>/", views.member_detail, name="member_detail"),
    path("members/<uuid:pk>/logo/", views.logo, name="logo"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join_thanks"),
    path("join/answer/<str:token>/", views.application_answer, name="application_answer"),
    path("news/", views.news, name="news"),
    path("news/feed/", news_feed, name="news_feed"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("home/", views.dashboard, name="dashboard"),
    path("org/<uuid:pk>/", views.org_edit, name="org_edit"),
    path("org/<uuid:pk>/people/", views.org_people, name="org_people"),
    path("org/<uuid:pk>/<str:kind>/new/", views.posting_new, name="posting_new"),
    path("board/", views.board, name="board"),
    path("board/<str:kind>/<int:pk>/", views.posting_detail, name="posting_detail"),
    path("board/<str:kind>/<int:pk>/edit/", views.posting_edit, name="posting_edit"),
    path("board/<str:kind>/<int:pk>/close/", views.posting_close, name="posting_close"),
    path("contact/<uuid:pk>/", views.contact_new, name="contact_new"),
    path("contacts/", views.contacts, name="contacts"),
    path("contacts/<int:pk>/<str:decision>/", views.contact_decide, name="contact_decide"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/applications/<int:pk>/", views.staff_application, name="staff_application"),
    path("staff/network/", views.network_view, name="network"),
    path("staff/notices/new/", views.notice_new, name="notice_new"),
    path("staff/notices/<int:pk>/attendance/", views.notice_attendance, name="notice_attendance"),
    path("staff/outbox/", outbox_views.unsent, name="outbox"),
]

from django.urls import path

from tsunagari.gatherings import views

app_name = "gatherings"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("manage/", views.manage, name="manage"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<uuid:pk>/approve/", views.approve, name="approve"),
    path("review/<uuid:pk>/send-back/", views.send_back, name="send_back"),
    path("manage/<uuid:org_pk>/new/", views.create, name="create"),
    path("manage/<uuid:pk>/edit/", views.edit, name="edit"),
    path("manage/<uuid:pk>/publish/", views.change_state, {"action": "publish"}, name="publish"),
    path("manage/<uuid:pk>/withdraw/", views.change_state, {"action": "withdraw"}, name="withdraw"),
    path("manage/<uuid:pk>/pause/", views.change_state, {"action": "pause"}, name="pause"),
    path("manage/<uuid:pk>/end/", views.change_state, {"action": "end"}, name="end"),
    path("manage/<uuid:pk>/delete/", views.change_state, {"action": "delete"}, name="delete"),
    path("manage/<uuid:pk>/cancel/", views.cancel_session, name="cancel_session"),
    path(
        "manage/<uuid:pk>/cancellations/<int:cancellation_pk>/restore/",
        views.restore_session,
        name="restore_session",
    ),
    path("manage/<uuid:pk>/history/", views.history, name="history"),
    path("manage/<uuid:pk>/translations/", views.translations, name="translations"),
]

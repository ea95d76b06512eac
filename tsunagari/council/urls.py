from django.urls import path

from tsunagari.council import views

app_name = "council"

urlpatterns = [
    path("", views.notice, name="notice"),
    path("pledge/", views.pledge, name="pledge"),
    path("cases/", views.cases, name="cases"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<uuid:pk>/", views.case_detail, name="case"),
    path("cases/<uuid:pk>/members/", views.case_add_member, name="case_add_member"),
    path("cases/<uuid:pk>/notes/new/", views.note_new, name="note_new"),
    path("cases/<uuid:pk>/move/<slug:move>/", views.case_move, name="case_move"),
    path("cases/<uuid:pk>/close/", views.case_close, name="case_close"),
    path("cases/<uuid:pk>/conferences/new/", views.conference_new, name="conference_new"),
    path(
        "cases/<uuid:pk>/conferences/<uuid:conference_pk>/",
        views.conference_detail,
        name="conference",
    ),
    path(
        "cases/<uuid:pk>/conferences/<uuid:conference_pk>/print/",
        views.conference_print,
        name="conference_print",
    ),
    path(
        "cases/<uuid:pk>/conferences/<uuid:conference_pk>/tasks/new/",
        views.task_new,
        name="task_new",
    ),
    path("cases/<uuid:pk>/tasks/<uuid:task_pk>/done/", views.task_done, name="task_done"),
]

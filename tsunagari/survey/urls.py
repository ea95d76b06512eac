from django.urls import path

from tsunagari.survey import views

app_name = "survey"

urlpatterns = [
    path("self-check/", views.self_check, name="self_check"),
    path("answer/<uuid:pk>/", views.answer, name="answer"),
    path("thanks/", views.thanks, name="thanks"),
    path("staff/", views.waves, name="waves"),
    path("staff/<uuid:pk>/", views.wave, name="wave"),
    path(
        "staff/<uuid:pk>/questions/<int:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path("staff/<uuid:pk>/status/<slug:action>/", views.transition, name="transition"),
    path("staff/<uuid:pk>/codes.csv", views.codes, name="codes"),
    path("staff/<uuid:pk>/paper/", views.paper, name="paper"),
    path("staff/<uuid:pk>/import/", views.import_file, name="import"),
    path("staff/<uuid:pk>/margins/", views.margins, name="margins"),
    path("staff/<uuid:pk>/results/", views.results, name="results"),
    path("staff/<uuid:pk>/results.<slug:fmt>", views.export, name="export"),
]

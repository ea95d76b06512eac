from django.urls import path

from tsunagari.navigator import views

app_name = "navigator"

urlpatterns = [
    path("", views.answer, name="answer"),
    path("guided/", views.guided, name="guided"),
    path("staff/unmet/", views.unmet, name="unmet"),
]

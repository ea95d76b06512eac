from django.urls import path

from tsunagari.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>.csv", views.export, name="export"),
]

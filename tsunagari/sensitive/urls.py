from django.urls import path

from tsunagari.sensitive import views

app_name = "sensitive"

urlpatterns = [
    path("access/", views.access_log, name="access_log"),
]

from django.urls import path

from tsunagari.handbook import views

app_name = "handbook"

urlpatterns = [
    path("handbook/", views.index, name="index"),
    path("handbook/<slug:ward>.pdf", views.download, name="download"),
]

from django.urls import path

from tsunagari.handbook import views

app_name = "handbook"

urlpatterns = [
    path("handbook/", views.index, name="index"),
    path("handbook/<slug:ward>.pdf", views.download, name="download"),
    path("handbook/staff/", views.staff_home, name="staff"),
    path("handbook/staff/posters/<slug:tag>-<str:size>.pdf", views.poster, name="poster"),
    path("may/", views.campaign, name="campaign"),
]

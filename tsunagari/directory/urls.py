from django.urls import path

from tsunagari.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("needs/<slug:code>/", views.need_detail, name="need"),
    path("wards/<slug:ward>/", views.ward_detail, name="ward"),
    path("search/", views.search, name="search"),
    path("services/<uuid:pk>/", views.service_detail, name="service"),
]

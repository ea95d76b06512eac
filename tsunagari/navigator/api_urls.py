from django.urls import path

from tsunagari.navigator import views

app_name = "api"

urlpatterns = [
    path("recommend", views.api_recommend, name="recommend"),
]

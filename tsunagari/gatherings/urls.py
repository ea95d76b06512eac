from django.urls import path

from tsunagari.gatherings import views

app_name = "gatherings"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<uuid:pk>/", views.detail, name="detail"),
    path("manage/", views.manage, name="manage"),
    path("manage/<uuid:org_pk>/new/", views.create, name="create"),
    path("manage/<uuid:pk>/edit/", views.edit, name="edit"),
    path("manage/<uuid:pk>/publish/", views.publish, name="publish"),
    path("manage/<uuid:pk>/withdraw/", views.withdraw, name="withdraw"),
]

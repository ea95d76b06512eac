from django.urls import path

from tsunagari.supporters import views

app_name = "supporters"

urlpatterns = [
    path("", views.course, name="course"),
    path("lessons/<slug:slug>/", views.lesson, name="lesson"),
    path("register/", views.register, name="register"),
    path("certificate/<str:token>/", views.certificate, name="certificate"),
    path("lectures/", views.lectures, name="lectures"),
    path("staff/", views.staff_home, name="staff"),
    path("staff/supporters.csv", views.staff_export, name="staff_export"),
]

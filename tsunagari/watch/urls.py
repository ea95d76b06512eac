from django.urls import path

from tsunagari.watch import views

app_name = "watch"

urlpatterns = [
    path("", views.about, name="about"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_thanks, name="join_thanks"),
    path("card/<str:token>/", views.card, name="card"),
    path("r/<str:token>/", views.report_form, name="report"),
    path("s/<str:token>/", views.status, name="status"),
    path("centre/", views.centre_home, name="centre_home"),
    path("centre/reports/<uuid:pk>/", views.report_detail, name="report_detail"),
    path("centre/reports/<uuid:pk>/reveal/", views.report_reveal, name="report_reveal"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/businesses/<uuid:pk>/", views.staff_business, name="staff_business"),
    path("staff/businesses/<uuid:pk>/card/", views.staff_card, name="staff_card"),
    path("staff/figures/", views.figures, name="figures"),
]

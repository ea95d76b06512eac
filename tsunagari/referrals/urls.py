from django.urls import path

from tsunagari.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/<uuid:service_pk>/", views.referral_new, name="new"),
    path("<uuid:pk>/", views.referral_detail, name="detail"),
    path("<uuid:pk>/details/", views.referral_details, name="details"),
    path("<uuid:pk>/onward/", views.referral_onward, name="onward"),
    path("<uuid:pk>/move/", views.referral_move, name="move"),
    path("<uuid:pk>/council/", views.referral_council, name="council"),
    path("<uuid:pk>/withdraw/", views.referral_withdraw, name="withdraw"),
    path("<uuid:pk>/consent/withdraw/", views.referral_consent_withdraw, name="consent_withdraw"),
    path("ask/<uuid:service_pk>/", views.self_referral, name="self_new"),
    path("ask/done/<str:reference>/", views.self_referral_done, name="self_done"),
    path("status/<str:reference>/<str:token>/", views.referral_status, name="status"),
    path("figures/", views.figures, name="figures"),
]

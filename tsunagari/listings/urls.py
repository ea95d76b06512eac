from django.urls import path

from tsunagari.listings import views

app_name = "listings"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/<uuid:org_pk>/", views.create, name="create"),
    path("<uuid:pk>/edit/", views.edit, name="edit"),
    path("<uuid:pk>/translations/", views.translations, name="translations"),
    path("<uuid:pk>/history/", views.history, name="history"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<uuid:pk>/", views.review, name="review"),
    path("review/<uuid:pk>/approve/", views.approve, name="approve"),
    path("review/<uuid:pk>/send-back/", views.send_back, name="send_back"),
    path("overdue/", views.overdue, name="overdue"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]

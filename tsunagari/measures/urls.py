from django.urls import path

from tsunagari.measures import views

app_name = "measures"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("staff/new/", views.edit, name="create"),
    path("staff/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/items/new/", views.item_add, name="item_add"),
]

from typing import Any

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from tsunagari.accounts import views
from tsunagari.accounts.forms import OutboxPasswordResetForm
from tsunagari.core.access import public

app_name = "accounts"


def _public(view: Any) -> Any:
    """Django's own auth views, declared public (class-based views return HttpResponseBase)."""
    return public(view)


urlpatterns = [
    path("login/", views.sign_in, name="login"),
    path(
        "logout/",
        _public(views.otp_exempt(auth_views.LogoutView.as_view(next_page="directory:home"))),
        name="logout",
    ),
    path("two-factor/setup/", views.otp_setup, name="otp_setup"),
    path("two-factor/verify/", views.otp_verify, name="otp_verify"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path(
        "password-reset/",
        _public(
            auth_views.PasswordResetView.as_view(
                form_class=OutboxPasswordResetForm,
                template_name="accounts/password_reset_form.html",
                email_template_name="accounts/password_reset_email.txt",
                subject_template_name="accounts/password_reset_subject.txt",
                success_url=reverse_lazy("accounts:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        _public(
            auth_views.PasswordResetDoneView.as_view(
                template_name="accounts/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        _public(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        _public(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]

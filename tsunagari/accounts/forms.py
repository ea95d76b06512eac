from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.cache import cache
from django.http import HttpRequest
from django.template import loader
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from tsunagari.accounts.models import User
from tsunagari.core.clientip import client_ip
from tsunagari.core.throttle import allow
from tsunagari.core.validators import refuse_line_breaks
from tsunagari.outbox.models import Message

RESET_MAILS_PER_ADDRESS = 3
RESET_MAILS_PER_CLIENT = 10


def _spray_key(password: str) -> str:
    # Never the password itself: a keyed hash, kept only for the cool-down.
    return "signin-spray:" + salted_hmac("tsunagari.signin.spray", password).hexdigest()


class SignInForm(AuthenticationForm):
    """Django's sign-in form that also refuses one password tried across many usernames.

    django-axes counts failures per username and per client address; a password sprayed
    over many accounts from many addresses passes both, so the failed usernames are
    counted per (keyed hash of the) password too.
    """

    def clean(self) -> dict[str, Any]:
        password = self.cleaned_data.get("password") or ""
        username = (self.cleaned_data.get("username") or "").lower()
        key = _spray_key(password) if password else ""
        if key and len(cache.get(key, ())) >= settings.PASSWORD_SPRAY_LIMIT:
            raise forms.ValidationError(
                _(
                    "このパスワードでのログインを少しのあいだ止めています。ほかの人のアカウントでも"
                    "試されているためです。15分ほどおいてから、もう一度お試しください。"
                ),
                code="sprayed",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            if key and username and self.user_cache is None:
                tried = set(cache.get(key, ()))
                tried.add(username)
                timeout = int(settings.AXES_COOLOFF_TIME.total_seconds())
                cache.set(key, sorted(tried), timeout=timeout)
            raise


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail written to the outbox instead of sent inline.

    At most RESET_MAILS_PER_ADDRESS mails an hour go to one address and RESET_MAILS_PER_CLIENT
    leave for one client address; past that nothing is queued, and the page says the same as
    always (it never tells whether an address is registered).
    """

    request: HttpRequest | None = None

    def save(self, **kwargs: Any) -> None:  # type: ignore[override]
        self.request = kwargs.get("request")
        super().save(**kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Links come from the configured site address, not from the Host header of the request.
        client = client_ip(self.request) if self.request is not None else ""
        if not allow(
            "reset-address", to_email.lower(), limit=RESET_MAILS_PER_ADDRESS, seconds=3600
        ) or not allow("reset-client", client, limit=RESET_MAILS_PER_CLIENT, seconds=3600):
            return
        context = {**context, "site_url": settings.SITE_URL.rstrip("/")}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        Message.queue(to=to_email, subject=subject, body=body)


class TokenForm(forms.Form):
    # Six digits from the app, or one of the eight-letter recovery codes given at setup.
    token = forms.RegexField(
        label=_("確認コード（6桁）"),
        regex=r"^(\d{6}|[a-zA-Z2-7]{8})$",
        max_length=8,
        error_messages={"invalid": _("6桁の数字を入力してください。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class NewAccountForm(forms.Form):
    """Create the account an invitation leads to: a name and a password, twice."""

    display_name = forms.CharField(
        label=_("お名前（団体の中で表示されます）"),
        max_length=100,
        error_messages={"max_length": _("お名前は100文字以内で入力してください。")},
        validators=[refuse_line_breaks],
    )
    password1 = forms.CharField(
        label=_("パスワード"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )
    password2 = forms.CharField(
        label=_("パスワード（確認のためもう一度）"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        max_length=128,
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("2つのパスワードが同じではありません。"))
        elif p1:
            try:
                password_validation.validate_password(
                    p1, User(username=self.email, email=self.email)
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

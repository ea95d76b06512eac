"""Signing in (with a second step for admins and staff), invitations and the TOTP device."""

from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import LoginView
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tsunagari.accounts.forms import NewAccountForm, SignInForm, TokenForm
from tsunagari.accounts.models import Invitation, User
from tsunagari.accounts.twofactor import is_verified, issue_recovery_codes, requires_two_factor
from tsunagari.core.access import member, public


def otp_exempt(view: Any) -> Any:
    """The second sign-in step itself must be reachable before it is done."""
    view.otp_exempt = True
    return view


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("partners:dashboard")


def _with_next(name: str, target: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': target})}"


class SignInView(LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        target = self.get_success_url()
        if requires_two_factor(user):
            if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                return HttpResponseRedirect(_with_next("accounts:otp_verify", target))
            return HttpResponseRedirect(_with_next("accounts:otp_setup", target))
        return HttpResponseRedirect(target)


sign_in = public(SignInView.as_view())  # type: ignore[type-var]


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg: str = image.to_string(encoding="unicode")
    return svg[svg.find("<svg") :]


@otp_exempt
@member
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Register an authenticator app: show the secret and its QR code, then check one code."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists() and not is_verified(user):
        return redirect(_with_next("accounts:otp_verify", _safe_next(request)))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("認証アプリ"), confirmed=False)  # type: ignore[misc]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            form.add_error(
                "token",
                _(
                    "続けてまちがえたため、少しのあいだ確認できません。数秒おいてからもう一度入力してください。"
                ),
            )
        elif device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = issue_recovery_codes(user)
            otp_login(request, device)
            messages.success(
                request,
                _("認証アプリを登録しました。次からはログインのときに確認コードを入力します。"),
            )
            # Shown once, never stored in the clear elsewhere; the page is not cached (private, no-store).
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
        else:
            form.add_error(
                "token",
                _("確認コードが合いません。アプリに表示されている最新の6桁を入力してください。"),
            )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "secret": secret,
            "qr_svg": _qr_svg(device.config_url),
            "next": _safe_next(request),
        },
    )


@otp_exempt
@member
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second sign-in step: a six-digit code from the authenticator app."""
    devices: list[Any] = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    devices += list(StaticDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(_with_next("accounts:otp_setup", _safe_next(request)))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            allowed, _info = device.verify_is_allowed()
            if allowed and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error("token", _("確認コードが合いません。時間をおいてもう一度お試しください。"))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request)})


@public
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: create the account (or use the signed-in one) and take the role."""
    invite = Invitation.usable(token)
    if invite is None or not invite.organization.member.is_approved:
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invite.email).first()
    context: dict[str, Any] = {"invitation": invite}
    if existing is not None:
        if request.user.is_authenticated and request.user.pk == existing.pk:
            if request.method == "POST":
                with transaction.atomic():
                    invite.accept(user=existing)
                messages.success(request, _("団体に参加しました。"))
                return redirect("partners:dashboard")
            return render(request, "accounts/invitation_existing.html", context)
        context["login_url"] = _with_next("accounts:login", request.get_full_path())
        return render(request, "accounts/invitation_sign_in_first.html", context)
    form = NewAccountForm(request.POST or None, email=invite.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User.objects.create_user(
                username=invite.email.lower(),
                email=invite.email.lower(),
                password=form.cleaned_data["password1"],
                display_name=form.cleaned_data["display_name"],
            )
            invite.accept(user=user)
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.info(
            request,
            _(
                "団体の情報や相談先を変えられる人は、ログインの2段階目として認証アプリを使います。続けて登録してください。"
            ),
        )
        return redirect(_with_next("accounts:otp_setup", reverse("partners:dashboard")))
    context["form"] = form
    return render(request, "accounts/invitation_new_account.html", context)

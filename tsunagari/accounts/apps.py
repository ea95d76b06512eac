from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The sign-in libraries name their admin sections in English (django-otp without gettext).
# Staff read the admin in Japanese: rename them here, once. Only the runtime names change
# (``_meta.original_attrs`` stays), so no migration of a third-party app is needed.
SIGN_IN_APP_NAMES = {
    "axes": _("ログインの試行の記録"),
    "otp_totp": _("認証アプリ"),
    "otp_static": _("予備のコード"),
}
SIGN_IN_MODEL_NAMES = {
    ("axes", "accessattempt"): (_("ログインの試行"), _("ログインの試行")),
    ("axes", "accessfailurelog"): (_("ログインの失敗"), _("ログインの失敗")),
    ("axes", "accesslog"): (_("ログインの記録"), _("ログインの記録")),
    ("axes", "accessattemptexpiration"): (_("試行の記録の期限"), _("試行の記録の期限")),
    ("otp_totp", "totpdevice"): (_("登録した認証アプリ"), _("登録した認証アプリ")),
    ("otp_static", "staticdevice"): (_("予備のコードの組"), _("予備のコードの組")),
    ("otp_static", "statictoken"): (_("予備のコード"), _("予備のコード")),
}


class AccountsConfig(AppConfig):
    name = "tsunagari.accounts"
    verbose_name = "アカウント"

    def ready(self) -> None:
        for label, name in SIGN_IN_APP_NAMES.items():
            if label in apps.app_configs:
                apps.app_configs[label].verbose_name = name  # type: ignore[assignment]
        for (label, model_name), (singular, plural) in SIGN_IN_MODEL_NAMES.items():
            try:
                model = apps.get_model(label, model_name)
            except LookupError:
                continue
            model._meta.verbose_name = singular
            model._meta.verbose_name_plural = plural

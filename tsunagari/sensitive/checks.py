from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def keys_configured(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Production must use its own keys, never the development key derived from SECRET_KEY."""
    if settings.SENSITIVE_KEYS:
        from tsunagari.sensitive.crypto import KeyRing

        try:
            KeyRing.parse(settings.SENSITIVE_KEYS)
        except ValueError as exc:
            return [Error(str(exc), id="sensitive.E002")]
        return []
    return [
        Error(
            "SENSITIVE_KEYS is not set: personal details would be encrypted with a development key.",
            hint="manage.py new_sensitive_key prints a key; set SENSITIVE_KEYS=kid:key.",
            id="sensitive.E001",
        )
    ]

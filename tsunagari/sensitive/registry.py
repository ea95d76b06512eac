"""Every concrete model that keeps personal details (rotation, purge, leak scans walk these)."""

from django.apps import apps

from tsunagari.sensitive.models import SensitiveModel


def sensitive_models() -> list[type[SensitiveModel]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, SensitiveModel) and not model._meta.abstract
    ]

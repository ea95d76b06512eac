"""Validators every app's forms share."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

LINE_BREAKS = ("\r", "\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def refuse_line_breaks(value: Any) -> None:
    """A one-line field (a name, a title) may reach a mail subject or header: no line breaks."""
    if isinstance(value, str) and any(mark in value for mark in LINE_BREAKS):
        raise forms.ValidationError(
            _("改行は入れられません。1行で入力してください。"), code="line_break"
        )


def one_line(form: forms.BaseForm, *names: str) -> None:
    """Add :func:`refuse_line_breaks` to the named fields of a form (call in ``__init__``)."""
    for name in names:
        if name in form.fields:
            form.fields[name].validators.append(refuse_line_breaks)

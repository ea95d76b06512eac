"""The page on which a record's own editors write its words in other languages
(decision 0039): the same for a gathering and a service listing, each app saying who may
open it, which fields are theirs and how a save is written to the record's history."""

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tsunagari.translations.forms import TranslationChange, TranslationFormSet, translation_formset


def translations_page(
    request: HttpRequest,
    record: Any,
    *,
    fields: Sequence[str],
    save: Callable[[TranslationFormSet], list[TranslationChange]],
    context: dict[str, Any],
) -> HttpResponse:
    """Show the record's translations of ``fields``; on a valid POST ``save`` them (it
    writes the history) and come back. What the editors leave out is shown in Japanese."""
    formset = translation_formset(type(record), fields=fields)(
        request.POST or None, instance=record, prefix="translations"
    )
    if request.method == "POST" and formset.is_valid():
        if save(formset):
            messages.success(request, _("変更を保存しました。変更の記録にも残りました。"))
        else:
            messages.info(request, _("変更はありませんでした。"))
        return redirect(request.path)
    return render(
        request, "translations/edit.html", {"record": record, "formset": formset, **context}
    )

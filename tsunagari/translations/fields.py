"""Which fields of which records carry translations (decision 0039).

The core models stay as they are: a translation is a row of ContentTranslation that
points at its record (content type + UUID) and names the field. Adding a field here
is all it takes to make it translatable; no column per language anywhere.
"""

TRANSLATABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "directory.service": (
        "name",
        "description",
        "alert",
        "eligibility_description",
        "fees_description",
        "application_process",
        "hours_text",
        "contact_text",
        "interpretation_services",
    ),
    "directory.organization": ("name", "description"),
    "gatherings.gathering": (
        "title",
        "description",
        "place_name",
        "cost",
        "accessibility",
        "how_to_book",
        "what_to_bring",
    ),
}


def label_of(model: type) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"  # type: ignore[attr-defined]


def fields_of(model: type) -> tuple[str, ...]:
    return TRANSLATABLE_FIELDS.get(label_of(model), ())

from django.db import migrations


def create_terms(apps, schema_editor):
    from tsunagari.directory.needs import AUDIENCES, CHANNELS, NEEDS

    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for position, need in enumerate(NEEDS):
        TaxonomyTerm.objects.update_or_create(
            taxonomy="need", code=need.code,
            defaults={"name": str(need.label), "description": need.covers, "position": position},
        )
    for taxonomy, terms in (("channel", CHANNELS), ("audience", AUDIENCES)):
        for position, (code, label) in enumerate(terms):
            TaxonomyTerm.objects.update_or_create(
                taxonomy=taxonomy, code=code, defaults={"name": str(label), "position": position}
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]

"""Indicators imported before names were cleaned: collapse their white space ("All new  EHC plans")."""

from django.db import migrations


def clean(apps, schema_editor):
    from sendplan.measures.services import clean_paragraphs, clean_text

    Indicator = apps.get_model("measures", "Indicator")
    for indicator in Indicator.objects.all():
        name, definition = clean_text(indicator.name), clean_paragraphs(indicator.definition)
        if (name, definition) != (indicator.name, indicator.definition):
            indicator.name, indicator.definition = name, definition
            indicator.save(update_fields=["name", "definition"])


class Migration(migrations.Migration):
    dependencies = [("measures", "0001_initial")]
    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]

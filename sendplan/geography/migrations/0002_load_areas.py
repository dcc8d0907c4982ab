from django.db import migrations


def load(apps, schema_editor):
    from sendplan.geography.services import load_areas

    load_areas(area_model=apps.get_model("geography", "Area"), code_model=apps.get_model("geography", "AreaCode"))


class Migration(migrations.Migration):
    dependencies = [("geography", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

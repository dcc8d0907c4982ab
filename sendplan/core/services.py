from django.db import transaction
from django.utils.text import slugify

from .models import Partnership


@transaction.atomic
def partnership_get_or_create(*, name: str) -> Partnership:
    """The partnership called ``name``, created if it does not exist yet."""
    name = " ".join(name.split()) or "SEND and AP Partnership"
    partnership = Partnership.objects.filter(name=name).first()
    if partnership:
        return partnership
    base = slugify(name)[:90] or "partnership"
    slug, n = base, 1
    while Partnership.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Partnership.objects.create(name=name, slug=slug)

from django.conf import settings

from .models import Partnership


def site(request):
    """The partnership's name for the page header (the first stored partnership, else the setting)."""
    partnership = Partnership.objects.order_by("id").only("name").first()
    return {"partnership_name": partnership.name if partnership else settings.SENDPLAN_PARTNERSHIP_NAME}

from django import forms
from django.conf import settings
from django.utils.text import slugify

from .services import RESERVED_SLUGS


class PlanImportForm(forms.Form):
    """Upload a plan document: a new plan (with an optional short name) or a revised version."""

    file = forms.FileField(
        label="Plan document",
        help_text="Word (.docx), Excel (.xlsx), CSV, PDF, Markdown or plain text",
        error_messages={
            "required": "Choose the plan document to upload",
            "empty": "The file you chose is empty",
        },
    )
    slug = forms.CharField(
        label="Short name for web addresses (optional)",
        help_text="Lower-case letters, numbers and hyphens, for example city-plan-2025. Leave it blank to use the plan's title.",
        required=False,
        max_length=80,
    )

    def __init__(self, *args, revising: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if revising:
            del self.fields["slug"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"The file must be smaller than {limit / 1048576:.0f} MB")
        return upload

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "").strip()
        if slug and (slugify(slug) != slug or slug in RESERVED_SLUGS):
            raise forms.ValidationError(
                "Enter a short name using only lower-case letters, numbers and hyphens"
            )
        return slug or None

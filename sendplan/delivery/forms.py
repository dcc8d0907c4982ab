"""Forms for delivery pages. Each field names the GOV.UK component that renders it (``widget_type``)."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Model

from sendplan.accounts.models import Organisation
from sendplan.plans.models import DeliveryStatus

from .models import Board, Update


def _is_default(field, key: str) -> bool:
    """Whether ``field``'s ``key`` message is still Django's own (not one set on the field)."""
    for cls in type(field).__mro__:
        default = getattr(cls, "default_error_messages", {}).get(key)
        if default is not None:
            return str(field.error_messages.get(key)) == str(default)
    return key not in field.error_messages


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def govuk_messages(field) -> dict[str, str]:
    """Error messages in the GOV.UK style for a field, from its label and limits."""
    label = str(field.label or "This")
    messages = {"max_length": f"{label} must be %(limit_value)s characters or fewer"}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        messages.update(
            required=f"Select {_lower_first(label)}" if isinstance(field, forms.MultipleChoiceField)
            else f"Select a {_lower_first(label)}",
            invalid_choice=f"Select a {_lower_first(label)} from the list",
        )  # fmt: skip
    elif isinstance(field, forms.DateField):
        messages.update(required=f"Enter the {_lower_first(label)}", invalid="Enter a real date")
    elif isinstance(field, forms.IntegerField):
        low, high = field.min_value, field.max_value
        between = f"{label} must be between {low} and {high}"
        messages.update(
            required=f"Enter the {_lower_first(label)}",
            invalid=between if low is not None and high is not None else f"{label} must be a whole number",
            min_value=between if high is not None else f"{label} must be %(limit_value)s or more",
            max_value=between if low is not None else f"{label} must be %(limit_value)s or less",
        )
    elif isinstance(field, forms.URLField):
        messages.update(required="Enter a web address", invalid="Enter a web address starting https://")
    elif isinstance(field, forms.FileField):
        messages.update(
            required="Select a file", missing="Select a file", empty="The selected file is empty",
            invalid="The selected file could not be read",
        )  # fmt: skip
    else:
        messages.update(required=f"Enter {_lower_first(label)}")
    return messages


class GovukForm(forms.Form):
    """A form whose error messages follow the GOV.UK Design System (Django's defaults replaced;
    messages set on a field are kept)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for key, message in govuk_messages(field).items():
                if _is_default(field, key):
                    field.error_messages[key] = message


def _partnership_users(partnership_id):
    return (
        get_user_model()
        .objects.filter(membership__organisation__partnership_id=partnership_id, is_active=True)
        .select_related("membership__organisation")
        .order_by("username")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.membership.organisation.name})"


class OwnershipForm(GovukForm):
    lead = UserChoiceField(queryset=None, required=False, empty_label="No lead yet", label="Lead officer")
    lead_organisation = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Same as the lead officer's", label="Lead organisation"
    )
    supporting_organisations = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Supporting organisations"
    )
    boards = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Accountable boards"
    )
    senior_sponsor = forms.CharField(required=False, max_length=200, label="Senior sponsor")
    start = forms.DateField(required=False, label="Start date", help_text="For example, 2025-04-01")
    due = forms.DateField(required=False, label="Due date", help_text="For example, 2026-03-31")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partnership_id, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(partnership_id=partnership_id)
        self.fields["lead"].queryset = _partnership_users(partnership_id)
        self.fields["lead_organisation"].queryset = organisations
        self.fields["supporting_organisations"].queryset = organisations
        self.fields["boards"].queryset = Board.objects.filter(partnership_id=partnership_id)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("due") and data["start"] > data["due"]:
            self.add_error("due", "The due date must be on or after the start date")
        return data


class MilestoneForm(GovukForm):
    owner = UserChoiceField(queryset=None, required=False, empty_label="The action's lead", label="Owner")
    due = forms.DateField(required=False, label="Due date", help_text="For example, 2025-09-30")
    status = forms.ChoiceField(choices=DeliveryStatus.choices, widget=forms.RadioSelect, label="Status")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, partnership_id, can_assign: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _partnership_users(partnership_id)
        if not can_assign:
            del self.fields["owner"]
            del self.fields["due"]


class UpdateForm(GovukForm):
    status = forms.ChoiceField(
        choices=DeliveryStatus.choices, widget=forms.RadioSelect, label="Delivery status",
        error_messages={"required": "Select a delivery status"},
    )  # fmt: skip
    percent_complete = forms.IntegerField(
        min_value=0, max_value=100, label="Percent complete", help_text="A whole number from 0 to 100",
    )  # fmt: skip
    narrative = forms.CharField(
        widget=forms.Textarea, required=False, max_length=10000, label="Progress this period",
        help_text="What has happened since the last update. Do not name children or families.",
    )  # fmt: skip
    risks = forms.CharField(widget=forms.Textarea, required=False, max_length=10000, label="Risks and issues")
    next_steps = forms.CharField(widget=forms.Textarea, required=False, max_length=10000, label="Next steps")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReviewForm(GovukForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve it"), ("return", "Return it with a comment")],
        widget=forms.RadioSelect, label="What do you want to do with this update?",
        error_messages={"required": "Select whether to approve or return the update"},
    )  # fmt: skip
    comment = forms.CharField(
        widget=forms.Textarea, required=False, max_length=5000, label="Comment",
        help_text="Needed when you return the update: say what should change.",
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Enter a comment saying what should change")
        return data


class EvidenceForm(GovukForm):
    title = forms.CharField(
        max_length=200, required=False, label="Title", help_text="What this evidence shows"
    )
    url = forms.URLField(
        required=False, max_length=500, label="Link", help_text="A web address starting https://",
        assume_scheme="https",
    )  # fmt: skip
    file = forms.FileField(
        required=False, label="Or upload a file", help_text="PDF, Word, Excel, PNG or JPEG, up to 10 MB"
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith("https://"):
            raise forms.ValidationError("Enter a web address starting https://")
        return url

    def clean(self):
        data = super().clean()
        if not data.get("url") and not data.get("file") and not self.errors:
            self.add_error("url", "Enter a link or choose a file")
        if data.get("url") and data.get("file"):
            self.add_error("file", "Give a link or a file, not both")
        return data


class PeriodForm(GovukForm):
    key = forms.CharField(
        max_length=7, label="Period to open", help_text="A month as YYYY-MM (for example, 2025-04) or a quarter as 2025-Q2",
        error_messages={"required": "Enter the period to open"},
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].initial = f"{datetime.date.today():%Y-%m}"


class BoardForm(GovukForm):
    name = forms.CharField(
        max_length=200, label="Name", error_messages={"required": "Enter the board's name"}
    )
    chair = forms.CharField(max_length=200, required=False, label="Chair")
    meeting_dates = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Meeting dates",
        help_text="One date a line, for example 2025-05-14",
    )  # fmt: skip

    def clean_meeting_dates(self):
        dates = []
        for line in self.cleaned_data["meeting_dates"].split():
            try:
                dates.append(datetime.date.fromisoformat(line.strip()))
            except ValueError as exc:
                raise forms.ValidationError(f"“{line}” is not a date like 2025-05-14") from exc
        return dates


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Tracker spreadsheet", help_text="The .xlsx file exported from this page, with updates filled in",
        error_messages={"required": "Choose the spreadsheet to import"},
    )  # fmt: skip


STATE_TAGS = {
    Update.State.DRAFT: "govuk-tag--grey",
    Update.State.SUBMITTED: "govuk-tag--blue",
    Update.State.RETURNED: "govuk-tag--orange",
    Update.State.APPROVED: "govuk-tag--green",
}


def display_value(field, value) -> str:
    """A stored or submitted value as a person reads it: choice labels, names, dates in words, "40%"."""
    if value is None or value == "" or value == []:
        return "None" if not isinstance(field, forms.DateField) else "Not set"
    if isinstance(field, forms.ModelMultipleChoiceField):
        objects = [v if isinstance(v, Model) else field.queryset.filter(pk=v).first() for v in value]
        return ", ".join(field.label_from_instance(o) for o in objects if o is not None) or "None"
    if isinstance(field, forms.ModelChoiceField):
        found = value if isinstance(value, Model) else field.queryset.filter(pk=value).first()
        return field.label_from_instance(found) if found is not None else "None"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(field, forms.DateField):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return value
        return f"{value:%-d %B %Y}"
    if isinstance(field, forms.IntegerField) and "percent" in str(field.label).lower():
        return f"{value}%"
    return str(value)


def conflict_rows(conflict, form) -> list[tuple[str, str, str | None]]:
    """(label, saved value, your value) for each field of ``form`` in a refused save's ``conflict``,
    in the form's order and words. Your values are the conflict's, else what the form was given."""
    current = conflict.current or {}
    yours = conflict.yours
    if yours is None and form is not None and form.is_bound and hasattr(form, "cleaned_data"):
        yours = form.cleaned_data
    rows = []
    for name, field in form.fields.items() if form is not None else []:
        if isinstance(field.widget, forms.HiddenInput) or name not in current:
            continue
        mine = display_value(field, yours[name]) if yours is not None and name in yours else None
        rows.append((str(field.label), display_value(field, current[name]), mine))
    if "state" in current:
        rows.append(
            ("Review state", str(dict(Update.State.choices).get(current["state"], current["state"])), None)
        )
    return rows

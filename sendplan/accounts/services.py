"""Writes for organisations, people and API tokens. Each is atomic and audited."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sendplan.audit.services import audit_record, snapshot
from sendplan.core.models import Partnership
from sendplan.core.services import partnership_get_or_create

from .models import ApiToken, Membership, Organisation, Role, hash_token


def default_partnership(*, slug: str | None = None) -> Partnership:
    """The partnership named by ``slug``; else the only one; else a new one named by the setting."""
    if slug:
        found = Partnership.objects.filter(slug=slug).first()
        if not found:
            slugs = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True))
            raise ValidationError(f"no partnership {slug!r}: use one of {slugs or '(none yet)'}")
        return found
    partnerships = list(Partnership.objects.order_by("id")[:2])
    if len(partnerships) > 1:
        slugs = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True))
        raise ValidationError(
            f"several partnerships exist: name one with --partnership SLUG (one of: {slugs})"
        )
    return (
        partnerships[0]
        if partnerships
        else partnership_get_or_create(name=settings.SENDPLAN_PARTNERSHIP_NAME)
    )


def split_name(name: str) -> tuple[str, str]:
    """("Mary Ann", "Smith") from "Mary Ann Smith"; a single word is a first name."""
    words = (name or "").split()
    if len(words) < 2:
        return (words[0] if words else ""), ""
    return " ".join(words[:-1]), words[-1]


@transaction.atomic
def organisation_get_or_create(
    *, partnership: Partnership, name: str, kind: str = Organisation.Kind.OTHER, actor=None, source=None
) -> Organisation:
    name = " ".join(name.split())
    if not name:
        raise ValidationError("an organisation needs a name")
    found = Organisation.objects.filter(partnership=partnership, name__iexact=name).first()
    if found:
        return found
    if kind not in Organisation.Kind.values:
        raise ValidationError(f"unknown organisation kind {kind!r}")
    organisation = Organisation.objects.create(partnership=partnership, name=name, kind=kind)
    audit_record(actor=actor, kind="create", obj=organisation, after=snapshot(organisation), source=source)
    return organisation


@transaction.atomic
def user_add(
    *,
    username: str,
    role: str,
    organisation: Organisation,
    email: str = "",
    password: str | None = None,
    name: str = "",
    actor=None,
    source=None,
):
    """Create a user in ``organisation`` with ``role``; no password means an unusable one. ``name`` is
    the full name shown to people (split into first and last name at the last space)."""
    User = get_user_model()
    if role not in Role.values:
        raise ValidationError(f"unknown role {role!r}: use one of {', '.join(Role.values)}")
    username = username.strip()
    if not username:
        raise ValidationError("a user needs a user name")
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"user {username!r} already exists")
    first_name, last_name = split_name(name)
    user = User(username=username, email=email.strip(), first_name=first_name, last_name=last_name)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError(" ".join(exc.messages)) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    found = Membership.objects.create(user=user, organisation=organisation, role=role)
    audit_record(
        actor=actor,
        kind="create",
        obj=found,
        after={
            "username": user.username,
            "name": user.get_full_name(),
            "email": user.email,
            **snapshot(found),
        },
        source=source,
    )
    return user


@transaction.atomic
def membership_change(*, user, organisation: Organisation | None = None, role: str | None = None, actor=None):
    found = Membership.objects.select_for_update().get(user=user)
    before = snapshot(found)
    if role is not None:
        if role not in Role.values:
            raise ValidationError(f"unknown role {role!r}")
        found.role = role
    if organisation is not None:
        found.organisation = organisation
    found.save()
    audit_record(actor=actor, kind="change", obj=found, before=before, after=snapshot(found))
    return found


@transaction.atomic
def token_create(*, user, actor=None, source=None) -> str:
    """A new API token for ``user``. Returns the token; only its hash is stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, key_hash=hash_token(key), prefix=key[:8])
    audit_record(
        actor=actor,
        kind="create",
        obj=token,
        after={"user": user.pk, "prefix": token.prefix},
        source=source,
    )
    return key


def token_user(*, key: str):
    """The active user holding token ``key``, or None."""
    if not key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(key.strip())).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_unlock(*, username: str, actor=None, source=None) -> int:
    """Clear the failed sign-ins recorded for ``username`` (django-axes), ending a lockout. Returns how
    many records were cleared; a cleared lockout of a member is in the audit trail."""
    from axes.utils import reset

    username = (username or "").strip()
    if not username:
        raise ValidationError("give the user name to unlock")
    user = get_user_model().objects.filter(username__iexact=username).first()
    names = {username} | ({user.get_username()} if user else set())
    cleared = sum(reset(username=name) for name in names)
    found = Membership.objects.filter(user=user).first() if user else None
    if cleared and found is not None:
        audit_record(
            actor=actor, kind="change", obj=found, before={"failed_sign_ins_recorded": True},
            after={"failed_sign_ins_recorded": False}, source=source, message="unlocked",
        )  # fmt: skip
    if user is None and not cleared:
        raise ValidationError(f"no user {username!r} and no failed sign-ins recorded for that name")
    return cleared

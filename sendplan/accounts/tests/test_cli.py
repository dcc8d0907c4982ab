"""sendplan user add / token / period: one-line errors, exit status 2, nothing written on bad input."""

import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sendplan.accounts.models import ApiToken, Membership, Organisation, hash_token
from sendplan.core.commands import UsageError

pytestmark = pytest.mark.django_db


def test_user_add_creates_the_organisation_and_membership(capsys):
    call_command("user", "add", "asha", "--role", "lead", "--org", "Midlands Partnership NHS Trust",
                 "--email", "asha@example.org", "--password", "a-long-enough-passphrase")  # fmt: skip
    user = get_user_model().objects.get(username="asha")
    assert user.check_password("a-long-enough-passphrase") and user.email == "asha@example.org"
    assert (
        user.membership.role == "lead"
        and user.membership.organisation.name == "Midlands Partnership NHS Trust"
    )
    call_command("user", "add", "ben", "--role", "viewer", "--org", "midlands partnership nhs trust")
    assert Organisation.objects.count() == 1
    assert not get_user_model().objects.get(username="ben").has_usable_password()


@pytest.mark.parametrize(
    "args, message",
    [
        (["user", "add", "x", "--role", "lead", "--org", "Org", "--password", "short"], "too short"),
        (["token", "nobody"], "no user 'nobody'"),
        (["period", "open", "2025-13", "--plan", "none"], "no plan"),
    ],
)
def test_bad_input_is_refused(args, message):
    with pytest.raises(UsageError, match=message):
        call_command(*args)
    assert not Membership.objects.exists()


def test_duplicate_user_is_refused(world):
    with pytest.raises(UsageError, match="already exists"):
        call_command("user", "add", "LEAD", "--role", "lead", "--org", "City Council")


def test_token_prints_a_token_and_stores_only_its_hash(world, capsys):
    call_command("token", "lead")
    token = capsys.readouterr().out.strip()
    stored = ApiToken.objects.get(user__username="lead")
    assert stored.key_hash == hash_token(token) and token not in stored.key_hash


def test_the_cli_prints_one_error_line_and_exits_2(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "sendplan.settings_test", "SENDPLAN_DATA_DIR": str(tmp_path), "PATH": ""}
    subprocess.run([sys.executable, "-m", "sendplan.cli", "migrate", "-v0"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "sendplan.cli", "user", "add", "x", "--role", "lead", "--org", "O", "--password", "1"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_period_open_close_list(world, capsys):
    call_command("period", "open", "--plan", world.plan.slug, "2025-11")
    assert "2025-11 is open" in capsys.readouterr().out
    call_command("period", "close", "2025-11", "--plan", world.plan.slug)
    assert "2025-11 is closed" in capsys.readouterr().out
    call_command("period", "open", "2025-Q3", "--plan", world.plan.slug)
    call_command("period", "list", "--plan", world.plan.slug)
    out = capsys.readouterr().out
    assert "2025-Q3" in out and "2025-11" in out
    with pytest.raises(UsageError, match="not YYYY-MM"):
        call_command("period", "open", "2025-13", "--plan", world.plan.slug)


def test_several_partnerships_the_error_names_the_option_and_the_slugs():
    from sendplan.core.services import partnership_get_or_create

    first = partnership_get_or_create(name="North SEND Partnership")
    second = partnership_get_or_create(name="South SEND Partnership")
    with pytest.raises(UsageError) as caught:
        call_command("user", "add", "x", "--role", "lead", "--org", "Org")
    assert "--partnership SLUG" in str(caught.value)
    assert first.slug in str(caught.value) and second.slug in str(caught.value)
    call_command("user", "add", "x", "--role", "lead", "--org", "Org", "--partnership", second.slug)
    assert Membership.objects.get().organisation.partnership == second


def test_user_add_with_a_full_name_is_shown_by_name(world, client, capsys):
    from django.urls import reverse

    from sendplan.delivery import services

    call_command(
        "user", "add", "apatel", "--role", "lead", "--org", "City Council", "--name", "Asha  Mary Patel"
    )
    assert "added apatel (Asha Mary Patel) as lead" in capsys.readouterr().out
    user = get_user_model().objects.get(username="apatel")
    assert (user.first_name, user.last_name) == ("Asha Mary", "Patel")
    call_command("user", "list")
    assert "apatel\tAsha Mary Patel\tlead" in capsys.readouterr().out
    services.ownership_set(user=world.users["manager"], action=world.own, lead=user)
    update = services.update_create(
        user=user, action=world.own, period_key=services.current_month_key(), status="on_track"
    )
    client.force_login(world.users["manager"])
    for url in [
        reverse("delivery:tracker", args=[world.plan.slug]),
        reverse("delivery:action-detail", args=[world.plan.slug, world.own.ref]),
        reverse("delivery:update-detail", args=[update.pk]),
    ]:
        page = client.get(url).content.decode()
        assert "Asha Mary Patel" in page and ">apatel<" not in page and ", apatel" not in page
    client.force_login(user)
    assert "Asha Mary Patel" in client.get(reverse("delivery:home")).content.decode()

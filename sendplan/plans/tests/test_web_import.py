"""Importing a plan from the web: managers and administrators only, all or nothing, errors on the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sendplan.accounts.models import Organisation
from sendplan.accounts.services import user_add
from sendplan.core.services import partnership_get_or_create
from sendplan.delivery.tests.factories import make_world
from sendplan.plans.models import Action, Plan
from sendplan.plans.tests.test_cli import PLAN
from sendplan.testing.html import assert_valid_page


def upload(text: str = PLAN, name: str = "plan.txt"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@pytest.fixture
def world(db):
    return make_world()


def counts():
    return Plan.objects.count(), Action.objects.count()


@pytest.mark.django_db
def test_manager_imports_a_new_plan_into_their_partnership(client, world):
    client.force_login(world.users["manager"])
    assert_valid_page(client.get("/plans/import/"))
    response = client.post("/plans/import/", {"file": upload(), "slug": "harbourside"}, follow=True)
    assert response.redirect_chain[-1][0] == "/plans/harbourside/revisions/"
    page = assert_valid_page(response)
    assert "2 actions in 2 priorities imported" in response.content.decode()
    plan = Plan.objects.get(slug="harbourside")
    assert plan.partnership == world.partnership
    assert plan.revisions.get().imported_by == "manager"
    assert page is not None


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["lead", "contributor", "viewer"])
def test_other_roles_cannot_import(client, world, role):
    client.force_login(world.users[role])
    before = counts()
    assert client.get("/plans/import/").status_code == 403
    assert client.post("/plans/import/", {"file": upload(), "slug": "x"}).status_code == 403
    assert client.post(f"/plans/{world.plan.slug}/import/", {"file": upload()}).status_code == 403
    assert counts() == before


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, world):
    response = client.post("/plans/import/", {"file": upload(), "slug": "x"})
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert not Plan.objects.filter(slug="x").exists()


@pytest.mark.django_db
def test_manager_of_another_partnership_cannot_revise(client, world):
    other = partnership_get_or_create(name="Elsewhere Partnership")
    org = Organisation.objects.create(partnership=other, name="Elsewhere Council", kind="council")
    client.force_login(
        user_add(username="elsewhere", role="manager", organisation=org, email="e@example.org")
    )
    before = counts()
    assert client.post(f"/plans/{world.plan.slug}/import/", {"file": upload()}).status_code == 403
    # "Import a plan" cannot overwrite an existing plan by choosing its short name either
    response = client.post("/plans/import/", {"file": upload(), "slug": world.plan.slug})
    assert response.status_code == 200 and "already exists" in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "file, message",
    [
        (SimpleUploadedFile("plan.docx", b"\x00\x01garbage" * 50), "not a readable Word document"),
        (SimpleUploadedFile("notes.txt", b"Shopping list\n\nMilk\n"), "no actions found"),
        (SimpleUploadedFile("empty.txt", b""), "The file you chose is empty"),
    ],
)
def test_bad_files_are_reported_on_the_page_and_change_nothing(client, world, file, message):
    client.force_login(world.users["manager"])
    before = counts()
    response = client.post("/plans/import/", {"file": file, "slug": "new-plan"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "<title>Error:" in html
    assert_valid_page(response)
    assert counts() == before


@pytest.mark.django_db
def test_over_the_size_limit(client, world, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(world.users["manager"])
    response = client.post("/plans/import/", {"file": upload(PLAN * 5), "slug": "big"})
    assert "smaller than" in response.content.decode()
    assert not Plan.objects.filter(slug="big").exists()


@pytest.mark.django_db
def test_manager_imports_a_revised_version(client, world):
    client.force_login(world.users["manager"])
    client.post("/plans/import/", {"file": upload(), "slug": "harbourside"})
    revised = PLAN.replace("Families feel heard.", "Families say they feel heard.")
    response = client.post("/plans/harbourside/import/", {"file": upload(revised)}, follow=True)
    assert "revision 2: 0 added, 1 changed, 0 removed" in response.content.decode()
    assert "Import a revised version of this plan" in client.get("/plans/harbourside/").content.decode()

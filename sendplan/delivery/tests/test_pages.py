"""Delivery pages: valid, accessible markup; the web flow; bounded queries; evidence handling."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from sendplan.accounts.services import organisation_get_or_create, user_add
from sendplan.audit.models import AuditEntry
from sendplan.core.commands import UsageError
from sendplan.core.services import partnership_get_or_create
from sendplan.delivery import services
from sendplan.delivery.models import Evidence, Update
from sendplan.delivery.tests.factories import make_plan

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def update(world):
    return services.update_create(
        user=world.users["lead"], action=world.own, period_key=services.current_month_key(), status="on_track",
        percent_complete=30, narrative="Started", submit=True,
    )  # fmt: skip


def _pages(world, update):
    slug, ref, item = world.plan.slug, world.own.ref, world.own.items.filter(section="how").first()
    return [
        reverse("delivery:home"),
        reverse("delivery:tracker", args=[slug]),
        reverse("delivery:action-detail", args=[slug, ref]),
        reverse("delivery:update-detail", args=[update.pk]),
        reverse("delivery:periods", args=[slug]),
        reverse("delivery:boards"),
        reverse("delivery:tracker-import", args=[slug]),
        reverse("delivery:ownership-edit", args=[slug, ref]),
        reverse("delivery:milestone-edit", args=[slug, ref, item.pk]),
        reverse("delivery:update-edit", args=[slug, ref, update.period.key]),
        reverse("delivery:update-check", args=[update.pk]),
        reverse("delivery:evidence-add", args=[update.pk]),
        reverse("delivery:board-add"),
        reverse("audit:list") + f"?plan={slug}&action={ref}",
    ]


def test_every_page_is_valid_for_a_manager(client, world, update, parse_html):
    client.force_login(world.users["manager"])
    for url in _pages(world, update):
        parse_html(client.get(url))


def test_lead_sees_a_task_list(client, world, update, parse_html):
    client.force_login(world.users["lead"])
    tree = parse_html(client.get(reverse("delivery:home")))
    assert "Action 1a" in "".join(tree.find(".//ul[@class='govuk-task-list']").itertext())
    assert "Submitted" in client.get(reverse("delivery:home")).content.decode()


def test_sign_in_page_and_anonymous_redirect(client, world, parse_html):
    parse_html(client.get("/sign-in/"))
    response = client.get(reverse("delivery:home"))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    response = client.get(reverse("delivery:tracker", args=[world.plan.slug]))
    assert response.status_code == 302


def test_content_security_policy_uses_a_nonce(client, world):
    response = client.get("/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_lockout_after_repeated_failures(client, world):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="lead")
    user.set_password("a-long-correct-password")
    user.save()
    for _ in range(5):
        client.post("/sign-in/", {"username": "lead", "password": "wrong"})
    response = client.post("/sign-in/", {"username": "lead", "password": "a-long-correct-password"})
    assert response.status_code in {403, 429}
    assert "locked" in response.content.decode() and "administrator" in response.content.decode()
    assert "plan manager" not in response.content.decode()
    assert "_auth_user_id" not in client.session
    out = io.StringIO()
    call_command("unlock", "LEAD", stdout=out)
    assert out.getvalue().startswith("unlocked LEAD: failed sign-ins cleared")
    assert AuditEntry.objects.filter(message="unlocked", source="cli").count() == 1
    response = client.post("/sign-in/", {"username": "lead", "password": "a-long-correct-password"})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    call_command("unlock", "lead", stdout=out)
    assert "lead was not locked" in out.getvalue()
    with pytest.raises(UsageError, match="no user 'nobody'"):
        call_command("unlock", "nobody")


def test_sign_in_works(client, world):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="viewer")
    user.set_password("a-long-correct-password")
    user.save()
    response = client.post("/sign-in/", {"username": "viewer", "password": "a-long-correct-password"})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_web_update_flow_check_answers_then_submit(client, world, parse_html):
    client.force_login(world.users["lead"])
    url = reverse("delivery:update-edit", args=[world.plan.slug, world.own.ref, services.current_month_key()])
    response = client.post(url, {"status": "", "percent_complete": "abc"})
    tree = parse_html(response)
    assert tree.find(".//div[@class='govuk-error-summary']") is not None
    assert "Select a delivery status" in response.content.decode()
    assert not Update.objects.exists()
    response = client.post(url, {"status": "at_risk", "percent_complete": "20", "narrative": "Slow start"})
    update = Update.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "delivery:update-check", args=[update.pk]
    )
    assert update.state == "draft"
    page = client.get(response["Location"])
    parse_html(page)
    assert "Check your update" in page.content.decode() and "At risk" in page.content.decode()
    client.post(response["Location"], {"version": update.version})
    update.refresh_from_db()
    assert update.state == "submitted"


def test_web_conflict_shows_both_versions(client, world, update, parse_html):
    client.force_login(world.users["contributor"])
    stale = update.version
    services.update_change(user=world.users["lead"], update=update, version=stale, narrative="Saved first")
    url = reverse("delivery:update-edit", args=[world.plan.slug, world.own.ref, update.period.key])
    response = client.post(
        url, {"status": "on_track", "percent_complete": "30", "narrative": "Mine", "version": stale}
    )
    parse_html(response)
    text = response.content.decode()
    assert "Your changes were not saved" in text and "Saved first" in text and "Mine" in text
    update.refresh_from_db()
    assert update.narrative == "Saved first"


def test_manager_approves_on_the_page(client, world, update):
    client.force_login(world.users["manager"])
    response = client.post(reverse("delivery:update-review", args=[update.pk]), {"decision": "return"})
    assert response.status_code == 400 and "Enter a comment" in response.content.decode()
    client.post(
        reverse("delivery:update-review", args=[update.pk]),
        {"decision": "approve", "version": update.version},
    )
    update.refresh_from_db()
    assert update.state == "approved"


# (role, page write) -> allowed for own / other organisation's action
WEB_WRITES = ["ownership", "update", "review", "milestone_status", "open_period"]


def _web_post(world, name, target, update_own, update_other):
    action = world.own if target == "own" else world.other
    upd = update_own if target == "own" else update_other
    slug = world.plan.slug
    item = action.items.filter(section="how").first()
    return {
        "ownership": (
            reverse("delivery:ownership-edit", args=[slug, action.ref]),
            {"senior_sponsor": "Director"},
        ),
        "update": (
            reverse("delivery:update-edit", args=[slug, action.ref, upd.period.key]),
            {"status": "off_track", "percent_complete": "5", "version": upd.version},
        ),
        "review": (reverse("delivery:update-review", args=[upd.pk]), {"decision": "approve"}),
        "milestone_status": (
            reverse("delivery:milestone-edit", args=[slug, action.ref, item.pk]),
            {"status": "at_risk"},
        ),
        "open_period": (reverse("delivery:periods", args=[slug]), {"key": "2025-01"}),
    }[name]


@pytest.mark.parametrize("target", ["own", "other"])
@pytest.mark.parametrize("role", ["admin", "manager", "lead", "contributor", "viewer"])
@pytest.mark.parametrize("name", WEB_WRITES)
def test_web_write_matrix(client, world, name, role, target):
    from sendplan.delivery.tests.test_permissions import _state

    key = services.current_month_key()
    own = services.update_create(
        user=world.users["lead"], action=world.own, period_key=key, status="on_track", submit=True
    )
    other = services.update_create(
        user=world.users["icb_lead"], action=world.other, period_key=key, status="on_track", submit=True
    )
    url, data = _web_post(world, name, target, own, other)
    client.force_login(world.users[role])
    before = _state()
    response = client.post(url, data)
    allowed = role in {"admin", "manager"} or (
        role in {"lead", "contributor"} and target == "own" and name in {"update", "milestone_status"}
    )
    if allowed:
        assert response.status_code == 302, response.content[:500]
        assert _state() != before
    else:
        assert response.status_code == 403
        assert _state() == before


@pytest.mark.parametrize("size", [5, 40])
def test_tracker_queries_are_bounded(client, django_assert_max_num_queries, size):
    from sendplan.delivery.tests.factories import make_world

    world = make_world(actions=size)
    manager = world.users["manager"]
    for action in world.plan.actions.all():
        services.ownership_set(user=manager, action=action, lead=world.users["lead"], due=None)
        services.update_create(
            user=manager, action=action, period_key=services.current_month_key(), status="on_track"
        )
    client.force_login(manager)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("delivery:tracker", args=[world.plan.slug]))
    assert response.content.decode().count('scope="row"') == size


def test_evidence_upload_is_checked_by_content_and_served_only_to_members(
    client, world, update, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.users["lead"])
    url = reverse("delivery:evidence-add", args=[update.pk])
    disguised = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all" * 10)
    response = client.post(url, {"title": "Report", "file": disguised})
    assert response.status_code == 200 and "must be a PDF" in response.content.decode()
    mismatched = SimpleUploadedFile("report.pdf", PNG)
    assert "content is PNG" in client.post(url, {"file": mismatched}).content.decode()
    assert not Evidence.objects.exists()
    settings.MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)
    assert "smaller than" in client.post(url, {"file": big}).content.decode()
    settings.MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    response = client.post(url, {"title": "Board paper", "file": SimpleUploadedFile("paper.pdf", PDF)})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and (tmp_path / evidence.file.name).is_file()
    download = reverse("delivery:evidence-download", args=[evidence.pk])
    client.force_login(world.users["viewer"])
    got = client.get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    elsewhere = partnership_get_or_create(name="Elsewhere")
    user_add(
        username="stranger",
        role="admin",
        organisation=organisation_get_or_create(partnership=elsewhere, name="X"),
    )
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="stranger"))
    assert client.get(download).status_code == 404
    client.logout()
    assert client.get(download).status_code == 302


def test_link_evidence(client, world, update):
    client.force_login(world.users["contributor"])
    url = reverse("delivery:evidence-add", args=[update.pk])
    assert "Enter a link or choose a file" in client.post(url, {"title": "x"}).content.decode()
    client.post(url, {"title": "Dashboard", "url": "https://example.org/dash"})
    assert Evidence.objects.get().url == "https://example.org/dash"


def test_plans_from_another_partnership_are_not_found(client, world):
    other = make_plan(partnership=partnership_get_or_create(name="Elsewhere"), slug="elsewhere")
    client.force_login(world.users["manager"])
    assert client.get(reverse("delivery:tracker", args=[other.slug])).status_code == 404


@pytest.mark.parametrize(
    "page, data, messages",
    [
        ("update", {"status": "", "percent_complete": "140"},
         ["Select a delivery status", "Percent complete must be between 0 and 100"]),
        ("update", {"status": "sideways", "percent_complete": "-1"},
         ["Select a delivery status from the list", "Percent complete must be between 0 and 100"]),
        ("update", {"status": "on_track", "percent_complete": "lots"}, ["Percent complete must be between 0 and 100"]),
        ("ownership", {"start": "2025-02-30", "due": "soon"}, ["Enter a real date"]),
        ("ownership", {"senior_sponsor": "x" * 201}, ["Senior sponsor must be 200 characters or fewer"]),
        ("evidence", {"url": "http://example.org/report"}, ["Enter a web address starting https://"]),
        ("evidence", {"url": "javascript:alert(1)"}, ["Enter a web address starting https://"]),
        ("evidence", {"url": "data:text/html,hi"}, ["Enter a web address starting https://"]),
    ],
)  # fmt: skip
def test_form_errors_are_in_plain_english(client, world, update, parse_html, page, data, messages):
    slug, ref = world.plan.slug, world.own.ref
    url = {
        "update": reverse("delivery:update-edit", args=[slug, ref, update.period.key]),
        "ownership": reverse("delivery:ownership-edit", args=[slug, ref]),
        "evidence": reverse("delivery:evidence-add", args=[update.pk]),
    }[page]
    client.force_login(world.users["manager"])
    response = client.post(url, data)
    parse_html(response)
    text = response.content.decode()
    assert response.status_code == 200 and all(m in text for m in messages), text[:3000]
    assert "Ensure this value" not in text and "Enter a valid" not in text
    assert not Evidence.objects.exists()


def test_evidence_links_must_be_https(world, update):
    from django.core.exceptions import ValidationError

    for url in ["http://example.org/report", "javascript:alert(1)", "data:text/html,hi"]:
        with pytest.raises(ValidationError, match="Enter a web address starting https://"):
            services.evidence_add_link(user=world.users["lead"], update=update, title="Report", url=url)
    services.evidence_add_link(
        user=world.users["lead"], update=update, title="Report", url="https://example.org/r"
    )
    assert Evidence.objects.count() == 1


def test_removing_evidence_asks_for_confirmation_first(client, world, update, parse_html, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    evidence = services.evidence_add_file(
        user=world.users["lead"], update=update, title="Report", upload=upload
    )
    stored = tmp_path / evidence.file.name
    url = reverse("delivery:evidence-delete", args=[evidence.pk])
    client.force_login(world.users["lead"])
    detail = client.get(reverse("delivery:update-detail", args=[update.pk])).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url)
    parse_html(page)
    assert "Are you sure you want to remove “Report”?" in page.content.decode()
    assert client.post(url).status_code == 200  # a POST without the confirmation is the question again
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    client.force_login(world.users["viewer"])
    assert client.get(url).status_code == 403 and client.post(url, {"confirm": "yes"}).status_code == 403
    client.force_login(world.users["lead"])
    with django_capture_on_commit():
        response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302 and not Evidence.objects.exists() and not stored.exists()


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_update_pages_name_the_period_in_words(client, world, parse_html):
    import datetime

    key = services.current_month_key()
    words = f"{datetime.date.fromisoformat(key + '-01'):%B %Y}"
    client.force_login(world.users["lead"])
    page = client.get(reverse("delivery:update-edit", args=[world.plan.slug, world.own.ref, key]))
    tree = parse_html(page)
    assert words in tree.findtext(".//title") and key not in tree.findtext(".//title")
    assert f"Action {world.own.ref}, {words}" in page.content.decode()


@pytest.mark.parametrize("key, status, text", [
    ("2030-01", 404, "January 2030 is not open for updates"),
    ("2001-q2", 404, "Q2 2001 is not open for updates"),
    ("soon", 404, ""),
])  # fmt: skip
def test_a_period_that_is_not_open_says_so_instead_of_a_form(client, world, parse_html, key, status, text):
    client.force_login(world.users["lead"])
    response = client.get(reverse("delivery:update-edit", args=[world.plan.slug, world.own.ref, key]))
    assert response.status_code == status
    if text:
        parse_html(response, status=404)
        page = response.content.decode()
        assert text in page and 'name="percent_complete"' not in page
        assert (
            f"Write the {services.period_open(user=None, plan=world.plan, key=services.current_month_key()).label} update"
            in page
        )
    assert not Update.objects.exists()


def test_a_closed_period_with_an_update_goes_to_the_update(client, world):
    import datetime

    from sendplan.delivery.models import ReportingPeriod

    period = ReportingPeriod.objects.create(
        plan=world.plan, key="2020-01", starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 1, 31),
        opens_on=datetime.date(2020, 1, 1), closes_on=datetime.date(2020, 2, 7),
    )  # fmt: skip
    update = Update.objects.create(action=world.own, period=period, status="on_track")
    client.force_login(world.users["lead"])
    response = client.get(reverse("delivery:update-edit", args=[world.plan.slug, world.own.ref, "2020-01"]))
    assert response.status_code == 302 and response["Location"] == update.get_absolute_url()


def test_conflicts_show_labels_and_values_in_words(client, world, update, parse_html):
    services.update_change(user=world.users["lead"], update=update, version=update.version, status="at_risk",
                           percent_complete=40, next_steps="Hire")  # fmt: skip
    client.force_login(world.users["contributor"])
    url = reverse("delivery:update-edit", args=[world.plan.slug, world.own.ref, update.period.key])
    response = client.post(url, {"status": "off_track", "percent_complete": "55", "version": update.version})
    tree = parse_html(response)
    keys = [dt.text for dt in tree.iterfind(".//dt")]
    assert "Percent complete" in keys and "Next steps" in keys and "Delivery status" in keys
    values = ["".join(dd.itertext()).strip() for dd in tree.iterfind(".//dd")]
    assert {"At risk", "40%", "Off track", "55%", "Submitted"} <= set(values)
    text = response.content.decode()
    assert [
        raw for raw in ["Percent_complete", "Next_steps", ">at_risk<", ">off_track<"] if raw in text
    ] == []
    # an ownership conflict: names and dates, not ids
    client.force_login(world.users["manager"])
    ownership = world.own.ownership
    url = reverse("delivery:ownership-edit", args=[world.plan.slug, world.own.ref])
    services.ownership_set(user=world.users["manager"], action=world.own, senior_sponsor="Director")
    response = client.post(url, {"lead": world.users["lead"].pk, "lead_organisation": world.council.pk,
                                 "due": "2027-03-31", "version": ownership.version})  # fmt: skip
    tree = parse_html(response)
    values = ["".join(dd.itertext()).strip() for dd in tree.iterfind(".//dd")]
    assert "lead (City Council)" in values and "31 March 2027" in values and "City Council" in values
    assert "Lead officer" in [dt.text for dt in tree.iterfind(".//dt")]


def _task_names(client):
    from sendplan.testing.html import assert_valid_page

    tree = assert_valid_page(client.get(reverse("delivery:home")))
    tasks = tree.find(".//ul[@class='govuk-task-list']")
    if tasks is None:
        return {}
    return {
        "".join(li.find(".//a").itertext()).split(":")[0]: "".join(
            li.find(".//div[@class='govuk-task-list__status']").itertext()
        ).strip()
        for li in tasks.iterfind("li")
    }


def test_the_task_list_holds_only_the_users_actions(client, world):
    from sendplan.accounts.services import user_add

    unassigned = world.plan.actions.create(priority=world.own.priority, ref="1c", position=5)
    assert unassigned.pk
    other_lead = user_add(username="lead2", role="lead", organisation=world.council)
    services.ownership_set(user=world.users["manager"], action=world.own, lead=other_lead)
    services.period_ensure_current(plan=world.plan)
    expected = {
        "lead": {},  # 1a is now led by someone else in the organisation
        "lead2": {"Action 1a": "Not started"},
        "contributor": {"Action 1a": "Not started"},
        "icb_lead": {"Action 1b": "Not started"},
        "manager": {"Action 1a": "Not started", "Action 1b": "Not started"},
        "viewer": {},
    }
    world.users["lead2"] = other_lead
    for who, tasks in expected.items():
        client.force_login(world.users[who])
        assert _task_names(client) == tasks, who
    client.force_login(world.users["manager"])
    page = client.get(reverse("delivery:home")).content.decode()
    assert "1 action in Plan test-plan has no lead officer or lead organisation" in page
    client.force_login(world.users["lead"])
    assert "has no lead officer" not in client.get(reverse("delivery:home")).content.decode()


def test_an_approved_update_is_done_not_due(client, world):
    update = services.update_create(
        user=world.users["lead"], action=world.own, period_key=services.current_month_key(), submit=True
    )
    client.force_login(world.users["lead"])
    assert _task_names(client) == {"Action 1a": "Submitted"}
    services.update_approve(user=world.users["manager"], update=update)
    assert _task_names(client) == {"Action 1a": "Approved"}
    page = client.get(reverse("delivery:home")).content.decode()
    assert "· done" in page and "due by" not in page

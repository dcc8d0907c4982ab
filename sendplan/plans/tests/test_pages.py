"""The plan register's pages, each fetched with the test client and checked strictly."""

from pathlib import Path

import pytest
from django.urls import reverse

from sendplan.plans.models import Action, ActionItem, PlanRevision
from sendplan.testing.html import assert_valid_page, text_of
from sendplan.testing.plans import make_plan

pytestmark = pytest.mark.django_db


def _links(tree) -> set[str]:
    return {a.get("href") for a in tree.iter("a")}


def test_plan_list_shows_each_plan_with_counts(client):
    plan = make_plan(priorities=3, actions_per_priority=4)
    tree = assert_valid_page(client.get("/plans/"))
    rows = tree.findall(".//table/tbody/tr")
    assert len(rows) == 1
    cells = [text_of(cell) for cell in rows[0]]
    assert cells[:5] == [plan.title, "2025 to 2028", "Testshire SEND and AP Partnership", "3", "12"]
    assert cells[5] != "Never"
    assert plan.get_absolute_url() in _links(tree)
    assert text_of(tree.find(".//table/caption")) == "All plans"


def test_plan_list_without_plans_says_how_to_import(client):
    tree = assert_valid_page(client.get("/plans/"))
    assert "import-plan" in text_of(tree.find(".//main"))


def test_header_shows_the_partnership_name_and_no_crown(client):
    make_plan()
    html = client.get("/plans/").content.decode()
    tree = assert_valid_page(client.get("/plans/"))
    assert text_of(tree.find(".//header")) == "Testshire SEND and AP Partnership"
    assert "crown" not in html.lower() and "GOV.UK" not in html


def test_plan_page_lists_priorities_voice_and_every_action(client):
    plan = make_plan(priorities=3, actions_per_priority=4)
    tree = assert_valid_page(client.get(plan.get_absolute_url()))
    headings = [text_of(h) for h in tree.iter("h2") if (h.get("id") or "").startswith("priority-")]
    assert headings == [f"Priority {n}: Priority title number {n}" for n in (1, 2, 3)]
    quotes = [text_of(q) for q in tree.iter("blockquote")]
    # Quotes as written keep their marks; bare words are put in quotation marks.
    assert quotes[:2] == ["“I want to be heard about priority 1”", "“people should listen”"]
    links = _links(tree)
    for action in Action.objects.filter(plan=plan):
        assert f"/plans/{plan.slug}/actions/{action.ref}/" in links
    first = tree.find(".//ul[@class='govuk-list sendplan-action-list']/li/a")
    assert text_of(first) == "1a We will improve the transport for action 1a."
    assert "On track" in text_of(tree.find(".//ul[@class='govuk-list sendplan-action-list']/li"))
    assert [text_of(s) for s in tree.iter("summary")] == ["Introduction and context"]  # no warnings


def test_plan_page_shows_import_warnings_and_unassigned_lines(client):
    plan = make_plan(
        warnings=[
            {"ref": "1b", "message": "No “What impact will this have?” section"},
            {"ref": None, "message": "Odd"},
        ],
        unassigned=["A stray line"],
    )
    tree = assert_valid_page(client.get(plan.get_absolute_url()))
    summaries = [text_of(s) for s in tree.iter("summary")]
    assert "Import warnings (2)" in summaries and "Lines not placed in the plan (1)" in summaries
    main = text_of(tree.find(".//main"))
    assert "1b: No “What impact will this have?” section" in main
    assert "A stray line" in main
    assert "found 2 problems in the document and 1 line it could not place" in main


@pytest.mark.parametrize("priorities,actions", [(2, 2), (8, 30)])
def test_plan_page_queries_do_not_grow_with_the_plan(
    client, django_assert_max_num_queries, priorities, actions
):
    plan = make_plan(priorities=priorities, actions_per_priority=actions)
    with django_assert_max_num_queries(7):
        response = client.get(plan.get_absolute_url())
    tree = assert_valid_page(response)
    assert len(tree.findall(".//li[@class='sendplan-action-list__item']")) == priorities * actions


def test_plan_list_queries_do_not_grow_with_plans(client, django_assert_max_num_queries):
    for n in range(5):
        make_plan(slug=f"plan-{n}", priorities=2, actions_per_priority=2)
    with django_assert_max_num_queries(3):
        assert_valid_page(client.get("/plans/"))


def test_action_page_shows_all_four_sections_and_details(client):
    plan = make_plan(priorities=2, actions_per_priority=3)
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/actions/1a/"))
    assert text_of(tree.find(".//h1")) == "Action 1a"
    headings = [text_of(h) for h in tree.iter("h2") if h.get("class") == "govuk-heading-m"]
    assert headings == [label for _, label in ActionItem.Section.choices]
    texts = [text_of(li) for li in tree.iter("li") if li.get("class") is None]
    for item in ActionItem.objects.filter(action__plan=plan, action__ref="1a"):
        assert item.text in texts
    summary = {text_of(row[0]): text_of(row[1]) for row in tree.findall(".//dl/div")}
    assert summary == {
        "Priority": "Priority 1: Priority title number 1",
        "Lead": "Head of SEND Services",
        "Target date": "31 March 2026",
        "Status": "On track",
    }
    assert tree.find(".//dd/strong[@class='govuk-tag govuk-tag--green']") is not None
    crumbs = [text_of(a) for a in tree.findall(".//nav[@class='govuk-breadcrumbs']//a")]
    assert crumbs == ["Plans", plan.title]
    pagination = tree.find(".//nav[@aria-label='Other actions']")
    assert [a.get("rel") for a in pagination.iter("a")] == ["next"]
    assert f"/plans/{plan.slug}/actions/1b/" in _links(pagination)


def test_action_page_links_previous_and_next_across_priorities(client):
    plan = make_plan(priorities=2, actions_per_priority=3)
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/actions/1c/"))
    pagination = tree.find(".//nav[@aria-label='Other actions']")
    assert {a.get("rel"): a.get("href") for a in pagination.iter("a")} == {
        "prev": f"/plans/{plan.slug}/actions/1b/",
        "next": f"/plans/{plan.slug}/actions/2a/",
    }
    last = assert_valid_page(client.get(f"/plans/{plan.slug}/actions/2c/"))
    assert [a.get("rel") for a in last.find(".//nav[@aria-label='Other actions']").iter("a")] == ["prev"]


def test_action_page_with_unknown_status_and_empty_section(client):
    plan = make_plan(priorities=1, actions_per_priority=2)
    action = Action.objects.create(
        plan=plan, priority=plan.priorities.get(), ref="1c", position=3, source_status="Purple with spots"
    )
    for section in ("what", "how", "measures"):  # no "impact" section
        ActionItem.objects.create(action=action, section=section, position=1, text=f"Only {section}")
    tree = assert_valid_page(client.get(action.get_absolute_url()))
    summary = {text_of(row[0]): text_of(row[1]) for row in tree.findall(".//dl/div")}
    assert summary["Status"] == "Purple with spots"
    assert tree.find(".//dd/strong") is None  # raw wording, not dressed as a known status
    assert "The plan does not say." in text_of(tree.find(".//main"))


@pytest.mark.parametrize("ref", ["4I", "2K", "10ab", "A1"])
def test_action_url_uses_the_ref_as_stored(client, ref):
    plan = make_plan(priorities=1, actions_per_priority=1)
    action = Action.objects.create(plan=plan, priority=plan.priorities.first(), ref=ref, position=99)
    ActionItem.objects.create(action=action, section="what", position=1, text="Odd ref")
    assert action.get_absolute_url() == f"/plans/{plan.slug}/actions/{ref}/"
    tree = assert_valid_page(client.get(action.get_absolute_url()))
    assert text_of(tree.find(".//h1")) == f"Action {ref}"
    # Another case of the same ref redirects to the stored one when unambiguous.
    response = client.get(f"/plans/{plan.slug}/actions/{ref.swapcase()}/")
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()


@pytest.mark.parametrize(
    "url", ["/plans/no-such-plan/", "/plans/test-plan/actions/9z/", "/plans/no-such-plan/search/?q=a"]
)
def test_missing_plan_or_action_gives_the_404_page(client, url):
    make_plan()
    tree = assert_valid_page(client.get(url), status=404)
    assert text_of(tree.find(".//h1")) == "Page not found"


def test_search_highlights_matches_case_insensitively(client):
    plan = make_plan(priorities=2, actions_per_priority=5)
    response = client.get(f"/plans/{plan.slug}/search/", {"q": "  TRANSPORT  "})
    tree = assert_valid_page(response)
    expected = (
        ActionItem.objects.filter(action__plan=plan, text__icontains="transport")
        .values_list("action__ref", flat=True)
        .distinct()
    )
    results = tree.findall(".//ol[@class='govuk-list sendplan-results']/li")
    assert [text_of(r.find(".//h3")) for r in results] == [f"Action {ref}" for ref in sorted(set(expected))]
    assert text_of(tree.find(".//div[@class='sendplan-search']/h2")) == (
        f"{len(results)} actions found for ‘TRANSPORT’"
    )
    marks = [text_of(m) for m in tree.iter("mark")]
    assert marks and set(marks) == {"transport"}
    assert tree.find(".//input[@id='q']").get("value") == "TRANSPORT"


def test_search_finds_a_ref(client):
    plan = make_plan(priorities=2, actions_per_priority=3)
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/search/", {"q": "2B"}))
    results = tree.findall(".//ol[@class='govuk-list sendplan-results']/li")
    assert [text_of(r.find(".//h3")) for r in results] == ["Action 2b"]
    assert [text_of(m) for m in tree.iter("mark")] == ["2b"] * 8  # every item names its ref


def test_search_with_no_results(client):
    plan = make_plan()
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/search/", {"q": "unicorns"}))
    main = text_of(tree.find(".//main"))
    assert "0 actions found for ‘unicorns’" in main and "There are no matching actions." in main


@pytest.mark.parametrize(
    "query,error",
    [("   ", "Enter a word or an action reference to search for"), ("x" * 201, "200 characters")],
)
def test_search_rejects_an_empty_or_long_query(client, query, error):
    plan = make_plan()
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/search/", {"q": query}))
    assert error in text_of(tree.find(".//div[@class='govuk-error-summary']"))
    assert text_of(tree.find(".//title")).startswith("Error:")
    assert tree.find(".//p[@id='q-error']") is not None
    assert not tree.findall(".//mark")


def test_search_escapes_markup_in_the_query_and_text(client):
    plan = make_plan(priorities=1, actions_per_priority=1)
    ActionItem.objects.create(
        action=plan.actions.first(), section="how", position=9, text="Use <b>bold</b> & <script>x</script>"
    )
    response = client.get(f"/plans/{plan.slug}/search/", {"q": "<script>"})
    tree = assert_valid_page(response)
    assert [text_of(m) for m in tree.iter("mark")] == ["<script>"]
    assert b"<script>x" not in response.content


def test_search_page_without_a_query_shows_only_the_form(client):
    plan = make_plan()
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/search/"))
    assert tree.find(".//form").get("action") == f"/plans/{plan.slug}/search/"
    assert tree.find(".//div[@class='sendplan-search']") is None


def test_revisions_page_lists_changes(client):
    plan = make_plan(priorities=1, actions_per_priority=2)
    PlanRevision.objects.create(
        plan=plan,
        number=2,
        source_filename="plan-v2.docx",
        source_format="docx",
        source_sha256="1" * 64,
        content={},
        changes={"added": ["1c"], "changed": ["1a"], "removed": ["1b"]},
        imported_by="manager",
    )
    tree = assert_valid_page(client.get(reverse("plans:plan-revisions", args=[plan.slug])))
    assert [text_of(h) for h in tree.iter("h2")][:2] == ["Version 2 (current)", "Version 1"]
    lists = [{text_of(r[0]): text_of(r[1]) for r in dl.findall("./div")} for dl in tree.iter("dl")]
    assert lists[0]["Actions added"] == "1: 1c"
    assert lists[0]["Actions changed"] == "1: 1a"
    assert lists[0]["Actions removed"] == "1: 1b"
    assert lists[0]["Document"] == "plan-v2.docx (docx)"
    assert "by manager" in lists[0]["Imported"]
    assert lists[1]["Actions added"] == "2: 1a, 1b"
    assert lists[1]["Actions removed"] == "None"


def _retire(plan, ref: str) -> PlanRevision:
    revision = PlanRevision.objects.create(
        plan=plan,
        number=2,
        source_filename="v2.docx",
        source_format="docx",
        source_sha256="2" * 64,
        content={},
        changes={"added": [], "changed": [], "removed": [ref]},
    )
    Action.objects.filter(plan=plan, ref=ref).update(retired_in=revision)
    return revision


def test_retired_actions_are_left_out_of_the_plan_as_it_stands(client):
    plan = make_plan(priorities=2, actions_per_priority=2)
    revision = _retire(plan, "1b")
    Action.objects.filter(plan=plan, ref__in=["2a", "2b"]).update(retired_in=revision)
    tree = assert_valid_page(client.get(plan.get_absolute_url()))
    refs = [text_of(span) for span in tree.iter("span") if span.get("class") == "sendplan-ref"]
    assert refs == ["1a"]
    assert "Priority 2: Priority title number 2" not in text_of(tree.find(".//main"))  # no current actions
    row = assert_valid_page(client.get("/plans/")).find(".//table/tbody/tr")
    assert [text_of(cell) for cell in row][3:5] == ["1", "1"]
    search = assert_valid_page(client.get(f"/plans/{plan.slug}/search/", {"q": "action 1"}))
    assert [text_of(h) for h in search.iter("h3")] == ["Action 1a"]
    neighbours = assert_valid_page(client.get(f"/plans/{plan.slug}/actions/1a/"))
    assert neighbours.find(".//nav[@aria-label='Other actions']") is None


def test_a_retired_action_keeps_its_page_with_a_notice(client):
    plan = make_plan(priorities=1, actions_per_priority=3)
    _retire(plan, "1b")
    tree = assert_valid_page(client.get(f"/plans/{plan.slug}/actions/1b/"))
    assert "removed from the plan in version 2" in text_of(tree.find(".//div[@class='govuk-inset-text']"))
    assert tree.find(".//nav[@aria-label='Other actions']") is None
    following = assert_valid_page(client.get(f"/plans/{plan.slug}/actions/1a/"))
    assert {
        a.get("rel"): a.get("href") for a in following.find(".//nav[@aria-label='Other actions']").iter("a")
    } == {"next": f"/plans/{plan.slug}/actions/1c/"}


EXAMPLE = Path(__file__).resolve().parents[1] / "example" / "example-plan.docx"


def test_example_plan_imports_and_every_page_renders(client):
    from sendplan.plans.services import plan_import

    result = plan_import(data=EXAMPLE.read_bytes(), filename=EXAMPLE.name, slug="example-plan")
    assert result.parsed.warnings == [] and result.parsed.unassigned == []
    plan = result.plan
    assert plan.title == "Riverside Local Area SEND and AP Partnership Improvement Plan 2025–28"
    assert (plan.period_start, plan.period_end) == (2025, 2028)

    tree = assert_valid_page(client.get(plan.get_absolute_url()))
    priorities = [text_of(h) for h in tree.iter("h2") if (h.get("id") or "").startswith("priority-")]
    assert len(priorities) >= 3
    assert len(tree.findall(".//blockquote")) >= len(priorities)
    assert not tree.findall(".//div[@class='govuk-warning-text']")

    actions = list(plan.actions.current().order_by("position"))
    assert len(actions) >= 12
    with_details = 0
    for action in actions:
        page = assert_valid_page(client.get(action.get_absolute_url()))
        sections = [text_of(h) for h in page.iter("h2") if h.get("class") == "govuk-heading-m"]
        assert sections == [label for _, label in ActionItem.Section.choices]
        assert "The plan does not say." not in text_of(page.find(".//main")), action.ref
        for item in action.items.all():
            assert item.text in text_of(page.find(".//main"))
        with_details += bool({"Lead", "Target date", "Status"} & {text_of(dt) for dt in page.iter("dt")})
    assert with_details >= 3

    listing = assert_valid_page(client.get("/plans/"))
    assert [text_of(c) for c in listing.find(".//table/tbody/tr")][3:5] == [
        str(len(priorities)),
        str(len(actions)),
    ]
    found = assert_valid_page(client.get(f"{plan.get_absolute_url()}search/", {"q": "internship"}))
    assert [text_of(h) for h in found.iter("h3")] == ["Action 3b"]
    assert_valid_page(client.get(f"{plan.get_absolute_url()}revisions/"))


def test_revised_example_shows_its_changes(client, tmp_path):
    import copy

    from sendplan.plans.example import build_example
    from sendplan.plans.services import plan_import

    plan_import(data=EXAMPLE.read_bytes(), filename=EXAMPLE.name, slug="example-plan")
    priorities = copy.deepcopy(build_example.PRIORITIES)
    priorities[0]["actions"][0]["how"].append("Hold an annual takeover day at the council.")
    del priorities[2]["actions"][-1]
    revised = build_example.build(tmp_path / "example-plan-v2.docx", priorities=priorities)
    plan_import(data=revised.read_bytes(), filename=revised.name, slug="example-plan")

    tree = assert_valid_page(client.get("/plans/example-plan/revisions/"))
    current = {text_of(r[0]): text_of(r[1]) for r in tree.find(".//dl").findall("./div")}
    assert current["Actions changed"] == "1: 1a"
    assert current["Actions removed"] == "1: 3d"
    assert current["Actions added"] == "None"
    assert "Hold an annual takeover day" in text_of(
        assert_valid_page(client.get("/plans/example-plan/actions/1a/"))
    )
    removed = assert_valid_page(client.get("/plans/example-plan/actions/3d/"))
    assert "removed from the plan in version 2" in text_of(removed.find(".//main"))

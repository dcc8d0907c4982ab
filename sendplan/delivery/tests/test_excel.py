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
        ({"Percent complete": 140}, "from 0 to 100"),
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
    assert result.errors == ["Row 3: you cannot write updates for action 1b"]
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

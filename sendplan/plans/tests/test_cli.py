"""The sendplan command: parse, import-plan and their errors (one line, exit 2, nothing written)."""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sendplan.cli import main
from sendplan.plans.models import Action, ActionItem, Plan, PlanRevision, Priority

PLAN = """Harbourside SEND and AP Improvement Plan 2025-2028

Introduction

A short introduction.

Priority 1: Being heard

1a

What will we do?

We will listen to families.

How will we achieve this?

Hold listening events.

What impact will this have?

Families feel heard.

How will we know we have achieved?

Survey results improve.

Priority 2: Getting help early

2a

What will we do?

We will answer requests quickly.

How will we achieve this?

Agree a response standard.

What impact will this have?

Help arrives sooner.

How will we know we have achieved?

Response times fall.
"""


def run(*args, capsys):
    """Run the sendplan command in this process (so it uses the test database)."""
    code = 0
    try:
        main(["sendplan", *map(str, args)])
    except SystemExit as exc:
        code = exc.code or 0
    out, err = capsys.readouterr()
    return code, out, err


def counts():
    return tuple(m.objects.count() for m in (Plan, PlanRevision, Priority, Action, ActionItem))


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_parse_prints_the_documented_json(plan_file, capsys):
    code, out, err = run("parse", plan_file, "--json", capsys=capsys)
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"title", "format", "priorities", "warnings", "unassigned"}
    assert data["format"] == "text"
    action = data["priorities"][0]["actions"][0]
    assert set(action) == {"ref", "what", "how", "impact", "measures", "lead", "due", "status"}
    assert action["what"] == ["We will listen to families."]


@pytest.mark.django_db
def test_import_plan_saves_everything(plan_file, capsys):
    code, out, err = run("import-plan", plan_file, "--slug", "harbourside", capsys=capsys)
    assert code == 0, err
    plan = Plan.objects.get(slug="harbourside")
    assert plan.period_start == 2025 and plan.period_end == 2028
    assert plan.front_matter.startswith("Harbourside SEND")
    assert list(plan.actions.values_list("ref", flat=True)) == ["1a", "2a"]
    assert plan.revisions.count() == 1
    assert "2 actions in 2 priorities imported" in out


@pytest.mark.django_db
def test_reimport_updates_in_place_and_keeps_the_revision(plan_file, tmp_path, capsys):
    run("import-plan", plan_file, "--slug", "harbourside", capsys=capsys)
    plan = Plan.objects.get(slug="harbourside")
    kept_item = ActionItem.objects.get(text="Hold listening events.")
    revised = PLAN.replace("Families feel heard.", "Families say they feel heard.")
    revised = revised.replace(
        "Priority 2: Getting help early\n\n2a", "Priority 2: Getting help early\n\n2b"
    )  # 2a renamed 2b: 2a removed, 2b added
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    code, out, err = run("import-plan", path, "--slug", "harbourside", capsys=capsys)
    assert code == 0, err
    assert "revision 2" in out and "changed: 1a" in out and "removed: 2a" in out
    plan.refresh_from_db()
    assert plan.revisions.count() == 2
    assert list(plan.actions.current().values_list("ref", flat=True)) == ["1a", "2b"]
    assert Action.objects.get(plan=plan, ref="2a").retired_in.number == 2  # history kept
    assert ActionItem.objects.filter(pk=kept_item.pk).exists()  # unchanged items keep their identity
    # the same document again: no new revision
    code, out, err = run("import-plan", path, "--slug", "harbourside", capsys=capsys)
    assert "no changes" in out and plan.revisions.count() == 2


def _docx_of_random_bytes(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(os.urandom(4096))
    return path


def _spreadsheet_without_header(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in [("apples", 3, "kg"), ("pears", 5, "kg"), ("plums", 1, "kg")]:
        sheet.append(row)
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    return path


def _zip_not_office(tmp_path):
    path = tmp_path / "plan.docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    path.write_bytes(buffer.getvalue())
    return path


BAD_INPUTS = {
    "empty file": lambda tmp: (tmp / "empty.txt").write_bytes(b"") or tmp / "empty.txt",
    "random bytes named .docx": _docx_of_random_bytes,
    "a zip that is not a Word file": _zip_not_office,
    "a spreadsheet with no recognisable header": _spreadsheet_without_header,
    "a text with no plan in it": lambda tmp: (
        (tmp / "notes.txt").write_text("Shopping list\n\nMilk\n\nBread\n") or tmp / "notes.txt"
    ),
    "a missing file": lambda tmp: tmp / "nowhere.txt",
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", BAD_INPUTS)
@pytest.mark.parametrize("command", ["import-plan", "parse"])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(kind, command, plan_file, tmp_path, capsys):
    run("import-plan", plan_file, "--slug", "existing", capsys=capsys)
    before = counts()
    code, out, err = run(command, BAD_INPUTS[kind](tmp_path), capsys=capsys)
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert counts() == before


@pytest.mark.django_db
def test_file_over_the_size_limit(tmp_path, settings, capsys):
    settings.MAX_UPLOAD_BYTES = 2048
    path = tmp_path / "big.txt"
    path.write_text(PLAN * 20)
    code, out, err = run("import-plan", path, capsys=capsys)
    assert code == 2 and "over the" in err and "limit" in err
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_bad_slug_refused(plan_file, capsys):
    code, out, err = run("import-plan", plan_file, "--slug", "Not a slug!", capsys=capsys)
    assert code == 2 and "slug" in err
    assert counts() == (0, 0, 0, 0, 0)


def test_real_process_prints_no_traceback(tmp_path):
    """The installed console script itself: a bad file gives one line and exit status 2."""
    exe = Path(sys.executable).with_name("sendplan")
    path = tmp_path / "plan.docx"
    path.write_bytes(b"\x00\x01garbage" * 100)
    done = subprocess.run([exe, "parse", path, "--json"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1
    assert done.stdout == ""


@pytest.mark.django_db
def test_imports_are_in_the_audit_trail(plan_file, tmp_path, capsys):
    from sendplan.audit.models import AuditEntry

    run("import-plan", plan_file, "--slug", "harbourside", capsys=capsys)
    entries = AuditEntry.objects.filter(source="import")
    assert sorted(entries.values_list("object_type", "kind")) == [
        ("plans.action", "create"),
        ("plans.action", "create"),
        ("plans.plan", "create"),
    ]
    revised = tmp_path / "revised.txt"
    revised.write_text(
        PLAN.replace("Families feel heard.", "Families say they feel heard."), encoding="utf-8"
    )
    run("import-plan", revised, "--slug", "harbourside", capsys=capsys)
    change = AuditEntry.objects.get(object_type="plans.action", kind="change")
    assert change.object_repr.startswith("1a")
    assert change.before["impact"] == ["Families feel heard."]
    assert change.after["impact"] == ["Families say they feel heard."]
    assert change.changed_fields == ["impact"]


@pytest.mark.django_db
def test_remove_plan_needs_confirmation_and_is_audited(plan_file, capsys):
    from sendplan.audit.models import AuditEntry

    run("import-plan", plan_file, "--slug", "harbourside", capsys=capsys)
    code, out, err = run("remove-plan", "harbourside", capsys=capsys)
    assert code == 2 and "--yes" in err and Plan.objects.count() == 1
    code, out, err = run("remove-plan", "harbourside", "--yes", capsys=capsys)
    assert code == 0 and Plan.objects.count() == 0 and Action.objects.count() == 0
    assert AuditEntry.objects.filter(object_type="plans.plan", kind="delete").count() == 1
    code, out, err = run("remove-plan", "harbourside", "--yes", capsys=capsys)
    assert code == 2 and "no plan" in err


@pytest.mark.django_db
def test_new_plans_go_to_the_named_partnership(plan_file, tmp_path, capsys, settings):
    settings.SENDPLAN_PARTNERSHIP_NAME = "Default Partnership"
    run(
        "import-plan",
        plan_file,
        "--slug",
        "one",
        "--partnership",
        "Harbourside SEND Partnership",
        capsys=capsys,
    )
    other = tmp_path / "other.txt"
    other.write_text(PLAN.replace("Harbourside", "Other"), encoding="utf-8")
    run("import-plan", other, "--slug", "two", capsys=capsys)
    assert Plan.objects.get(slug="one").partnership.name == "Harbourside SEND Partnership"
    assert Plan.objects.get(slug="two").partnership.name == "Default Partnership"

"""Delivery pages: thin views over selectors and services. Everything works without JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sendplan.accounts import permissions
from sendplan.plans.models import ActionItem

from . import excel, selectors, services
from .forms import (
    BoardForm,
    EvidenceForm,
    ImportForm,
    MilestoneForm,
    OwnershipForm,
    PeriodForm,
    ReviewForm,
    UpdateForm,
)
from .models import Board, ReportingPeriod, Update


def _errors(exc: ValidationError) -> list[str]:
    return [message[:1].upper() + message[1:] for message in exc.messages]


def _action(request, slug, ref):
    plan = selectors.plan(user=request.user, slug=slug)
    return plan, selectors.action(user=request.user, plan=plan, ref=ref)


@login_required
def home(request):
    """The signed-in user's delivery work: updates due this month, and updates waiting for review."""
    review = []
    if permissions.can_manage(request.user):
        review = list(
            permissions.restrict(request.user, Update.objects.filter(state=Update.State.SUBMITTED), "approve")
            .select_related("action__plan", "period")
            .order_by("submitted_at")
        )
    context = {
        "tasks": selectors.tasks(user=request.user) if permissions.can_deliver_any(request.user) else [],
        "unassigned": selectors.unassigned(user=request.user),
        "review": review,
        "plans": selectors.plans(user=request.user),
        "role": permissions.role(request.user),
        "membership": permissions.membership(request.user),
    }
    return render(request, "delivery/home.html", context)


@login_required
def tracker(request, slug):
    """Every action of a plan with its owners, dates and latest status (a fixed number of queries)."""
    plan = selectors.plan(user=request.user, slug=slug)
    actions = list(selectors.tracker(user=request.user, plan=plan))
    context = {
        "plan": plan,
        "actions": actions,
        "open_periods": selectors.open_periods(plan=plan),
        "can_assign": permissions.allowed(request.user, "assign", plan),
    }
    return render(request, "delivery/tracker.html", context)


@login_required
def action_detail(request, slug, ref):
    plan, action = _action(request, slug, ref)
    history = list(selectors.updates(user=request.user, action=action))
    open_periods = selectors.open_periods(plan=plan)
    written = {u.period_id: u for u in history}
    context = {
        "plan": plan,
        "action": action,
        "summary": action.items.filter(section=ActionItem.Section.WHAT).first(),
        "ownership": selectors.ownership(action=action),
        "milestones": selectors.milestones(action=action),
        "history": history,
        "due_now": [(period, written.get(period.pk)) for period in open_periods],
        "can_assign": permissions.allowed(request.user, "assign", action),
        "can_deliver": permissions.allowed(request.user, "deliver", action),
        "can_audit": permissions.can_manage(request.user),
    }
    return render(request, "delivery/action_detail.html", context)


@login_required
def ownership_edit(request, slug, ref):
    plan, action = _action(request, slug, ref)
    permissions.check(request.user, "assign", action)
    current = selectors.ownership(action=action)
    initial = {"version": current.version if current else None}
    if current:
        initial.update(
            lead=current.lead_id, lead_organisation=current.lead_organisation_id, senior_sponsor=current.senior_sponsor,
            start=current.start, due=current.due, supporting_organisations=list(current.supporting_organisations.all()),
            boards=list(current.boards.all()),
        )  # fmt: skip
    form = OwnershipForm(request.POST or None, initial=initial, partnership_id=plan.partnership_id)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.ownership_set(
                user=request.user, action=action, version=data["version"], source="web",
                **{k: data[k] for k in ("lead", "lead_organisation", "supporting_organisations", "boards",
                                        "senior_sponsor", "start", "due")},
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, " ".join(_errors(exc)))
        except services.Conflict as exc:
            conflict = exc
        else:
            messages.success(request, f"Owners and dates of action {action.ref} saved")
            return redirect("delivery:action-detail", slug=plan.slug, ref=action.ref)
    return render(
        request,
        "delivery/ownership_form.html",
        {"plan": plan, "action": action, "form": form, "conflict": conflict},
    )


@login_required
def milestone_edit(request, slug, ref, item_id):
    plan, action = _action(request, slug, ref)
    item = get_object_or_404(action.items.filter(section=ActionItem.Section.HOW), pk=item_id)
    permissions.check(request.user, "deliver", action)
    milestone = getattr(item, "milestone", None) if hasattr(item, "milestone") else None
    can_assign = permissions.allowed(request.user, "assign", action)
    initial = {"status": milestone.status if milestone else "not_started"}
    if milestone:
        initial.update(owner=milestone.owner_id, due=milestone.due, version=milestone.version)
    form = MilestoneForm(
        request.POST or None, initial=initial, partnership_id=plan.partnership_id, can_assign=can_assign
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.milestone_set(user=request.user, item=item, version=version, source="web", **data)
        except ValidationError as exc:
            form.add_error(None, " ".join(_errors(exc)))
        except services.Conflict as exc:
            conflict = exc
        else:
            messages.success(request, "Milestone saved")
            return redirect("delivery:action-detail", slug=plan.slug, ref=action.ref)
    context = {"plan": plan, "action": action, "item": item, "form": form, "conflict": conflict}
    return render(request, "delivery/milestone_form.html", context)


def _period_or_404(plan, key: str) -> ReportingPeriod:
    """The plan's period ``key`` — an unsaved one (for its name) when it was never opened; 404 for a
    key that is not a period at all."""
    try:
        frequency, starts_on, ends_on = services.period_bounds(key)
    except ValidationError as exc:
        raise Http404("Not a reporting period") from exc
    key = key.strip().upper()
    if key == services.current_month_key():
        services.period_ensure_current(plan=plan)
    found = plan.reporting_periods.filter(key=key).first()
    return found or ReportingPeriod(
        plan=plan, key=key, frequency=frequency, starts_on=starts_on, ends_on=ends_on,
        opens_on=starts_on, closes_on=starts_on,
    )  # fmt: skip


@login_required
def update_edit(request, slug, ref, period):
    """Write or change the action's update for an open period, then check answers before submitting."""
    plan, action = _action(request, slug, ref)
    permissions.check(request.user, "deliver", action)
    period = _period_or_404(plan, period)
    existing = (
        Update.objects.filter(action=action, period=period).select_related("period").first()
        if period.pk
        else None
    )
    if existing and existing.is_locked:
        messages.info(request, "This update has been approved and is locked")
        return redirect(existing)
    if not period.pk or not period.is_open():
        if existing:
            messages.info(
                request, f"The {period.label} reporting period is closed: this update can no longer change"
            )
            return redirect(existing)
        context = {
            "plan": plan,
            "action": action,
            "period": period,
            "open_periods": selectors.open_periods(plan=plan),
        }
        return render(request, "delivery/period_not_open.html", context, status=404)
    initial = {"version": existing.version, **services.update_data(existing)} if existing else {}
    if not existing:
        latest = action.updates.order_by("-period__starts_on").first()
        initial = {"status": latest.status, "percent_complete": latest.percent_complete} if latest else {}
    form = UpdateForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            if existing:
                update = services.update_change(
                    user=request.user, update=existing, version=version, submit=False, source="web", **data
                )
            else:
                update = services.update_create(
                    user=request.user, action=action, period_key=period.key, source="web", **data
                )
        except ValidationError as exc:
            form.add_error(None, " ".join(_errors(exc)))
        except services.Conflict as exc:
            conflict = exc
        else:
            return redirect("delivery:update-check", pk=update.pk)
    context = {"plan": plan, "action": action, "period": period, "form": form, "conflict": conflict,
               "existing": existing}  # fmt: skip
    return render(request, "delivery/update_form.html", context)


@login_required
def update_detail(request, pk):
    update = selectors.update(user=request.user, pk=pk)
    can_approve = update.state == Update.State.SUBMITTED and permissions.allowed(
        request.user, "approve", update
    )
    own_work = (
        update.state == Update.State.SUBMITTED
        and not can_approve
        and permissions.can_manage(request.user)
        and permissions.is_own_work(request.user, "approve", update)
    )
    context = {
        "update": update,
        "plan": update.action.plan,
        "action": update.action,
        "evidence": update.evidence.all(),
        "versions": update.versions.select_related("saved_by"),
        "can_deliver": not update.is_locked and permissions.allowed(request.user, "deliver", update),
        "review_form": ReviewForm(initial={"version": update.version}) if can_approve else None,
        "review_refusal": permissions.refusal(request.user, "approve", update) if own_work else "",
    }
    return render(request, "delivery/update_detail.html", context)


@login_required
def update_check(request, pk):
    """Check your answers, then submit the update for review."""
    update = selectors.update(user=request.user, pk=pk)
    permissions.check(request.user, "deliver", update)
    if request.method == "POST":
        try:
            services.update_submit(
                user=request.user, update=update, version=request.POST.get("version"), source="web"
            )
        except services.Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Update for action {update.action.ref} submitted for review")
            return redirect("delivery:home")
        update = selectors.update(user=request.user, pk=pk)
    return render(
        request,
        "delivery/update_check.html",
        {"update": update, "plan": update.action.plan, "action": update.action},
    )


@login_required
@require_POST
def update_review(request, pk):
    update = selectors.update(user=request.user, pk=pk)
    if permissions.can_manage(request.user) and permissions.is_own_work(request.user, "approve", update):
        context = {
            "update": update, "plan": update.action.plan, "action": update.action, "evidence": update.evidence.all(),
            "versions": update.versions.all(), "can_deliver": False,
            "review_refusal": permissions.refusal(request.user, "approve", update),
        }  # fmt: skip
        return render(request, "delivery/update_detail.html", context, status=403)
    permissions.check(request.user, "approve", update)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.update_approve(
                    user=request.user, update=update, version=data["version"], source="web"
                )
                messages.success(request, f"Update for action {update.action.ref} approved")
            else:
                services.update_return(
                    user=request.user,
                    update=update,
                    comment=data["comment"],
                    version=data["version"],
                    source="web",
                )
                messages.success(request, f"Update for action {update.action.ref} returned")
        except (ValidationError, services.Conflict) as exc:
            form.add_error(
                None, exc.message if isinstance(exc, services.Conflict) else " ".join(_errors(exc))
            )
        else:
            return redirect("delivery:home")
    context = {
        "update": update, "plan": update.action.plan, "action": update.action, "evidence": update.evidence.all(),
        "versions": update.versions.all(), "can_deliver": False, "review_form": form,
    }  # fmt: skip
    return render(request, "delivery/update_detail.html", context, status=400)


@login_required
def evidence_add(request, pk):
    update = selectors.update(user=request.user, pk=pk)
    permissions.check(request.user, "deliver", update)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["file"]:
                services.evidence_add_file(
                    user=request.user, update=update, title=data["title"], upload=data["file"], source="web"
                )
            else:
                services.evidence_add_link(
                    user=request.user, update=update, title=data["title"], url=data["url"], source="web"
                )
        except ValidationError as exc:
            form.add_error("file" if data["file"] else "url", " ".join(_errors(exc)))
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Evidence added")
            return redirect(update)
    context = {"update": update, "plan": update.action.plan, "action": update.action, "form": form}
    return render(request, "delivery/evidence_form.html", context)


@login_required
def evidence_download(request, pk):
    """An uploaded evidence file, to users who may see its update only (never from the web root)."""
    evidence = selectors.evidence(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404("No file")
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def evidence_delete(request, pk):
    """GET asks to confirm (GOV.UK pattern); only a POST from that page removes the evidence."""
    evidence = selectors.evidence(user=request.user, pk=pk)
    update = evidence.update
    permissions.check(request.user, "deliver", update)
    if update.is_locked:
        messages.error(request, "This update has been approved and is locked")
        return redirect(update)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        context = {
            "evidence": evidence,
            "update": update,
            "plan": update.action.plan,
            "action": update.action,
        }
        return render(request, "delivery/evidence_delete.html", context)
    try:
        services.evidence_delete(user=request.user, evidence=evidence, source="web")
    except services.Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Evidence “{evidence.title}” removed")
    return redirect(update)


@login_required
def periods(request, slug):
    plan = selectors.plan(user=request.user, slug=slug)
    can_assign = permissions.allowed(request.user, "assign", plan)
    form = PeriodForm(request.POST or None)
    if request.method == "POST":
        permissions.check(request.user, "assign", plan)
        if form.is_valid():
            try:
                period = services.period_open(
                    user=request.user, plan=plan, key=form.cleaned_data["key"], source="web"
                )
            except ValidationError as exc:
                form.add_error("key", " ".join(_errors(exc)))
            else:
                messages.success(
                    request, f"{period.label} is open for updates until {period.closes_on:%-d %B %Y}"
                )
                return redirect("delivery:periods", slug=plan.slug)
    context = {"plan": plan, "periods": selectors.periods(user=request.user, plan=plan), "form": form,
               "can_assign": can_assign}  # fmt: skip
    return render(request, "delivery/periods.html", context)


@login_required
def boards(request):
    return render(
        request,
        "delivery/boards.html",
        {"boards": selectors.boards(user=request.user), "can_manage": permissions.can_manage(request.user)},
    )


@login_required
def board_edit(request, pk=None):
    board = permissions.get_visible(request.user, Board.objects.all(), pk=pk) if pk else None
    if board:
        permissions.check(request.user, "assign", board)
        initial = {"name": board.name, "chair": board.chair,
                   "meeting_dates": "\n".join(d.isoformat() for d in board.meetings.values_list("date", flat=True))}  # fmt: skip
    else:
        if not permissions.can_manage(request.user) or permissions.membership(request.user) is None:
            raise PermissionDenied("Only plan managers can add boards.")
        initial = {}
    form = BoardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partnership = (
            board.partnership if board else permissions.membership(request.user).organisation.partnership
        )
        try:
            services.board_save(
                user=request.user, partnership=partnership, name=data["name"], chair=data["chair"],
                meeting_dates=data["meeting_dates"], board=board, source="web",
            )  # fmt: skip
        except ValidationError as exc:
            form.add_error("name", " ".join(_errors(exc)))
        else:
            messages.success(request, f"Board “{data['name']}” saved")
            return redirect("delivery:boards")
    return render(request, "delivery/board_form.html", {"board": board, "form": form})


@login_required
def tracker_export(request, slug):
    plan = selectors.plan(user=request.user, slug=slug)
    content = excel.export_tracker(user=request.user, plan=plan)
    response = FileResponse(
        content, as_attachment=True, filename=f"{plan.slug}-tracker.xlsx", content_type=excel.XLSX_MIME
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def tracker_import(request, slug):
    plan = selectors.plan(user=request.user, slug=slug)
    if not permissions.can_deliver_any(request.user):
        raise PermissionDenied("Only people who write updates can import them.")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        result = excel.import_updates(
            user=request.user, plan=plan, file=form.cleaned_data["file"], source="web"
        )
        if result.errors:
            problems = result.errors
            form.add_error(
                "file",
                f"Nothing was imported: the spreadsheet has {len(result.errors)} problem(s), listed below",
            )
        else:
            messages.success(
                request,
                f"{result.created} updates added, {result.changed} changed, {result.unchanged} unchanged",
            )
            return redirect(reverse("delivery:tracker", kwargs={"slug": plan.slug}))
    return render(request, "delivery/import.html", {"plan": plan, "form": form, "problems": problems})

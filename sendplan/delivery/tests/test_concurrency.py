"""No lost work: the second save of a stale version is refused and both versions can be seen."""

import pytest

from sendplan.delivery import services
from sendplan.delivery.models import Update

pytestmark = pytest.mark.django_db


def test_second_save_of_a_stale_version_is_refused(world):
    lead, contributor = world.users["lead"], world.users["contributor"]
    update = services.update_create(user=lead, action=world.own, period_key=services.current_month_key())
    read_by_both = update.version
    services.update_change(user=lead, update=update, version=read_by_both, narrative="Lead's words")
    with pytest.raises(services.Conflict) as refused:
        services.update_change(
            user=contributor, update=update, version=read_by_both, narrative="Contributor's words"
        )
    assert refused.value.current["narrative"] == "Lead's words"
    assert refused.value.yours["narrative"] == "Contributor's words"
    stored = Update.objects.get(pk=update.pk)
    assert stored.narrative == "Lead's words" and stored.version == read_by_both + 1
    assert [v.data["narrative"] for v in stored.versions.order_by("version")] == ["", "Lead's words"]


def test_stale_ownership_version_is_refused(world):
    manager = world.users["manager"]
    version = world.own.ownership.version
    services.ownership_set(user=manager, action=world.own, senior_sponsor="A", version=version)
    with pytest.raises(services.Conflict):
        services.ownership_set(user=manager, action=world.own, senior_sponsor="B", version=version)
    world.own.ownership.refresh_from_db()
    assert world.own.ownership.senior_sponsor == "A"


@pytest.mark.parametrize(
    "state, verb, message",
    [
        ("approved", "return", "An approved update cannot be returned."),
        ("approved", "approve", "An approved update cannot be approved."),
        ("draft", "approve", "A draft update cannot be approved."),
    ],
)
def test_wrong_state_messages_read_as_english(world, state, verb, message):
    update = services.update_create(
        user=world.users["lead"], action=world.own, period_key=services.current_month_key(), submit=True
    )
    if state == "approved":
        update = services.update_approve(user=world.users["manager"], update=update)
    else:
        update.state = state
        update.save()
    review = services.update_approve if verb == "approve" else services.update_return
    extra = {"comment": "why"} if verb == "return" else {}
    with pytest.raises(services.Conflict) as caught:
        review(user=world.users["admin"], update=update, **extra)
    assert caught.value.message == message

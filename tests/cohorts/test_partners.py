"""Partners through the pages: propose (cross-department, no repeats of an earlier cohort), swap before
publishing, publish; then each member sees their partner and nothing can be reshuffled."""

from __future__ import annotations

import pytest

from ripple.cohorts import actions
from ripple.cohorts.models import Partner
from tests.cohorts.conftest import add_members, make_cohort
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def _groups(cohort):
    groups: dict[int, set[int]] = {}
    for person_id, group in Partner.objects.filter(cohort=cohort).values_list("person_id", "group"):
        groups.setdefault(group, set()).add(person_id)
    return sorted(frozenset(g) for g in groups.values())


def test_propose_swap_publish_and_members_see_their_partner(client, fay):
    cohort = make_cohort(fay, week=1)
    a, b, c, d = add_members(cohort, 4, departments=2)  # Dept 0, 1, 0, 1
    client.force_login(a)
    assert client.get(f"/cohorts/{cohort.pk}/partners/").status_code == 403
    client.force_login(fay)
    client.post(f"/cohorts/{cohort.pk}/partners/", {"step": "propose"})
    groups = _groups(cohort)
    assert len(groups) == 2
    dept = {p.pk: p.department_id for p in (a, b, c, d)}
    assert all(len({dept[x] for x in g}) == 2 for g in groups)  # both pairs cross departments
    first = next(iter(groups[0]))
    second = next(iter(groups[1]))
    client.post(f"/cohorts/{cohort.pk}/partners/", {"step": "swap", "first": first, "second": second})
    assert _groups(cohort) != groups
    client.force_login(a)
    assert "Your partner" not in client.get(f"/cohorts/{cohort.pk}/").content.decode()  # not yet published
    client.force_login(fay)
    client.post(f"/cohorts/{cohort.pk}/partners/", {"step": "publish"})
    final = _groups(cohort)
    mate = next(x for g in final if a.pk in g for x in g if x != a.pk)
    client.force_login(a)
    page = client.get(f"/cohorts/{cohort.pk}/").content.decode()
    assert "Your partner" in page and UserFactory._meta.model.objects.get(pk=mate).name in page
    client.force_login(fay)
    response = client.post(f"/cohorts/{cohort.pk}/partners/", {"step": "propose"}, follow=True)
    assert "published" in response.content.decode() and _groups(cohort) == final


def test_earlier_cohort_partners_are_avoided(fay):
    dept = DepartmentFactory(name="Same")
    people = [UserFactory(department=dept) for _ in range(4)]
    first = make_cohort(fay, week=1, name="First")
    for p in people:
        actions.join(actor=p, cohort=first)
    actions.pairing_propose(actor=fay, cohort=first, seed=3)
    actions.pairing_publish(actor=fay, cohort=first)
    before = set(_groups(first))
    second = make_cohort(fay, week=1, name="Second")
    for p in people:
        actions.join(actor=p, cohort=second)
    for seed in range(5):
        actions.pairing_propose(actor=fay, cohort=second, seed=seed)
        assert not set(_groups(second)) & before


def test_swap_refuses_bad_choices(fay):
    cohort = make_cohort(fay, week=1)
    people = add_members(cohort, 4)
    groups = actions.pairing_propose(actor=fay, cohort=cohort, seed=1)
    with pytest.raises(Exception, match="already partners"):
        actions.pairing_swap(actor=fay, cohort=cohort, first=groups[0][0], second=groups[0][1])
    with pytest.raises(Exception, match="two different people"):
        actions.pairing_swap(actor=fay, cohort=cohort, first=people[0].pk, second=fay.pk)

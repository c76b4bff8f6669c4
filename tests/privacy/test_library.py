"""The prompt library: a department-only or private prompt (or collection) is invisible to everyone else.

Alicia (department Alpha) owns the hidden things; Bruno is her department colleague (the positive
control: he may see the department prompt, so a test that finds nothing for Carla is not vacuous);
Carla works in department Beta and must never find them — not on a page, in the API, a search
snippet, an export, a collection, a fork's "forked from" line, a lineage tree, or an import preview.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from ripple.library import actions
from ripple.library.models import Collection, CollectionItem, Prompt, Rating, Reuse, Suggestion
from ripple.people import actions as people_actions
from ripple.people.models import Role
from tests.factories import DepartmentFactory, UserFactory
from tests.library.factories import make_prompt

pytestmark = pytest.mark.django_db

DEPT_TITLE = "Zanzibar quarterly forecast"
DEPT_WORD = "xylophonic"
PRIVATE_TITLE = "Quokka salary negotiation"
PRIVATE_WORD = "quokkaphrase"
OWNER = "Alicia Ownerova"


@pytest.fixture
def alpha(db):
    return DepartmentFactory(name="Alpha Finance")


@pytest.fixture
def beta(db):
    return DepartmentFactory(name="Beta Sales")


@pytest.fixture
def alicia(alpha):
    return UserFactory(name=OWNER, email="alicia@example.org", department=alpha)


@pytest.fixture
def bruno(alpha):
    return UserFactory(name="Bruno Colleague", email="bruno@example.org", department=alpha)


@pytest.fixture
def carla(beta):
    return UserFactory(name="Carla Outsider", email="carla@example.org", department=beta)


@pytest.fixture
def dept_prompt(alicia, alpha):
    return make_prompt(
        alicia,
        title=DEPT_TITLE,
        body=f"Forecast the {DEPT_WORD} revenue for {{{{region}}}} this quarter.",
        purpose="Alpha-only forecasting.",
        visibility="department",
        department=alpha,
    )


@pytest.fixture
def private_prompt(alicia):
    return make_prompt(
        alicia,
        title=PRIVATE_TITLE,
        body=f"Draft my {PRIVATE_WORD} reply to {{{{manager}}}}.",
        purpose="Only for me.",
        visibility="private",
    )


def _client(person) -> Client:
    c = Client()
    c.force_login(person)
    return c


def _bearer(person) -> dict[str, str]:
    _token, raw = people_actions.token_create(user=person, name="privacy")
    return {"Authorization": f"Bearer {raw}"}


def _text(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _hidden_from(text: str) -> bool:
    return all(word not in text for word in (DEPT_TITLE, DEPT_WORD, PRIVATE_TITLE, PRIVATE_WORD))


# --- pages and API: 404 for one who may not see -------------------------------------------------


PAGE_GETS = ["prompt", "prompt_edit", "prompt_history", "prompt_lineage", "suggestion_new", "prompt_fork"]
PAGE_POSTS = ["prompt_fork", "prompt_reuse", "prompt_rate", "suggestion_new", "prompt_edit"]


@pytest.mark.parametrize("name", PAGE_GETS)
@pytest.mark.parametrize("which", ["dept_prompt", "private_prompt"])
def test_prompt_pages_404_for_outsider(request, carla, bruno, name, which):
    prompt = request.getfixturevalue(which)
    response = _client(carla).get(reverse(f"library:{name}", args=[prompt.pk]))
    assert response.status_code == 404
    assert _hidden_from(response.content.decode())


@pytest.mark.parametrize("name", PAGE_GETS)
def test_private_prompt_pages_404_even_for_department_colleague_and_admin(private_prompt, bruno, alpha, name):
    admin = UserFactory(name="Ada Admin", role=Role.ADMIN, department=alpha)
    for person in (bruno, admin):
        assert _client(person).get(reverse(f"library:{name}", args=[private_prompt.pk])).status_code == 404


def test_department_prompt_page_is_visible_to_the_department(dept_prompt, bruno):
    assert _client(bruno).get(reverse("library:prompt", args=[dept_prompt.pk])).status_code == 200


@pytest.mark.parametrize("name", PAGE_POSTS)
def test_prompt_writes_404_for_outsider_and_change_nothing(dept_prompt, carla, name):
    data = {
        "minutes_saved": "25",
        "note": "x",
        "stars": "5",
        "comment": "great",
        "title": "Stolen",
        "body": "Stolen body",
        "purpose": "",
        "check_output": "",
        "visibility": "everyone",
        "tools": "ChatGPT",
    }
    response = _client(carla).post(reverse(f"library:{name}", args=[dept_prompt.pk]), data)
    assert response.status_code == 404
    dept_prompt.refresh_from_db()
    assert dept_prompt.title == DEPT_TITLE and dept_prompt.version == 1
    assert Prompt.objects.count() == 1  # no fork
    assert not Reuse.objects.exists() and not Rating.objects.exists() and not Suggestion.objects.exists()


def test_suggestion_pages_404_for_outsider(dept_prompt, bruno, carla):
    suggestion = actions.suggestion_create(
        actor=bruno, prompt=dept_prompt, title=DEPT_TITLE, body=dept_prompt.body + " Please.", note="tweak"
    )
    url = reverse("library:suggestion", args=[dept_prompt.pk, suggestion.pk])
    outsider = _client(carla)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"decision": "accept", "response": ""}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "open"


def test_suggestion_accept_decline_by_non_owner_is_refused(dept_prompt, bruno, alpha):
    """A colleague who can see the prompt, but does not own it, cannot resolve its suggestions."""
    colleague = UserFactory(name="Dora Colleague", department=alpha)
    suggestion = actions.suggestion_create(
        actor=bruno, prompt=dept_prompt, title=DEPT_TITLE, body=dept_prompt.body + " Please."
    )
    url = reverse("library:suggestion", args=[dept_prompt.pk, suggestion.pk])
    for decision in ("accept", "decline"):
        assert _client(colleague).post(url, {"decision": decision, "response": ""}).status_code == 403
    for decision in ("accept", "decline"):
        response = Client().post(
            f"/api/v1/suggestions/{suggestion.pk}/{decision}", {}, content_type="application/json",
            headers=_bearer(colleague),
        )  # fmt: skip
        assert response.status_code == 403
    suggestion.refresh_from_db()
    dept_prompt.refresh_from_db()
    assert suggestion.status == "open" and dept_prompt.version == 1


@pytest.mark.parametrize("decision", ["accept", "decline"])
def test_suggestion_api_on_a_prompt_the_outsider_cannot_see_is_404(dept_prompt, bruno, carla, decision):
    suggestion = actions.suggestion_create(
        actor=bruno, prompt=dept_prompt, title=DEPT_TITLE, body=dept_prompt.body + " Please."
    )
    response = Client().post(
        f"/api/v1/suggestions/{suggestion.pk}/{decision}",
        {},
        content_type="application/json",
        headers=_bearer(carla),
    )
    assert response.status_code == 404 and DEPT_TITLE not in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == "open"


def test_deleted_prompt_disappears_everywhere(dept_prompt, alicia, bruno):
    """Deleting keeps the row for lineage, but the prompt is gone from pages, API, search and exports."""
    url = dept_prompt.get_absolute_url()
    assert _client(bruno).get(url).status_code == 200
    assert Client().delete(f"/api/v1/prompts/{dept_prompt.pk}", headers=_bearer(bruno)).status_code == 403
    assert Client().delete(f"/api/v1/prompts/{dept_prompt.pk}", headers=_bearer(alicia)).status_code == 204
    for person in (alicia, bruno):
        assert _client(person).get(url).status_code == 404
        assert Client().get(f"/api/v1/prompts/{dept_prompt.pk}", headers=_bearer(person)).status_code == 404
        listed = Client().get("/api/v1/prompts", {"q": "Zanzibar"}, headers=_bearer(person)).json()
        assert listed["items"] == []
        exported = _text(_client(person).get(reverse("library:export"), {"format": "json"}))
        assert DEPT_TITLE not in exported
    assert Prompt.objects.filter(pk=dept_prompt.pk).exists()


def test_suggestion_id_of_another_prompt_is_404(dept_prompt, alicia, bruno):
    """A suggestion id is only found under its own prompt (no resolving it through a prompt you own)."""
    mine = make_prompt(bruno, title="Bruno's own", body="Own body")
    suggestion = actions.suggestion_create(
        actor=bruno, prompt=dept_prompt, title=DEPT_TITLE, body=dept_prompt.body + " Please."
    )
    url = reverse("library:suggestion", args=[mine.pk, suggestion.pk])
    assert _client(bruno).post(url, {"decision": "accept", "response": ""}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.status == "open"


API_GETS = ["", "/versions", "/suggestions"]


@pytest.mark.parametrize("suffix", API_GETS)
@pytest.mark.parametrize("which", ["dept_prompt", "private_prompt"])
def test_prompt_api_reads_404_for_outsider(request, carla, suffix, which):
    prompt = request.getfixturevalue(which)
    response = Client().get(f"/api/v1/prompts/{prompt.pk}{suffix}", headers=_bearer(carla))
    assert response.status_code == 404
    assert _hidden_from(response.content.decode())


@pytest.mark.parametrize(
    ("method", "suffix", "payload"),
    [
        ("patch", "", {"title": "Stolen"}),
        ("post", "/fork", {}),
        ("post", "/reuses", {"minutes_saved": 10}),
        ("put", "/rating", {"stars": 5}),
        ("post", "/suggestions", {"body": "Stolen"}),
        ("delete", "", None),
    ],
)
def test_prompt_api_writes_404_for_outsider_and_change_nothing(dept_prompt, carla, method, suffix, payload):
    send = getattr(Client(), method)
    url = f"/api/v1/prompts/{dept_prompt.pk}{suffix}"
    response = send(url, payload, content_type="application/json", headers=_bearer(carla))
    assert response.status_code == 404
    dept_prompt.refresh_from_db()
    assert dept_prompt.title == DEPT_TITLE and dept_prompt.version == 1 and dept_prompt.deleted_at is None
    assert Prompt.objects.count() == 1
    assert not Reuse.objects.exists() and not Rating.objects.exists() and not Suggestion.objects.exists()


# --- lists, search, snippets ---------------------------------------------------------------------


def _names_none(text: str, *prompts: Prompt) -> bool:
    """Neither the title, the purpose, nor the address of any of `prompts` is in `text` (the search
    words themselves are echoed back in the search box, so they are not what to look for)."""
    return all(
        p.title not in text and p.purpose not in text and f'"{p.get_absolute_url()}"' not in text
        for p in prompts
    )


def test_library_list_and_search_hide_prompts(dept_prompt, private_prompt, bruno, carla):
    outsider = _client(carla)
    for params in ({}, {"q": DEPT_WORD}, {"q": PRIVATE_WORD}, {"q": "forecast"}, {"sort": "new"}):
        page = outsider.get(reverse("library:index"), params)
        assert page.status_code == 200 and _names_none(page.content.decode(), dept_prompt, private_prompt)
        partial = outsider.get(
            reverse("library:index"), params, headers={"HX-Request": "true", "HX-Target": "results"}
        )
        assert _names_none(partial.content.decode(), dept_prompt, private_prompt), params
        assert "<mark>" not in partial.content.decode(), params
    # The department colleague finds it (the same search is not simply broken).
    assert DEPT_TITLE in _client(bruno).get(reverse("library:index"), {"q": DEPT_WORD}).content.decode()


def test_library_department_filter_does_not_reveal_other_departments_prompts(dept_prompt, alpha, carla):
    page = _client(carla).get(reverse("library:index"), {"department": alpha.pk})
    assert _hidden_from(page.content.decode())


def test_api_list_and_search_with_snippets_hide_prompts(dept_prompt, private_prompt, bruno, carla):
    headers = _bearer(carla)
    for params in ({}, {"search": DEPT_WORD}, {"search": PRIVATE_WORD}, {"search": "forecast revenue"}):
        response = Client().get("/api/v1/prompts", params, headers=headers)
        assert response.status_code == 200
        assert response.json()["items"] == [], params
    found = Client().get("/api/v1/prompts", {"search": DEPT_WORD}, headers=_bearer(bruno)).json()["items"]
    assert [p["title"] for p in found] == [DEPT_TITLE] and DEPT_WORD in found[0]["snippet"]


# --- exports: page, API, CLI ----------------------------------------------------------------------


def _unzip(raw: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return "\n".join(archive.read(name).decode() for name in archive.namelist())


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown"])
def test_exports_leave_out_prompts_the_viewer_may_not_see(dept_prompt, private_prompt, bruno, carla, fmt):
    make_prompt(carla, title="Carla's open prompt", body="Open body")
    page = _client(carla).get(reverse("library:export"), {"format": fmt})
    api = Client().get("/api/v1/prompts/export", {"format": fmt}, headers=_bearer(carla))
    for response in (page, api):
        assert response.status_code == 200
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        text = _unzip(raw) if fmt == "markdown" else raw.decode()
        assert "Carla's open prompt" in text or "Carla" in text
        assert _hidden_from(text)
    # The colleague's export has the department prompt but not the private one.
    raw = b"".join(_client(bruno).get(reverse("library:export"), {"format": fmt}).streaming_content)
    text = _unzip(raw) if fmt == "markdown" else raw.decode()
    assert DEPT_WORD in text and PRIVATE_WORD not in text


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cli_export_as_outsider_and_as_nobody_leaves_out_hidden_prompts(
    dept_prompt, private_prompt, carla, fmt
):
    for extra in (["--as", carla.email], []):
        out = io.StringIO()
        call_command("export_prompts", "--format", fmt, *extra, stdout=out, stderr=io.StringIO())
        assert _hidden_from(out.getvalue()), extra


def test_cli_markdown_export_as_outsider(dept_prompt, private_prompt, carla, tmp_path):
    target = tmp_path / "out.zip"
    call_command(
        "export_prompts", "--format", "markdown", "--as", carla.email, "-o", str(target), stderr=io.StringIO()
    )
    assert _hidden_from(_unzip(target.read_bytes()))


def test_export_mine_is_only_my_own(dept_prompt, bruno):
    text = _text(_client(bruno).get(reverse("library:export"), {"format": "json", "mine": "1"}))
    assert DEPT_TITLE not in text


# --- collections ---------------------------------------------------------------------------------


def test_private_and_department_collections_404_for_outsider(alicia, alpha, carla):
    private = actions.collection_create(actor=alicia, title="Alicia's secret stash", visibility="private")
    dept = actions.collection_create(actor=alicia, title="Alpha starter pack", visibility="department")
    outsider = _client(carla)
    for collection in (private, dept):
        assert outsider.get(reverse("library:collection", args=[collection.pk])).status_code == 404
        assert outsider.get(reverse("library:collection_edit", args=[collection.pk])).status_code == 404
    listing = outsider.get(reverse("library:collections")).content.decode()
    assert "secret stash" not in listing and "Alpha starter pack" not in listing


def test_public_collection_does_not_show_the_hidden_prompts_it_contains(
    dept_prompt, private_prompt, alicia, carla
):
    collection = actions.collection_create(actor=alicia, title="Everyone's pack")
    visible = make_prompt(alicia, title="An open prompt", body="Open to all")
    for prompt in (dept_prompt, private_prompt, visible):
        actions.collection_add(actor=alicia, collection=collection, prompt=prompt)
    page = _client(carla).get(reverse("library:collection", args=[collection.pk])).content.decode()
    assert "An open prompt" in page
    assert _hidden_from(page)
    assert "1 prompt" in page and "3 prompts" not in page


def test_collections_list_count_only_counts_visible_prompts(dept_prompt, private_prompt, alicia, carla):
    collection = actions.collection_create(actor=alicia, title="Everyone's pack")
    visible = make_prompt(alicia, title="An open prompt", body="Open to all")
    for prompt in (dept_prompt, private_prompt, visible):
        actions.collection_add(actor=alicia, collection=collection, prompt=prompt)
    listing = _client(carla).get(reverse("library:collections")).content.decode()
    assert "3 prompts" not in listing


def test_cannot_add_a_hidden_prompt_to_my_collection(dept_prompt, carla):
    mine = actions.collection_create(actor=carla, title="Carla's pack")
    response = _client(carla).post(
        reverse("library:collection_add", args=[dept_prompt.pk]), {"collection": mine.pk}
    )
    assert response.status_code == 404
    assert not CollectionItem.objects.exists()


def test_cannot_change_someone_elses_collection(alicia, carla):
    theirs = actions.collection_create(actor=alicia, title="Alicia's pack")
    prompt = make_prompt(alicia, title="Open", body="Open body")
    actions.collection_add(actor=alicia, collection=theirs, prompt=prompt)
    outsider = _client(carla)
    remove = outsider.post(reverse("library:collection_remove", args=[theirs.pk, prompt.pk]))
    edit = outsider.post(
        reverse("library:collection_edit", args=[theirs.pk]),
        {"title": "Hijacked", "description": "", "visibility": "everyone"},
    )
    add = outsider.post(reverse("library:collection_add", args=[prompt.pk]), {"collection": theirs.pk})
    assert (remove.status_code, edit.status_code, add.status_code) == (403, 403, 403)
    theirs.refresh_from_db()
    assert theirs.title == "Alicia's pack" and CollectionItem.objects.count() == 1


def test_cannot_add_to_a_collection_i_cannot_see(alicia, carla):
    hidden = actions.collection_create(actor=alicia, title="Alicia's secret stash", visibility="private")
    prompt = make_prompt(carla, title="Carla's", body="Carla body")
    response = _client(carla).post(
        reverse("library:collection_add", args=[prompt.pk]), {"collection": hidden.pk}
    )
    assert response.status_code == 404
    assert not Collection.objects.filter(items__isnull=False).exists()


# --- forks and lineage ---------------------------------------------------------------------------


@pytest.fixture
def widened_fork(dept_prompt, bruno):
    """Bruno forks the Alpha-only prompt under a new title, then shares his fork with everyone."""
    fork = actions.prompt_fork(actor=bruno, prompt=dept_prompt, title="Bruno open variant")
    actions.prompt_update(actor=bruno, prompt=fork, visibility="everyone")
    return fork


def test_fork_of_a_department_prompt_stays_in_the_department(dept_prompt, bruno, carla):
    fork = actions.prompt_fork(actor=bruno, prompt=dept_prompt, title="Bruno's variant")
    assert _client(carla).get(reverse("library:prompt", args=[fork.pk])).status_code == 404


def test_fork_of_a_private_prompt_is_private(private_prompt, alicia, alpha):
    fork = actions.prompt_fork(actor=alicia, prompt=private_prompt, title="My second draft")
    colleague = UserFactory(department=alpha)
    assert _client(colleague).get(reverse("library:prompt", args=[fork.pk])).status_code == 404


def test_lineage_of_a_widened_fork_does_not_name_the_hidden_parent(widened_fork, dept_prompt, carla):
    page = _client(carla).get(reverse("library:prompt_lineage", args=[widened_fork.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bruno open variant" in text
    assert DEPT_TITLE not in text and reverse("library:prompt", args=[dept_prompt.pk]) not in text
    assert OWNER not in text


def test_widened_fork_page_does_not_name_the_hidden_parent(widened_fork, dept_prompt, carla):
    page = _client(carla).get(reverse("library:prompt", args=[widened_fork.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert DEPT_TITLE not in text
    assert reverse("library:prompt", args=[dept_prompt.pk]) not in text
    assert OWNER not in text


def test_widened_fork_api_does_not_name_the_hidden_parent(widened_fork, dept_prompt, carla):
    response = Client().get(f"/api/v1/prompts/{widened_fork.pk}", headers=_bearer(carla))
    assert response.status_code == 200
    assert response.json()["forked_from"] is None
    assert DEPT_TITLE not in response.content.decode()


def test_widened_fork_history_does_not_name_the_hidden_parent(widened_fork, carla):
    page = _client(carla).get(reverse("library:prompt_history", args=[widened_fork.pk]))
    api = Client().get(f"/api/v1/prompts/{widened_fork.pk}/versions", headers=_bearer(carla))
    assert page.status_code == 200 and api.status_code == 200
    assert DEPT_TITLE not in page.content.decode()
    assert DEPT_TITLE not in api.content.decode()


def test_widened_fork_in_list_and_search_does_not_carry_the_parent(widened_fork, carla):
    listing = Client().get("/api/v1/prompts", headers=_bearer(carla)).json()["items"]
    assert [p["title"] for p in listing] == ["Bruno open variant"]
    assert DEPT_TITLE not in json.dumps(listing)


# --- import: duplicate check, other people's upload tokens -----------------------------------------


def _upload(client: Client, rows: str):
    upload = SimpleUploadedFile("prompts.csv", rows.encode(), content_type="text/csv")
    return client.post(reverse("library:import"), {"file": upload, "format": "csv"})


def test_import_preview_does_not_match_prompts_the_importer_cannot_see(dept_prompt, private_prompt, carla):
    """Same title and text as a hidden prompt: it is new to Carla, not 'a duplicate of' anything."""
    rows = f'act,prompt\n"{DEPT_TITLE}","{dept_prompt.body}"\n"{PRIVATE_TITLE}","{private_prompt.body}"\n'
    response = _upload(_client(carla), rows)
    assert response.status_code == 200
    text = response.content.decode()
    assert "an existing prompt" not in text
    assert OWNER not in text
    assert reverse("library:prompt", args=[dept_prompt.pk]) not in text


def test_import_api_does_not_skip_rows_as_duplicates_of_hidden_prompts(dept_prompt, carla):
    rows = f'act,prompt\n"{DEPT_TITLE}","{dept_prompt.body}"\n'
    upload = SimpleUploadedFile("prompts.csv", rows.encode(), content_type="text/csv")
    response = Client().post("/api/v1/prompts/import", {"file": upload}, headers=_bearer(carla))
    assert response.status_code == 200
    assert response.json()["skipped"] == 0 and response.json()["created"] == 1


def test_import_confirm_or_cancel_with_someone_elses_token_is_404(alicia, carla):
    owner = _client(alicia)
    response = _upload(owner, 'act,prompt\n"Alicia import","Alicia body"\n')
    assert response.status_code == 200
    token = response.context["token"]  # the staged upload's id (it waits in the database)
    outsider = _client(carla)
    assert outsider.post(reverse("library:import_confirm", args=[token])).status_code == 404
    assert outsider.post(reverse("library:import_cancel", args=[token])).status_code == 404
    assert not Prompt.objects.exists()
    # The upload is still waiting for its owner.
    assert owner.post(reverse("library:import_confirm", args=[token])).status_code == 302
    assert Prompt.objects.get().owner == alicia


def test_private_prompt_api_is_404_for_admins_too(private_prompt, alpha):
    """Private means private: an admin can neither read nor change someone's private prompt."""
    admin = UserFactory(name="Ada Admin", role=Role.ADMIN, department=alpha)
    headers = _bearer(admin)
    assert Client().get(f"/api/v1/prompts/{private_prompt.pk}", headers=headers).status_code == 404
    patch = Client().patch(
        f"/api/v1/prompts/{private_prompt.pk}",
        {"title": "Curated"},
        content_type="application/json",
        headers=headers,
    )
    assert patch.status_code == 404
    private_prompt.refresh_from_db()
    assert private_prompt.title == PRIVATE_TITLE
    listing = Client().get("/api/v1/prompts", {"search": PRIVATE_WORD}, headers=headers).json()["items"]
    assert listing == []


def test_new_collection_cannot_start_with_a_hidden_prompt(dept_prompt, carla):
    response = _client(carla).post(
        reverse("library:collection_new"),
        {"title": "Sneaky", "description": "", "visibility": "everyone", "add_prompt": str(dept_prompt.pk)},
    )
    assert response.status_code == 404
    assert not Collection.objects.exists() and not CollectionItem.objects.exists()


def test_search_by_owner_name_does_not_find_hidden_prompts(dept_prompt, private_prompt, carla):
    response = Client().get("/api/v1/prompts", {"search": "Alicia Ownerova"}, headers=_bearer(carla))
    assert response.json()["items"] == []


def test_export_of_a_widened_fork_does_not_point_at_the_hidden_parent(widened_fork, dept_prompt, carla):
    text = _text(_client(carla).get(reverse("library:export"), {"format": "json"}))
    record = next(p for p in json.loads(text)["prompts"] if p["title"] == "Bruno open variant")
    assert record["forked_from"] is None


def test_fork_count_only_counts_forks_the_viewer_may_see(alicia, alpha, carla):
    public = make_prompt(alicia, title="Open original", body="Open body")
    colleague = UserFactory(department=alpha)
    for person, title in ((alicia, "Alicia private fork"), (colleague, "Colleague private fork")):
        fork = actions.prompt_fork(actor=person, prompt=public, title=title)
        actions.prompt_update(actor=person, prompt=fork, visibility="private")
    assert _client(carla).get(reverse("library:prompt", args=[fork.pk])).status_code == 404
    api = Client().get(f"/api/v1/prompts/{public.pk}", headers=_bearer(carla)).json()
    page = _client(carla).get(reverse("library:prompt", args=[public.pk])).content.decode()
    assert api["fork_count"] == 0
    assert "2 forks" not in page

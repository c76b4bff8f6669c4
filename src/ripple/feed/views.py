"""Sharing-space pages: the feed, posts, replies, reactions, kudos and moderation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ripple.core.api import INT_MAX, INT_MIN
from ripple.core.forms import apply_errors, error_text
from ripple.core.htmx import render_page, target_partial
from ripple.core.pagination import InvalidCursor
from ripple.core.widgets import Picker
from ripple.feed import access, actions, selectors, sensitive
from ripple.feed.forms import (
    KIND_HELP,
    NOT_YOUR_SPACE,
    SENSITIVE_FIELDS,
    EditPostForm,
    PostForm,
    PromoteForm,
    ReplyForm,
    ReportForm,
    RevealForm,
)
from ripple.feed.models import Emoji, ModerationAction, PostKind
from ripple.people import access as people_access
from ripple.people import selectors as people_selectors
from ripple.people.http import AuthedRequest
from ripple.spaces import links as space_links

FEED_PARTIALS = {"results": "results"}
TABS = [("new", "Newest"), ("hot", "Hot"), ("following", "Following"), ("unanswered", "Unanswered"),
        ("unsolved", "Unsolved"), ("for-me", "Questions I could answer")]  # fmt: skip


def _int(value: Any) -> int | None:
    """An id from the query string, or None (not a number, or past the database's 64-bit range)."""
    try:
        number = int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None
    return number if number is None or INT_MIN <= number <= INT_MAX else None


@require_GET
@login_required
def index(request: AuthedRequest) -> HttpResponse:
    tab = request.GET.get("tab", "new")
    if tab not in dict(TABS):
        tab = "new"
    kind, topic = request.GET.get("kind", ""), request.GET.get("topic", "")[:40]
    q, cursor = request.GET.get("q", "")[:200], request.GET.get("cursor") or None
    department_id, space_id = _int(request.GET.get("department")), _int(request.GET.get("space"))
    could_answer: list[Any] = []
    try:
        if tab in ("unanswered", "unsolved"):
            listing = selectors.unanswered_page if tab == "unanswered" else selectors.unsolved_page
            page = listing(viewer=request.user, space_id=space_id, cursor=cursor)
        elif tab == "for-me":
            page = None
            could_answer = selectors.questions_i_could_answer(viewer=request.user, space_id=space_id)
        else:
            page = selectors.feed_page(
                viewer=request.user, sort="hot" if tab == "hot" else "new", kind=kind, topic=topic,
                department_id=department_id, space_id=space_id, following=tab == "following", search_text=q,
                cursor=cursor,
            )  # fmt: skip
    except InvalidCursor:
        return redirect("feed:index")
    posts = page.items if page is not None else could_answer
    snippets = selectors.search_snippets(posts, q) if q.strip() else {}
    for post in posts:
        post.snippet = snippets.get(post.pk, "")  # type: ignore[union-attr]
    context = {
        "page": page, "posts": posts, "tab": tab, "tabs": TABS, "kind": kind, "topic": topic, "q": q,
        "department_id": department_id, "space_id": space_id, "kinds": PostKind.choices,
        "departments": people_selectors.departments(),
        "filtered": bool(kind or topic or q or department_id or space_id),
        # HTMX swaps #results only: the response also carries the tabs (out of band), whose links keep
        # the community picked, so "Unsolved" after a filter stays in that community.
        "fragment": target_partial(request, FEED_PARTIALS) is not None,
    }  # fmt: skip
    return render_page(
        request, "feed/index.html", context, partials=FEED_PARTIALS,
        page_context=lambda: {
            "recent_kudos": selectors.recent_kudos(),
            # The community filter is in the page, not the fragment: one query, in this request.
            "spaces": selectors.readable_spaces(viewer=request.user),
            "communities_url": space_links.directory_url("community"),
        },
    )  # fmt: skip


def _kind_choice(request: AuthedRequest) -> str:
    kind = request.GET.get("kind", "") or request.POST.get("kind", "")
    return kind if kind in PostKind.values else "win"


@require_http_methods(["GET", "POST"])
@login_required
def post_new(request: AuthedRequest) -> HttpResponse:
    kind = _kind_choice(request)
    initial = {"kind": kind, "department": request.user.department_id, "space": request.GET.get("space", "")}
    spaces = selectors.spaces_to_post_in(viewer=request.user)
    form = PostForm(request.POST or None, initial=initial, spaces=spaces, viewer=request.user)
    if isinstance(picker := form.fields["prompt_ids"].widget, Picker):  # chips name only prompts one may see
        picker.labels = lambda ids: selectors.prompt_titles(viewer=request.user, ids=ids)
    findings: list[sensitive.Finding] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        findings = sensitive.summary([str(data.get(f) or "") for f in SENSITIVE_FIELDS])
        choice = request.POST.get("sensitive", "")
        if findings and choice == "redact":
            for f in SENSITIVE_FIELDS:
                data[f] = sensitive.redact(str(data.get(f) or ""))
            findings = []
        if not findings:  # otherwise the form again, with the warning's two choices: redact, or edit
            try:
                post = actions.post_create(actor=request.user, **data)
            except ValidationError as exc:
                apply_errors(form, exc)
            except PermissionDenied:  # left the space since the form was checked: nothing is saved
                form.add_error("space", NOT_YOUR_SPACE)
            else:
                messages.success(request, "Posted. Thanks for sharing!")
                return redirect(post)
    context = {"form": form, "kind": kind, "help": KIND_HELP[kind], "findings": findings}
    context["kinds"] = PostKind.choices
    return render(request, "feed/post_form.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def check_sensitive(request: AuthedRequest) -> HttpResponse:
    """HTMX: the warning shown under the form while typing."""
    findings = sensitive.summary([request.POST.get(f, "")[:25000] for f in SENSITIVE_FIELDS])
    return render(request, "feed/post_form.html#sensitive", {"findings": findings})


@require_GET
@login_required
def similar(request: AuthedRequest) -> HttpResponse:
    """HTMX: questions already asked that look like the title being typed."""
    title = request.GET.get("title", "")[:200]
    results = selectors.similar_questions(viewer=request.user, title=title) if len(title.strip()) >= 4 else []
    return render(request, "feed/post_form.html#similar", {"similar": results, "title": title})


@require_GET
@login_required
def mention_people(request: AuthedRequest) -> HttpResponse:
    """HTMX: people matching the @name being typed."""
    people = selectors.people_for_mention(prefix=request.GET.get("q", "")[:60])
    return render(
        request, "feed/post_detail.html#mentions", {"people": [(p, actions.handle_of(p)) for p in people]}
    )


def _post_context(request: AuthedRequest, post: Any, reply_form: ReplyForm | None = None) -> dict[str, Any]:
    user = request.user
    selectors.present([post], user)
    return {
        "post": post,
        "threads": selectors.post_threads(viewer=user, post=post),
        "reactions": selectors.reaction_summary(post, user),
        "following": selectors.is_following(post, user),
        "reply_form": reply_form or ReplyForm(),
        "can_edit": access.can_edit(user, post),
        "can_delete": access.can_delete(user, post),
        "can_accept": access.can_accept(user, post),
        "can_reply": access.can_reply(user, post),
        "can_moderate": access.can_moderate(user),
        "can_promote": actions.promotable(post)
        and not post.promoted_prompt_id
        and not post.anonymous
        and access.can_promote(user, post),
        "report_form": ReportForm(),
        "linked_prompts": selectors.linked_prompts(viewer=user, post=post),
    }


@require_GET
@login_required
def post_detail(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    return render(request, "feed/post_detail.html", _post_context(request, post))


@require_http_methods(["GET", "POST"])
@login_required
def post_edit(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    access.require(access.can_edit(request.user, post), "Only the author can edit this post.")
    fields = (
        "title",
        "body",
        "tool",
        "minutes_saved",
        "fail_asked",
        "fail_wrong",
        "fail_noticed",
        "fail_lesson",
    )
    initial = {f: getattr(post, f) for f in fields}
    initial["department"] = post.department_id
    initial["topics"] = ", ".join(post.topics.values_list("name", flat=True))
    form = EditPostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.post_update(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Your changes are saved; the previous version is kept in the history.")
            return redirect(post)
    return render(
        request,
        "feed/post_edit.html",
        {"form": form, "post": post, "revisions": selectors.revisions(post)},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
def post_delete(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    actions.post_delete(actor=request.user, post=post)
    messages.success(request, "The post is deleted. An admin can restore it if needed.")
    return redirect("feed:index")


@require_POST
@login_required
def reply_create(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = access.access_reply(request.user, post, form.cleaned_data["parent"])
        try:
            reply = actions.reply_create(
                actor=request.user, post=post, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return redirect(f"{post.get_absolute_url()}#reply-{reply.pk}")
    return render(request, "feed/post_detail.html", _post_context(request, post, form), status=400)


@require_POST
@login_required
def react(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    emoji = request.POST.get("emoji", "")
    if emoji not in Emoji.values:
        return HttpResponse("Choose one of the reactions shown.", status=400)
    actions.reaction_toggle(actor=request.user, post=post, emoji=emoji)
    if target_partial(request, {"reactions": "reactions"}):  # HTMX: the buttons again, else the page
        return render(
            request, "feed/post_detail.html#reactions",
            {"post": post, "reactions": selectors.reaction_summary(post, request.user)},
        )  # fmt: skip
    return redirect(post)


@require_POST
@login_required
def follow(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    on = request.POST.get("on", "1") == "1"
    actions.post_follow(actor=request.user, post=post, on=on)
    messages.success(request, "You follow this post." if on else "You no longer follow this post.")
    return redirect(post)


@require_POST
@login_required
def accept(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    reply = access.access_reply(request.user, post, request.POST.get("reply_id"))
    try:
        actions.answer_accept(actor=request.user, post=post, reply=reply)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Answer accepted. Thank you for closing the loop!")
    return redirect(post)


@require_POST
@login_required
def report(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        actions.post_report(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        messages.success(request, "Thanks — a facilitator will look at it.")
    else:
        messages.error(request, "Say what is wrong with this post.")
    return redirect(post)


@require_POST
@login_required
def moderate(request: AuthedRequest, post_id: int) -> HttpResponse:
    post = access.access_post(request.user, post_id)
    action = request.POST.get("action", "")
    try:
        actions.post_moderate(actor=request.user, post=post, action=action, note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"{ModerationAction(action).label} the post.")
    return redirect(post)


@require_http_methods(["GET", "POST"])
@login_required
def reveal(request: AuthedRequest, post_id: int) -> HttpResponse:
    access.require(access.can_reveal(request.user), "Only admins can see who wrote an anonymous post.")
    post = access.access_post(request.user, post_id)
    if not post.anonymous:
        raise Http404("This post is not anonymous.")
    form = RevealForm(request.POST or None)
    author = None
    if request.method == "POST" and form.is_valid():
        author = actions.author_reveal(actor=request.user, post=post, reason=form.cleaned_data["reason"])
    return render(request, "feed/reveal.html", {"post": post, "form": form, "author": author})


@require_http_methods(["GET", "POST"])
@login_required
def promote(request: AuthedRequest, post_id: int) -> HttpResponse:
    """The prompt form prefilled from the post (GET); the prompt is created when the promoter saves."""
    post = access.access_post(request.user, post_id)
    access.require(
        access.can_promote(request.user, post), "Only the author or a facilitator can promote this."
    )
    if refusal := actions.promotion_refusal(post):  # before the form: an anonymous author is never shown
        messages.error(request, refusal)
        return redirect(post)
    draft = selectors.promotion_draft(post)
    form = PromoteForm({**draft, **request.POST.dict()} if request.method == "POST" else None, initial=draft)
    if request.method == "POST" and form.is_valid():
        try:
            prompt = actions.post_promote(actor=request.user, post=post, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Promoted to the library, with the author credited.")
            return redirect(prompt)
    return render(
        request, "feed/promote.html", {"form": form, "post": post}, status=400 if form.errors else 200
    )


# --- kudos --------------------------------------------------------------------------------------


@require_GET
@login_required
def person(request: AuthedRequest, person_id: int) -> HttpResponse:
    """HTMX, on profiles: kudos the person received and their recent (never anonymous) posts."""
    who = people_access.access_person(request.user, person_id)
    context = {
        "person": who,
        "kudos": selectors.kudos_page(person=who, size=5).items,
        "posts": selectors.recent_posts_by(viewer=request.user, author=who),
    }
    return render(request, "feed/person.html", context)


@require_GET
@login_required
def digest(request: AuthedRequest) -> HttpResponse:
    """The digest moved to the notifications app (it has every app's sections); old links still work."""
    return redirect("notifications:digest", permanent=True)


@require_GET
@login_required
def moderation(request: AuthedRequest) -> HttpResponse:
    access.require(access.can_moderate(request.user), "Only facilitators and admins can moderate.")
    return render(
        request, "feed/moderation.html",
        {"reports": selectors.open_reports(request.user), "log": selectors.moderation_log(),
         "removed": selectors.removed_posts(viewer=request.user)},
    )  # fmt: skip


@require_GET
@login_required
def topics(request: AuthedRequest) -> HttpResponse:
    """Topics people post about, to follow (new posts in a followed topic arrive in the inbox)."""
    return render(request, "feed/topics.html", {"topics": selectors.topics_to_follow(request.user)})


@require_POST
@login_required
def topic_follow(request: AuthedRequest) -> HttpResponse:
    """Follow or stop following one topic (`topic`, `on=1|0`); HTMX gets the topic's row back."""
    name = request.POST.get("topic", "")[:40]
    on = request.POST.get("on") == "1"
    try:
        topic = actions.topic_follow(actor=request.user, topic_name=name, on=on)
    except ValidationError as exc:
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(error_text(exc), status=400)
        messages.error(request, error_text(exc))
        return redirect("feed:topics")
    if request.headers.get("HX-Request") == "true":
        return render(request, "feed/topics.html#topic", {"t": selectors.topic_card(request.user, topic.pk)})
    messages.success(request, f"{'Following' if on else 'No longer following'} #{topic.name}.")
    return redirect("feed:topics")

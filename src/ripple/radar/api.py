"""Conversation-radar endpoints under /api/v1/radar (admins only; anyone else gets 404): the same
access rules, actions and selectors as the pages."""

from __future__ import annotations

from typing import Any

from ninja import Query, Router, Schema

from ripple.core import uploads
from ripple.core.api import ErrorOut, Id, Page, clamp, errors
from ripple.people.http import AuthedRequest
from ripple.radar import access, actions, selectors, slack
from ripple.radar.models import ChatIdentity, HarvestCandidate, HarvestStatus, SlackImport
from ripple.radar.schemas import ApproveIn, CandidateOut, ConnectorOut, PocketOut, SlackImportOut

router = Router(tags=["radar"])


def _import_out(job: SlackImport) -> dict[str, Any]:
    result = job.result or {}
    waiting = "Waiting for a worker." if job.status == "queued" else "Importing."
    return {
        "id": str(job.pk),
        "name": job.name,
        "status": job.status,
        "phase": job.phase,
        "progress": job.percent,
        "files_total": job.files_total,
        "files_done": job.files_done,
        "messages_added": job.messages_added,
        "detail": result.get("detail", waiting),
        "result": result,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
        "url": f"/api/v1/radar/imports/{job.pk}",
    }


def _person(identity: ChatIdentity | None) -> dict[str, Any]:
    if identity is None:
        return {"identity_id": 0, "name": "Someone", "person": None}
    return {"identity_id": identity.pk, "name": identity.name, "person": identity.user}


def _candidate_out(c: HarvestCandidate) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "status": c.status,
        "title": c.title,
        "body": c.body,
        "why": c.why,
        "channel": c.message.channel.name,
        "author": _person(c.message.author),
        "posted_at": c.message.posted_at,
        "similar_prompt_id": c.similar_prompt_id,
        "prompt_id": c.prompt_id,
        "post_id": c.post_id,
    }


_UPLOAD = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "skip_bad_files": {"type": "boolean", "default": False},
                    "include_private": {
                        "type": "string",
                        "default": "",
                        "description": "Comma-separated names",
                    },
                },
            }
        }
    },
}


def _error(message: str) -> dict[str, Any]:
    return {"detail": message, "errors": {"file": [message]}}


@router.post(
    "/radar/imports",
    response={202: SlackImportOut, **errors(404, 413)},
    summary="Import a Slack workspace export (zip) in the background",
    description="Multipart form: `file` (the export zip, up to 100 MB), `skip_bad_files`, `include_private` "
    "(private channel names; DMs are never read). Answers 202 with the import; follow it at "
    "GET /radar/imports/{id}. Admins only.",
    openapi_extra={"requestBody": _UPLOAD},
)
def import_create(request: AuthedRequest) -> tuple[int, dict[str, Any]]:
    access.require_radar(request.user)
    limit = slack.LIMITS.archive_bytes
    if uploads.declared_too_big(request, limit):
        return 413, _error(str(uploads.too_big(limit)))
    cap = uploads.cap_upload(request, limit)
    file = request.FILES.get("file")
    if cap is not None and cap.too_big:
        return 413, _error(str(uploads.too_big(limit)))
    if file is None:
        return 422, _error("Send the export as the multipart field “file”.")
    private = [n for n in request.POST.get("include_private", "").split(",") if n.strip()]
    try:
        job = actions.job_create(
            actor=request.user,
            stream=file,
            name=file.name or "export.zip",
            skip_bad_files=request.POST.get("skip_bad_files", "").strip().lower()
            in {"1", "true", "yes", "on"},
            include_private=private,
        )
    except uploads.UploadError as exc:
        return 422, _error(str(exc))
    job.refresh_from_db()
    return 202, _import_out(job)


@router.get(
    "/radar/imports/{import_id}",
    response={200: SlackImportOut, **errors(404)},
    summary="A Slack import: status, progress and what it added or skipped",
)
def import_status(request: AuthedRequest, import_id: str) -> dict[str, Any]:
    return _import_out(access.access_import(request.user, import_id))


class LimitQuery(Schema):
    limit: int = 50


@router.get(
    "/radar/pockets",
    response={200: Page[PocketOut], **errors(404)},
    summary="Channels ranked by AI conversation (messages, people, growth over 8 weeks)",
)
def pockets(request: AuthedRequest, query: Query[LimitQuery]) -> dict[str, Any]:
    access.require_radar(request.user)
    items = [
        {
            "id": p.channel.pk,
            "name": p.channel.name,
            "ai_messages": p.ai_messages,
            "people": p.people,
            "recent": p.recent,
            "previous": p.previous,
            "growth": p.growth,
        }
        for p in selectors.pockets(limit=clamp(query.limit))
    ]
    return {"items": items, "next": None}


@router.get(
    "/radar/connectors",
    response={200: Page[ConnectorOut], **errors(404)},
    summary="People whose answers in AI threads help others",
)
def connectors(request: AuthedRequest, query: Query[LimitQuery]) -> dict[str, Any]:
    access.require_radar(request.user)
    items = [
        {
            "who": _person(c.identity),
            "answers": c.answers,
            "reactions": c.reactions,
            "people_helped": c.helped,
            "departments_reached": c.departments,
        }
        for c in selectors.connectors(limit=clamp(query.limit))
    ]
    return {"items": items, "next": None}


class HarvestQuery(Schema):
    status: HarvestStatus = HarvestStatus.PENDING
    cursor: str | None = None
    limit: int = 25


@router.get(
    "/radar/harvest",
    response={200: Page[CandidateOut], **errors(404)},
    summary="Harvest candidates (prompts and tips found in AI threads), newest first",
)
def harvest(request: AuthedRequest, query: Query[HarvestQuery]) -> dict[str, Any]:
    access.require_radar(request.user)
    page = selectors.harvest_page(status=query.status, cursor=query.cursor, size=clamp(query.limit))
    return {"items": [_candidate_out(c) for c in page.items], "next": page.next_cursor}


@router.post(
    "/radar/harvest/{candidate_id}/approve",
    response={200: CandidateOut, **errors(404)},
    summary="Approve a candidate (edited): a library prompt or feed tip credited to its author",
)
def approve(request: AuthedRequest, candidate_id: Id, data: ApproveIn | None = None) -> dict[str, Any]:
    item = access.access_candidate(request.user, candidate_id)
    fields = data.model_dump(exclude_none=True) if data is not None else {}
    return _candidate_out(actions.candidate_approve(actor=request.user, candidate=item, **fields))


@router.post(
    "/radar/harvest/{candidate_id}/reject",
    response={200: CandidateOut, **errors(404)},
    summary="Reject a candidate",
)
def reject(request: AuthedRequest, candidate_id: Id) -> dict[str, Any]:
    item = access.access_candidate(request.user, candidate_id)
    return _candidate_out(actions.candidate_reject(actor=request.user, candidate=item))


__all__ = ["ErrorOut", "router"]

"""A worker killed mid-import: its job stops being "running" once it shows no sign of life for
stale_after(), says so, keeps its file, and a retry imports it exactly once."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ripple.library.importing import actions
from ripple.library.models import ImportJob, Prompt, PromptVersion
from tests.library.test_import_jobs import big_csv

pytestmark = pytest.mark.django_db


def killed_job(member, rows: int = 12, *, minutes_ago: float = 11) -> ImportJob:
    """A job a worker claimed and then died on: running, nothing written, last heartbeat long ago."""
    job = actions.job_stage(actor=member, stream=io.BytesIO(big_csv(rows)), name="big.csv", fmt="csv")
    then = timezone.now() - timedelta(minutes=minutes_ago)
    ImportJob.objects.filter(pk=job.pk).update(status="running", started_at=then, heartbeat_at=then)
    return job


def test_a_job_whose_worker_died_is_failed_with_a_clear_message_then_retried_once(client, api, member):
    job = killed_job(member)
    url = f"/api/v1/prompts/imports/{job.pk}"
    body = client.get(url, headers=api.headers).json()
    assert body["status"] == "failed" and body["retry"] is True
    assert "worker running it went away" in body["detail"] and "Nothing was imported" in body["detail"]
    assert Prompt.objects.count() == 0
    retried = client.post(url + "/retry", headers=api.headers)
    assert retried.status_code == 202  # the tests' immediate backend runs it at once
    assert client.get(url, headers=api.headers).json()["status"] == "done"
    assert (Prompt.objects.count(), PromptVersion.objects.count()) == (12, 12)
    again = client.post(url + "/retry", headers=api.headers)  # done: nothing to retry
    assert again.status_code == 409 and "done" in again.json()["detail"]
    assert actions.job_run(job_id=str(job.pk)) == "done"  # a duplicate task finds it done
    assert Prompt.objects.count() == 12


def test_a_live_job_is_left_alone(client, api, member):
    job = killed_job(member, minutes_ago=2)  # heartbeat 2 minutes ago: under the 10-minute limit
    assert client.get(f"/api/v1/prompts/imports/{job.pk}", headers=api.headers).json()["status"] == "running"
    assert client.post(f"/api/v1/prompts/imports/{job.pk}/retry", headers=api.headers).status_code == 409
    assert actions.job_recover_stale() == 0


def test_the_limit_is_a_setting_and_staging_a_new_upload_sweeps_abandoned_jobs(member, settings):
    settings.RIPPLE_IMPORT_STALE_MINUTES = 1
    job = killed_job(member, minutes_ago=2)
    actions.job_stage(actor=member, stream=io.BytesIO(big_csv(1)), name="other.csv", fmt="csv")
    job.refresh_from_db()
    assert job.status == "failed" and "1 minutes" in job.result["detail"] and bytes(job.data)


def test_a_run_given_up_for_dead_that_wakes_up_writes_nothing(member, monkeypatch):
    """The slow-not-dead worker: recovery fails its job while it is still reading; when it gets to the
    write it finds the job is no longer its own and writes nothing; the retry imports once."""
    job = actions.job_stage(actor=member, stream=io.BytesIO(big_csv(8)), name="big.csv", fmt="csv")
    ImportJob.objects.filter(pk=job.pk).update(status="queued")
    real_rows = actions.job_rows

    def slow_rows(job, progress=None):
        rows = real_rows(job, progress)
        past = timezone.now() - timedelta(hours=1)
        ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=past)  # the worker went quiet for an hour
        assert actions.job_recover_stale() == 1
        return rows

    monkeypatch.setattr(actions, "job_rows", slow_rows)
    assert actions.job_run(job_id=str(job.pk)) == "failed"
    assert Prompt.objects.count() == 0
    monkeypatch.setattr(actions, "job_rows", real_rows)
    job.refresh_from_db()
    assert actions.job_retry(actor=member, job=job).status == "done"
    assert Prompt.objects.count() == 8


def test_the_status_page_shows_the_message_and_a_retry_button_that_works(member_client, member):
    job = killed_job(member, rows=3)
    page = member_client.get(reverse("library:import_job", args=[job.pk])).content.decode()
    assert "worker running it went away" in page and "Retry the import" in page
    response = member_client.post(reverse("library:import_job_retry", args=[job.pk]))
    assert response.status_code == 302 and Prompt.objects.count() == 3
    assert 'data-status="done"' in member_client.get(response["Location"]).content.decode()


def test_someone_else_cannot_retry(client, other_member, member):
    job = killed_job(member)
    actions.job_recover_stale()
    client.force_login(other_member)
    assert client.post(reverse("library:import_job_retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == "failed" and Prompt.objects.count() == 0

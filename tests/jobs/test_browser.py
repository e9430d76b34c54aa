"""In Chromium, against real `flask run` and `flask worker` processes: paste a large article,
watch its job's progress, triage the paged 2,000 candidates, dismiss the weak ones, delete the
article. Screenshots in tests/artifacts/jobs-*.png."""

from __future__ import annotations

import re

import pytest

from tests.browser import (
    demo_install,
    flask_run_and_worker,
    live_server_env,
    pytestmark,  # noqa: F401
    signed_in,
    wait_until_no_job_polls,
)
from tests.jobs.articles import varied_article


@pytest.fixture(scope="module")
def live_jobs(tmp_path_factory):
    """(base URL, passwords, hold file): the demo data served by `flask run` with a worker
    beside it; each job waits before its commit until the hold file exists."""
    folder = tmp_path_factory.mktemp("live-jobs")
    hold = folder / "commit-now"
    env = live_server_env(folder, {"FACTCHECK_JOBS_HOLD_BEFORE_COMMIT": str(hold)})
    passwords = demo_install(env)
    with flask_run_and_worker(env) as base:
        yield base, passwords, hold


def test_a_large_article_through_its_job_then_triage_and_delete(browser, live_jobs, shoot):
    base, _, hold = live_jobs
    page = signed_in(browser, live_jobs, "editor")
    page.goto(base + "/desk/articles/new")
    page.fill("#title", "Two thousand numbers")
    page.fill("#body", varied_article(2000))
    page.click("text=Ingest and find claims")
    page.wait_for_url(re.compile(r"/desk/articles/\d+$"))
    assert "being found in the background" in page.content()

    # The job holds before its commit: the panel shows its progress message meanwhile.
    message = page.locator("[data-job-message]")
    message.filter(has_text="Saving").wait_for(timeout=120_000)
    assert re.search(r"Saving \d+ candidate claims", message.inner_text())
    assert page.locator("[data-job-state]").inner_text() == "Running"
    shoot(page, "jobs-1-progress")

    hold.touch()  # let the job commit: the page reloads itself with the candidates
    heading = page.locator("#cand-h")
    heading.filter(has_text=re.compile(r"\(\d{4}\)")).wait_for(timeout=120_000)
    total = int(re.search(r"\((\d+)\)", heading.inner_text()).group(1))
    assert total >= 1900
    assert page.locator("input[name=claim_id]").count() == 100
    # Then the candidates are checked against earlier fact-checks (the demo has published
    # some), in several jobs, each shown while it runs; the page reloads itself after the last.
    wait_until_no_job_polls(page)
    pages = -(-total // 100)
    assert f"Page 1 of {pages} · {total} in all" in page.locator(".pagination").inner_text()
    shoot(page, "jobs-2-triage")
    page.click("a[rel=next]")
    assert "Page 2 of" in page.locator(".pagination").inner_text()

    page.fill("#score", "0.9")
    page.click("#dismiss-below button[type=submit]")
    assert "scored below 0.90 dismissed" in page.content()
    left = int(re.search(r"\((\d+)\)", page.locator("#cand-h").inner_text()).group(1))
    assert left < total
    shoot(page, "jobs-3-dismissed")

    page.click("#delete-article summary")
    page.click("#delete-article button[type=submit]")
    page.wait_for_url(re.compile(r"/desk/articles/$"))
    assert "Deleted “Two thousand numbers”" in page.content()
    shoot(page, "jobs-4-deleted")


def test_a_job_ending_after_the_person_typed_offers_the_reload_instead(browser, live_jobs, shoot):
    base, _, hold = live_jobs
    hold.unlink(missing_ok=True)  # the next job waits again before its commit
    page = signed_in(browser, live_jobs, "editor")
    page.goto(base + "/desk/articles/new")
    page.fill("#title", "Typed while it ran")
    page.fill("#body", varied_article(40))
    page.click("text=Ingest and find claims")
    page.wait_for_url(re.compile(r"/desk/articles/\d+$"))
    # A job of the article (finding its claims, or checking them against earlier fact-checks)
    # is running and waits before its commit.
    page.locator("[data-poll]").first.wait_for(timeout=120_000)

    # The editor starts fixing the title while the job still runs.
    page.click("#article-details summary")
    page.fill("#article-details input[name=title]", "A better title, not yet saved")
    hold.touch()
    offer = page.locator("[data-poll] button", has_text="Show the results")
    offer.wait_for(timeout=120_000)
    # No reload happened: what was typed is still there.
    assert page.input_value("#article-details input[name=title]") == "A better title, not yet saved"
    shoot(page, "jobs-5-reload-offered")
    offer.click()
    wait_until_no_job_polls(page)
    assert page.locator("input[name=claim_id]").count() > 0

"""End to end in headless Chromium against a real uvicorn server.

An analyst opens the dashboard, follows a conflict to its event, sees each source's
figure, logs in, corrects a figure, reloads and finds the correction kept, then uploads
a report. Screenshots go to test-artifacts/ for a human look.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browsing import ARTIFACTS

pytestmark = pytest.mark.browser


def test_browser_review_a_conflict_and_upload(  # type: ignore[no-untyped-def]
    live_server: str, page, tmp_path: Path, write_token: str
) -> None:
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    external: list[str] = []
    page.on(
        "request",
        lambda req: (
            external.append(req.url)
            if not req.url.startswith(live_server) and not req.url.startswith("data:")
            else None
        ),
    )

    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Dashboard"
    cards = page.locator("#h-conf + ul.cards > li")
    assert cards.count() >= 1
    page.screenshot(path=str(ARTIFACTS / "01-dashboard.png"), full_page=True)

    page.locator("#h-conf ~ ul.cards a[href^='/events/']").first.click()
    page.wait_for_load_state()
    assert "/events/" in page.url
    conflict = page.locator("section.group:has(.badge.s-conflict)").first
    rows = conflict.locator("table.figures tbody tr")
    assert rows.count() >= 2
    figures = {rows.nth(i).locator("td.num").inner_text() for i in range(rows.count())}
    assert len(figures) >= 2, "a conflict shows different figures"
    for i in range(rows.count()):
        assert rows.nth(i).locator("a[href^='/documents/']").count() == 1
        assert rows.nth(i).locator("q").inner_text().strip()
    page.screenshot(path=str(ARTIFACTS / "02-event.png"), full_page=True)
    event_url = page.url

    page.get_by_role("link", name="Log in to correct").click()
    page.fill("#token", write_token)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(event_url)

    conflict = page.locator("section.group:has(.badge.s-conflict)").first
    row = conflict.locator("table.figures tbody tr").first
    claim_id = row.get_attribute("id")
    row.locator("details.review summary").click()
    row.locator("input[name='low']").fill("777")
    row.locator("input[name='high']").fill("777")
    row.locator("input[name='reason']").fill("figure checked against the outlet's correction")
    row.get_by_role("button", name="Save edit").click()
    page.wait_for_load_state()
    kept = page.locator(f"tr[id='{claim_id}']")
    assert "edited by analyst" in kept.inner_text()
    page.reload()
    kept = page.locator(f"tr[id='{claim_id}']")
    assert "777" in kept.locator("td.num").inner_text()
    assert "edited by analyst" in kept.inner_text()
    kept.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "03-corrected.png"), full_page=True)

    page.goto(live_server + "/audit")
    assert claim_id and claim_id in page.locator("table").inner_text()

    report = tmp_path / "ferry-report.txt"
    report.write_text(
        "Coastguard officers in Lenmouth said 17 people were rescued and "
        "3 people were killed when a ferry ran aground on Sunday.",
        encoding="utf-8",
    )
    page.goto(live_server + "/upload")
    page.set_input_files("#files", str(report))
    page.fill("input[name='outlet']", "Harbour Ledger")
    page.get_by_role("button", name="Upload and ingest").click()
    page.wait_for_selector("#upload-result")
    assert "new: 1" in page.locator("#upload-result").inner_text()
    page.screenshot(path=str(ARTIFACTS / "04-upload.png"), full_page=True)

    page.locator(".notice a").first.click()
    page.wait_for_load_state()
    assert "Lenmouth" in page.locator("article.doctext").inner_text()
    page.screenshot(path=str(ARTIFACTS / "05-document.png"), full_page=True)

    assert not csp_errors, csp_errors
    assert not external, external

"""End to end in headless Chromium against a real uvicorn server.

An analyst opens the dashboard, follows a conflict to its event, sees each source's
figure, logs in, corrects a figure, reloads and finds the correction kept, then uploads
a report. Screenshots go to test-artifacts/ for a human look.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_server(tmp_path: Path, example_db: Path, write_token: str) -> Iterator[str]:
    """A uvicorn subprocess serving a private copy of the example store."""
    db = tmp_path / "live.db"
    shutil.copy(example_db, db)
    port = _free_port()
    env = {**os.environ, "CROSSCHECK_DB": str(db), "CROSSCHECK_TOKEN": write_token}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "crosscheck.api:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to ~20 s for imports and start-up
            if proc.poll() is not None:
                pytest.fail(f"server exited: {proc.stdout.read() if proc.stdout else ''}")
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not start within 20 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def page() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = "Chromium is missing at /usr/bin/chromium; run `make setup`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(15_000)
        yield pg
        context.close()
        browser.close()


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


def test_browser_ach_matrix_and_an_alert_after_upload(  # type: ignore[no-untyped-def]
    live_server: str, page, tmp_path: Path, write_token: str
) -> None:
    auth = {"Authorization": f"Bearer {write_token}"}
    question = {"id": "crocus", "title": "Who carried out the attack?", "event": "Crocus"}
    assert httpx.post(live_server + "/api/ach", json=question, headers=auth).status_code == 201
    for key, names in (("iskp", ["ISKP"]), ("ukraine", ["Ukraine", "Kyiv"])):
        body = {"label": f"{key} did it", "key": key, "names": names}
        httpx.post(live_server + "/api/ach/crocus/hypotheses", json=body, headers=auth)
    httpx.post(live_server + "/api/ach/crocus/evidence", json={"suggested": True}, headers=auth)
    rule = {"kind": "report", "entities": ["Red Dawn Front"], "name": "Red Dawn Front reports"}
    assert httpx.post(live_server + "/api/rules", json=rule, headers=auth).status_code == 201
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )

    # Without the token: the matrix is shown, nothing in it can be edited.
    page.goto(live_server + "/ach/crocus")
    assert page.locator("h1").inner_text() == "Who carried out the attack?"
    matrix = page.locator("table.matrix")
    assert matrix.locator("tbody tr").count() >= 2
    assert matrix.locator("select").count() == 0
    assert page.locator("ol.ranking li").count() == 2
    page.screenshot(path=str(ARTIFACTS / "06-ach-read-only.png"), full_page=True)
    denied = httpx.post(
        live_server + "/ach/crocus/ratings", data={"cell:x:iskp": "II"}, follow_redirects=False
    )
    assert denied.status_code == 401

    # With the token: log in, rate a cell from the keyboard, save, and find it kept.
    page.get_by_role("link", name="Log in").first.click()
    page.fill("#token", write_token)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/ach/crocus")
    cell = page.locator("table.matrix select[name$=':ukraine']").first
    name = cell.get_attribute("name")
    cell.focus()
    cell.select_option("II")
    page.fill("input[name='reason']", "checked against the court filings")
    page.get_by_role("button", name="Save ratings").press("Enter")
    page.wait_for_load_state()
    page.reload()
    kept = page.locator(f"select[name='{name}']")
    assert kept.input_value() == "II"
    assert "II 1" in page.locator("ol.ranking").inner_text()
    page.screenshot(path=str(ARTIFACTS / "07-ach-rated.png"), full_page=True)

    # An upload that names the watched group raises an alert.
    report = tmp_path / "claim.txt"
    report.write_text(
        "The Red Dawn Front said its fighters had attacked a fuel depot in Lenmouth on Sunday.",
        encoding="utf-8",
    )
    page.goto(live_server + "/upload")
    page.set_input_files("#files", str(report))
    page.get_by_role("button", name="Upload and ingest").click()
    page.wait_for_selector("#upload-result")
    page.goto(live_server + "/alerts")
    alerts = page.locator("#alerts").inner_text()
    assert "Red Dawn Front reports: new report" in alerts
    page.screenshot(path=str(ARTIFACTS / "08-alert.png"), full_page=True)
    assert not csp_errors, csp_errors

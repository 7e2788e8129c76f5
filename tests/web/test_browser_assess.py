"""Structured analysis end to end in headless Chromium: the ACH matrix without and with the
write token (a rating edited from the keyboard and kept), and an alert after an upload.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from browsing import ARTIFACTS

pytestmark = pytest.mark.browser


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

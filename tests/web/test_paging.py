"""Previous/next links on the groups, events and claims pages, keeping their filters."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

import crosscheck.web.pages as pages

GROUP_LINK = re.compile(r'<a href="/groups/([^"]+)">')
EVENT_LINK = re.compile(r'<td><a href="/events/([^"]+)">')
CLAIM_ROW = re.compile(r'<tr id="(c-[^"]+)">')


def _links(text: str) -> dict[str, str]:
    nav = re.search(r'<nav class="pager".*?</nav>', text, re.S)
    assert nav, "the listing ends with a pager"
    found = re.findall(r'<a href="([^"]+)" rel="(prev|next)"', nav.group(0))
    return {rel: html.unescape(href) for href, rel in found}


@pytest.mark.parametrize(
    ("start", "pattern"),
    [
        ("/conflicts?show=all&sort=spread", GROUP_LINK),
        ("/conflicts?show=all&measure=killed", GROUP_LINK),
        ("/events?show=all", EVENT_LINK),
        ("/claims", CLAIM_ROW),
        ("/claims?measure=killed", CLAIM_ROW),
    ],
)
def test_next_links_walk_every_row_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, start: str, pattern: re.Pattern[str]
) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    seen: list[str] = []
    url: str | None = start
    visited = 0
    while url:
        text = client.get(url).text
        seen += pattern.findall(text)
        links = _links(text)
        if visited:
            assert "prev" in links and "page=" in links["prev"]
        else:
            assert "prev" not in links
        for key, value in re.findall(r"[?&](show|sort|measure)=(\w+)", start):
            assert f"{key}={value}" in (links.get("next") or url)
        url = links.get("next")
        visited += 1
    assert visited > 1, "the sample store fills more than one page of three"
    assert seen and len(seen) == len(set(seen))
    total = re.search(r"<p>(\d+) (?:group|event|claim)", client.get(start).text)
    assert total and int(total.group(1)) == len(seen)


def test_events_page_says_how_many_incidents_it_hid(client: TestClient) -> None:
    text = client.get("/events").text
    hidden = client.get("/api/events").json()["hidden"]
    assert hidden > 0
    assert f"{hidden} incident" in text and "/events?show=all" in text

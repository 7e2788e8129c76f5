"""The workbench views in headless Chromium: map, timeline, graph, filters, readable charts.

Each test also listens for Content-Security-Policy complaints and requests leaving the
server: the vendored libraries must work under the strict CSP, offline. Screenshots go
to test-artifacts/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from browsing import ARTIFACTS

pytestmark = pytest.mark.browser

# Where the sample corpus's three incidents happened, and in which country's outline.
PLACES = {
    "Crocus": (55.82, 37.39, "Russia"),
    "Kerman": (30.28, 57.08, "Iran"),
    "Kabul": (34.53, 69.17, "Afghanistan"),
}

#: The sample corpus's reports of the Crocus attack, in English and in Russian.
CROCUS_REPORTS = sum(
    1
    for f in (Path(__file__).resolve().parents[2] / "examples").iterdir()
    if "crocus" in f.name and not f.name.endswith(".meta.json")
)


def _watch(page: Any, base: str) -> dict[str, list[str]]:
    """Collect CSP complaints, page errors, dialogs and requests to other hosts."""
    seen: dict[str, list[str]] = {"csp": [], "errors": [], "dialogs": [], "external": []}
    page.on(
        "console",
        lambda m: seen["csp"].append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.on(
        "request",
        lambda r: (
            seen["external"].append(r.url)
            if not r.url.startswith(base) and not r.url.startswith("data:")
            else None
        ),
    )
    return seen


def _clean(seen: dict[str, list[str]]) -> None:
    assert not any(seen.values()), seen


def _when(label: str) -> str:
    found = re.search(r"When: ([\d-]+)", label)
    assert found, label
    return found.group(1)


def _incident(base: str, word: str) -> dict[str, Any]:
    points = httpx.get(base + "/api/map").json()["points"]
    return max((p for p in points if word in p["name"]), key=lambda p: p["reports"])


def test_browser_map_shows_the_three_incidents_where_they_happened(  # type: ignore[no-untyped-def]
    live_server: str, page
) -> None:
    seen = _watch(page, live_server)
    page.goto(live_server + "/map")
    page.wait_for_selector("#map.ready.outlined")
    page.wait_for_selector("#map path[data-country='Iran']", state="attached")
    page.screenshot(path=str(ARTIFACTS / "10-map.png"), full_page=True)
    # The Moscow incidents share one spot: at the overview zoom they are one cluster.
    assert page.locator("#map .marker-cluster").count() >= 1
    widths: dict[str, float] = {}
    for word, (lat, lon, country) in PLACES.items():
        point = _incident(live_server, word)
        page.goto(f"{live_server}/map?focus={point['id']}")
        page.wait_for_selector("#map.ready.outlined.settled")
        page.wait_for_selector(".leaflet-popup-content .map-popup")
        # Measure in one script run, and only once the marker is drawn where Leaflet placed
        # it: markercluster declares its animation over on a 300 ms timer while the CSS
        # transition that carries a marker out of its cluster can lag behind on a loaded
        # machine (Kabul flies out of a cluster it shares with Islamabad). Measuring the
        # marker's box and converting it in two round trips raced that transition.
        where = page.wait_for_function(
            """([id, country]) => {
                const holder = document.getElementById("map");
                const map = holder.crosscheckMap;
                const el = holder.querySelector(`[data-event='${id}']`);
                if (!el || map.getPane("mapPane").className.includes("-anim")) return null;
                let placed = null;
                map.eachLayer(l => { if (l.getElement && l.getElement() === el) placed = l; });
                if (!placed) return null;
                const r = holder.getBoundingClientRect();
                const box = el.getBoundingClientRect();
                const x = box.x + box.width / 2, y = box.y + box.height / 2;
                const want = map.latLngToContainerPoint(placed.getLatLng());
                if (Math.abs(x - r.left - want.x) > 2 || Math.abs(y - r.top - want.y) > 2) {
                    return null;  // still on its way
                }
                const at = map.containerPointToLatLng([x - r.left, y - r.top]);
                const inside = [...holder.querySelectorAll("path[data-country]")]
                    .filter(p => p.getAttribute("data-country") === country)
                    .some(p => {
                        const pt = new DOMPoint(x, y).matrixTransform(p.getScreenCTM().inverse());
                        return p.isPointInFill(pt);
                    });
                return {lat: at.lat, lng: at.lng, inside: inside, width: box.width};
            }""",
            arg=[point["id"], country],
        ).json_value()
        assert abs(where["lat"] - lat) < 0.5 and abs(where["lng"] - lon) < 0.5, (word, where)
        assert where["inside"], f"the {word} marker is not inside {country}'s outline"
        widths[word] = where["width"]
        popup = page.locator(".leaflet-popup-content").inner_text()
        assert point["name"] in popup and "Open the incident" in popup
        page.screenshot(path=str(ARTIFACTS / f"11-map-{word.lower()}.png"))
    # Markers grow with the death toll: Crocus (144 killed) over Kerman (103) over Kabul (8).
    assert widths["Crocus"] > widths["Kerman"] > widths["Kabul"], widths
    _clean(seen)


def test_browser_timeline_orders_the_crocus_reports_by_date(  # type: ignore[no-untyped-def]
    live_server: str, page
) -> None:
    seen = _watch(page, live_server)
    crocus = _incident(live_server, "Crocus")
    page.goto(f"{live_server}/events/{crocus['id']}")
    page.get_by_role("link", name="on its timeline").click()
    page.wait_for_selector("figure.chart .vega.drawn svg")
    rows = page.locator("table.timeline-list tr.lane-report")
    dates = [rows.nth(i).locator("time").inner_text() for i in range(rows.count())]
    assert len(dates) == CROCUS_REPORTS and dates == sorted(dates)
    # In the chart, the report marks run left to right in publication order.
    marks = page.eval_on_selector_all(
        "figure.chart svg g.mark-symbol path[aria-label*='lane: report']",
        "els => els.map(e => [e.getAttribute('aria-label'), e.getBoundingClientRect().x])",
    )
    assert len(marks) == CROCUS_REPORTS
    by_x = [_when(label) for label, _ in sorted(marks, key=lambda m: m[1])]
    assert by_x == sorted(by_x) == dates
    page.screenshot(path=str(ARTIFACTS / "12-timeline.png"), full_page=True)
    _clean(seen)


def test_browser_graph_opens_from_an_event_and_expands_an_actor(  # type: ignore[no-untyped-def]
    live_server: str, page
) -> None:
    seen = _watch(page, live_server)
    crocus = _incident(live_server, "Crocus")
    page.goto(f"{live_server}/events/{crocus['id']}")
    page.get_by_role("link", name="in the link graph").click()
    page.wait_for_selector("#graph.ready")
    count = "() => document.getElementById('graph').crosscheckGraph.nodes().length"
    before = page.evaluate(count)
    assert before >= 10
    assert page.locator("#graph-detail h2").inner_text() == crocus["name"]
    actor = page.locator("#graph-nodes li[data-node='actor:isis-k']")
    actor.locator("a.expand").click()
    page.wait_for_function(f"() => ({count})() > {before}")
    labels = page.evaluate(
        "() => document.getElementById('graph').crosscheckGraph.nodes().map(n => n.data('label'))"
    )
    assert "claim of responsibility, Pakistan" in labels  # an incident the actor leads to
    assert page.locator("#graph-nodes li").count() == page.evaluate(count)
    page.screenshot(path=str(ARTIFACTS / "13-graph.png"), full_page=True)
    # Filtering by type hides statements in the graph and in the list.
    page.locator("#graph-kinds input[value='statement']").uncheck()
    hidden = page.evaluate(
        "() => document.getElementById('graph').crosscheckGraph.nodes('.statement')"
        ".every(n => n.hasClass('hidden'))"
    )
    assert hidden and page.locator("#graph-nodes li.kind-statement:visible").count() == 0
    _clean(seen)


def test_browser_filter_narrows_the_home_page_and_survives_a_reload(  # type: ignore[no-untyped-def]
    live_server: str, page
) -> None:
    seen = _watch(page, live_server)
    page.goto(live_server + "/")
    cards = "#h-conf + ul.cards > li, #h-evo + ul.cards > li"
    before = page.locator(cards).count()
    assert "Crocus" in page.locator("main").inner_text()
    page.fill("#filters input[name='outlet']", "IRNA")
    page.select_option("#filters select[name='type']", "attack")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"outlet=IRNA"))

    def check() -> None:
        assert page.locator("#filters input[name='outlet']").input_value() == "IRNA"
        assert page.locator("#filters select[name='type']").input_value() == "attack"
        assert (
            "Showing incidents of type attack, reported by IRNA"
            in page.locator(".scope").inner_text()
        )
        assert 0 < page.locator(cards).count() < before
        main = page.locator("main").inner_text()
        assert "Kerman" in main and "Crocus" not in main

    check()
    url = page.url
    page.reload()
    assert page.url == url
    check()
    page.screenshot(path=str(ARTIFACTS / "14-filtered-dashboard.png"), full_page=True)
    page.locator("p.views").get_by_role("link", name="map").click()
    page.wait_for_selector("#map.ready")
    assert "outlet=IRNA" in page.url
    assert page.locator("#filters input[name='outlet']").input_value() == "IRNA"
    _clean(seen)


def _overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


@pytest.mark.parametrize("view", ["event", "dashboard", "timeline"])
def test_browser_chart_labels_do_not_overlap(  # type: ignore[no-untyped-def]
    live_server: str, page, view: str
) -> None:
    seen = _watch(page, live_server)
    crocus = _incident(live_server, "Crocus")
    path = {
        "event": f"/events/{crocus['id']}",
        "dashboard": "/",
        "timeline": f"/timeline?event={crocus['id']}",
    }[view]
    page.goto(live_server + path)
    page.wait_for_selector("figure.chart .vega.drawn svg")
    charts = page.locator("figure.chart .vega.drawn > svg")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        frame = chart.bounding_box()
        assert frame is not None
        axes = chart.locator("g.mark-group.role-axis")
        labelled = 0
        for k in range(axes.count()):
            axis = axes.nth(k).get_attribute("aria-label")
            # Labels Vega drops for lack of room stay in the SVG with opacity 0: skip those.
            shown = axes.nth(k).evaluate(
                """axis => [...axis.querySelectorAll("g.mark-text.role-axis-label text")]
                    .filter(t => t.getAttribute("opacity") !== "0"
                        && parseFloat(getComputedStyle(t).opacity) > 0)
                    .map(t => { const r = t.getBoundingClientRect();
                        return [t.textContent, {x: r.x, y: r.y, width: r.width, height: r.height}]; })"""
            )
            texts = [t for t, _ in shown]
            boxes = [b for _, b in shown if b["width"] > 0]
            if not boxes:
                continue  # a grid: Vega-Lite draws grid lines as an axis of their own
            labelled += 1
            for j, a in enumerate(boxes):
                # Every label is whole inside the chart (none cut at the edge) ...
                left, right = frame["x"] - 0.5, frame["x"] + frame["width"] + 0.5
                assert left <= a["x"] and a["x"] + a["width"] <= right, texts[j]
                for b in boxes[j + 1 :]:
                    # ... and no two labels overlap.
                    assert not _overlaps(a, b), (axis, texts)
        assert labelled >= 2, "both axes have labels"
        if view != "timeline":
            y_labels = chart.locator("g.role-axis-label text").all_text_contents()
            assert "0" in y_labels, "counts start at zero"
    page.screenshot(path=str(ARTIFACTS / f"15-chart-{view}.png"), full_page=True)
    _clean(seen)


def test_browser_hostile_names_stay_inert_in_popups_tooltips_and_graph(  # type: ignore[no-untyped-def]
    hostile_server: tuple[str, dict[str, str]], page
) -> None:
    base, planted = hostile_server
    seen = _watch(page, base)
    event = planted["event"]
    page.goto(f"{base}/map?focus={event}")
    page.wait_for_selector(".leaflet-popup-content .map-popup")
    assert planted["markup"] in page.locator(".leaflet-popup-content").inner_text()
    page.goto(f"{base}/graph?node=event:{event}")
    page.wait_for_selector("#graph.ready")
    assert planted["markup"] in page.locator("#graph-detail h2").inner_text()
    page.locator("#graph-nodes li[data-node^='outlet:TASS'] button.pick").click()
    assert planted["markup"] in page.locator("#graph-detail h2").inner_text()
    page.goto(f"{base}/timeline?event={event}")
    page.wait_for_selector("figure.chart .vega.drawn svg")
    mark = page.locator("figure.chart svg g.mark-symbol path[aria-label*='lane: incident']").first
    mark.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for()
    assert planted["markup"] in tooltip.inner_text()
    page.goto(f"{base}/events/{event}")
    page.wait_for_selector("figure.chart .vega.drawn svg")
    page.screenshot(path=str(ARTIFACTS / "16-hostile-event.png"), full_page=True)
    # Nothing the names carry became an element or ran.
    assert (
        page.locator("img[src='x'], script:not([src]):not([type='application/json'])").count() == 0
    )
    _clean(seen)


def test_browser_views_work_without_javascript(  # type: ignore[no-untyped-def]
    live_server: str, page
) -> None:
    """The map, timeline, graph and filters stay usable as tables, lists and links."""
    context = page.context.browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.set_default_timeout(15_000)
        crocus = _incident(live_server, "Crocus")
        plain.goto(live_server + "/map")
        listed = plain.locator("table.incidents tbody").inner_text()
        assert all(word in listed for word in PLACES)
        assert plain.locator("#map.ready").count() == 0  # no script ran
        plain.goto(f"{live_server}/timeline?event={crocus['id']}")
        assert plain.locator("table.timeline-list tr.lane-report").count() == CROCUS_REPORTS
        plain.goto(f"{live_server}/graph?node=event:{crocus['id']}")
        actor = plain.locator("#graph-nodes li[data-node='actor:isis-k']")
        actor.locator("a.expand").click()
        plain.wait_for_url(re.compile(r"node=actor"))
        assert "claim of responsibility, Pakistan" in plain.locator("#graph-nodes").inner_text()
        # The filter form is a plain GET form: it narrows the page and lands in the URL.
        plain.goto(live_server + "/")
        plain.fill("#filters input[name='outlet']", "IRNA")
        plain.get_by_role("button", name="Apply").click()
        plain.wait_for_url(re.compile(r"outlet=IRNA"))
        main = plain.locator("main").inner_text()
        assert "Kerman" in main and "Crocus" not in main
        plain.screenshot(path=str(ARTIFACTS / "17-no-javascript.png"), full_page=True)
    finally:
        context.close()


def test_browser_keyboard_reaches_filters_and_graph(  # type: ignore[no-untyped-def]
    live_server: str, page
) -> None:
    seen = _watch(page, live_server)
    page.goto(live_server + "/")
    # Type in the outlet box and press Enter: the form submits without the mouse.
    page.locator("#filters input[name='outlet']").focus()
    page.keyboard.type("IRNA")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"outlet=IRNA"))
    crocus = _incident(live_server, "Crocus")
    page.goto(f"{live_server}/graph?node=event:{crocus['id']}")
    page.wait_for_selector("#graph.ready")
    count = "() => document.getElementById('graph').crosscheckGraph.nodes().length"
    before = page.evaluate(count)
    # Pick a node from the list with the keyboard: its detail shows, Expand grows the graph.
    pick = page.locator("#graph-nodes li[data-node='actor:isis-k'] button.pick")
    pick.focus()
    page.keyboard.press("Enter")
    assert "Islamic State" in page.locator("#graph-detail h2").inner_text()
    expand = page.locator("#graph-detail button", has_text="Expand")
    expand.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"() => ({count})() > {before}")
    _clean(seen)

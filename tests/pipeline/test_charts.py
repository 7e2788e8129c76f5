"""Chart specs: counts from zero, open bounds drawn to the edge, who and when on hover."""

from __future__ import annotations

from typing import Any

from crosscheck.pipeline.charts import figure_rows, figure_spec, timeline_spec


def _group(
    *claims: tuple[str, float | None, float | None], measure: str = "killed"
) -> dict[str, Any]:
    return {
        "label": "people killed",
        "measure": measure,
        "claim_details": [
            {
                "id": f"c-{i}",
                "published": day,
                "as_of": None,
                "low": low,
                "high": high,
                "value": "?",
                "outlet": f"Outlet {i}",
                "attributed_to": None,
            }
            for i, (day, low, high) in enumerate(claims)
        ],
    }


def test_figure_spec_starts_counts_at_zero_and_needs_two_dated_figures() -> None:
    assert figure_spec(_group(("2031-05-01", 9, 9))) is None
    assert figure_spec(_group(("2031-05-01", 9, 9), ("", 11, 11))) is None  # one is undated
    spec = figure_spec(_group(("2031-05-01", 9, 9), ("2031-05-02", 11, 11)))
    assert spec is not None
    y = spec["layer"][0]["encoding"]["y"]["scale"]
    assert y["zero"] is True and y["domain"][0] == 0
    axis = spec["layer"][2]["encoding"]["y"]["axis"]
    assert axis["tickMinStep"] == 1 and axis["format"] == ",d"  # no 3.5 people
    x = spec["encoding"]["x"]
    assert (
        x["axis"]["labelOverlap"] and x["axis"]["labelFlush"] and x["timeUnit"] == "yearmonthdate"
    )
    assert x["scale"]["domain"] == ["2031-04-30", "2031-05-03"]  # a day either side


def test_open_bounds_run_to_the_top_and_intervals_keep_their_ends() -> None:
    spec = figure_spec(
        _group(("2031-05-01", 40, None), ("2031-05-02", None, 100), ("2031-05-03", 120, 140))
    )
    assert spec is not None
    rows = {r["kind"]: r for r in spec["data"]["values"]}
    top = spec["layer"][0]["encoding"]["y"]["scale"]["domain"][1]
    assert top > 140
    assert (rows["at least"]["from"], rows["at least"]["to"]) == (40, top)
    assert (rows["up to"]["from"], rows["up to"]["to"]) == (0, 100)
    assert (rows["range"]["from"], rows["range"]["to"]) == (120, 140)
    legend = spec["layer"][2]["encoding"]["shape"]["scale"]["domain"]
    assert legend == ["range", "at least", "up to"]  # only the kinds drawn


def test_figure_rows_prefer_the_as_of_day_and_say_it_on_hover() -> None:
    group = _group(("2031-05-09", 5, 5), ("2031-05-10", 7, 7))
    group["claim_details"][1]["as_of"] = "2031-05-03"
    group["claim_details"][0]["review"] = "rejected"
    rows = figure_rows(group)
    assert [(r["date"], r["as_of"], r["published"]) for r in rows] == [
        ("2031-05-03", "2031-05-03", "2031-05-10")
    ]
    spec = figure_spec(_group(("2031-05-09", 5, 5), ("2031-05-10", 7, 7)))
    assert spec is not None
    tooltip = spec["layer"][2]["encoding"]["tooltip"]
    assert {"source", "published", "as_of", "according_to"} <= {t["field"] for t in tooltip}


def test_timeline_spec_stacks_entries_of_one_day_and_links_them() -> None:
    entries = [
        {"date": "2031-05-01", "lane": "report", "label": "A", "href": "/documents/d-1"},
        {"date": "2031-05-01", "lane": "report", "label": "B", "href": "/documents/d-2"},
        {"date": "2031-05", "lane": "warning", "label": "W", "href": "/events/e-1"},
        {"date": None, "lane": "incident", "label": "undated", "href": "/events/e-2"},
    ]
    spec = timeline_spec(entries)
    assert spec is not None
    values = spec["data"]["values"]
    assert [(v["label"], v["slot"]) for v in values] == [("A", 0), ("B", 1), ("W", 0)]
    assert values[2]["date"] == "2031-05-01" and values[2]["when"] == "2031-05"
    assert spec["encoding"]["href"] == {"field": "href"}
    assert timeline_spec([entries[3]]) is None

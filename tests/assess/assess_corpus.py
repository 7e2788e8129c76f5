"""Small corpora in our own words for the structured-analysis tests (pipeline, CLI, API, web).

* :func:`write_reports`: a warning about Nairobi, an attack on a (made-up) mall there that a
  (made-up) group claims, and a later report with a higher toll naming Kenya and a minister.
* :func:`write_bombings`: four bombings, each first reported with an early toll by one outlet
  and two days later with the final toll by two others.
"""

from __future__ import annotations

import json
from pathlib import Path

REPORTS = {
    "1-warning": (
        "Coast Wire",
        "2024-05-02",
        "The British embassy in Nairobi warned on 2 May of"
        " an imminent attack on shopping malls and other crowded venues in Nairobi.",
    ),
    "2-attack": (
        "Coast Wire",
        "2024-05-18",
        "Gunmen attacked the Amani Plaza shopping mall in"
        " Nairobi on 18 May, killing 9 people, police said. The Red Dawn Front claimed"
        " responsibility for the attack.",
    ),
    "3-toll": (
        "Lake Herald",
        "2024-05-20",
        "The death toll from the attack on the Amani Plaza"
        " mall in Nairobi rose to 14, police said. Interior Minister Daniel Okoth said"
        " the Red Dawn Front had planned the assault from across the border with Kenya.",
    ),
}


def write_reports(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        outlet, published, text = REPORTS[name]
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        meta = {"title": name, "outlet": outlet, "published": published}
        (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder


CITIES = [("Mombasa", 3), ("Kisumu", 8), ("Nakuru", 13), ("Eldoret", 19)]


def write_bombings(folder: Path) -> Path:
    """Our own sentences: an early toll (Quick Post), the final one (Steady Wire, Third Desk)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (city, day) in enumerate(CITIES):
        docs = {
            "a": (
                "Quick Post",
                day,
                f"A bomb exploded at the central bus station in {city} on"
                f" {day} June, killing 5 people, police said.",
            ),
            "b": (
                "Steady Wire",
                day + 2,
                f"The death toll from the bombing at the central bus"
                f" station in {city} on {day} June has risen to 12, officials said.",
            ),
            "c": (
                "Third Desk",
                day + 2,
                f"Officials said 12 people died in the bombing at the"
                f" {city} central bus station on {day} June.",
            ),
        }
        for key, (outlet, pub, text) in docs.items():
            (folder / f"{i}{key}.txt").write_text(text + "\n", encoding="utf-8")
            meta = {
                "title": f"{city} ({outlet})",
                "outlet": outlet,
                "published": f"2024-06-{pub:02d}",
            }
            (folder / f"{i}{key}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return folder

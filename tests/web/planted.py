"""Hostile names planted in a test store, as if extraction had copied markup from a report.

Extraction rarely puts markup into incident names, outlets or actor names, so the XSS
tests write it there directly: every view must still show it as text.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

MARKUP = "<img src=x onerror=alert(7)>"
SCRIPT = "</script><script>alert(8)</script>"


def plant(db: Path) -> dict[str, str]:
    """Give the Crocus incident, its first actor and the TASS outlet hostile names.

    Returns the incident id and the hostile strings used.
    """
    con = sqlite3.connect(db)
    try:
        event_id, actors = con.execute(
            "SELECT id, actors FROM events WHERE name LIKE '%Crocus%' ORDER BY id LIMIT 1"
        ).fetchone()
        people = json.loads(actors)
        people[0]["name"] = f"Gunmen {MARKUP}"
        con.execute(
            "UPDATE events SET name = ?, location = ?, actors = ? WHERE id = ?",
            (f"attack {MARKUP}", f"Crocus {SCRIPT}", json.dumps(people), event_id),
        )
        con.execute("UPDATE documents SET outlet = ? WHERE outlet = 'TASS'", (f"TASS {MARKUP}",))
        con.execute(
            "UPDATE claim_groups SET label = ? WHERE subject_id = ? AND measure = 'killed'",
            (f"killed {SCRIPT}", event_id),
        )
        con.commit()
    finally:
        con.close()
    return {"event": event_id, "markup": MARKUP, "script": SCRIPT, "outlet": f"TASS {MARKUP}"}

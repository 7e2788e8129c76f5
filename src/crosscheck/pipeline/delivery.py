"""Getting alerts to people: an Atom feed at a stable URL and optional webhook POSTs.

The feed is built with feedgen; every piece of report text in it is escaped by the XML
writer (and stripped of characters XML cannot hold). A webhook receives one JSON POST per
alert: only rules that name a webhook send anything, nothing else leaves the machine. A
failed delivery is recorded on the alert and tried again on the next run, up to
``MAX_ATTEMPTS`` times; it never fails an ingest.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence

from crosscheck import __version__
from crosscheck.assess.records import Alert, Rule
from crosscheck.store import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
TIMEOUT_S = 5.0
#: Characters XML 1.0 cannot carry.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def alert_link(alert: Alert) -> str:
    """The workbench page an alert points to (relative to the server)."""
    ev = alert.evidence
    if ev.get("group"):
        return f"/groups/{ev['group']}"
    if alert.doc_id:
        return f"/documents/{alert.doc_id}" + (f"#{ev['statement']}" if ev.get("statement") else "")
    return "/alerts"


def atom_feed(
    store: Store, base_url: str, *, rule_id: str | None = None, limit: int = 100
) -> bytes:
    """The newest alerts (of one rule, or all) as an Atom document."""
    # Imported here: every picture update's follow-up imports this module, and most never
    # serve a feed or post an alert (the two imports are a fortieth of a second).
    from feedgen.feed import FeedGenerator

    base = base_url.rstrip("/")
    alerts = store.alerts_page(rule_id=rule_id, limit=limit)
    feed = FeedGenerator()
    feed.id(f"urn:crosscheck:alerts{':' + rule_id if rule_id else ''}")
    feed.title("crosscheck alerts" + (f" of rule {rule_id}" if rule_id else ""))
    feed.author({"name": "crosscheck"})
    feed.generator("crosscheck", version=__version__)
    self_url = f"{base}/alerts.atom" + (f"?rule={rule_id}" if rule_id else "")
    feed.link(href=self_url, rel="self")
    feed.link(href=f"{base}/alerts", rel="alternate")
    feed.updated(alerts[0].created_at if alerts else "1970-01-01T00:00:00+00:00")
    for alert in alerts:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:crosscheck:alert:{alert.id}")
        entry.title(_text(alert.title))
        entry.updated(alert.created_at)
        entry.published(alert.created_at)
        entry.content(_text(alert.summary), type="text")
        entry.link(href=base + alert_link(alert))
        entry.category(term=alert.kind)
    data: bytes = feed.atom_str(pretty=True)
    return data


def post_alert(url: str, alert: Alert, rule: Rule) -> str:
    """POST one alert as JSON; returns "ok STATUS" or "failed: REASON" (never raises)."""
    import urllib.error
    import urllib.request

    body = json.dumps(
        {"alert": alert.to_dict(), "rule": {"id": rule.id, "kind": rule.kind, "name": rule.name}},
        ensure_ascii=False,
    ).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": f"crosscheck/{__version__}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        return f"failed: HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"failed: {reason}"
    return f"ok {status}" if 200 <= status < 300 else f"failed: HTTP {status}"


def deliver(store: Store, rules: Sequence[Rule]) -> int:
    """Send every alert of rules with a webhook that has not reached it yet; returns sent."""
    hooked = {r.id: r for r in rules if r.webhook}
    if not hooked:
        return 0
    sent = 0
    for alert in store.undelivered_alerts(sorted(hooked), MAX_ATTEMPTS):
        rule = hooked[alert.rule_id]
        outcome = post_alert(str(rule.webhook), alert, rule)
        store.set_delivery(alert.id, outcome, alert.attempts + 1)
        if outcome.startswith("ok"):
            sent += 1
        else:
            log.warning("alert %s: webhook %s %s", alert.id, rule.webhook, outcome)
    return sent


__all__ = ["MAX_ATTEMPTS", "alert_link", "atom_feed", "deliver", "post_alert"]

"""Watch rules and the alerts they raise.

Four kinds of rule, each naming events, places, organisations or figures (never people):

* ``report``: a new report about an event, an organisation or a place;
* ``figure``: a figure about an event or entity changes, or its group turns to conflict;
* ``warning``: a new warning about a place or an organisation;
* ``pair``: two entities (a group and a country, say) named in the same new report.

A rule's targets are kept as the words the analyst gave and resolved against the picture
on every run (:class:`Resolved`), so a rule may name what is not in the store yet and keeps
working when incidents re-link. Every alert's id hashes its rule and what it is about (a
report, a statement, a figure's new state), so running the rules again over the same report
never raises the same alert twice. Pure functions; the pipeline reads and stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crosscheck.assess.records import Alert, Rule, Target
from crosscheck.assess.suggest import names_in
from crosscheck.assess.warnings import Warning
from crosscheck.errors import AssessmentError
from crosscheck.model import MEASURES, ClaimGroup, Document, stable_id

#: Rule kind -> (what it watches, how many targets, target kinds allowed).
RULE_KINDS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "report": (
        "a new report about an event, organisation or place",
        1,
        ("event", "entity", "place"),
    ),
    "figure": ("a figure that changes or a group that turns to conflict", 1, ("event", "entity")),
    "warning": ("a new warning about a place or organisation", 1, ("place", "entity")),
    "pair": ("two entities named in the same new report", 2, ("entity", "place")),
}


@dataclass
class Resolved:
    """What one target names in the picture now: record ids and names (with aliases)."""

    target: Target
    ids: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)


def make_rule(
    kind: str,
    targets: Sequence[Target],
    *,
    measure: str | None = None,
    name: str = "",
    webhook: str | None = None,
    author: str = "analyst",
    reason: str = "",
) -> Rule:
    """A checked rule whose id hashes what it watches (adding it twice adds nothing)."""
    if kind not in RULE_KINDS:
        raise AssessmentError(f"rule kind {kind!r} is not one of {', '.join(RULE_KINDS)}")
    what, count, allowed = RULE_KINDS[kind]
    if len(targets) != count:
        raise AssessmentError(
            f"a {kind} rule ({what}) names {count} target{'s' if count > 1 else ''},"
            f" got {len(targets)}; use {' / '.join('--' + a for a in allowed)}"
        )
    for t in targets:
        if t.kind not in allowed:
            raise AssessmentError(
                f"a {kind} rule cannot name a {t.kind}; it names {' or '.join(allowed)}"
            )
        if not t.text.strip() or len(t.text) > 200:
            raise AssessmentError(f"{t.kind} {t.text!r}: give a name of 1-200 characters")
    if measure is not None and (kind != "figure" or measure not in MEASURES):
        raise AssessmentError(
            f"--measure applies to figure rules and is one of {', '.join(MEASURES)}"
        )
    if webhook is not None:
        check_webhook(webhook)
    clean = [Target(t.kind, " ".join(t.text.split())) for t in targets]
    parts = sorted(f"{t.kind}:{t.text.casefold()}" for t in clean)
    rule_id = stable_id("r", kind, *parts, measure or "", length=10)
    label = name.strip() or f"{kind}: " + " + ".join(t.text for t in clean)
    return Rule(rule_id, kind, clean, measure, label, webhook, author, reason)


def check_webhook(url: str) -> str:
    """A webhook must be an http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AssessmentError(f"webhook {url!r} is not an http(s) URL; give https://host/path")
    return url


def _alert(rule: Rule, key: str, title: str, summary: str, **kw: object) -> Alert:
    return Alert(stable_id("a", rule.id, key), rule.id, rule.kind, key, title, summary, **kw)  # type: ignore[arg-type]


def _doc_words(doc: Document | None, doc_id: str) -> str:
    if doc is None:
        return doc_id
    bits = [b for b in (doc.outlet, doc.published) if b]
    return f"{doc.title or doc.path or doc_id}" + (f" ({', '.join(bits)})" if bits else "")


def match_reports(
    rule: Rule,
    resolved: Sequence[Resolved],
    doc_records: Mapping[str, set[str]],
    docs: Mapping[str, Document],
) -> list[Alert]:
    """Alerts for new reports holding every target (one for report rules, two for pairs).

    ``doc_records`` maps each new document to the event and entity ids it names.
    """
    out = []
    for doc_id in sorted(doc_records):
        held = doc_records[doc_id]
        if not resolved or not all(r.ids & held for r in resolved):
            continue
        names = " and ".join(r.target.text for r in resolved)
        verb = "names both" if rule.kind == "pair" else "reports on"
        out.append(
            _alert(
                rule,
                f"doc:{doc_id}",
                f"{rule.name}: new report",
                f"{_doc_words(docs.get(doc_id), doc_id)} {verb} {names}",
                evidence={"document": doc_id, "targets": [r.target.to_dict() for r in resolved]},
                doc_id=doc_id,
            )
        )
    return out


def match_warnings(
    rule: Rule, resolved: Resolved, warnings: Iterable[Warning], named: Mapping[str, set[str]]
) -> list[Alert]:
    """Alerts for new warnings about the rule's place or organisation.

    A warning is about the target when its places or actors carry one of the target's names,
    or when ``named`` (statement id -> entity ids in its sentence) holds one of its ids.
    """
    out = []
    for w in warnings:
        words = " ; ".join([p.name for p in w.places] + list(w.actors) + [w.content])
        if not (names_in(words, resolved.names) or resolved.ids & named.get(w.statement_id, set())):
            continue
        when = w.date if w.precision != "published" else f"by {w.published or '?'}"
        out.append(
            _alert(
                rule,
                f"warning:{w.statement_id}",
                f"{rule.name}: new warning",
                f"{w.speaker} warned ({when}): {w.content[:300]}",
                evidence={"statement": w.statement_id, "warning": w.to_dict()},
                doc_id=w.doc_id,
            )
        )
    return out


def figure_state(group: ClaimGroup) -> str:
    """What a figure rule compares between runs: the verdict and the low/best/high."""
    est = group.estimate
    return f"{group.status} {_num(est.low)}/{_num(est.best)}/{_num(est.high)}"


def _num(value: float | int | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else str(value)


def figure_changes(
    rule: Rule, groups: Iterable[ClaimGroup], before: Mapping[str, str]
) -> tuple[list[Alert], dict[str, str]]:
    """Alerts for figures that are new or changed since ``before``, and the state to keep.

    ``before`` maps a figure (``measure|label``, stable across re-linking) to its last
    seen :func:`figure_state`. A group turning to conflict says so in the alert's title.
    """
    out, after = [], dict(before)
    for g in sorted(groups, key=lambda x: (x.measure, x.label, x.id)):
        if rule.measure and g.measure != rule.measure:
            continue
        figure, state = f"{g.measure}|{g.label}", figure_state(g)
        old = before.get(figure)
        after[figure] = state
        if old == state:
            continue
        turned = g.status == "conflict" and not (old or "").startswith("conflict")
        what = "turned to conflict" if turned else ("changed" if old else "new figure")
        subject = g.subject.name or rule.targets[0].text
        out.append(
            _alert(
                rule,
                f"figure:{figure}:{state}",
                f"{rule.name}: {g.label} {what}",
                f"{g.label} — {subject}: now {state}" + (f" (was {old})" if old else ""),
                evidence={"group": g.id, "before": old, "after": state, "reason": g.reason},
            )
        )
    return out, after


__all__ = [
    "RULE_KINDS",
    "Resolved",
    "check_webhook",
    "figure_changes",
    "figure_state",
    "make_rule",
    "match_reports",
    "match_warnings",
]

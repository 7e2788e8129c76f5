"""A claim group's reason in words: the sources it cites by outlet, date and wording.

The verdict's reason names the claims it rests on by id ("low 9 from c-c4b45ec6…"),
which an analyst cannot read. :func:`explain_groups` cuts each reason into parts, text
and cited claims, and gives every cited claim its outlet, publication date and the
words around its figure, so the web pages and the brief show the source instead of the
id. When a group's figures are labelled differently ("people arrested", "suspects
arrested") a note says they may count different things.

Nothing here changes a verdict: the reason text comes from reconcile as it is, and a
reason without claim ids comes through as one text part.
"""

from __future__ import annotations

import re
from typing import Any

from crosscheck.store import Store

#: A claim id as reconcile writes it into a reason.
CLAIM_ID = re.compile(r"\bc-[0-9a-f]{8,}\b")
#: Words kept on each side of a figure when its sentence is quoted in a reason.
CONTEXT_WORDS = 7


def _window(sentence: str, start: int, end: int) -> str:
    """The figure at ``sentence[start:end]`` with a few words either side, cut with "…"."""
    words = [m.span() for m in re.finditer(r"\S+", sentence)]
    before = [w for w in words if w[1] <= start]
    after = [w for w in words if w[0] >= end]
    first = before[-CONTEXT_WORDS][0] if len(before) >= CONTEXT_WORDS else 0
    last = after[CONTEXT_WORDS - 1][1] if len(after) >= CONTEXT_WORDS else len(sentence)
    text = sentence[first:last].strip()
    if len(before) > CONTEXT_WORDS:
        text = "…" + text
    if len(after) > CONTEXT_WORDS:
        text += "…"
    return text


def wording(claim: dict[str, Any], text: str | None) -> str:
    """The words of a claim's sentence around its figure (the sentence cut short if the
    figure cannot be placed in it)."""
    sentence = " ".join(str(claim.get("sentence") or "").split())
    span = claim.get("span") or [0, 0]
    if text:
        figure = " ".join(text[span[0] : span[1]].split())
        at = sentence.find(figure) if figure else -1
        if at >= 0:
            return _window(sentence, at, at + len(figure))
    words = sentence.split()
    return " ".join(words[: 2 * CONTEXT_WORDS]) + ("…" if len(words) > 2 * CONTEXT_WORDS else "")


def _source(claim: dict[str, Any]) -> str:
    doc = claim.get("document") or {}
    return str(claim.get("outlet") or doc.get("title") or doc.get("id") or "a source")


def reason_parts(group: dict[str, Any], wordings: dict[str, str]) -> list[dict[str, Any]]:
    """The group's reason as parts: ``{"text"}`` or a cited claim ``{"claim", "source",
    "published", "wording", "repeat"}`` (``repeat``: cited earlier in the same reason)."""
    claims = {c["id"]: c for c in group.get("claim_details", [])}
    reason = str(group.get("reason") or "")
    parts: list[dict[str, Any]] = []
    seen: set[str] = set()
    pos = 0
    for match in CLAIM_ID.finditer(reason):
        claim = claims.get(match.group(0))
        if claim is None:
            continue
        if match.start() > pos:
            parts.append({"text": reason[pos : match.start()]})
        parts.append(
            {
                "claim": claim["id"],
                "source": _source(claim),
                "published": claim.get("published"),
                "document": (claim.get("document") or {}).get("id"),
                "wording": wordings.get(claim["id"], ""),
                "repeat": claim["id"] in seen,
            }
        )
        seen.add(claim["id"])
        pos = match.end()
    if pos < len(reason):
        parts.append({"text": reason[pos:]})
    return parts


def counting_note(group: dict[str, Any]) -> str | None:
    """Says when a group's differing figures carry different labels, e.g. "people
    arrested" (Associated Press, BBC News) against "suspects arrested" (TASS); else None."""
    by_label: dict[str, list[str]] = {}
    values: dict[str, set[tuple[Any, Any]]] = {}
    for c in group.get("claim_details", []):
        if c.get("review") == "rejected" or not c.get("label"):
            continue
        label = str(c["label"]).strip()
        sources = by_label.setdefault(label, [])
        if _source(c) not in sources:
            sources.append(_source(c))
        values.setdefault(label.casefold(), set()).add((c.get("low"), c.get("high")))
    # Different words for the same number ("gunmen", "attackers") are no warning: only
    # labels that come with different figures may explain a disagreement.
    if len(values) < 2 or len(set().union(*values.values())) < 2:
        return None
    counted = [f"“{label}” ({', '.join(sources)})" for label, sources in by_label.items()]
    return (
        "These figures may count different things: "
        + "; ".join(counted)
        + ". Check the sentences before comparing them."
    )


def _texts(store: Store, doc_ids: set[str]) -> dict[str, str]:
    texts = {}
    for doc_id in sorted(doc_ids):
        doc = store.get_document(doc_id)
        if doc is not None:
            texts[doc_id] = doc.text
    return texts


def explain_groups(store: Store, groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``reason_parts`` and ``counting_note`` to each group view (in place); returns
    ``groups``. Reads the text of the documents whose claims a reason cites."""
    cited: dict[str, dict[str, Any]] = {}
    for g in groups:
        ids = set(CLAIM_ID.findall(str(g.get("reason") or "")))
        for c in g.get("claim_details", []):
            if c["id"] in ids:
                cited[c["id"]] = c
    texts = _texts(store, {(c.get("document") or {}).get("id") or "" for c in cited.values()})
    wordings = {
        cid: wording(c, texts.get((c.get("document") or {}).get("id") or ""))
        for cid, c in cited.items()
    }
    for g in groups:
        g["reason_parts"] = reason_parts(g, wordings)
        g["counting_note"] = counting_note(g)
    return groups


def reason_in_words(group: dict[str, Any]) -> str:
    """The reason as one line of plain text, claim ids replaced by their sources
    (after :func:`explain_groups`)."""
    out = []
    for part in group.get("reason_parts") or [{"text": group.get("reason") or ""}]:
        if "text" in part:
            out.append(part["text"])
            continue
        where = ", ".join(p for p in (part["source"], part.get("published")) if p)
        if part["repeat"] or not part["wording"]:
            out.append(where)
        else:
            out.append(f"{where}: “{part['wording']}”")
    return "".join(out)


__all__ = [
    "CLAIM_ID",
    "counting_note",
    "explain_groups",
    "reason_in_words",
    "reason_parts",
    "wording",
]

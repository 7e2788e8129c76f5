"""Fixtures for the export tests: a hand-built store whose records never change with
extraction improvements (for golden files), and the sample corpus ingested for real."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.ingest import content_hash
from crosscheck.model import (
    Claim,
    ClaimGroup,
    Correction,
    Document,
    Entity,
    Estimate,
    Event,
    EventMention,
    Extraction,
    Mention,
    Picture,
    Statement,
    Subject,
)
from crosscheck.store import Store, open_store

HOSTILE = "<script>alert('x')</script>"

# Three short reports in our own words about an invented attack on a market in Kabul.
TEXTS = {
    "a": (
        "A bomb went off at a crowded market in Kabul on Monday. Officials said at least 20 "
        "people were killed and 31 were hurt. The Lion Front said it carried out the blast."
    ),
    "b": (
        "The toll from Monday's market bombing in Kabul rose to 26 dead, the health ministry "
        "said. Police detained 3 suspects. The Lion Front has about 900 fighters. " + HOSTILE
    ),
    "c": (
        "Police now say 7 suspects were detained after the Kabul market attack. Analysts put "
        "the strength of the Lion Front at 2,000 fighters."
    ),
}
META = {
    "a": ("Market blast in Kabul", "Daily Ledger", "2023-05-08", "https://ledger.example/a"),
    "b": ("Kabul toll rises <b>fast</b>", "Morning Wire", "2023-05-09", "https://wire.example/b"),
    "c": ("Suspects held", "Evening Post", "2023-05-10", None),
}


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _sentence(text: str, phrase: str) -> str:
    for sent in text.split(". "):
        if phrase in sent:
            return sent.strip().rstrip(".") + "."
    raise AssertionError(phrase)


def build_store(url: str) -> Store:
    """A store with three documents, their extractions, a picture and corrections."""
    store = open_store(url)
    docs: dict[str, Document] = {}
    for key, text in TEXTS.items():
        title, outlet, published, link = META[key]
        digest = content_hash(text)
        docs[key] = Document(
            id=f"d-{digest[:16]}",
            content_hash=digest,
            text=text,
            path=f"reports/{key}.txt",
            url=link,
            title=title,
            outlet=outlet,
            published=published,
            language="en",
            ingested_at="2023-06-01T00:00:00Z",
        )

    def claim(
        key: str,
        phrase: str,
        measure: str,
        low: float | None,
        high: float | None,
        subject: Subject,
        counted: str = "",
    ) -> Claim:
        text = TEXTS[key]
        return Claim(
            doc_id=docs[key].id,
            measure=measure,
            low=low,
            high=high,
            span=_span(text, phrase),
            sentence=_sentence(text, phrase),
            label=f"people {measure}" if measure != "count" else "fighters",
            subject=subject,
            counted=counted,
            subject_kind=subject.kind,
            subject_name=subject.name,
        )

    def mention(key: str, phrase: str, label: str, mkey: str) -> Mention:
        start, end = _span(TEXTS[key], phrase)
        return Mention(docs[key].id, start, end, phrase, label, mkey)

    def event_mention(key: str, phrase: str) -> EventMention:
        text = TEXTS[key]
        return EventMention(
            doc_id=docs[key].id,
            type="bombing",
            trigger=phrase,
            span=_span(text, phrase),
            sentence=_sentence(text, phrase),
            date="2023-05-08",
            date_precision="day",
            location="Kabul",
            country="AF",
            actors=[{"role": "perpetrator", "name": "Lion Front", "key": "lion-front"}],
        )

    event = Subject(kind="event", id="e-market", name="Kabul market bombing")
    front = Subject(kind="entity", id="n-lion", name="Lion Front")
    claims = {
        "a": [
            claim("a", "at least 20", "killed", 20, None, event),
            claim("a", "31", "injured", 31, 31, event),
        ],
        "b": [
            claim("b", "26 dead", "killed", 26, 26, event),
            claim("b", "3 suspects", "arrested", 3, 3, event),
            claim("b", "900 fighters", "count", 900, 900, front, "fighters"),
        ],
        "c": [
            claim("c", "7 suspects", "arrested", 7, 7, event),
            claim("c", "2,000 fighters", "count", 2000, 2000, front, "fighters"),
        ],
    }
    mentions = {
        "a": [
            mention("a", "Kabul", "GPE", "kabul"),
            mention("a", "Lion Front", "ARMED_GROUP", "lion-front"),
        ],
        "b": [
            mention("b", "Kabul", "GPE", "kabul"),
            mention("b", "Lion Front", "ARMED_GROUP", "lion-front"),
            mention("b", "health ministry", "AGENCY", "health ministry"),
        ],
        "c": [
            mention("c", "Kabul", "GPE", "kabul"),
            mention("c", "Lion Front", "ARMED_GROUP", "lion-front"),
        ],
    }
    ems = {
        k: [event_mention(k, p)]
        for k, p in (("a", "A bomb went off"), ("b", "market bombing"), ("c", "market attack"))
    }
    statements = {
        "a": [
            Statement(
                doc_id=docs["a"].id,
                speaker="The Lion Front",
                verb="said",
                stance="claims",
                content="it carried out the blast",
                span=_span(TEXTS["a"], "The Lion Front said"),
                sentence=_sentence(TEXTS["a"], "Lion Front said"),
            )
        ]
    }
    for key, doc in docs.items():
        store.add_document(
            doc,
            Extraction(
                doc_id=doc.id,
                mentions=mentions[key],
                claims=claims[key],
                events=ems[key],
                statements=statements.get(key, []),
            ),
        )
    all_mentions = [m for ms in mentions.values() for m in ms]
    entity_of = {"kabul": "n-kabul", "lion-front": "n-lion", "health ministry": "n-health"}
    entities = [
        Entity(
            id="n-kabul",
            name="Kabul",
            label="GPE",
            aliases={"Kabul": sorted(d.id for d in docs.values())},
        ),
        Entity(
            id="n-lion",
            name="Lion Front",
            label="ARMED_GROUP",
            aliases={"Lion Front": sorted(d.id for d in docs.values()), "LF": [docs["c"].id]},
        ),
        Entity(
            id="n-health",
            name="health ministry",
            label="AGENCY",
            aliases={"health ministry": [docs["b"].id]},
        ),
    ]
    all_ems = [e for es in ems.values() for e in es]
    events = [
        Event(
            id="e-market",
            type="bombing",
            name="Kabul market bombing",
            date="2023-05-08",
            date_precision="day",
            location="Kabul",
            country="AF",
            latitude=34.5281,
            longitude=69.1723,
            mention_ids=[e.id for e in all_ems],
            actors=[{"role": "perpetrator", "name": "Lion Front", "key": "lion-front"}],
        )
    ]
    cid = {(c.doc_id, c.measure): c.id for cs in claims.values() for c in cs}
    a, b, c = docs["a"].id, docs["b"].id, docs["c"].id
    groups = [
        ClaimGroup(
            id="g-killed",
            subject=event,
            measure="killed",
            label="people killed",
            status="evolving",
            claims=[cid[(a, "killed")], cid[(b, "killed")]],
            sources=2,
            estimate=Estimate(20, 26, 26),
            reason="the toll rose from at least 20 to 26 between 8 and 9 May",
        ),
        ClaimGroup(
            id="g-injured",
            subject=event,
            measure="injured",
            label="people injured",
            status="single",
            claims=[cid[(a, "injured")]],
            sources=1,
            estimate=Estimate(31, 31, 31),
        ),
        ClaimGroup(
            id="g-arrested",
            subject=event,
            measure="arrested",
            label="people arrested",
            status="evolving",
            claims=[cid[(b, "arrested")], cid[(c, "arrested")]],
            sources=2,
            estimate=Estimate(3, 7, 7),
            reason="3 detained, later 7",
        ),
        ClaimGroup(
            id="g-strength",
            subject=front,
            measure="count",
            label="fighters",
            status="conflict",
            claims=[cid[(b, "count")], cid[(c, "count")]],
            sources=2,
            estimate=Estimate(900, 900, 2000),
            reason="900 and 2,000 fighters do not overlap " + HOSTILE,
        ),
    ]
    picture = Picture(
        entities=entities,
        events=events,
        groups=groups,
        claim_subjects={c.id: c.subject for cs in claims.values() for c in cs if c.subject},
        mention_entities={m.id: entity_of[m.key] for m in all_mentions},
        event_links={e.id: "e-market" for e in all_ems},
    )
    store.save_picture(picture)
    store.clear_pending(store.pending_documents())
    store.add_correction(
        Correction(
            target_kind="claim",
            target=cid[(a, "killed")],
            action="confirm",
            author="rana",
            reason="matches the ministry bulletin",
            created_at="2023-05-11T09:30:00Z",
        )
    )
    store.add_correction(
        Correction(
            target_kind="claim",
            target=cid[(c, "arrested")],
            action="edit",
            author="rana",
            payload={"low": 7, "high": 8},
            reason="a later bulletin gives 7 or 8 " + HOSTILE,
            created_at="2023-05-12T10:00:00Z",
        )
    )
    return store


@pytest.fixture
def hand_store(tmp_path: Path) -> Store:
    """The hand-built store (see :func:`build_store`)."""
    store = build_store(str(tmp_path / "hand.db"))
    yield store
    store.close()

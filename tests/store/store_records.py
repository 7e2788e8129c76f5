"""Small records for the store tests (written for these tests; no report text)."""

from __future__ import annotations

import hashlib

from crosscheck.model import (
    Claim,
    ClaimGroup,
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

TEXT_A = "Harlow saw a blast on Monday. 12 people died and over 30 were hurt in the market hall."
TEXT_B = "A court in Dunmore sentenced four men on Tuesday for planning an arson attack."


def make_doc(text: str, **meta: object) -> Document:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return Document(id=f"d-{digest[:16]}", content_hash=digest, text=text, **meta)  # type: ignore[arg-type]


def make_extraction(doc: Document) -> Extraction:
    start = doc.text.index("12")
    sentence = doc.text.split(".")[0]
    return Extraction(
        doc_id=doc.id,
        mentions=[Mention(doc.id, 0, 8, doc.text[:8], "GPE", "gpe:harlow", "Harlow")],
        claims=[
            Claim(
                doc.id,
                "killed",
                12,
                12,
                (start, start + 2),
                sentence,
                "people killed",
                subject_kind="event",
                subject_ref="em-1",
                subject_name="Harlow blast",
            ),
            Claim(
                doc.id,
                "injured",
                30,
                None,
                (start + 20, start + 30),
                sentence,
                "people hurt",
                approximate=True,
                vague=True,
                as_of="2031-05-02",
                attributed_to="the police",
            ),
            Claim(
                doc.id,
                "percent",
                2.5,
                97.5,
                (start + 40, start + 45),
                sentence,
                "share",
                counted="population",
            ),
        ],
        events=[
            EventMention(
                doc.id,
                "bombing",
                "blast",
                (10, 15),
                sentence,
                date="2031-05-01",
                date_precision="day",
                location="Harlow",
                country="GB",
                latitude=51.77,
                longitude=0.11,
                actors=[{"role": "perpetrator", "name": "X", "key": "x"}],
            )
        ],
        statements=[
            Statement(
                doc.id,
                "the police",
                "said",
                "says",
                "twelve died",
                (0, 20),
                sentence,
                speaker_key="police",
            )
        ],
    )


def picture_for(doc: Document, ex: Extraction, name: str = "Harlow bombing") -> Picture:
    """A small reconciled picture over ``make_extraction(doc)``."""
    subject = Subject("event", "e-1", name)
    return Picture(
        entities=[Entity("n-1", "Harlow", "GPE", {"Harlow": [doc.id]}, [ex.mentions[0].id])],
        events=[
            Event(
                "e-1",
                "bombing",
                name,
                "2031-05-01",
                "day",
                "Harlow",
                "GB",
                51.77,
                0.11,
                [ex.events[0].id],
                [{"role": "perpetrator", "name": "X"}],
            )
        ],
        groups=[
            ClaimGroup(
                "g-1",
                subject,
                "killed",
                "people killed",
                "single",
                [ex.claims[0].id],
                1,
                Estimate(12, 12, 12),
                12,
                "one source",
            )
        ],
        claim_subjects={ex.claims[0].id: subject},
        mention_entities={ex.mentions[0].id: "n-1"},
        event_links={ex.events[0].id: "e-1"},
    )


def make_extraction_for(doc: Document) -> Extraction:
    return Extraction(
        doc_id=doc.id,
        claims=[Claim(doc.id, "count", 1, 1, (0, 6), doc.text, "reports")],
    )

"""Subject lookup tables kept between updates equal the tables made from nothing."""

from __future__ import annotations

from recon_records import doc, event, mention

from crosscheck.model import Entity, EventMention, Mention
from crosscheck.reconcile import DocRecords
from crosscheck.reconcile.entities import EntityMemo, resolve_document_entities
from crosscheck.reconcile.subjecttables import Tables, TablesMemo, lookup_tables


def _tables(
    ems: list[EventMention],
    links: dict[str, str],
    ms: list[Mention],
    memo: TablesMemo | None,
    made: dict[tuple[object, ...], DocRecords] | None = None,
    moved: set[str] | None = None,
) -> Tables:
    """The tables of these records; with ``made``, a document with the same records is the
    very record of the last call (as in a Reconciler), and ``moved`` tells which links moved."""
    by_key = {m.id: f"ent-{m.key}" for m in ms}
    ids = sorted({x.doc_id for x in [*ems, *ms]})
    docs = []
    for i in ids:
        own = (i, tuple(m for m in ms if m.doc_id == i), tuple(em for em in ems if em.doc_id == i))
        if made is None or own not in made:
            record = DocRecords(doc(i, None, None), own[1], own[2])
            if made is not None:
                made[own] = record
        docs.append(made[own] if made is not None else record)
    return lookup_tables(docs, links, by_key, [], memo, moved_links=moved)


def _steps() -> list[tuple[list[EventMention], dict[str, str], list[Mention]]]:
    blast_a = event("a", "the blast at the Copper Quay depot", start=0)
    raid_a = event("a", "a night raid on the Lantern Hills", type="raid", start=50)
    blast_b = event("b", "the Copper Quay depot blast", start=0)
    talks_c = event("c", "talks over the Copper Quay port", type="meeting", start=10)
    gunfire_d = event("d", "shots at the Saltmarsh warehouse", type="shooting", start=0)
    places_a = [mention("a", "Eastmarch", "GPE", start=5), mention("a", "Lantern Hills", "LOC")]
    places_b = [mention("b", "Westmoor", "GPE", start=3)]
    moved_b = [mention("b", "Westmoor", "GPE", start=30), mention("b", "Rivermouth", "LOC")]
    steps = [
        ([blast_a, raid_a], {blast_a.id: "E1", raid_a.id: "E2"}, places_a),
        # a document comes
        (
            [blast_a, raid_a, blast_b],
            {blast_a.id: "E1", raid_a.id: "E2", blast_b.id: "E1"},
            places_a + places_b,
        ),
        # an unchanged document's mention moves to another incident; another's places change
        (
            [blast_a, raid_a, blast_b],
            {blast_a.id: "E1", raid_a.id: "E1", blast_b.id: "E1"},
            places_a + moved_b,
        ),
        # a document adds a word to an incident others tell, then goes again
        (
            [blast_a, raid_a, blast_b, gunfire_d],
            {blast_a.id: "E1", raid_a.id: "E1", blast_b.id: "E1", gunfire_d.id: "E1"},
            places_a + moved_b,
        ),
        (
            [blast_a, raid_a, blast_b],
            {blast_a.id: "E1", raid_a.id: "E1", blast_b.id: "E1"},
            places_a + moved_b,
        ),
        # a document comes whose incident is unlinked, one goes
        ([blast_b, talks_c], {blast_b.id: "E3"}, moved_b),
        ([blast_b, talks_c], {blast_b.id: "E3", talks_c.id: "E4"}, moved_b),
    ]
    return steps


def test_tables_with_a_memo_follow_added_changed_and_removed_documents() -> None:
    gunfire_d = event("d", "shots at the Saltmarsh warehouse", type="shooting", start=0)
    memo = TablesMemo()
    for ems, links, ms in _steps():
        kept = _tables(ems, links, ms, memo)
        fresh = _tables(ems, links, ms, None)
        assert kept == fresh
        assert set(memo.docs) == {em.doc_id for em in ems}
        # the incident's words are those of its mentions still there
        assert ("saltmarsh" in kept.token_index) == (gunfire_d in ems)
    assert kept.doc_events == {"b": {"E3"}, "c": {"E4"}}
    assert "E4" in kept.token_index["talks"]


def test_tables_told_which_links_moved_read_only_those_documents_again() -> None:
    """Unchanged documents are the same records; a document is read again when it changed
    or one of its event mentions moved to another incident, and the tables still equal
    those made from nothing."""
    memo, made = TablesMemo(), {}
    before: dict[str, str] = {}
    for ems, links, ms in _steps():
        moved = {k for k in before.keys() | links.keys() if before.get(k) != links.get(k)}
        kept = _tables(ems, links, ms, memo, made, moved)
        assert kept == _tables(ems, links, ms, None)
        assert set(memo.em_docs) == {em.id for em in ems}
        before = links


def test_the_key_table_from_resolved_keys_equals_the_one_read_from_documents() -> None:
    """Each key's entity is that of its first mention (by id) that has one, whether the
    mentions are read from the documents or handed over by entity resolution."""
    ms = [
        mention("b", "Eastmarch", "GPE", start=3),
        mention("a", "Eastmarch", "GPE", start=9),
        mention("a", "Westmoor", "GPE", start=1),
    ]
    docs = [DocRecords(doc(k, None, None), tuple(m for m in ms if m.doc_id == k)) for k in "ab"]
    entities = EntityMemo()
    resolve_document_entities(docs, 90, entities)
    first = min((m for m in ms if m.key == "eastmarch"), key=lambda m: m.id)
    # The first Eastmarch mention has no entity: the key takes the next one's.
    by_mention = {m.id: f"ent-{m.id}" for m in ms if m is not first}
    plain = lookup_tables(docs, {}, by_mention, [])
    handed = lookup_tables(docs, {}, by_mention, [], keyed=entities.mentions_by_key())
    assert plain == handed
    second = next(m for m in ms if m.key == "eastmarch" and m is not first)
    assert handed.entity_by_key["eastmarch"] == f"ent-{second.id}"


def test_name_tables_with_a_memo_follow_entities_renamed_relabelled_added_and_removed() -> None:
    def entity(id_: str, label: str, *names: str, mentions: tuple[str, ...] = ()) -> Entity:
        return Entity(id_, names[0], label, {n: ["d"] for n in names}, list(mentions))

    steps = [
        [entity("n-2", "ORG", "Blue Hand"), entity("n-5", "GPE", "Eastmarch")],
        # a mention more: the same names
        [entity("n-2", "ORG", "Blue Hand", mentions=("m1",)), entity("n-5", "GPE", "Eastmarch")],
        # a smaller id comes with a name already borne
        [
            entity("n-1", "ORG", "the Blue Hand"),
            entity("n-2", "ORG", "Blue Hand"),
            entity("n-5", "GPE", "Eastmarch"),
        ],
        # an organisation that becomes a place, then an alias more
        [
            entity("n-1", "GPE", "the Blue Hand"),
            entity("n-2", "ORG", "Blue Hand"),
            entity("n-5", "GPE", "Eastmarch"),
        ],
        [
            entity("n-1", "GPE", "the Blue Hand"),
            entity("n-2", "ORG", "Blue Hand", "BHF"),
            entity("n-5", "GPE", "Eastmarch"),
        ],
        [entity("n-5", "GPE", "Eastmarch", "East March")],
    ]
    memo = TablesMemo()
    for entities in steps:
        kept = lookup_tables([], {}, {}, entities, memo)
        fresh = lookup_tables([], {}, {}, entities)
        assert (kept.entity_by_name, kept.org_by_name) == (fresh.entity_by_name, fresh.org_by_name)
    assert kept.entity_by_name == {"eastmarch": "n-5", "east march": "n-5"}

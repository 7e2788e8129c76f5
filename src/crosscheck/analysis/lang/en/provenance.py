"""Who gives a figure and when it holds: ``attributed_to`` and ``as_of`` of a claim.

A figure is attributed to a named source when the sentence says so: "according to the
Levada Centre", "Anatoly Sidorov ... stated that", "the UN monitoring team estimated".
Generic sources ("reports say", "it was estimated") give no attribution.

The as-of date is the date the text says the figure holds: an explicit date in its
sentence ("in February 2023", "by 2022", "as of 25 March", a statement "on 30 March"),
the closest one at the precision the text gives. The date of an incident mentioned
beside the figure is not one ("145 dead in the 22 March attack", "killed 12 on 3 May"):
a toll is counted after the incident, so such a figure holds as of its publication
(the claim's as-of stays None), unless the text marks the date ("by 30 March the toll
had risen to 144"). Relative dates are left to the dates component.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from crosscheck.analysis.lang.en.measures import lemma, lexicon, word_set
from crosscheck.analysis.lang.en.spans import ents_in

_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_REPORTED = {"ccomp", "xcomp", "parataxis"}
_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\b")
#: Dependencies that keep a date inside the phrase or clause it dates.
_HOLDERS = ("pobj", "prep", "compound", "nmod", "nummod", "amod", "npadvmod", "appos", "poss")


def _name(tok: Token) -> str | None:
    """The words naming a source: the noun phrase up to its head, plus "of X"."""
    people = word_set("source_people")
    generic = word_set("generic_sources")
    # "experts at the Observer Research Foundation" -> the organisation.
    if lemma(tok) in people or lemma(tok) in generic:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("at", "from", "of", "by", "with"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _name(obj)
        if lemma(tok) in generic or tok.pos_ == "PRON":
            return None
    if tok.pos_ == "PRON" or tok.lower_ in generic:
        return None
    words = [
        t
        for t in tok.doc[tok.left_edge.i : tok.i + 1]
        if t.dep_ not in ("det", "punct") and t.pos_ not in ("DET", "SPACE")
    ]
    # Keep a proper name's own tail ("Support and Sanctions Monitoring Team").
    if any(t.dep_ == "appos" or t.text == "," for t in tok.doc[tok.left_edge.i : tok.i]):
        words = [t for t in tok.doc[tok.left_edge.i : tok.i + 1] if t.pos_ == "PROPN"]
        words = words or [tok]
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == tok.i + 1:
            words.extend(t for t in child.subtree if t.pos_ != "DET")
    text = "".join(t.text_with_ws for t in words if not t.is_space)
    text = " ".join(text.split()).removeprefix("the ").removeprefix("The ")
    return text or None


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((o for o in child.children if o.dep_ == "pobj"), None)
    return None


def attribution(sent: Span, anchor: Token) -> str | None:
    """The named source of the figure at ``anchor``, or None."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            to = tok.nbor()
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _name(obj)
    verbs = word_set("source_verbs")
    child = anchor
    for depth, anc in enumerate(anchor.ancestors):
        # The figure must sit in what the verb reports ("stated that ..."), not in a
        # phrase that merely hangs off it ("claimed responsibility for the attack, where").
        direct = depth <= 1 and child.dep_ in ("dobj", "attr")
        # "officials put the toll at 312"
        direct = direct or (lemma(anc) == "put" and child.dep_ == "prep" and child.lower_ == "at")
        if lemma(anc) in verbs and anc.pos_ == "VERB" and (child.dep_ in _REPORTED or direct):
            subj = _subject_of(anc)
            if subj is not None and not (subj.left_edge.i <= anchor.i <= subj.right_edge.i):
                return _name(subj)
        child = anc
    # "..., experts at X note." spaCy often hangs the source clause off the figure's clause.
    root = sent.root
    for child in root.children:
        # Only a bare aside ("..., experts note."), not a clause with its own content.
        own = any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in child.children)
        if child.dep_ in ("parataxis", "ccomp", "advcl") and lemma(child) in verbs and not own:
            subj = _subject_of(child)
            if subj is not None and child.i > anchor.i:
                return _name(subj)
    return None


def _parse_date(text: str, published: date | None) -> str | None:
    years = _YEAR.findall(text)
    low = text.lower()
    month = next((n for w, n in _MONTHS.items() if re.search(rf"\b{w}\b", low)), None)
    if month == 5 and not re.search(r"\bmay\b", low):
        month = None
    if not years:
        if month is None or published is None:
            return None
        years = [str(published.year)]
    year = years[0]
    if month is None:
        return year
    rest = _YEAR.sub(" ", text)
    day = _DAY.search(rest)
    if day and 1 <= int(day.group(1)) <= 31:
        return f"{year}-{month:02d}-{int(day.group(1)):02d}"
    return f"{year}-{month:02d}"


def _marked(date_span: Span) -> bool:
    """Whether words before the date say a figure holds then ("as of 25 March", "by 2022")."""
    doc = date_span.doc
    before = " ".join(t.lower_ for t in doc[max(0, date_span.start - 2) : date_span.start])
    return any(before == m or before.endswith(" " + m) for m in word_set("as_of_markers"))


def _incident_date(date_span: Span, value: str) -> bool:
    """Whether the date is an incident's ("the 22 March attack", "killed on 3 May").

    Climbs from the date through the prepositions and noun phrases that hold it ("the
    bombing at the bus station in Mombasa on 3 June") up to the verb of its clause, and
    asks whether a word on the way names an incident (a killing, an attack, a death)
    rather than a statement or a state. A year or a month beside a verb ("killed 4,000
    people in 2022") or a plural noun ("the bombings of 2023") is the period a running
    total covers, which is its as-of date; only a day, or any date of one incident named
    by a singular noun ("the March 2024 attack"), is the incident's.
    """
    incident = word_set("attack_nouns") | word_set("incident_words")
    for verbs in lexicon()["patient_verbs"].values():
        incident |= {str(v) for v in verbs}
    day = len(value) == len("YYYY-MM-DD")

    def names(tok: Token) -> bool:
        return lemma(tok) in incident or tok.lower_ in incident

    tok = date_span.root
    while tok.head != tok and (tok.dep_ in _HOLDERS or tok.ent_type_ == "DATE"):
        tok = tok.head
        if tok.ent_type_ == "DATE":
            continue
        if tok.pos_ in ("VERB", "AUX"):
            return names(tok) and day
        if tok.pos_ in ("NOUN", "PROPN") and names(tok):
            return day or tok.tag_ == "NN"
        if tok.pos_ in ("NOUN", "PROPN"):
            # The parser often hangs the date on the head of a long noun phrase ("the toll
            # from the bombing at the station on 3 June"): an incident named between that
            # head and the date is what the date belongs to.
            between = [t for t in tok.doc[tok.i : date_span.start] if t.pos_ == "NOUN"]
            hit = next((t for t in reversed(between) if names(t)), None)
            if hit is not None:
                return day or hit.tag_ == "NN"
    return False


def _clause(tok: Token) -> int:
    """Index of the verb heading the clause ``tok`` is in (the root when there is none)."""
    for t in [tok, *tok.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            return t.i
    return tok.sent.root.i


def _clauses(tok: Token) -> set[int]:
    """The figure's clause plus the clauses that report it ("said, in May, that ...").

    A relative clause does not inherit its host's date: "the market, which employs 1,500
    traders, was hit in 2017" does not date the traders.
    """
    doc = tok.doc
    out = {_clause(tok)}
    verb = doc[_clause(tok)]
    while verb.head != verb:
        if verb.dep_ == "relcl" and verb.head.ent_type_ == "DATE":
            out.add(_clause(verb.head))  # "in 2022, when gunmen killed 64 soldiers"
        elif verb.dep_ not in ("ccomp", "xcomp", "parataxis", "conj", "advcl"):
            break
        verb = doc[_clause(verb.head)]
        out.add(verb.i)
    return out


def as_of(sent: Span, start: int, end: int, pair: int | None, published: date | None) -> str | None:
    """The explicit date of the figure spanning tokens ``start:end`` in ``sent``.

    Args:
        sent: the sentence.
        start: first token of the figure.
        end: token after the figure.
        pair: 0 or 1 for the "from"/"to" figure of a change ("rose from 57% to 68%").
        published: publication date, to give a year to "on 22 March".
    """
    anchor = sent.doc[start:end].root
    clauses = _clauses(anchor)
    spans = ents_in(sent) + [
        sent.doc[t.i : t.i + 1]
        for t in sent
        if t.ent_type_ != "DATE" and _YEAR.fullmatch(t.text) and t.dep_ in ("nummod", "pobj")
    ]
    dates = [
        e
        for e in spans
        if (e.label_ == "DATE" or len(e) == 1)
        and not (start <= e.start < end)
        and _clause(e.root) in clauses
    ]
    dated = [(e, _parse_date(e.text, published)) for e in dates]
    # An incident's date is not the date its toll holds, unless the text says it is.
    dated = [(e, d) for e, d in dated if d is not None and (_marked(e) or not _incident_date(e, d))]
    if not dated:
        return None
    # A date right after the figure is its own ("68 percent in 2021").
    doc = sent.doc
    after = [
        (e, d)
        for e, d in dated
        if e.start == end
        or (e.start == end + 1 and doc[end].lower_ in ("in", "by", "during", "for", "as"))
    ]
    if after:
        return after[0][1]
    if pair is not None:
        # "between 2017 and 2021 ... rose from 57% to 68%": the years in order.
        years = list(
            dict.fromkeys(y for e, _ in dated if e.end <= start for y in _YEAR.findall(e.text))
        )
        if len(years) >= 2:
            return years[min(pair, len(years) - 1)]
    own = _clause(anchor)
    ent, value = min(
        dated,
        key=lambda ed: (
            _clause(ed[0].root) != own,
            min(abs(ed[0].start - end), abs(start - ed[0].end)),
        ),
    )
    if len(_YEAR.findall(ent.text)) >= 2:
        return None  # a period ("between 2017 and 2021") dates no single figure
    return value


def _source_phrase(sent: Span, anchor: Token) -> Token | None:
    """The head of the phrase a figure is credited to, named or not ("reports", "channels")."""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
            found = next((c for c in tok.nbor().children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    verbs = word_set("source_verbs")
    child = anchor
    for anc in anchor.ancestors:
        said_of = child.dep_ == "prep" and child.lower_ in ("of", "about", "at")
        if (
            lemma(anc) in verbs
            and anc.pos_ == "VERB"
            and (child.dep_ in _REPORTED or said_of or child.dep_ in ("dobj", "attr"))
        ):
            subj = _subject_of(anc)
            if subj is not None and not (subj.left_edge.i <= anchor.i <= subj.right_edge.i):
                return subj
        child = anc
    return None


def rumour(sent: Span, anchor: Token) -> str | None:
    """The words of a source the report itself calls unconfirmed ("social media channels
    spoke of 150 dead", "unverified reports put the toll at 200"), or None."""
    subj = _source_phrase(sent, anchor)
    if subj is None:
        return None
    words = [t for t in subj.subtree if not t.is_punct]
    said = f" {' '.join(t.lower_ for t in words)} "
    if not any(f" {phrase} " in said for phrase in word_set("rumour_words")):
        return None
    text = " ".join(t.text for t in words if t.dep_ != "det")
    return text or None


__all__ = ["as_of", "attribution", "rumour"]

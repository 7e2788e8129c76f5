"""Measures said by set phrasings rather than by a measure verb on the counted noun.

Prison sentences without the word "sentence" ("jailed for ten years", "handed prison
terms"), abductions said with arrest verbs ("kidnappers seized"), states the parser reads
as verbs ("are still missing"), headings ("Death toll: 17"), bare numbers before a measure
adjective ("12 dead and 40 injured") and toll or tally nouns with a measure compound
("the casualty count"), places that say a state ("in custody", "taken to hospital",
"among the dead") and attacks "carried out by" their perpetrators. Word lists live in
``data/en/measures.yaml``. Called by :mod:`crosscheck.analysis.lang.en.counts`; it reads a
parse and never decides whether a number is a claim.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosscheck.analysis.lang.en.measures import is_person, lemma, lexicon, lookup, word_set
from crosscheck.analysis.lang.en.quantities import Quantity


def state_measure(role: str, verb: Token) -> str | None:
    """ "37 people are still missing": an adjective the parser read as a progressive verb."""
    if role != "agent" or verb.tag_ != "VBG":
        return None
    if not any(c.dep_ == "aux" and lemma(c) == "be" for c in verb.children):
        return None
    return lookup("adjectives").get(verb.lower_)


def is_captor(verb: Token) -> bool:
    """True when an arrest verb's subject (or agent) is an armed group: an abduction."""
    captors = word_set("captor_nouns")
    for child in verb.children:
        if child.dep_ == "nsubj" and lemma(child) in captors:
            return True
        by = child.dep_ == "agent"
        if by and any(o.dep_ == "pobj" and lemma(o) in captors for o in child.children):
            return True
    return False


def sentence_measure(role: str, verb: Token) -> str | None:
    """Prison sentences said without "sentence": "jailed for ten years", "a court jailed
    14 people", "were handed prison terms", "received jail sentences", "found guilty"."""
    lem = lemma(verb)
    kids = list(verb.children)
    if role == "patient" and lem in word_set("court_verbs"):
        terms = word_set("term_nouns")
        courts = word_set("court_nouns")
        for child in kids:
            objs = [o for o in child.children if o.dep_ == "pobj"] if child.dep_ == "prep" else []
            if child.lower_ == "for" and any(lemma(o) in terms for o in objs):
                return "sentenced"
            if child.dep_ in ("agent", "nsubj") and (
                lemma(child) in courts
                or any(lemma(o) in courts for o in objs)
                or any(lemma(o) in courts for o in child.children)
            ):
                return "sentenced"
    giving = lexicon()["sentence_giving_verbs"]
    if lem in giving.get(role, []):
        nouns = word_set("sentence_nouns")
        for child in kids:
            if child.dep_ in ("dobj", "dative", "attr") and (
                lemma(child) in nouns or any(lemma(c) in nouns for c in child.children)
            ):
                return "sentenced"
    if role == "patient" and lem == "find":
        guilty = word_set("guilty_words")
        if any(c.dep_ in ("oprd", "acomp", "xcomp") and lemma(c) in guilty for c in kids):
            return "sentenced"
    return None


def trailing_adjective(doc: Doc, q: Quantity) -> str | None:
    """ "12 dead and 40 injured": a bare number right before a measure adjective takes its
    measure, however the parser attached the adjective (often to the verb)."""
    if q.end >= len(doc):
        return None
    nxt = doc[q.end]
    if nxt.pos_ not in ("ADJ", "VERB") or nxt.tag_ not in ("JJ", "VBN", "VBD"):
        return None
    adjectives = lookup("adjectives")
    return adjectives.get(nxt.lower_)


def heading_measure(doc: Doc, q: Quantity) -> str | None:
    """ "Death toll: 17", "Injured: 45", "Arrested: 3": a figure under a measure label."""
    if q.start < 2 or doc[q.start - 1].text not in (":", "-", "–", "—"):
        return None
    word = doc[q.start - 2]
    if lemma(word) in lookup("measure_nouns") or word.lower_ in lookup("measure_nouns"):
        return toll_measure(word)
    if word.lower_ in lookup("adjectives"):
        return lookup("adjectives")[word.lower_]
    if word.tag_ in ("VBN", "VBD") and lemma(word) in lookup("patient_verbs"):
        return lookup("patient_verbs")[lemma(word)]
    return None


def compound_measure(noun: Token) -> str | None:
    """The measure a compound gives a toll or tally noun: "death toll", "arrest count"."""
    nouns = lookup("measure_nouns")
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and lemma(child) in nouns:
            return nouns[lemma(child)]
    return None


def toll_measure(noun: Token) -> str | None:
    """The measure of a governing noun; "toll" takes it from its compound ("death toll")."""
    nouns = lookup("measure_nouns")
    if lemma(noun) == "toll":
        return compound_measure(noun) or "killed"
    return nouns.get(lemma(noun)) or nouns.get(noun.lower_)


def place_measure(role: str, verb: Token) -> str | None:
    """Where the verb puts the people: "among the dead", "in custody", "to hospital",
    "from their homes", "listed as missing"."""
    custody = word_set("custody_nouns")
    hospital = word_set("hospital_nouns")
    homes = word_set("home_nouns")
    adjectives = lookup("adjectives")
    nouns = lookup("measure_nouns")
    held = role == "patient" or (role == "agent" and lemma(verb) in word_set("copular_verbs"))
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        # "listed as missing": spaCy may hang the adjective on "as" as a non-object.
        objs = [o for o in child.children if o.dep_ == "pobj" or child.lower_ == "as"]
        for obj in objs:
            word = obj.lower_
            if child.lower_ == "among" and role in ("agent", "attr"):
                found = adjectives.get(word) or nouns.get(word) or nouns.get(lemma(obj))
                if found:
                    return found  # "six officers were among the dead"
            sentencing = lookup("patient_verbs").get(lemma(verb)) == "sentenced"
            if child.lower_ in ("in", "into", "under") and held and lemma(obj) in custody:
                # "sentenced four men to life in prison" is a sentence, not an arrest.
                return None if sentencing else "arrested"
            # "two others drove themselves to a hospital", "three arrived at a hospital"
            went = role == "agent" and lemma(verb) in word_set("hospital_arrival_verbs")
            hospitalised = (role == "patient" or went) and lemma(obj) in hospital
            if child.lower_ == "at" and not went:
                hospitalised = False  # "family members gathered at the hospital"
            if child.lower_ in ("to", "in", "into", "at") and hospitalised:
                return "injured"
            harmed = lookup("patient_verbs").get(lemma(verb)) in ("killed", "injured", "casualties")
            if child.lower_ == "to" and role == "patient" and harmed and lemma(obj) == "death":
                return "killed"  # "stabbed to death", "beaten to death"
            if child.lower_ in ("from", "out") and role == "patient" and lemma(obj) in homes:
                return "displaced"
            if child.lower_ == "as" and (word in adjectives or lemma(obj) in adjectives):
                return adjectives.get(word) or adjectives[lemma(obj)]
    return None


def plain_verb_measure(role: str, verb: Token | None, arg: Token) -> str | None:
    """Phrasings with a plain verb: leaving one's home, being the agent of an attack."""
    if verb is not None:
        sentenced = sentence_measure(role, verb)
        if sentenced is not None:
            return sentenced
    leaving = verb is not None and role == "agent" and lemma(verb) in word_set("leave_verbs")
    if (
        leaving
        and verb is not None
        and any(c.dep_ == "dobj" and lemma(c) in word_set("home_nouns") for c in verb.children)
    ):
        return "displaced"
    # "carried out by a cell of four men", "the attack was staged by three gunmen"
    tok = arg
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and lemma(tok.head.head) in word_set("collective_nouns")
    ):
        tok = tok.head.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent" and is_person(arg):
        main = tok.head.head
        attack = word_set("attack_nouns")
        holder = main.head if main.dep_ == "conj" else main
        subj = next((c for c in main.children if c.dep_ == "nsubjpass"), None) or next(
            (c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
        carried = lemma(main) == "carry" and any(c.lower_ == "out" for c in main.children)
        if carried or (subj is not None and lemma(subj) in attack):
            return "perpetrators"
    return None


__all__ = [
    "compound_measure",
    "heading_measure",
    "is_captor",
    "place_measure",
    "plain_verb_measure",
    "sentence_measure",
    "state_measure",
    "toll_measure",
    "trailing_adjective",
]

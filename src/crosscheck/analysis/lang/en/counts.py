"""What a cardinal number counts: its measure, label and normalised ``counted`` key.

The measure is read from the dependency parse, never from a word window: the noun the
number quantifies ("130 people"), the verb governing that noun and its voice ("were
killed", "died", "arrested nine men"), adjectives on it ("140 people dead"), nouns that
govern the number ("the death toll at 100") and size nouns ("its strength reached
6,500"). Word lists live in ``data/en/measures.yaml``. Whether a number is a claim at all
(years, ages, names) is decided by :mod:`crosscheck.analysis.lang.en.claims`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.lang.en.labels import event_counted, event_label
from crosscheck.analysis.lang.en.measures import (
    RELATIVE,
    Reading,
    counted_noun,
    is_person,
    lemma,
    lookup,
    normalise,
    of_object,
    word_set,
)
from crosscheck.analysis.lang.en.outcomes import negated, outcome
from crosscheck.analysis.lang.en.phrasings import (
    compound_measure,
    heading_measure,
    is_captor,
    place_measure,
    plain_verb_measure,
    sentence_measure,
    state_measure,
    toll_measure,
    trailing_adjective,
)
from crosscheck.analysis.lang.en.plaincounts import statistic_reading
from crosscheck.analysis.lang.en.quantities import Quantity
from crosscheck.analysis.lang.en.roles import clause_role


def _verb_measure(role: str, verb: Token | None, arg: Token) -> str | None:
    if verb is None:
        return None
    patient = lookup("patient_verbs")
    agent = lookup("agent_verbs")
    weak = word_set("weak_patient_verbs")
    particles = word_set("verb_particles")
    kids = ("xcomp", "oprd", "acomp", "conj") if role == "agent" else ("xcomp", "oprd", "acomp")
    candidates = [verb] + [c for c in verb.children if c.dep_ in kids and c.pos_ == "VERB"]
    place = place_measure(role, verb)
    if place is not None:
        return place
    for v in candidates:
        lem = lemma(v)
        particle = next(
            (
                c.lower_
                for c in v.children
                if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in particles)
            ),
            None,
        )
        if role == "agent" and particle and f"{lem} {particle}" in agent:
            return agent[f"{lem} {particle}"]
        if role == "patient" and particle and f"{lem} {particle}" in patient:
            return patient[f"{lem} {particle}"]  # "were sent back"
        if role == "patient" and lem in patient:
            if lem in weak and not (is_person(arg) or arg.pos_ == "NUM"):
                continue
            return patient[lem]
        if role == "agent" and lem in agent:
            return agent[lem]
        if role == "patient" and v != verb and lem in agent:
            return agent[lem]
    return None


def _attack_subject(verb: Token) -> bool:
    """True when the verb's subject (or relative-clause antecedent) names an attack."""
    attack = word_set("attack_nouns")
    for child in verb.children:
        if child.dep_ == "nsubj":
            subj = verb.head if child.lower_ in RELATIVE and verb.dep_ == "relcl" else child
            if lemma(subj) in attack or any(
                lemma(c) in attack for c in subj.children if c.dep_ == "compound"
            ):
                return True
            # "a bomb attack on the embassy in Kabul, which ..." attaches to the place.
            for anc in subj.ancestors:
                if lemma(anc) in attack:
                    return True
                if anc.pos_ == "VERB":
                    break
    return False


def _adjective_measure(arg: Token, verb: Token | None, after: int = -1) -> str | None:
    """Measure from an adjective on the noun ("140 people dead"), right of ``after``."""
    adjectives = lookup("adjectives")
    nouns = lookup("measure_nouns")
    if arg.dep_ == "nsubj" and arg.head.pos_ == "ADJ" and arg.head.lower_ in adjectives:
        return adjectives[
            arg.head.lower_
        ]  # "found two people dead": the adjective is the predicate
    for child in arg.children:
        if child.i <= after:
            continue
        if child.dep_ == "prep" and child.lower_ == "with":
            # "112 others with injuries", "a man with gunshot wounds"
            for obj in child.children:
                if obj.dep_ == "pobj" and nouns.get(lemma(obj)) in ("injured", "killed"):
                    return "injured"
        if child.dep_ in ("amod", "acomp", "oprd", "acl") and lemma(child) in adjectives:
            return adjectives[lemma(child)]
        if child.dep_ in ("amod", "acomp", "oprd") and child.lower_ in adjectives:
            return adjectives[child.lower_]
    if verb is not None and arg.dep_ in ("dobj", "nsubj", "nsubjpass"):
        # "were found shot dead": the state hangs on the participle the verb governs.
        states = [g for c in verb.children if c.dep_ == "xcomp" for g in c.children]
        for child in [*verb.children, *states]:
            if child.dep_ == "prep" and child.lower_ == "with" and child.i > arg.i:
                # "leaving 112 others with injuries"
                for obj in child.children:
                    if obj.dep_ == "pobj" and nouns.get(lemma(obj)) == "injured":
                        return "injured"
            # A clause with a subject of its own tells that subject's outcome: "Six were
            # shot -- 2 killed" kills two, not the six.
            own_subject = any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
            if (
                child.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl")
                and (child.lower_ in adjectives or lemma(child) in adjectives)
                and child.i > arg.i
                and not own_subject
            ):
                return adjectives.get(child.lower_) or adjectives[lemma(child)]
    return None


def harm_participle(arg: Token) -> Token | None:
    """A harm participle on the counted people ("people shot", "men wounded")."""
    if not is_person(arg):
        return None  # "five reports of people shot" counts reports
    patient = lookup("patient_verbs")
    return next(
        (
            c
            for c in arg.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and patient.get(lemma(c)) in HARM_MEASURES
        ),
        None,
    )


def _clause_measure(arg: Token) -> str | None:
    """Relative clauses and participles on the counted noun: "people who died", "men held"."""
    patient = lookup("patient_verbs")
    agent = lookup("agent_verbs")
    attack = word_set("attack_nouns")
    for child in arg.children:
        # "four men accused of carrying out the massacre", "men who staged the attack"
        clause = child.dep_ in ("acl", "relcl") and lemma(child) in word_set("perpetrator_clauses")
        if clause and is_person(arg) and any(lemma(t) in attack for t in child.subtree):
            return "perpetrators"
        counts_incidents = lemma(arg) in attack  # "two shootings injured …": not people
        # "men shot and killed", "two men who were shot and killed": the clause's verbs
        # settle the outcome as a main verb's do.
        if child.dep_ == "acl" and child.tag_ == "VBN" and lemma(child) in patient:
            return None if counts_incidents else outcome(child, patient[lemma(child)])
        if child.dep_ == "relcl":
            for sub in child.children:
                if sub.lower_ in RELATIVE:
                    m = _verb_measure(clause_role(sub)[0], child, arg)
                    if m:
                        return outcome(child, m)
            if lemma(child) in agent:
                return agent[lemma(child)]
    return None


def _governing_noun(arg: Token, verb: Token | None) -> Token | None:
    """A noun that governs the number: "the deaths *of* dozens", "the toll rose *to* 130"."""
    nouns = lookup("measure_nouns")
    size = word_set("size_nouns")
    if arg.dep_ == "pobj" and arg.head.lower_ == "of" and arg.head.head.pos_ == "NOUN":
        parent = arg.head.head
        if lemma(parent) in nouns:
            return parent
    if verb is not None:
        for child in verb.children:
            if child == arg or child.dep_ not in ("nsubj", "dobj", "nsubjpass", "attr"):
                continue
            if arg.pos_ == "NOUN" and is_person(arg) and is_person(child):
                continue  # "an attacker stabbed three people": people on both sides
            if lemma(child) in nouns or lemma(child) in size:
                return child
    return None


def _work_on_bodies(noun: Token) -> bool:
    """ "the bodies of 120 victims have been identified / handed over / examined"."""
    if lemma(noun) not in word_set("body_nouns"):
        return False
    verb = noun.head
    return verb.pos_ == "VERB" and lemma(verb) in word_set("body_work_verbs")


def read_count(doc: Doc, q: Quantity, antecedent: Token | None = None) -> Reading | None:
    """Measure, label and counted key of a cardinal or vague number, or None.

    The measure is looked for in the clause first (adjectives, relative clauses, the
    verb), then in a noun that governs the number ("the death toll rose to 130"), then
    in the counted noun itself; a number with no measure may still be a statistic
    (:func:`crosscheck.analysis.lang.en.plaincounts.statistic_reading`).

    Args:
        doc: the parsed chunk.
        q: the number phrase.
        antecedent: the noun of an earlier figure in the sentence, the referent of an
            elided noun ("6,500 fighters with about 4,000 stationed near the border").
    """
    anchor = doc[q.anchor]
    noun = counted_noun(doc, q)
    if _not_counted(doc, q, noun):
        return None
    arg = _argument(q, noun, anchor)
    role, verb = clause_role(arg)
    measure, noun = _clause_reading(doc, q, arg, noun, role, verb)
    governing = _governing_noun(arg, verb)
    if measure is None and governing is not None:
        if _work_on_bodies(governing):
            return _bodies_reading(governing, verb)
        measure, noun = _governed_reading(governing, noun)
    if measure is None and noun is not None:
        if _wounds_suffered(noun, verb):
            return None  # "suffered 13 gunshot wounds": wounds, not people
        measure = _noun_measure(noun)
    if measure in HARM_MEASURES and verb is not None and verb.pos_ == "VERB" and negated(verb):
        return None  # "two officers were not hurt"
    if measure is not None and measure != "count":
        return Reading(
            measure,
            # "the three people shot": the participle says how they were hit.
            event_label(measure, noun, harm_participle(arg) or verb),
            event_counted(measure, noun),
            noun=noun,
            verb=verb,
        )
    return statistic_reading(q, anchor, noun, verb, role, governing, antecedent)


def _not_counted(doc: Doc, q: Quantity, noun: Token | None) -> bool:
    """Numbers of things that are never figures: "40 pages", "Duration: 3"."""
    if noun is not None and lemma(noun) in word_set("not_counted_nouns"):
        return True
    heading = doc[q.start - 2] if q.start >= 2 and doc[q.start - 1].text == ":" else None
    return noun is None and heading is not None and lemma(heading) in word_set("not_counted_nouns")


def _argument(q: Quantity, noun: Token | None, anchor: Token) -> Token:
    """The token that stands for the figure in its clause: the counted noun, else the number."""
    via_of = (
        noun is not None
        and noun.head.lower_ == "of"
        and noun.head.head.i < noun.i
        and (q.start <= noun.head.head.i < q.end)
    )
    arg = noun if noun is not None and not via_of else anchor
    if arg == anchor:
        # "reached up to 37": a hedge parsed as a preposition stands in for the number.
        while arg.head != arg and q.start <= arg.head.i < q.end:
            arg = arg.head
    return arg


def _clause_reading(
    doc: Doc, q: Quantity, arg: Token, noun: Token | None, role: str, verb: Token | None
) -> tuple[str | None, Token | None]:
    """The measure the number's clause says, and the counted noun it leaves.

    A state word the parser read as the noun ("and 14 hurt") is the measure, not the noun.
    """
    measure = (
        (trailing_adjective(doc, q) or heading_measure(doc, q) if noun is None else None)
        or _adjective_measure(arg, verb, q.start)
        or _clause_measure(arg)
    )
    if measure is None and verb is not None:
        measure = sentence_measure(role, verb) or state_measure(role, verb)
    if measure is None:
        measure = _verb_reading(role, verb, arg)
    if measure is None and noun is not None and noun.lower_ in lookup("adjectives"):
        measure = lookup("adjectives")[noun.lower_]
        noun = None
    if measure is None:
        measure = plain_verb_measure(role, verb, arg if noun is None else noun)
    if measure is None and verb is not None and lemma(verb) in word_set("leave_verbs"):
        measure = _left_state(doc, noun or doc[q.anchor])
    if measure is None and _embedded_toll(role, verb, noun):
        measure = "killed"
    return measure, noun


def _verb_reading(role: str, verb: Token | None, arg: Token) -> str | None:
    """The governing verb's measure, with what else the verb says about the outcome."""
    measure = _verb_measure(role, verb, arg)
    if measure == "arrested" and verb is not None and is_captor(verb):
        return "missing"
    if measure is not None and verb is not None:
        return outcome(verb, measure)  # "shot" alone: hit; "shot and killed": killed
    return measure


def _left_state(doc: Doc, counted: Token) -> str | None:
    """ "left six people injured": the state may hang anywhere in the parse."""
    after = counted.i + 1
    if after < len(doc) and doc[after].lower_ in lookup("adjectives"):
        return lookup("adjectives")[doc[after].lower_]
    return None


def _embedded_toll(role: str, verb: Token | None, noun: Token | None) -> bool:
    """An unknown verb whose subject is an attack and whose object is people.

    "the blast, which ... eight people" is a toll whatever the (mistyped) verb; "left six
    people" says what state it left them in elsewhere ("injured", "dead").
    """
    if role != "patient" or verb is None or verb.dep_ == "ROOT":
        return False
    if lemma(verb) in word_set("leave_verbs"):
        return False
    return (noun is None or is_person(noun)) and _attack_subject(verb)


def _bodies_reading(governing: Token, verb: Token | None) -> Reading:
    """ "the bodies of 120 victims have been identified": the progress of identification,
    not the death toll."""
    verb_word = governing.head if governing.head.pos_ == "VERB" else verb
    label = f"bodies {verb_word.lower_}" if verb_word is not None else "bodies"
    return Reading("count", label, normalise([governing, verb_word] if verb_word else [governing]))


def _governed_reading(governing: Token, noun: Token | None) -> tuple[str | None, Token | None]:
    """The measure of a noun governing the number, and the counted noun it leaves.

    "the toll rose to 130" takes the toll's measure; "the casualty count" its compound's;
    a size noun ("the number of people killed") the measure of what it counts, which then
    becomes the counted noun.
    """
    size = lemma(governing) in word_set("size_nouns")
    measure = None if size else toll_measure(governing)
    if measure is None and lemma(governing) in word_set("tally_nouns"):
        measure = compound_measure(governing)  # "the casualty count", "the arrest tally"
    if measure is None and size:
        inner = of_object(governing)
        if inner is not None:
            nouns = lookup("measure_nouns")
            measure = (
                _adjective_measure(inner, None)
                or _clause_measure(inner)
                or nouns.get(lemma(inner))
                or nouns.get(inner.lower_)
                or lookup("adjectives").get(inner.lower_)
            )
            if measure is not None and measure != "count":
                noun = inner
    return measure, noun


def _wounds_suffered(noun: Token, verb: Token | None) -> bool:
    suffered = verb is not None and lemma(verb) in word_set("suffer_verbs")
    return suffered and lemma(noun) in word_set("wound_nouns")


def _noun_measure(noun: Token) -> str | None:
    """The counted noun's own measure ("victims", "detainees"); "toll" counts nothing."""
    nouns = lookup("measure_nouns")
    return nouns[lemma(noun)] if lemma(noun) in nouns and lemma(noun) != "toll" else None


__all__ = ["harm_participle", "read_count"]

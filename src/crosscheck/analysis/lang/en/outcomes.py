"""What a harm verb did to its victims: hit, hurt or killed, or nothing at all.

"shot" alone says people were hit (``casualties``); "shot and killed", "fatally shot",
"shot dead" say they died; "shot and wounded", "critically wounded", "is in stable
condition" that they were hurt. The verbs said of the same victims are read together,
and "was not injured", "could have killed her", "tried to kill" say the harm did not
happen (:func:`negated`).
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.figures import HARM_MEASURES
from crosscheck.analysis.lang.en.harmwords import (
    REFLEXIVE,
    a_time,
    harm_measure,
    has_object,
    has_subject,
    relative_antecedent,
    words,
)
from crosscheck.analysis.lang.en.measures import lemma
from crosscheck.analysis.lang.en.victims import one_member

#: Modals that with "have" tell what did not happen ("could have killed her").
_COUNTERFACTUAL = frozenset({"could", "would", "might"})
#: "have" as written, contracted too ("could've died").
_HAVE = frozenset({"have", "'ve", "’ve"})


def outcome(verb: Token, measure: str) -> str:
    """What a harm verb did to its victims, from the verb and those sharing its subject.

    Args:
        verb: the governing verb of the figure.
        measure: the measure the verb alone gives (``casualties`` for "shot").

    Returns:
        ``killed`` when a word says they died, ``injured`` when one says they were hurt and
        none that they died, else ``measure`` unchanged. Other measures pass through.
    """
    if measure not in HARM_MEASURES:
        return measure
    verbs = same_victim_verbs(verb)
    # "were found shot to death": the participle completing a verb says what it found.
    verbs += [
        c for v in verbs for c in v.children if c.dep_ in ("xcomp", "oprd") and c.tag_ == "VBN"
    ]
    # "Two teens who were shot Wednesday have died": the verb of the people the clause
    # describes says what became of them.
    relative = any(c.dep_ == "nsubjpass" and c.lower_ in ("who", "that") for c in verb.children)
    if verb.dep_ == "relcl" and relative and verb.head.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(verb.head.head)
    if any(lemma(v) in words("killing_verbs") or says_death(v) for v in verbs):
        return "killed"
    if measure == "casualties" and any(
        lemma(v) in words("wounding_verbs") or _says_hurt(v) or _survived(v, verb) for v in verbs
    ):
        return "injured"
    if measure == "casualties" and (told := _their_wounds(verb)) is not None:
        return told
    if measure == "casualties" and contrasted_with_death(verb, verbs):
        return "injured"
    return measure


def same_victim_verbs(verb: Token) -> list[Token]:
    """``verb`` and the coordinated verbs said of the same victims ("shot and killed").

    A conjunct with a subject of its own is another clause ("a teenager was fatally shot,
    and another man was critically wounded"), and one with an object of its own has other
    victims ("killing one man and wounding six others"): their outcome is not this verb's.
    """
    top = _shared_clause(verb)[-1]
    out = [top]
    stack = [top]
    while stack:
        v = stack.pop()
        for c in v.children:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not has_subject(c):
                out.append(c)
                stack.append(c)
    return [v for v in out if v == verb or not has_object(v)]


def _shared_clause(verb: Token) -> list[Token]:
    """``verb`` and the verbs it is coordinated under without a subject of its own, up to
    the first conjunct ("could have hit his spine and killed him": killed, hit)."""
    chain = [verb]
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not has_subject(verb):
        verb = verb.head
        chain.append(verb)
    return chain


def says_death(verb: Token) -> bool:
    """ "fatally shot", "shot dead", "shot to death", "pronounced dead"."""
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "advmod" and low in words("fatal_adverbs"):
            return True
        if c.dep_ in ("oprd", "acomp", "xcomp", "advmod", "dobj", "ccomp", "advcl") and (
            low in words("dead_words") or lemma(c) in words("dead_words")
        ):
            return True
        to_death = any(lemma(o) in words("death_nouns") for o in c.children if o.dep_ == "pobj")
        if c.dep_ == "prep" and low == "to" and to_death:
            return True
    return False


def _says_hurt(verb: Token) -> bool:
    """ "critically wounded", "is in stable condition", "is expected to survive"."""
    return (
        in_condition(verb)
        or any(c.dep_ == "advmod" and c.lower_ in words("nonfatal_adverbs") for c in verb.children)
        or any(c.dep_ == "xcomp" and lemma(c) in words("survival_verbs") for c in verb.children)
    )


def _survived(verb: Token, harm: Token) -> bool:
    """ "were shot but survived": a verb of the same people says they lived. Not "is survived
    by his parents", which names the family of someone dead."""
    return (
        verb is not harm
        and lemma(verb) in words("survival_verbs")
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _their_wounds(verb: Token) -> str | None:
    """ "was hit, but her injuries were not life-threatening": a clause coordinated with the
    harm verb tells of the victim's own wounds, so they were hurt (killed, when it calls
    them fatal). The parser may hang that clause beside the harm verb, under the verb of
    saying ("was also hit ..., but her injuries were not life-threatening, he said")."""
    clauses = [c for c in verb.children if c.dep_ == "conj"]
    clauses += [c for s in clauses for c in s.children if c.dep_ == "ccomp"]
    if verb.dep_ in ("ccomp", "conj"):
        clauses += [c for c in verb.head.children if c.dep_ == verb.dep_ and c.i > verb.i]
    for clause in clauses:
        if clause.pos_ not in ("VERB", "AUX"):
            continue
        for subject in clause.children:
            owned = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children)
            wounds = lemma(subject) in words("injury_nouns")
            if subject.dep_ in ("nsubj", "nsubjpass") and owned and wounds:
                said = [c for c in clause.children if c.dep_ in ("acomp", "oprd", "attr")]
                fatal = any(lemma(c) in words("fatal_adjectives") for c in said)
                return "killed" if fatal else "injured"
    return None


def in_condition(verb: Token) -> bool:
    """ "is in critical condition", "was listed in stable condition"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for o in c.children:
                said = any(a.lower_ in words("condition_words") for a in o.children)
                if o.dep_ == "pobj" and lemma(o) in words("condition_nouns") and said:
                    return True
    return False


def state_measure(verb: Token) -> str | None:
    """What a state verb says of its subject: "sustained minor injuries" (hurt), "suffered a
    fatal gunshot wound" (killed), "is in critical condition", "is expected to survive"."""
    lem = lemma(verb)
    if lem in words("suffer_verbs"):
        for c in verb.children:
            if c.dep_ == "dobj" and lemma(c) in words("injury_nouns"):
                return _wound_outcome(c)
            if c.dep_ == "prep" and c.lower_ == "from":
                # "found a man suffering from a gunshot wound": hit, and maybe dead (the
                # report goes on to say), unless the wound itself is called fatal.
                for o in c.children:
                    if o.dep_ == "pobj" and lemma(o) in words("injury_nouns"):
                        return "killed" if _wound_outcome(o) == "killed" else "casualties"
        return None
    if lem in words("dead_placing_verbs") and has_object(verb):
        return None  # "left a boy in critical condition": the object is the one hurt
    if harm_measure(verb) is None and lem not in words("dead_placing_verbs"):
        wounds = _with_wounds(verb)
        if wounds is not None:
            return wounds  # "was taken to a hospital with non-life-threatening injuries"
    if lem in words("survival_verbs") and any(c.dep_ == "agent" for c in verb.children):
        return None  # "is survived by his parents": an obituary names the family of the dead
    if lem in words("survival_verbs") or in_condition(verb):
        return "injured"
    return None


def _with_wounds(verb: Token) -> str | None:
    """ "arrived with a gunshot wound", "was transported with minor injuries": the people the
    verb moves were hurt (killed, with "a fatal wound"). The parser may hang "with" on the
    place: "taken to a clinic with a graze wound"."""
    places = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    for c in [*verb.children, *(c for o in places for c in o.children)]:
        if c.dep_ != "prep" or c.lower_ != "with":
            continue
        for o in c.children:
            if o.dep_ == "pobj" and lemma(o) in words("injury_nouns"):
                return _wound_outcome(o)
    return None


def _wound_outcome(wound: Token) -> str:
    """ "a fatal gunshot wound" killed; any other wound or injury hurt."""
    fatal = any(lemma(a) in words("fatal_adjectives") for a in wound.children)
    return "killed" if fatal else "injured"


def then_died(verb: Token) -> bool:
    """ "was taken in critical condition but passed away": a coordinated verb of the same
    people says they died."""
    for v in same_victim_verbs(verb):
        if v is verb:
            continue
        if lemma(v) in words("killing_verbs") or says_death(v):
            return True
        if lemma(v) == "pass" and any(c.lower_ == "away" for c in v.children):
            return True
    return False


def state_subjects(verb: Token) -> list[Token]:
    """The subject of a state verb, or of the verb it completes ("is expected to survive")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "xcomp":
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [relative_antecedent(s) for s in subjects]


def contrasted_with_death(verb: Token, own: list[Token]) -> bool:
    """ "shot his wife and killed her brother", "killing a girl and shooting her mother": a
    coordinated verb with victims of its own says they died, so the ones only shot lived."""
    stack, others = [_shared_clause(verb)[-1]], []
    while stack:
        v = stack.pop()
        others.append(v)
        stack += [c for c in v.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    return any(
        v not in own
        and _has_victims(v)
        and (lemma(v) in words("killing_verbs") or says_death(v))
        and not negated(v)
        for v in others
    )


def _has_victims(verb: Token) -> bool:
    """An object that is someone else: not "himself" (the shooter's own death says nothing
    of the others' fate), nor a thing ("fatally turned the gun on himself")."""
    return any(
        c.dep_ == "dobj"
        and c.lower_ not in REFLEXIVE
        and not a_time(c)
        and one_member(c) is not None  # a person: "turned the gun on himself" is not
        for c in verb.children
    )


def fatal_adverb(tok: Token) -> str | None:
    """ "one fatally", "two of them critically": the outcome an adverb gives a bare number."""
    for c in tok.subtree:
        if c.dep_ == "advmod" and c.lower_ in words("fatal_adverbs"):
            return "killed"
        if c.dep_ == "advmod" and c.lower_ in words("nonfatal_adverbs"):
            return "injured"
    return None


def negated(verb: Token) -> bool:
    """ "was not injured", "did not die", "could have killed her", "tried to kill two
    deputies": the harm did not happen."""
    if verb.dep_ == "xcomp" and lemma(verb.head) in words("attempt_verbs"):
        return True
    for v in same_victim_verbs(verb):
        aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
        # "was not seriously injured" still says an injury, only not a grave one.
        graded = any(c.dep_ == "advmod" and c.lower_ in words("grave_adverbs") for c in v.children)
        if any(c.dep_ == "neg" for c in v.children) and not graded:
            return True
        if aux & _COUNTERFACTUAL and aux & _HAVE:
            return True
        if any(c.dep_ == "advmod" and c.lower_ in words("near_miss_adverbs") for c in v.children):
            return True  # "nearly killed him": he lived
    # "could have hit his lung and killed him" puts "killed" under "could have".
    aux = {
        c.lower_ for v in _shared_clause(verb) for c in v.children if c.dep_ in ("aux", "auxpass")
    }
    return bool(aux & _COUNTERFACTUAL) and bool(aux & _HAVE)


__all__ = [
    "contrasted_with_death",
    "fatal_adverb",
    "in_condition",
    "negated",
    "outcome",
    "same_victim_verbs",
    "says_death",
    "state_measure",
    "state_subjects",
    "then_died",
]

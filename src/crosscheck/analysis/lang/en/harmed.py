"""The harms each word of a sentence tells: who was hit, hurt or killed, and by which word.

A harm verb's victims are its passive subject or object ("a man was shot", "killed two
people"), a participle's noun ("the girl shot on Tuesday"), a state verb's subject ("is in
critical condition"); a harm noun's are named with "of" ("the shooting death of a man");
"with a gunshot wound", "claimed the life of", "found a man dead" tell victims too. Each is
given as (victim head, measure, governing word); counting the victims is
:mod:`.victims`' job and making figures of them :mod:`.casualties`'.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from crosscheck.analysis.lang.en.harmwords import (
    REFLEXIVE,
    age_person,
    harm_measure,
    has_object,
    in_headline,
    relative_antecedent,
    table,
    words,
)
from crosscheck.analysis.lang.en.measures import lemma, lookup
from crosscheck.analysis.lang.en.outcomes import (
    in_condition,
    negated,
    outcome,
    says_death,
    state_measure,
    state_subjects,
    then_died,
)
from crosscheck.analysis.lang.en.victims import number_on, victim_count

#: (victim head, measure, governing word): one harm a word says was done to someone.
Harm = tuple[Token, str, Token]


def harm_arguments(tok: Token) -> Iterator[Harm]:
    """(victim head, measure, governing word) for each harm ``tok`` says was done."""
    if tok.pos_ in ("VERB", "AUX"):
        yield from _clause_arguments(tok)
        return
    measure = _harm_noun_measure(tok)
    if tok.pos_ == "NOUN" and measure is not None:
        yield from _harm_noun_arguments(tok, measure)
    elif tok.pos_ == "NOUN" and lemma(tok) in words("injury_nouns") and tok.dep_ == "pobj":
        yield from _wounded_arguments(tok)
    elif tok.pos_ == "NOUN" and lemma(tok) == "life" and tok.dep_ == "dobj":
        yield from _lives_taken(tok)
    else:
        yield from _dead_arguments(tok)


def _clause_arguments(tok: Token) -> Iterator[Harm]:
    """A verb's victims: the subjects of a state ("is in critical condition"), else the
    victims of a harm verb."""
    if negated(tok):
        return
    state = state_measure(tok)
    if state == "injured" and then_died(tok):
        state = "killed"
    if state is not None:
        for subject in state_subjects(tok):
            yield subject, state, tok
    elif tok.pos_ == "VERB":
        yield from _verb_arguments(tok)


def _harm_noun_measure(tok: Token) -> str | None:
    """The measure a harm noun gives ("killing", "shooting death"), None for other words."""
    harm = table()["harm_nouns"]
    return next((m for m, ws in harm.items() if lemma(tok) in ws), None)


def _harm_noun_arguments(tok: Token, measure: str) -> Iterator[Harm]:
    """ "the shooting death of a man": the victims a harm noun of ``measure`` names."""
    if any(lemma(c) in words("fatal_adjectives") for c in tok.children):
        measure = "killed"
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            # "the killing of Qasem Soleimani" names a known death, often a past one;
            # "the shooting death of a man" counts a victim of the incident reported.
            for o in c.children:
                if o.dep_ == "pobj" and (o.pos_ != "PROPN" or _aged(o)):
                    yield o, measure, tok


def _wounded_arguments(tok: Token) -> Iterator[Harm]:
    """ "officers found a man with a gunshot wound": hit, and maybe dead (the report says)."""
    prep = tok.head
    victim = prep.head
    if prep.lower_ == "from" and victim.dep_ == "acl" and lemma(victim) in words("suffer_verbs"):
        victim = victim.head  # "a man suffering from a gunshot wound"
    elif prep.lower_ != "with":
        return
    if lemma(victim) in words("dead_placing_verbs"):
        # "located two victims, both with gunshot wounds": the parser hangs "with" on
        # the verb; the people found are its object.
        found = [c for c in victim.children if c.dep_ == "dobj"]
        if not found:
            return
        victim = found[0]
    while victim.dep_ == "conj" and victim.head.pos_ in ("NOUN", "PROPN"):
        victim = victim.head  # "a man and a woman with gunshot wounds": both
    # A number alone ("found three males with gunshot wounds") is read as a count
    # elsewhere, and so is one a list after a comma may restate ("three males, a teenager
    # and two children"); a number joined by "and" to others is a list to add up ("two
    # men and a woman", "one male victim and one female victim").
    numbered = any(c.dep_ == "nummod" for c in victim.children)
    joined = any(c.dep_ == "cc" for c in victim.children)
    if victim.pos_ in ("NOUN", "PROPN") and (joined or not numbered):
        yield victim, "casualties", tok


def _dead_arguments(tok: Token) -> Iterator[Harm]:
    """ "police found a man dead", "left a 16-year-old dead", "a teenager is dead"."""
    dead = tok.lower_ in words("dead_words") or lemma(tok) in words("dead_words")
    if dead and tok.dep_ in ("amod", "oprd") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        yield tok.head, "killed", tok  # "police found a man dead"
    elif dead and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass"):
        yield tok, "killed", tok.head  # "left a 16-year-old dead": "dead" heads the phrase
    elif dead and tok.pos_ == "ADJ" and not negated(tok.head):
        for subject in _dead_subjects(tok):
            yield relative_antecedent(subject), "killed", tok.head


def harm_word(sent: Span) -> Token | None:
    """The first word of ``sent`` that says people were harmed, with victims it names."""
    for tok in sent:
        if any(victim_count(head) or number_on(head) for head, _, _ in harm_arguments(tok)):
            return tok
    return None


def _aged(name: Token) -> bool:
    """ "13-month-old Bill Thao", "Kevin Ross, 19": a name given with an age is someone of
    the reported incident, not a known figure of history ("the killing of top commander
    Qasem Soleimani")."""
    return any(
        (c.dep_ in ("amod", "compound") and age_person(c))
        or (c.dep_ == "appos" and (c.like_num or age_person(c)))
        for c in name.children
    )


def _headline_passive(verb: Token) -> bool:
    """In a headline a harm verb with a subject and no object is a passive without its
    auxiliary ("Teen killed", "Man shot on Main Street"): the subject is the victim."""
    if not in_headline(verb) or verb.tag_ not in ("VBD", "VBN"):
        return False
    return not has_object(verb) and not any(c.dep_ == "aux" for c in verb.children)


def _shared_subjects(verb: Token) -> list[Token]:
    """The active subjects of ``verb``, or of the verb it is coordinated with when it has none
    (also through a participle clause: "shot himself while handling a revolver and died")."""
    while True:
        own = [c for c in verb.children if c.dep_ == "nsubj"]
        shares = verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
        if own or not shares or verb.head.pos_ not in ("VERB", "AUX"):
            return own
        verb = verb.head


def _verb_arguments(tok: Token) -> Iterator[Harm]:
    agent = lookup("agent_verbs")
    lem = lemma(tok)
    harm = harm_measure(tok)
    if harm is not None:
        measure = outcome(tok, harm)
        # "found the clerk shot to death": the parser may read the participle as a past
        # tense with a subject; under a verb of finding, that subject is the victim.
        small_clause = (
            tok.dep_ in ("ccomp", "xcomp", "oprd")
            and (tok.tag_ == "VBN" or lemma(tok.head) in words("dead_placing_verbs"))
            and not has_object(tok)  # "the gunman may have killed two others" is active
        )
        for c in tok.children:
            if c.dep_ in ("nsubjpass", "dobj") and c.lower_ not in REFLEXIVE:
                yield relative_antecedent(c), measure, tok
            elif c.dep_ == "dobj":
                # "shot himself to death", "shot a clerk and then killed himself": the
                # victim is the one who fired, the subject the conjunct shares if it has none.
                for subj in _shared_subjects(tok):
                    yield relative_antecedent(subj), measure, tok
            elif c.dep_ == "nsubj" and small_clause:
                yield c, measure, tok  # "found the man shot to death"
            elif c.dep_ == "nsubj" and _headline_passive(tok):
                yield c, measure, tok  # a headline's "Teen killed in crash" is passive
        # A headline's participle may be tagged a past tense: "14-year-old boy killed in …".
        headline = in_headline(tok) and tok.tag_ == "VBD"
        if tok.dep_ == "acl" and (tok.tag_ == "VBN" or headline):
            # "the girl shot and killed on Tuesday", "Boy, 11, shot by a relative": a
            # participle on a noun says what was done to it.
            yield tok.head, measure, tok
    elif lem in agent and agent[lem] == "killed":
        # "the boy was conscious ... but died later": a conjunct shares its subject.
        for c in _shared_subjects(tok):
            yield relative_antecedent(c), "killed", tok
    elif lem in words("dead_placing_verbs"):
        # "were found fatally shot", "left a man dead": the placed people are the victims.
        said = [
            c
            for c in tok.children
            if c.dep_ in ("xcomp", "ccomp", "oprd", "advcl") and harm_measure(c) is not None
        ]
        placed: str | None = "killed" if says_death(tok) else None
        if placed is None and in_condition(tok):
            placed = "injured"  # "a shooting that left a boy in critical condition"
        if said and not any(c.dep_ == "nsubj" for c in said[0].children):
            placed = outcome(said[0], harm_measure(said[0]) or "casualties")
        if placed is None:
            # "a body was found in a field": what is found is someone dead.
            for c in tok.children:
                if c.dep_ in ("nsubjpass", "dobj") and lemma(c) in words("body_nouns"):
                    yield c, "killed", tok
            return
        for c in tok.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                yield relative_antecedent(c), placed, tok


def _lives_taken(life: Token) -> Iterator[Harm]:
    """ "the accident claimed the life of a 4-year-old", "took the lives of two teens". One's
    "own life" is left to the self-harm rule, which counts the shooter with the victims."""
    verb = life.head
    if lemma(verb) not in words("life_taking_verbs") or negated(verb):
        return
    for c in life.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj":
                    yield o, "killed", verb


def _dead_subjects(dead: Token) -> list[Token]:
    """Who a "dead" said as a state is said of: "a teenager is dead", "police found the man
    dead" (the parser makes the man the subject of "dead")."""
    verb = dead.head
    if any(c.dep_ == "mark" and c.lower_ in words("condition_marks") for c in verb.children):
        return []  # "if the victim is dead": a supposition
    if verb.dep_ == "ccomp" and lemma(verb.head) in words("belief_verbs"):
        return []  # "neighbours feared the boy was dead"
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return []  # "he should be dead", "the driver may be dead": not said to be
    if dead.dep_ == "acomp" and lemma(verb) in words("dead_state_verbs"):
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if dead.dep_ in ("ccomp", "xcomp") and lemma(verb) in words("dead_placing_verbs"):
        return [c for c in dead.children if c.dep_ == "nsubj"]
    return []


__all__ = ["Harm", "harm_arguments", "harm_word"]

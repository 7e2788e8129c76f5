"""Casualty figures said without a number, and the outcome of a harm verb.

Local news rarely writes "1 person was killed": it writes "a 4-year-old girl was shot and
killed", "police found a man dead", "the shooting death of a teenager", "he died at the
hospital". Each is a figure (one person killed), and a list of victims is one figure too
("killed his two brothers, his mother and a sister-in-law before taking his own life" is
five killed: the shooter who dies is counted). This module reads those victim phrases from
the parse, and settles what a harm verb did to its victims: "shot" alone says people were
hit (``casualties``), "shot and killed", "fatally shot", "shot dead" say they died, "shot and
wounded", "critically wounded" that they were hurt.

It reads a parse and returns readings; it never decides a figure's subject or source
(:mod:`crosscheck.analysis.lang.en.claims` does). Word lists live in ``data/en/casualties.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from crosscheck.analysis.lang.en.measures import Reading, is_person, lemma, lookup
from crosscheck.analysis.lang.en.quantities import Quantity
from crosscheck.data import load as load_data

#: Set in a parse's ``user_data`` when it is a headline, written without determiners.
HEADLINE = "crosscheck_headline"
#: The measures a harm verb can give, from least to most said.
HARM_MEASURES = ("casualties", "injured", "killed")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
_REFLEXIVE = {"himself", "herself", "themselves"}


@cache
def table() -> dict[str, Any]:
    """The word lists of ``data/en/casualties.yaml`` (loaded once)."""
    found: dict[str, Any] = load_data("casualties", "en")
    return found


@cache
def words(name: str) -> frozenset[str]:
    """One word list of ``data/en/casualties.yaml`` as a set."""
    return frozenset(str(w) for w in table()[name])


def _in_headline(tok: Token) -> bool:
    """Whether ``tok`` is in a parsed headline (see :data:`HEADLINE`)."""
    return bool(tok.doc.user_data.get(HEADLINE))


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def _has_object(verb: Token) -> bool:
    """An object of the verb; a time the parser took for one ("killed Tuesday evening") is
    not one."""
    return any(c.dep_ in ("dobj", "obj") and not _a_time(c) for c in verb.children)


def _a_time(tok: Token) -> bool:
    """ "Tuesday evening", but not "a 15-year-old", which the tagger also calls a date."""
    return tok.ent_type_ in ("DATE", "TIME") and not _age_person(tok)


def _shared_clause(verb: Token) -> list[Token]:
    """``verb`` and the verbs it is coordinated under without a subject of its own, up to
    the first conjunct ("could have hit his spine and killed him": killed, hit)."""
    chain = [verb]
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not _has_subject(verb):
        verb = verb.head
        chain.append(verb)
    return chain


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
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not _has_subject(c):
                out.append(c)
                stack.append(c)
    return [v for v in out if v == verb or not _has_object(v)]


def _says_death(verb: Token) -> bool:
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
        _in_condition(verb)
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


def _in_condition(verb: Token) -> bool:
    """ "is in critical condition", "was listed in stable condition"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "in":
            for o in c.children:
                said = any(a.lower_ in words("condition_words") for a in o.children)
                if o.dep_ == "pobj" and lemma(o) in words("condition_nouns") and said:
                    return True
    return False


def _state_measure(verb: Token) -> str | None:
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
    if lem in words("dead_placing_verbs") and _has_object(verb):
        return None  # "left a boy in critical condition": the object is the one hurt
    if _harm_measure(verb) is None and lem not in words("dead_placing_verbs"):
        wounds = _with_wounds(verb)
        if wounds is not None:
            return wounds  # "was taken to a hospital with non-life-threatening injuries"
    if lem in words("survival_verbs") and any(c.dep_ == "agent" for c in verb.children):
        return None  # "is survived by his parents": an obituary names the family of the dead
    if lem in words("survival_verbs") or _in_condition(verb):
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


def _then_died(verb: Token) -> bool:
    """ "was taken in critical condition but passed away": a coordinated verb of the same
    people says they died."""
    for v in same_victim_verbs(verb):
        if v is verb:
            continue
        if lemma(v) in words("killing_verbs") or _says_death(v):
            return True
        if lemma(v) == "pass" and any(c.lower_ == "away" for c in v.children):
            return True
    return False


def _state_subjects(verb: Token) -> list[Token]:
    """The subject of a state verb, or of the verb it completes ("is expected to survive")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects and verb.dep_ == "xcomp":
        subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [_relative_antecedent(s) for s in subjects]


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
    if any(lemma(v) in words("killing_verbs") or _says_death(v) for v in verbs):
        return "killed"
    if measure == "casualties" and any(
        lemma(v) in words("wounding_verbs") or _says_hurt(v) or _survived(v, verb) for v in verbs
    ):
        return "injured"
    if measure == "casualties" and (told := _their_wounds(verb)) is not None:
        return told
    if measure == "casualties" and _contrasted_with_death(verb, verbs):
        return "injured"
    return measure


def _contrasted_with_death(verb: Token, own: list[Token]) -> bool:
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
        and (lemma(v) in words("killing_verbs") or _says_death(v))
        and not negated(v)
        for v in others
    )


def _has_victims(verb: Token) -> bool:
    """An object that is someone else: not "himself" (the shooter's own death says nothing
    of the others' fate), nor a thing ("fatally turned the gun on himself")."""
    return any(
        c.dep_ == "dobj"
        and c.lower_ not in _REFLEXIVE
        and not _a_time(c)
        and _one_member(c) is not None  # a person: "turned the gun on himself" is not
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


# -- victims without a number ---------------------------------------------------------------


def _age_person(tok: Token) -> bool:
    """ "a 16-year-old", "the 4-month-old": an age phrase standing for the person."""
    if tok.lower_ in words("age_heads") or tok.lower_.endswith(("-year-old", "-month-old")):
        return True
    return tok.lower_ == "old" and any(
        c.dep_ == "npadvmod" and lemma(c) in ("year", "month", "week") for c in tok.children
    )


def age_mark(doc: Doc, i: int) -> bool:
    """Whether an abbreviation of "years old" starts at token ``i`` ("25 y/o")."""
    marks = words("age_marks")
    return any("".join(t.lower_ for t in doc[i : i + n]) in marks for n in (1, 2, 3))


def _aged(name: Token) -> bool:
    """ "13-month-old Bill Thao", "Kevin Ross, 19": a name given with an age is someone of
    the reported incident, not a known figure of history ("the killing of top commander
    Qasem Soleimani")."""
    return any(
        (c.dep_ in ("amod", "compound") and _age_person(c))
        or (c.dep_ == "appos" and (c.like_num or _age_person(c)))
        for c in name.children
    )


def _numbered(tok: Token) -> int | None:
    """The whole number on a victim noun ("two brothers"), None when it has none."""
    for c in tok.children:
        k = c.i - 1
        if k > 0 and c.doc[k].text == ".":
            k -= 1  # "No. 2" is tokenized "No", ".", "2"
        if k >= 0 and c.doc[k].lower_.rstrip(".") in ("no", "number", "#"):
            continue  # "the group's No. 2 leader": a rank, not a count
        if c.dep_ == "nummod" and c.like_num and not age_mark(c.doc, c.i + 1):
            try:
                return int(c.text.replace(",", ""))
            except ValueError:
                value = lookup_number(c.lower_)
                if value is not None:
                    return value
    return None


@cache
def _units() -> dict[str, int]:
    from crosscheck.analysis.lang.en.quantities import number_words

    return {str(k): int(v) for k, v in number_words()["units"].items() if float(v).is_integer()}


def lookup_number(word: str) -> int | None:
    """A number word's value ("two" -> 2), None for other words."""
    return _units().get(word)


def _one_member(tok: Token) -> int | None:
    """How many people one conjunct of a victim phrase names, None when it is not countable."""
    low = tok.lower_
    if tok.pos_ == "PRON":
        return 1 if low in words("person_pronouns") else None
    if tok.pos_ == "PROPN":
        named = tok.ent_type_ in ("PERSON", "") or any(c.dep_ == "compound" for c in tok.children)
        return 1 if named or _named_person_elsewhere(tok) else None
    number = _numbered(tok)
    if tok.lower_ in words("dead_words") and tok.pos_ == "NOUN":
        # "left a 16-year-old dead": the parser makes "dead" the head of the phrase.
        aged = any(_age_person(c) for c in tok.children if c.dep_ in ("amod", "compound"))
        if not aged:
            return None
    person = (
        is_person(tok)
        or _age_person(tok)
        or tok.ent_type_ == "PERSON"
        or tok.lower_ in words("dead_words")
    )
    if not person:
        return None
    if number is not None:
        return number
    kids = list(tok.children)
    if tok.tag_ in ("NNS", "NNPS"):
        both = any(c.lower_ in words("pair_words") for c in kids)
        return 2 if both else None
    determined = any(
        (c.dep_ == "det" and c.lower_ in words("one_determiners")) or c.dep_ == "poss" for c in kids
    )
    # "a mother and son": a singular conjunct shares the first one's determiner. Headlines
    # drop determiners: "Boy, 11, shot and killed" names one boy.
    headline = _in_headline(tok) and tok.tag_ in ("NN", "NNP")
    return 1 if determined or _age_person(tok) or tok.dep_ == "conj" or headline else None


def _named_person_elsewhere(tok: Token) -> bool:
    """ "Velazquez suffered a hand injury": a surname alone, which the parser may take for an
    organisation, is a person when the text names that person in full ("Rosa Velazquez")."""
    return any(
        ent.label_ == "PERSON" and len(ent) > 1 and tok.text == ent[-1].text for ent in tok.doc.ents
    )


def _members(head: Token) -> list[Token]:
    """The conjuncts of a victim phrase, with a listed apposition ("his two brothers, his
    mother and a sister-in-law"); an apposition that only renames ("the victim, Jane Roe")
    is the same person."""
    out = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            listed = c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)
            if c.dep_ == "conj" or listed:
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def victim_count(head: Token) -> int | None:
    """How many people a victim phrase names, None when it cannot be counted.

    A list that names the people a numbered "victims" are counts them once: "two victims, a
    25-year-old man and a 26-year-old man, died" is two, not four; "his two brothers, his
    mother and a sister-in-law" is four.
    """
    members = _members(head)
    number = _numbered(head)
    renamed = lemma(head) in words("victim_nouns") and len(members) > 1
    if (
        number is not None
        and renamed
        and all(m.head != head or m.dep_ == "appos" for m in members[1:])
        and victim_count_of(members[1:]) == number
    ):
        return number
    return victim_count_of(members)


def victim_count_of(members: list[Token]) -> int | None:
    """How many people these conjuncts name together, None when one cannot be counted."""
    total = 0
    for member in members:
        n = _one_member(member)
        if n is None:
            return None
        total += n
    return total


def _relative_antecedent(arg: Token) -> Token:
    """ "the boy, who was struck in the chest": the relative pronoun stands for "the boy"."""
    clause = arg.head
    if arg.lower_ in ("who", "that", "whom") and clause.dep_ == "relcl":
        return clause.head
    return arg


def _self_harm(verb: Token, victims: Token) -> bool:
    """ "... before taking his own life", "then turned the gun on himself", "killed himself",
    said of the one who harmed ``victims``; a clause on the victim phrase itself ("found a man
    who had shot himself, killing himself") tells that victim's own death, counted once."""
    table_ = table()["self_harm"]
    pairs = {tuple(str(p).split()) for p in table_["verb_objects"]}
    reflexive = {tuple(str(p).split()) for p in table_["verb_reflexive"]}
    inside = {t.i for t in victims.subtree}
    for v in verb.subtree:
        if v.pos_ != "VERB" or v.i in inside:
            continue
        for c in v.children:
            own = c.dep_ == "dobj" and any(g.lower_ == "own" for g in c.subtree)
            if own and (lemma(v), lemma(c)) in pairs:
                return True
            if c.dep_ == "dobj" and c.lower_ in _REFLEXIVE and (lemma(v),) in reflexive:
                return True
            if c.dep_ == "prep":
                objs = [o for o in c.children if o.dep_ == "pobj" and o.lower_ in _REFLEXIVE]
                if objs and (lemma(v), c.lower_) in reflexive:
                    return True
    return False


#: Modals that with "have" tell what did not happen ("could have killed her").
_COUNTERFACTUAL = frozenset({"could", "would", "might"})
#: "have" as written, contracted too ("could've died").
_HAVE = frozenset({"have", "'ve", "’ve"})


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


def _harm_measure(verb: Token) -> str | None:
    """The measure a harm verb alone gives its victims (None for other verbs)."""
    found = lookup("patient_verbs").get(lemma(verb))
    return found if found in HARM_MEASURES else None


def _headline_passive(verb: Token) -> bool:
    """In a headline a harm verb with a subject and no object is a passive without its
    auxiliary ("Teen killed", "Man shot on Main Street"): the subject is the victim."""
    if not _in_headline(verb) or verb.tag_ not in ("VBD", "VBN"):
        return False
    return not _has_object(verb) and not any(c.dep_ == "aux" for c in verb.children)


def _shared_subjects(verb: Token) -> list[Token]:
    """The active subjects of ``verb``, or of the verb it is coordinated with when it has none
    (also through a participle clause: "shot himself while handling a revolver and died")."""
    while True:
        own = [c for c in verb.children if c.dep_ == "nsubj"]
        shares = verb.dep_ == "conj" or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
        if own or not shares or verb.head.pos_ not in ("VERB", "AUX"):
            return own
        verb = verb.head


def _verb_arguments(tok: Token) -> Iterator[tuple[Token, str, Token]]:
    agent = lookup("agent_verbs")
    lem = lemma(tok)
    harm = _harm_measure(tok)
    if harm is not None:
        measure = outcome(tok, harm)
        # "found the clerk shot to death": the parser may read the participle as a past
        # tense with a subject; under a verb of finding, that subject is the victim.
        small_clause = (
            tok.dep_ in ("ccomp", "xcomp", "oprd")
            and (tok.tag_ == "VBN" or lemma(tok.head) in words("dead_placing_verbs"))
            and not _has_object(tok)  # "the gunman may have killed two others" is active
        )
        for c in tok.children:
            if c.dep_ in ("nsubjpass", "dobj") and c.lower_ not in _REFLEXIVE:
                yield _relative_antecedent(c), measure, tok
            elif c.dep_ == "dobj":
                # "shot himself to death", "shot a clerk and then killed himself": the
                # victim is the one who fired, the subject the conjunct shares if it has none.
                for subj in _shared_subjects(tok):
                    yield _relative_antecedent(subj), measure, tok
            elif c.dep_ == "nsubj" and small_clause:
                yield c, measure, tok  # "found the man shot to death"
            elif c.dep_ == "nsubj" and _headline_passive(tok):
                yield c, measure, tok  # a headline's "Teen killed in crash" is passive
        # A headline's participle may be tagged a past tense: "14-year-old boy killed in …".
        headline = _in_headline(tok) and tok.tag_ == "VBD"
        if tok.dep_ == "acl" and (tok.tag_ == "VBN" or headline):
            # "the girl shot and killed on Tuesday", "Boy, 11, shot by a relative": a
            # participle on a noun says what was done to it.
            yield tok.head, measure, tok
    elif lem in agent and agent[lem] == "killed":
        # "the boy was conscious ... but died later": a conjunct shares its subject.
        for c in _shared_subjects(tok):
            yield _relative_antecedent(c), "killed", tok
    elif lem in words("dead_placing_verbs"):
        # "were found fatally shot", "left a man dead": the placed people are the victims.
        said = [
            c
            for c in tok.children
            if c.dep_ in ("xcomp", "ccomp", "oprd", "advcl") and _harm_measure(c) is not None
        ]
        placed: str | None = "killed" if _says_death(tok) else None
        if placed is None and _in_condition(tok):
            placed = "injured"  # "a shooting that left a boy in critical condition"
        if said and not any(c.dep_ == "nsubj" for c in said[0].children):
            placed = outcome(said[0], _harm_measure(said[0]) or "casualties")
        if placed is None:
            # "a body was found in a field": what is found is someone dead.
            for c in tok.children:
                if c.dep_ in ("nsubjpass", "dobj") and lemma(c) in words("body_nouns"):
                    yield c, "killed", tok
            return
        for c in tok.children:
            if c.dep_ in ("nsubjpass", "dobj"):
                yield _relative_antecedent(c), placed, tok


def _arguments(tok: Token) -> Iterator[tuple[Token, str, Token]]:
    """(victim head, measure, governing word) for each harm ``tok`` says was done."""
    lem = lemma(tok)
    if tok.pos_ in ("VERB", "AUX"):
        if negated(tok):
            return
        state = _state_measure(tok)
        if state == "injured" and _then_died(tok):
            state = "killed"
        if state is not None:
            for subject in _state_subjects(tok):
                yield subject, state, tok
        elif tok.pos_ == "VERB":
            yield from _verb_arguments(tok)
        return
    harm = table()["harm_nouns"]
    measure = next((m for m, ws in harm.items() if lem in ws), None)
    if tok.pos_ == "NOUN" and measure is not None:
        if any(lemma(c) in words("fatal_adjectives") for c in tok.children):
            measure = "killed"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                # "the killing of Qasem Soleimani" names a known death, often a past one;
                # "the shooting death of a man" counts a victim of the incident reported.
                for o in c.children:
                    if o.dep_ == "pobj" and (o.pos_ != "PROPN" or _aged(o)):
                        yield o, measure, tok
        return
    if tok.pos_ == "NOUN" and lem in words("injury_nouns") and tok.dep_ == "pobj":
        # "officers found a man with a gunshot wound": hit, and maybe dead (the report says).
        prep = tok.head
        victim = prep.head
        if (
            prep.lower_ == "from"
            and victim.dep_ == "acl"
            and lemma(victim) in words("suffer_verbs")
        ):
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
        return
    if tok.pos_ == "NOUN" and lemma(tok) == "life" and tok.dep_ == "dobj":
        yield from _lives_taken(tok)
        return
    dead = tok.lower_ in words("dead_words") or lemma(tok) in words("dead_words")
    if dead and tok.dep_ in ("amod", "oprd") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
        yield tok.head, "killed", tok  # "police found a man dead"
    elif dead and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass"):
        yield tok, "killed", tok.head  # "left a 16-year-old dead": "dead" heads the phrase
    elif dead and tok.pos_ == "ADJ" and not negated(tok.head):
        for subject in _dead_subjects(tok):
            yield _relative_antecedent(subject), "killed", tok.head


def _lives_taken(life: Token) -> Iterator[tuple[Token, str, Token]]:
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


def harm_word(sent: Span) -> Token | None:
    """The first word of ``sent`` that says people were harmed, with victims it names."""
    for tok in sent:
        if any(victim_count(head) or _numbered(head) for head, _, _ in _arguments(tok)):
            return tok
    return None


def _phrase_bounds(members: list[Token]) -> tuple[int, int]:
    """Token range of a victim phrase: from the first word of its first member to the end
    of its last member's noun ("sister-in-law" whole), without clauses or appositions."""
    first, last = members[0], members[-1]
    start = min(
        (t.i for t in first.subtree if t.i <= first.i and t.dep_ not in ("relcl", "acl")),
        default=first.i,
    )
    end = last.i + 1
    doc = last.doc
    # A hyphenated noun goes on while no space separates its pieces.
    while (
        end < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].is_alpha | (doc[end].text in ("-", "–"))
    ):
        end += 1
    return start, end


def _label(measure: str, verb: Token) -> str:
    if measure == "casualties":
        return f"people {verb.lower_ if verb.tag_ in ('VBN', 'VBD') else 'hit'}"
    return f"people {measure}"


def _of_another_year(sent: Span, published: date | None) -> bool:
    """The sentence dates what it tells to an earlier year: history, not the incident."""
    if published is None:
        return False
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        for tok in ent:
            year = tok.text.isdigit() and len(tok.text) == 4 and int(tok.text)
            if year and 1900 < year < published.year:
                return True
    return False


def victim_readings(
    sent: Span, taken: set[int], published: date | None = None
) -> list[tuple[Quantity, Reading]]:
    """Figures said by victim phrases without a number, in one sentence.

    Args:
        sent: the parsed sentence.
        taken: token indexes already covered by a numeric figure; a phrase touching one
            is left to that figure, unless it lists more people than the number does.
        published: the report's publication date: a single death the sentence dates to
            an earlier year ("a drone strike killed him in January 2020") is history.

    Returns:
        (quantity, reading) pairs like :func:`crosscheck.analysis.lang.en.counts.read_count`'s: an
        exact interval, the measure, and the victim noun and harm word.
    """
    best: dict[int, tuple[Quantity, Reading]] = {}
    history = _of_another_year(sent, published)
    for tok in sent:
        for head, measure, word in _arguments(tok):
            members = _members(head)
            count = victim_count(head) or _attacker_own_death(head, word) or _one_body(head)
            if count is None or count < 1:
                continue
            if (history or _hedged(word)) and all(_numbered(m) is None for m in members):
                continue
            numbered = [m for m in members if _numbered(m) is not None]
            # The shooter's own death counts in the toll, when the victims are others; one
            # who finds the dead ("found a man ..., killing himself") harmed no one.
            self_harm = (
                measure == "killed"
                and head.dep_ == "dobj"
                and word.pos_ == "VERB"
                and lemma(word) not in words("dead_placing_verbs")
                and _self_harm(word, head)
            )
            plain = any(m.i in taken for m in members) and len(members) == len(numbered)
            if plain and not self_harm:
                continue  # plain numeric figures ("two men") are read by read_count
            if self_harm:
                count += 1
            start, end = _phrase_bounds(members)
            q = Quantity(start, end, head.i, count, count)
            reading = Reading(measure, _label(measure, word), "people", head, word)
            known = best.get(head.i)
            # One phrase, several harm words ("the boy, who was struck, has died"): the
            # outcome that says most wins.
            if known is None or _rank(measure) > _rank(known[1].measure):
                best[head.i] = (q, reading)
    return _one_outcome_each(sorted(best.values(), key=lambda p: p[0].start))


def _attacker_own_death(head: Token, word: Token) -> int | None:
    """1 for "a gunman ... killed himself": an attacker hit by others is not counted with the
    victims (their figures count perpetrators), but one who kills himself is, as when the
    report lists the victims "before taking his own life"."""
    own = any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVE for c in word.children)
    attacker = lookup("measure_nouns").get(lemma(head)) == "perpetrators"
    return 1 if own and attacker and head.tag_ == "NN" else None


def _one_body(head: Token) -> int | None:
    """1 for "a body", "the body of a man": one person found dead (numbers are counts')."""
    if lemma(head) not in words("body_nouns") or head.tag_ != "NN":
        return None
    return 1 if any(c.dep_ == "det" for c in head.children) else None


def _one_outcome_each(found: list[tuple[Quantity, Reading]]) -> list[tuple[Quantity, Reading]]:
    """One victim hurt and then dead in one sentence is one death: "she was taken to a
    hospital, where she was pronounced dead", "a girl has died after she suffered a gunshot
    wound". A pronoun beside another single victim is taken to be that victim ("a boy was
    killed and a girl was hurt" names two people and keeps both)."""
    single = [(q, r) for q, r in found if q.low == 1 and r.measure in ("killed", "injured")]
    deaths = [p for p in single if p[1].measure == "killed"]
    if not deaths:
        return found
    pronoun = any(
        r.noun is not None and r.noun.lower_ in words("person_pronouns") for _, r in single
    )
    if not pronoun:
        return found
    # "shot a neighbor and then killed himself" names two people by its contrast.
    return [
        p for p in found if p not in single or p[1].measure != "injured" or _contrasted(p[1].verb)
    ]


def _contrasted(word: Token | None) -> bool:
    return (
        word is not None
        and word.pos_ in ("VERB", "AUX")
        and _contrasted_with_death(word, same_victim_verbs(word))
    )


def _hedged(word: Token) -> bool:
    """ "was likely killed", "reportedly died": a guess, not a report."""
    verbs = same_victim_verbs(word) if word.pos_ in ("VERB", "AUX") else [word]
    return any(c.lower_ in words("hedge_adverbs") for v in verbs for c in v.children)


def _rank(measure: str) -> int:
    return HARM_MEASURES.index(measure) if measure in HARM_MEASURES else -1


__all__ = [
    "HARM_MEASURES",
    "HEADLINE",
    "fatal_adverb",
    "harm_word",
    "negated",
    "outcome",
    "same_victim_verbs",
    "victim_count",
    "victim_readings",
]

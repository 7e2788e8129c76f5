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

from crosscheck.analysis.lang.en.casualties import HARM_MEASURES, negated, outcome
from crosscheck.analysis.lang.en.measures import (
    HEDGE_WORDS,
    RELATIVE,
    Reading,
    counted_noun,
    is_person,
    lemma,
    lookup,
    normalise,
    owner_of,
    phrase_words,
    word_set,
)
from crosscheck.analysis.lang.en.phrasings import (
    compound_measure,
    heading_measure,
    is_captor,
    sentence_measure,
    state_measure,
    toll_measure,
    trailing_adjective,
)
from crosscheck.analysis.lang.en.quantities import Quantity

_TALLY_NOUNS = {"number", "total", "tally", "count", "figure", "headcount"}
_PARTICLES = {"back", "out", "up", "off", "down", "away"}
_ADVERBS = {"also", "still", "reportedly", "allegedly", "later", "since", "all", "now", "then"}


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.pos_ in ("NOUN", "PROPN", "NUM") and tok.head != tok:
        tok = tok.head
    return tok


def _orphan_subject(tok: Token) -> tuple[str, Token] | None:
    """Repair a subject the parser hung elsewhere: "said between 78 and 108 people were
    hurt" makes "people" the object of "between"; "193-409 people were injured" after a
    comma makes it an apposition. A noun followed by the auxiliaries of a verb that has
    no subject is that verb's subject.
    """
    if tok.dep_ not in ("pobj", "appos", "npadvmod", "dep"):
        return None
    doc = tok.doc
    k = tok.i + 1
    while k < len(doc) and (doc[k].pos_ in ("AUX", "PART") or doc[k].lower_ in _ADVERBS):
        k += 1
    if k >= len(doc) or doc[k].pos_ != "VERB":
        return None
    verb = doc[k]
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and tok.i < c.i < verb.i]
    # Without an auxiliary only a finite clause verb will do: "... people lost their
    # lives"; "people gathered there" may be a reduced clause on the noun.
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") and verb.dep_ in ("ccomp", "ROOT", "conj")
    if not (aux or finite):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children):
        return None
    passive = any(c.dep_ == "auxpass" for c in aux) or (
        verb.tag_ == "VBN" and any(lemma(c) == "be" for c in aux)
    )
    return ("patient" if passive else "agent"), verb


def _role(arg: Token) -> tuple[str, Token | None]:
    """('patient'|'agent'|'attr'|'other', governing verb) for the argument ``arg``."""
    tok = _first_conjunct(arg)
    # "a total of 47 people were arrested", "a group of 20 men stormed": the container
    # noun takes the figure's place in the clause.
    while (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and lemma(tok.head.head) in word_set("transparent_nouns")
    ):
        tok = _first_conjunct(tok.head.head)
    orphan = _orphan_subject(tok)
    if orphan is not None:
        return orphan
    dep, head = tok.dep_, tok.head
    if dep == "nsubjpass":
        return "patient", head
    if dep == "nsubj" and head.dep_ in ("csubjpass", "csubj") and head.tag_ in ("VBD", "VBN"):
        # "eleven people linked to the attack had been arrested": spaCy makes the
        # participle a clausal subject; the figure is the subject of the main verb.
        return ("patient" if head.dep_ == "csubjpass" else "agent"), head.head
    if dep == "nsubj" and head.dep_ == "auxpass" and head.head.pos_ == "VERB":
        # "while three others, including two teens, were also wounded": the parser may hang
        # the subject on the passive auxiliary.
        return "patient", head.head
    if dep == "nsubj":
        passive = any(c.dep_ == "auxpass" for c in head.children)
        if passive or (head.tag_ == "VBN" and not any(c.dep_ == "aux" for c in head.children)):
            return "patient", head
        return "agent", head
    if dep in ("dobj", "obj"):
        return "patient", head
    if dep == "attr":
        return "attr", head
    if dep == "pobj" and head.dep_ == "agent":
        return "agent", head.head
    if dep == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return "pobj", head.head
    particle = head.head
    if dep == "pobj" and particle.dep_ == "prt" and particle.head.pos_ in ("VERB", "AUX"):
        return "pobj", particle.head  # "revised the toll down to 84"
    return "other", head if head.pos_ in ("VERB", "AUX") else None


def _verb_measure(role: str, verb: Token | None, arg: Token) -> str | None:
    if verb is None:
        return None
    patient = lookup("patient_verbs")
    agent = lookup("agent_verbs")
    weak = word_set("weak_patient_verbs")
    kids = ("xcomp", "oprd", "acomp", "conj") if role == "agent" else ("xcomp", "oprd", "acomp")
    candidates = [verb] + [c for c in verb.children if c.dep_ in kids and c.pos_ == "VERB"]
    place = _place_measure(role, verb)
    if place is not None:
        return place
    for v in candidates:
        lem = lemma(v)
        particle = next(
            (
                c.lower_
                for c in v.children
                if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES)
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


def _place_measure(role: str, verb: Token) -> str | None:
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


def _special_measure(role: str, verb: Token | None, arg: Token) -> str | None:
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


def _raised_subject(verb: Token) -> Token | None:
    """ "The group is believed to have 5,000 fighters": the subject of the verb it hangs on."""
    if verb.dep_ != "xcomp":
        return None
    return next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _stray_subject(verb: Token) -> Token | None:
    """A subject the parser hung on the phrase before it, for a verb left without one.

    "According to analysts at the X Institute, the Y Front has 2,000 fighters" is often
    parsed with "the Y Front" as an apposition to "the X Institute": a proper noun that ends
    right before the verb, after a comma, is the verb's subject.
    """
    if verb.i == 0:
        return None
    last = verb.doc[verb.i - 1]
    if last.dep_ != "appos" or last.pos_ != "PROPN" or verb in last.subtree:
        return None
    if not any(t.text == "," for t in verb.doc[last.left_edge.i - 1 : last.left_edge.i]):
        return None
    return last


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
                    m = _verb_measure(_role(sub)[0], child, arg)
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


def event_label(measure: str, noun: Token | None, verb_word: Token | None = None) -> str:
    """What an event figure counts, in words ("people killed", "children injured")."""
    hit = verb_word is not None and lookup("patient_verbs").get(lemma(verb_word)) == "casualties"
    if measure == "casualties" and not hit:
        return "casualties"  # "casualties rose to 360": the dead and the hurt together
    verb = {
        "perpetrators": "",
        "killed": "killed",
        "injured": "injured",
        "arrested": "arrested",
        "displaced": "displaced",
        "deported": "deported",
        "sentenced": "sentenced",
        "missing": "missing",
        "casualties": verb_word.lower_ if verb_word is not None else "hit",
    }[measure]
    if measure == "perpetrators":
        return noun.text.lower() if noun is not None else "perpetrators"
    nouns = lookup("measure_nouns")
    if noun is not None and _is_perpetrator_noun(noun):
        return f"{noun.lower_} {verb}"  # "five attackers killed": not the victims' toll
    generic = noun is not None and noun.lower_ in lookup("adjectives")  # "the missing"
    # "jails four over concert hall attack": the attack is what they are jailed for.
    generic = generic or (noun is not None and lemma(noun) in word_set("attack_nouns"))
    if noun is None or lemma(noun) in nouns or noun.lower_ in nouns or generic:
        return f"people {verb}"
    words = " ".join(
        t.text
        for t in noun.doc[noun.left_edge.i : noun.i + 1]
        if t.i == noun.i
        or (t.dep_ in ("amod", "compound") and not t.like_num and t.lower_ not in HEDGE_WORDS)
    )
    return f"{words or 'people'} {verb}".strip()


def _is_perpetrator_noun(noun: Token) -> bool:
    """ "attackers", "gunmen", "militants": the noun counts the perpetrators."""
    nouns = lookup("measure_nouns")
    return nouns.get(lemma(noun)) == "perpetrators" or nouns.get(noun.lower_) == "perpetrators"


def event_counted(measure: str, noun: Token | None) -> str:
    """Event tolls group by measure; only distinct victim groups ("children") split them."""
    if measure == "perpetrators":
        return "perpetrators"
    if noun is not None and _is_perpetrator_noun(noun):
        return lemma(noun)
    if noun is None or lemma(noun) in word_set("generic_people") or not is_person(noun):
        return "people"
    return "people" if noun.ent_type_ == "NORP" else lemma(noun)


def read_count(doc: Doc, q: Quantity, antecedent: Token | None = None) -> Reading | None:
    """Measure, label and counted key of a cardinal or vague number, or None.

    Args:
        doc: the parsed chunk.
        q: the number phrase.
        antecedent: the noun of an earlier figure in the sentence, the referent of an
            elided noun ("6,500 fighters with about 4,000 stationed near the border").
    """
    anchor = doc[q.anchor]
    noun = counted_noun(doc, q)
    if noun is not None and (lemma(noun) in word_set("not_counted_nouns")):
        return None
    heading = doc[q.start - 2] if q.start >= 2 and doc[q.start - 1].text == ":" else None
    if noun is None and heading is not None and lemma(heading) in word_set("not_counted_nouns"):
        return None  # "Pages: 40", "Duration: 3"
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
    role, verb = _role(arg)
    measure = (
        (trailing_adjective(doc, q) or heading_measure(doc, q) if noun is None else None)
        or _adjective_measure(arg, verb, q.start)
        or _clause_measure(arg)
    )
    if measure is None and verb is not None:
        measure = sentence_measure(role, verb) or state_measure(role, verb)
    if measure is None:
        measure = _verb_measure(role, verb, arg)
        if measure == "arrested" and verb is not None and is_captor(verb):
            measure = "missing"
        elif measure is not None and verb is not None:
            measure = outcome(verb, measure)  # "shot" alone: hit; "shot and killed": killed
    if measure is None and noun is not None and noun.lower_ in lookup("adjectives"):
        measure = lookup("adjectives")[noun.lower_]  # "and 14 hurt" read as a noun
        noun = None
    if measure is None:
        measure = _special_measure(role, verb, arg if noun is None else noun)
    if measure is None and verb is not None and lemma(verb) in word_set("leave_verbs"):
        # "left six people injured": the state may hang anywhere in the parse.
        after = (noun or anchor).i + 1
        if after < len(doc) and doc[after].lower_ in lookup("adjectives"):
            measure = lookup("adjectives")[doc[after].lower_]
    # An unknown verb whose subject is an attack and whose object is people:
    # "the blast, which ... eight people" is a toll whatever the (mistyped) verb.
    embedded = role == "patient" and verb is not None and verb.dep_ != "ROOT"
    # "left six people" says what state it left them in elsewhere ("injured", "dead").
    embedded = embedded and verb is not None and lemma(verb) not in word_set("leave_verbs")
    if measure is None and embedded and verb is not None and (noun is None or is_person(noun)):
        measure = "killed" if _attack_subject(verb) else None
    governing = _governing_noun(arg, verb)
    if measure is None and governing is not None and _work_on_bodies(governing):
        # "the bodies of 120 victims have been identified": the progress of identification,
        # not the death toll.
        verb_word = governing.head if governing.head.pos_ == "VERB" else verb
        label = f"bodies {verb_word.lower_}" if verb_word is not None else "bodies"
        return Reading(
            "count", label, normalise([governing, verb_word] if verb_word else [governing])
        )
    if measure is None and governing is not None and lemma(governing) not in word_set("size_nouns"):
        measure = toll_measure(governing)
    if measure is None and governing is not None and lemma(governing) in _TALLY_NOUNS:
        measure = compound_measure(governing)  # "the casualty count", "the arrest tally"
    if measure is None and governing is not None and lemma(governing) in word_set("size_nouns"):
        inner = next(
            (
                o
                for c in governing.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children
                if o.dep_ == "pobj"
            ),
            None,
        )
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
    if measure is None and noun is not None:
        nouns = lookup("measure_nouns")
        suffered = verb is not None and lemma(verb) in word_set("suffer_verbs")
        if suffered and lemma(noun) in word_set("wound_nouns"):
            return None  # "suffered 13 gunshot wounds": wounds, not people
        if lemma(noun) in nouns and lemma(noun) != "toll":
            measure = nouns[lemma(noun)]
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
    # Statistics: sizes ("its strength reached 6,500"), people, things, elided nouns.
    if governing is not None and lemma(governing) in word_set("size_nouns"):
        owner = owner_of(governing)
        words = phrase_words(governing)
        inner = next(
            (
                o
                for c in governing.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for o in c.children
                if o.dep_ == "pobj"
            ),
            None,
        )
        if inner is not None and lemma(governing) in _TALLY_NOUNS:
            # "the number of attacks rose to 120" counts attacks, not "numbers".
            inner_words = phrase_words(inner)
            return Reading(
                "count",
                " ".join(t.text for t in inner_words),
                normalise(inner_words),
                noun=inner,
                verb=verb,
                owner=owner,
            )
        return Reading(
            "count",
            " ".join(t.text for t in words),
            normalise([governing]),
            noun=noun,
            verb=verb,
            owner=owner,
        )
    if noun is not None:
        words = phrase_words(noun)
        owner = owner_of(noun)
        if owner is None and verb is not None and lemma(verb) in word_set("possession_verbs"):
            # "the group has 3,000 fighters": the holder is whose figure it is.
            owner = (
                next((c for c in verb.children if c.dep_ == "nsubj"), None)
                or _raised_subject(verb)
                or _stray_subject(verb)
            )
        if role == "patient" and verb is not None and lemma(verb) in word_set("legal_verbs"):
            words = [*words, verb]  # "suspects charged": not an arrest (see measures.yaml)
        incident = lemma(noun) in word_set("attack_nouns")
        if not is_person(noun) and not incident and not q.vague and (q.value or 0) < 10:
            return None  # "two books", "three oblasts": narrative, not a figure
        return Reading(
            "count",
            " ".join(t.text for t in words),
            normalise(words, owner),
            noun=noun,
            verb=verb,
            owner=owner,
        )
    # A bare number with no noun is a figure only in a few clear frames, and only when
    # it is large enough to be a count worth checking ("1.3 million migrated", "there
    # were 2,500-3,500", "with about 4,000 stationed near the border").
    there = anchor.dep_ == "attr" and any(c.dep_ == "expl" for c in anchor.head.children)
    described = any(c.dep_ in ("acl", "relcl") for c in anchor.children)
    big = q.vague or (q.value or 0) >= 10
    # An earlier figure's noun makes an object count too ("500 members; by 2023, 2,000").
    echoed = antecedent is not None and anchor.dep_ in ("dobj", "attr")
    if big and (anchor.dep_ in ("nsubj", "nsubjpass", "appos") or there or described or echoed):
        ref = antecedent
        words = [t for t in anchor.subtree if t.i < q.start or t.i >= q.end]
        if verb is not None and anchor.dep_ in ("nsubj", "nsubjpass"):
            words = [verb]
            for child in verb.children:
                if child.i > verb.i and child.dep_ in ("prep", "dobj", "attr", "acomp"):
                    words.extend(child.subtree)
                    break
        words = [
            t
            for t in words
            if t.pos_ not in ("PUNCT", "SPACE") and any(ch.isalpha() for ch in t.text)
        ][:8]
        if ref is not None:
            label = ref.text + (" " + " ".join(t.text for t in words) if words else "")
            return Reading("count", label.strip(), normalise([ref, *words]), verb=verb)
        text = " ".join(t.text for t in words)
        return Reading("count", text or "unspecified", normalise(words) or "unspecified", verb=verb)
    return None


__all__ = ["event_counted", "event_label", "harm_participle", "read_count"]

"""The role a counted noun plays in its clause, and the verb that governs it.

"120 people were killed" makes the people the patient of "killed"; "gunmen killed 120"
makes the gunmen the agent. The parser sometimes hangs a subject elsewhere (after
"between", after a comma); :func:`clause_role` repairs the common cases so the measure
readers in :mod:`crosscheck.analysis.lang.en.counts` see the clause as a reader would.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.lang.en.measures import lemma, word_set


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
    adverbs = word_set("clause_adverbs")
    k = tok.i + 1
    while k < len(doc) and (doc[k].pos_ in ("AUX", "PART") or doc[k].lower_ in adverbs):
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


def clause_role(arg: Token) -> tuple[str, Token | None]:
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


__all__ = ["clause_role"]

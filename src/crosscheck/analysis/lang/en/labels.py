"""The words an event figure carries: its label ("children injured") and counted key.

The label is what an analyst reads next to the number; the counted key decides which
figures are compared with which: tolls group by measure, and only distinct victim
groups ("children", "officers") or perpetrators split them.
"""

from __future__ import annotations

from spacy.tokens import Token

from crosscheck.analysis.lang.en.measures import HEDGE_WORDS, is_person, lemma, lookup, word_set


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


__all__ = ["event_counted", "event_label"]

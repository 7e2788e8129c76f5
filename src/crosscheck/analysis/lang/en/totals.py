"""Figures a report gives by difference, read once the whole report is extracted.

"Four people were shot early Sunday ... One of them died at the hospital" gives four people
hit and one killed; the report thereby says three were injured, as an analyst reads it. When
a report gives people hit and people killed and no larger injured figure of its own (only
victims told one by one), the difference is its injured figure. A report that never uses a
word of death ("died", "fatal", "killed", "homicide"…) reports no one killed: the people it
says were hit are its injured. The claim sits on the figure of people hit and its label says
how it was read ("people injured (4 hit, 1 killed)", "people injured (2 hit, none reported
dead)").
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from crosscheck.analysis.figures import HARM_MEASURES, exact_figure
from crosscheck.analysis.lang.en.harmwords import lookup_number, words
from crosscheck.analysis.lang.en.quantities import number_words
from crosscheck.model import Claim

_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)


def _largest(claims: list[Claim], measure: str) -> Claim | None:
    # "Casualties rose to 360" counts the dead too: only people said to be hit are used.
    found = [
        c
        for c in claims
        if c.measure == measure and exact_figure(c) is not None and c.label != "casualties"
    ]
    return max(found, key=lambda c: (exact_figure(c), -c.span[0]), default=None)


@cache
def _phrases(name: str) -> re.Pattern[str]:
    """Any phrase of the word list ``name`` as a whole-word pattern, longest first."""
    phrases = sorted(words(name), key=len, reverse=True)
    return re.compile("|".join(r"\b" + re.escape(p) + r"\b" for p in phrases), re.IGNORECASE)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


#: A line of a page's video list ("0:41 Woman dies crossing the river"): another story.
_VIDEO_ITEM = re.compile(r"^\s*\d{1,2}:\d{2}\s")


def _says_death(text: str) -> bool:
    """Whether the text tells of a death: a word of death outside a supposition ("could
    have caused death", "try to kill the youngest victims") and outside the titles of other
    stories a page lists."""
    return any(
        _says_death_in(sentence)
        for sentence in _SENTENCE_END.split(text)
        if not _phrases("hypothetical_phrases").search(sentence) and not _VIDEO_ITEM.match(sentence)
    )


def _says_death_in(text: str) -> bool:
    death, names = words("death_words"), words("name_death_words")
    text = _phrases("not_death_phrases").sub(" ", text)
    for m in _WORD.finditer(text):
        word = m.group()
        if word.lower() not in death:
            continue
        if word.lower() in names and word[:1].isupper():
            continue  # a name ("Memorial Hospital"), not a death
        return True
    return False


_ORDINAL_VICTIM = re.compile(r"\b(?:an?|another)\s+([a-z]+)\b", re.IGNORECASE)


def ordinal_figures(claims: list[Claim], text: str) -> list[Claim]:
    """The people hit a report counts by an ordinal ("two men were shot ... a third man was
    shot in the leg": three), when it is more than any figure the report gives of them.

    The figure sits on the ordinal word, in the victim phrase's sentence; empty when the
    report says no more than its own figures.
    """
    ordinals = number_words()["ordinals"]
    found: list[tuple[int, Claim, re.Match[str]]] = []
    for c in claims:
        if c.measure not in HARM_MEASURES or c.subject_kind == "none" or c.span[1] <= 0:
            continue
        m = _ORDINAL_VICTIM.match(text, c.span[0], c.span[1])
        value = ordinals.get(m.group(1).lower()) if m else None
        if m is not None and isinstance(value, int) and value > 1:
            found.append((value, c, m))
    if not found:
        return []
    n, c, m = max(found, key=lambda f: (f[0], -f[1].span[0]))
    told = [exact_figure(x) or 0 for x in claims if x.measure == "casualties"]
    dead_and_hurt = (_largest(claims, measure) for measure in ("killed", "injured"))
    told.append(sum(exact_figure(x) or 0 for x in dead_and_hurt if x is not None))
    if n <= max(told):
        return []
    return [
        dataclasses.replace(
            c,
            measure="casualties",
            low=n,
            high=n,
            span=m.span(1),
            label=f"people hit (a {m.group(1).lower()} victim told)",
            counted="people",
            part_of=None,
        )
    ]


def derived_figures(claims: list[Claim], text: str, title: str = "") -> list[Claim]:
    """The injured figure a report gives by difference (empty when it gives none).

    Args:
        claims: every claim of one report.
        text: the report's text (the claims' spans are offsets into it).
        title: its headline; with the text, it tells whether the report speaks of a death.
    """
    told = [c for c in claims if c.measure == "injured"]
    # A death of another incident ("a man killed in a shooting last week") is none of the
    # people the report's incident hit, and its sentence does not say one of them died.
    elsewhere = [c for c in claims if c.measure == "killed" and c.subject_kind == "none"]
    for c in elsewhere:
        text = text.replace(c.sentence, " " * len(c.sentence))
    if told:
        # "A girl and a woman were shot ... the woman was treated, the girl was listed in
        # good condition": the injured told one by one are parts of the people hit.
        claims = [c for c in claims if c.subject_kind != "none"]
        if any(c.low is None or c.low != c.high or c.vague or c.approximate for c in told):
            return []  # "at least three were hurt" is the report's own reading
    hit = _largest(claims, "casualties")
    killed = _largest([c for c in claims if c.subject_kind != "none"], "killed")
    if hit is None or (killed is None and _says_death(f"{title}\n{text}")):
        return []
    n_hit = exact_figure(hit)
    n_killed = 0 if killed is None else exact_figure(killed)
    assert n_hit is not None and n_killed is not None
    injured = n_hit - n_killed
    if killed is not None and _others(text, hit):
        injured = n_hit  # "two were killed ... three other victims were shot": five hit
    if injured <= max((exact_figure(c) or 0 for c in told), default=0):
        return []
    how = f"{n_killed} killed" if killed is not None else "none reported dead"
    return [
        dataclasses.replace(
            hit,
            measure="injured",
            low=injured,
            high=injured,
            label=f"people injured ({n_hit} hit, {how})",
            counted="people",
        )
    ]


def headline_outcomes(claims: list[Claim], headline: list[Claim]) -> list[Claim]:
    """What the headline says became of the people the body only says were hit.

    "Boy dies after cousin mishandles handgun" over a body that says the gun went off,
    "striking the victim": the report says one person was hit and, in its headline, that
    he died. The figure stays on the body's sentence (a claim's span is always in the
    text); its label says the headline gave the outcome.

    Args:
        claims: every claim of the report's body.
        headline: the figures read from its headline alone (never stored).
    """
    if any(c.measure in ("killed", "injured") for c in claims):
        return []
    hit = _largest(claims, "casualties")
    if hit is None:
        return []
    n_hit = exact_figure(hit)
    assert n_hit is not None
    out = []
    for measure in ("killed", "injured"):
        said = _largest(headline, measure)
        n = None if said is None else exact_figure(said)
        if n is None or not 0 < n <= n_hit:
            continue
        out.append(
            dataclasses.replace(
                hit,
                measure=measure,
                low=n,
                high=n,
                label=f"people {measure} ({n_hit} hit; the headline says {n} {measure})",
                counted="people",
            )
        )
    return out


#: After a victim phrase, a harm told in the past perfect ("Ada Moss, 7, had been critically
#: injured"): in a report of a death, the state of the one who died, before they died.
_PLUPERFECT = re.compile(
    r"(?:,[^,.;]{1,40},)?\s+had\s+been\s+(?:\w+ly\s+)?(?:injured|wounded|hurt|hospitalized)\b",
    re.IGNORECASE,
)


def same_victim_dropped(claims: list[Claim], text: str) -> list[Claim]:
    """The claims without the hurt victim a report goes on to say died.

    "The 13-year-old remains in critical condition" in a report that also says one person
    was killed speaks of the one who died, in the report's telling before or after: "the
    child", "he", "she" point back to a victim already counted, and so does a victim who
    "had been" hurt (the dead, before they died). A victim introduced anew
    ("a 40-year-old man was wounded") is another person and stays.
    """
    if not any(c.measure == "killed" and exact_figure(c) for c in claims):
        return claims
    anaphors = words("anaphoric_openings")
    dead = [_name(text, c) for c in claims if c.measure == "killed"]
    out = []
    for c in claims:
        said_words = text[c.span[0] : c.span[1]].lower().split()
        first = _first_word(text, c)
        another = bool(set(said_words) & words("other_victim_words"))
        if c.measure == "injured" and exact_figure(c) == 1 and not another:
            name = _name(text, c)
            if first in anaphors or (name and any(name <= d for d in dead)):
                continue  # "she was in critical condition", "Whitlock suffered a wound"
            if _PLUPERFECT.match(text, c.span[1]):
                continue  # "Ada Moss, 7, had been critically injured": the dead, before
        out.append(c)
    return out


def also_hurt(claims: list[Claim], text: str) -> list[Claim]:
    """The claims with people "also shot" beside a report's dead counted as injured.

    "Three people were killed ... the woman's brother was also shot in the arm": the brother
    is one more person hit, and the report, which tells its deaths, does not count him among
    them. A sentence that says he died too keeps its own reading.
    """
    if not any(
        c.measure == "killed" and c.subject_kind != "none" and exact_figure(c) for c in claims
    ):
        return claims
    also = _phrases("also_hit_phrases")
    ordinals = set(number_words()["ordinals"])
    out = []
    for c in claims:
        if c.measure == "casualties" and c.subject_kind != "none" and exact_figure(c):
            phrase = text[c.span[0] : c.span[1]]
            # "A fourth person was also shot": an ordinal counts everyone hit
            # (ordinal_figures).
            ordinal = any(w.lower() in ordinals for w in _WORD.findall(phrase))
            at = c.sentence.find(phrase)
            said = also.search(c.sentence, max(at, 0))
            if not ordinal and at >= 0 and said is not None and not _says_death_in(c.sentence):
                c = dataclasses.replace(
                    c, measure="injured", label="people injured (also hit, besides the dead)"
                )
        out.append(c)
    return out


def others_added(claims: list[Claim], text: str) -> list[Claim]:
    """The claims, with a total where a sentence counts people besides those it has just told.

    "A girl was left in critical condition, while three others were also wounded" tells four
    people hurt: the total is a new figure over the one figure told before the others in the
    same sentence, and both become its parts.
    """
    out = list(claims)
    # "He was taken in serious condition": someone told before, not one more.
    not_more = words("person_pronouns") | {""}
    for i in range(len(claims)):
        c = out[i]  # as earlier totals left it: a part already is no "others" of its own
        if c.measure not in HARM_MEASURES or c.part_of or not _others(text, c):
            continue
        told = [
            k
            for k, o in enumerate(out)
            if o.measure == c.measure
            and o.span[1] <= c.span[0]
            and not _SENTENCE_END.search(text[o.span[1] : c.span[0]])
            and not o.part_of
            and exact_figure(o)
            and _first_word(text, o) not in not_more
        ]
        n = exact_figure(c)
        # One figure told before the others: several may restate one another ("two of the
        # men — one of whom ...").
        if len(told) != 1 or n is None:
            continue
        before = exact_figure(out[told[0]]) or 0
        total = dataclasses.replace(
            c,
            span=(out[told[0]].span[0], c.span[1]),
            low=n + before,
            high=n + before,
            label=f"people {c.measure} ({before} told and {n} others)",
            counted="people",
        )
        for k in (told[0], i):
            out[k] = dataclasses.replace(out[k], part_of=total.id)
        out.append(total)
    return out


def _first_word(text: str, c: Claim) -> str:
    """The first word of a figure's phrase, in lower case ("" for an empty phrase)."""
    said = text[c.span[0] : c.span[1]].split()
    return said[0].lower() if said else ""


_NUMBER_THEN_WORD = re.compile(r"(\w+)\s+(\w+)")


def _others(text: str, c: Claim) -> bool:
    """Whether a figure's victim phrase counts people besides those already told ("three
    other victims", "two more people")."""
    # Only a phrase that opens with its number ("Three other victims"): one that names
    # someone too ("he and four others", "Garcia and three other people") counts them all.
    m = _NUMBER_THEN_WORD.match(text, c.span[0])
    if m is None or not (m.group(1).isdigit() or lookup_number(m.group(1).lower())):
        return False
    return m.group(2).lower() in words("besides_words")


def _name(text: str, c: Claim) -> frozenset[str]:
    """The words of a figure's victim phrase when it is a bare name ("Dana Whitlock",
    "Whitlock"); empty for any other phrase ("a Boston man", "Two")."""
    found = _WORD.findall(text[c.span[0] : c.span[1]])
    # Capitalised words that open a victim phrase without naming anyone: "The", "He", "Two".
    skip = words("anaphoric_openings") | words("one_determiners") | words("pair_words")
    if not found or any(
        not w[:1].isupper() or w.lower() in skip or lookup_number(w.lower()) is not None
        for w in found
    ):
        return frozenset()
    return frozenset(found)


__all__ = ["derived_figures", "headline_outcomes", "same_victim_dropped"]

"""One report's incidents: which of its event mentions describe the same incident.

A report is about one incident first (per family of event types: an attack, its arrests, its
trial): its title and lead name it, and its later "the shooting", "the attack" refer back to
it. That is the report's *main* incident. Mentions that cannot be it — another date, another
town ("a separate shooting last month on Elm Street") — are other incidents the report also
names; they are grouped among themselves by the same evidence as across reports.

A date between the main incident's and the report's publication on a vague mention is usually
the day something was *said* ("on Tuesday police said the toll rose"): such a date is dropped
rather than allowed to split the incident. Pure: no store.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.analysis.geo import geocode
from crosscheck.analysis.profile import LEAD_CHARS
from crosscheck.model import EventMention, stable_id
from crosscheck.reconcile.dates import days_between
from crosscheck.reconcile.mentionfeatures import (
    Features,
    compatible,
    features,
    name_tokens,
    score,
)
from crosscheck.reconcile.text import tables


@dataclass(frozen=True, slots=True)
class LocalIncident:
    """One incident as one report describes it."""

    id: str
    doc_id: str
    family: str
    main: bool
    members: tuple[Features, ...]  # in text order; dates the report only said are dropped
    # The names its report's title gives (main incidents only): "Court places another
    # suspect in Crocus City Hall case in custody" names the incident it is about.
    title_names: frozenset[str] = frozenset()
    published: str | None = None  # its report's publication date

    @property
    def vague(self) -> bool:
        """Only vague mentions ("the attack"): the report names its incident elsewhere."""
        return all(f.generic for f in self.members)

    @property
    def mention_ids(self) -> tuple[str, ...]:
        return tuple(f.id for f in self.members)


def _said_date(f: Features, main_date: str | None, published: str | None) -> bool:
    """A vague mention's date between the incident and the publication: a day of telling."""
    if not (f.generic and f.date and main_date and published):
        return False
    return main_date[:10] < f.date[:10] <= published[:10]


def _next_day(f: Features, main_date: str | None) -> bool:
    """A vague mention dated a day from the incident ("the assault, which began late on
    Friday" of a siege that ended on Saturday) is the incident, told at its edge."""
    if not (f.generic and f.date and f.precision == "day" and main_date):
        return False
    apart = days_between(f.date, main_date)
    return apart is not None and apart <= 1


def _unplaced(f: Features) -> Features:
    """A vague mention without the town its report's lead names. Within its own report that
    town is a guess the main incident's own place overrides: "the shooting" of a report whose
    lead names the city and whose main incident names a neighbourhood geocoded elsewhere is
    still its main incident. Its date still tells another incident apart."""
    return dataclasses.replace(f, context_place=None, context_coords=None, context_country=None)


def _joins(f: Features, members: Sequence[Features]) -> bool:
    """Nothing in ``f`` contradicts the incident's members."""
    return all(compatible(f, m) for m in members)


def _seed(fs: list[Features]) -> Features:
    """The mention a report's main incident of one family starts from: the first specific
    mention of its lead, else its first specific mention, else its first."""
    specific = [f for f in fs if not f.generic]
    in_lead = [f for f in specific if f.start < LEAD_CHARS]
    return (in_lead or specific or fs)[0]


def _family_incidents(
    doc_id: str, family: str, fs: list[Features], published: str | None, title: str
) -> list[LocalIncident]:
    seed = _seed(fs)
    dated = [f for f in fs if f.date and f.start < LEAD_CHARS and not f.generic]
    main_date = seed.date or (dated[0].date if dated else None)
    main: list[Features] = [seed]
    others: list[list[Features]] = []
    threshold = int(tables()["event_scores"]["link_threshold"])
    for f in fs:
        if f is seed:
            continue
        if _said_date(f, main_date, published) or _next_day(f, main_date):
            f = dataclasses.replace(f, date=None, precision=None)
        if f.generic and not f.date and _joins(f, main):
            main.append(f)
            continue
        if _joins(f, main) or (f.generic and _joins(_unplaced(f), main)):
            main.append(f)
            continue
        home = next(
            (g for g in others if _joins(f, g) and max(score(f, m) for m in g) >= threshold),
            None,
        )
        if home is None:
            others.append([f])
        else:
            home.append(f)
    out = [_incident(doc_id, family, True, main, _title_names(title), published)]
    out.extend(_incident(doc_id, family, False, g, published=published) for g in others)
    return out


#: What separates a headline from the outlet's name in a page title ("… - WAFB 9 News").
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+")
#: Words of a headline of which this share or more are capitalised: it is in Title Case,
#: and a capital says nothing about a name.
TITLE_CASE_SHARE = 0.8


def _headline(title: str) -> str:
    """The title without the outlet's name after its last separator."""
    parts = _SITE_SUFFIX.split(title, maxsplit=1)
    return parts[0] if parts and len(parts[0].split()) >= 3 else title


def _title_case(headline: str) -> bool:
    # The first word is capitalised in any case.
    long_words = [w for w in headline.split()[1:] if len(w) > 3 and w[:1].isalpha()]
    upper = sum(w[:1].isupper() for w in long_words)
    return bool(long_words) and upper / len(long_words) >= TITLE_CASE_SHARE


def _place_words(headline: str) -> set[str]:
    """Words of the towns and regions a headline names in two or three words ("Baton
    Rouge"); a venue ("Crocus City Hall") names its incident."""
    tokens = headline.split()
    out: set[str] = set()
    for n in (3, 2):
        for k in range(len(tokens) - n + 1):
            phrase = " ".join(t.strip(",.;:'\"") for t in tokens[k : k + n])
            place = geocode(phrase)
            if place is not None and place.kind != "venue":
                out |= name_tokens(phrase)
    return out


def _title_names(title: str) -> frozenset[str]:
    """The names a title gives that are not places: a town names too many incidents.

    A headline in Title Case capitalises every word, so a capital there tells no name
    ("Heights", "Lake", "Southwest" and "News" name no incident): it names none."""
    headline = _headline(title)
    if _title_case(headline):
        return frozenset()
    # A headline's first word is capitalised whatever it is ("Mother of victim speaks"),
    # unless a name of several words or an acronym opens it ("Crocus City Hall attack: …").
    opening = headline.split(maxsplit=2)
    named_opening = len(opening) > 1 and (opening[1][:1].isupper() or opening[0].isupper())
    rest = headline if named_opening else (opening[1] if len(opening) > 1 else "")
    rest = rest if named_opening or len(opening) < 3 else f"{rest} {opening[2]}"
    names = name_tokens(rest) - _place_words(headline)
    boilerplate = {str(w) for w in tables()["title_boilerplate"]}
    return frozenset(w for w in names if w not in boilerplate and geocode(w) is None)


def _incident(
    doc_id: str,
    family: str,
    main: bool,
    members: list[Features],
    title_names: frozenset[str] = frozenset(),
    published: str | None = None,
) -> LocalIncident:
    ordered = tuple(sorted(members, key=lambda f: (f.start, f.id)))
    return LocalIncident(
        id=stable_id("li", doc_id, min(f.id for f in ordered)),
        doc_id=doc_id,
        family=family,
        main=main,
        members=ordered,
        title_names=title_names,
        published=published,
    )


def local_incidents(
    doc_id: str,
    event_mentions: Sequence[EventMention],
    published: str | None,
    context: dict[str, Features] | None = None,
    title: str = "",
) -> list[LocalIncident]:
    """The incidents one report describes, main ones first per family.

    Args:
        doc_id: the report.
        event_mentions: its event mentions, in any order.
        published: its publication date (ISO), to tell a day of telling from the incident's.
        title: its title, which may name its main incident.
        context: features to use instead of the plain ones, by mention id (e.g. generic
            mentions given the place their report's lead names).

    Returns:
        Local incidents; for each type family the first is the report's main incident.
    """
    given = context or {}
    fs = sorted(
        (given.get(em.id) or features(em) for em in event_mentions),
        key=lambda f: (f.start, f.id),
    )
    families: dict[str, list[Features]] = {}
    for f in fs:
        families.setdefault(f.family, []).append(f)
    out: list[LocalIncident] = []
    for family in sorted(families):
        out.extend(_family_incidents(doc_id, family, families[family], published, title))
    return out


__all__ = ["LocalIncident", "local_incidents"]

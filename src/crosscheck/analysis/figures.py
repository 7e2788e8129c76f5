"""Language-neutral rules over a report's figures, once its rules have read them.

Whatever the language, a figure is a :class:`~crosscheck.model.Claim`; what a report says
in its headline only, and which figures are exact, read the same in every language.
"""

from __future__ import annotations

import dataclasses

from crosscheck.model import Claim

#: The measures a harm can give, from least to most said.
HARM_MEASURES = ("casualties", "injured", "killed")


def exact_figure(c: Claim) -> int | None:
    """The figure's number when it is one exact count of its own, else None."""
    if c.low is None or c.low != c.high or c.vague or c.approximate or c.part_of:
        return None
    return int(c.low)


def headline_only(claims: list[Claim], headline: list[Claim], title: str) -> list[Claim]:
    """The headline's casualty figures, for a report whose body gives none at all.

    Many pages keep their story only in the headline (a paywall, a video page, a login
    form around one line, a wire item that gives the toll in its title). The figure's
    sentence is the headline and its span is empty (``[0, 0]``): no place in the body says
    it. It is about the report's incident (the headline's own, or the one the report is
    linked to).
    """
    if any(c.measure in HARM_MEASURES for c in claims):
        return []
    out: dict[str, Claim] = {}
    for c in headline:
        if c.measure not in HARM_MEASURES or exact_figure(c) is None:
            continue
        known = out.get(c.measure)
        if known is None or (exact_figure(c) or 0) > (exact_figure(known) or 0):
            out[c.measure] = dataclasses.replace(
                c,
                span=(0, 0),
                sentence=title,
                subject_kind="event",
                subject_ref=None,
                subject_name=None,
            )
    return [out[m] for m in sorted(out)]


__all__ = ["HARM_MEASURES", "exact_figure", "headline_only"]

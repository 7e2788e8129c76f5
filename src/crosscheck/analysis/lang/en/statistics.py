"""Percentages, ranks and money: what share, which ranking, which amount.

A share is described by the phrase it is "of" ("95% of Tajikistan's population") or the
noun it modifies ("its 98% Muslim population"), plus the predicate that says what the
share does or is ("is Muslim", "live in rural areas"). The ``counted`` key keeps the
content lemmas of both, with the owner (whose population) left out so the subject can
carry it: "95% of X's population is Muslim" and "X's 98% Muslim population" give the
same key. Ranks take the criterion ("by GDP per capita") and the scope ("in the world").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from crosscheck.analysis.lang.en.measures import (
    Reading,
    clipped,
    lemma,
    normalise,
    of_object,
    owner_of,
    phrase_words,
    word_set,
)
from crosscheck.analysis.lang.en.quantities import Quantity

_CRITERION_PREPS = ("by", "for", "on")
_RELATIVE = {"who", "which", "that", "whom"}
_SKIP_PREPS = {"from", "to", "between", "by", "since", "with", "according"}


def _predicate(verb: Token, skip: set[int]) -> list[Token]:
    """The words after the verb that say what the share is or does."""
    out: list[Token] = []
    if lemma(verb) not in ("be", "have", "make", "account", "reach", "rise", "fall"):
        out.append(verb)
    for child in verb.children:
        if child.i < verb.i or child.i in skip:
            continue
        if child.dep_ in ("acomp", "attr", "dobj", "prep", "xcomp", "neg", "prt", "oprd"):
            if child.dep_ == "prep" and child.lower_ in _SKIP_PREPS:
                continue
            if any(t.ent_type_ == "DATE" for t in child.subtree):
                continue
            out.extend(t for t in clipped(child) if t.i not in skip)
    return out


def _share_words(doc: Doc, q: Quantity) -> tuple[list[Token], Token | None, Token | None]:
    """(content tokens, owner token, governing verb) for a percentage."""
    pct = doc[q.anchor]
    skip = set(range(q.start, q.end))
    words, owner = _share_phrase(pct, skip)
    verb = _share_verb(pct)
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj != pct and not words:
            said, target = _share_subject(subj)
            words.extend(said)
            owner = owner or owner_of(target)
        shares = word_set("share_nouns")
        if pct.dep_ in ("nsubj", "nsubjpass") or (
            subj is not None and lemma(subj) in shares and pct.dep_ != "nsubj"
        ):
            words.extend(_predicate(verb, skip | {t.i for t in words}))
    if verb is not None and lemma(verb) in word_set("share_part_verbs"):
        # "Remittances account for a third of GDP": a share of GDP made of remittances.
        part = next((c for c in verb.children if c.dep_ == "nsubj" and c != pct), None)
        if part is not None and part not in words:
            words = [*phrase_words(part, limit=4), *words]
    # "the population is 97 percent Muslim": the word after the share says what it counts.
    words.extend(
        c
        for c in pct.children
        if c.dep_ in ("appos", "amod")
        and c.i > pct.i
        and c.pos_ in ("ADJ", "PROPN")
        and c not in words
    )
    return words, owner, verb


def _share_phrase(pct: Token, skip: set[int]) -> tuple[list[Token], Token | None]:
    """The words of what the share is "of" ("95% of Tajikistan's population") or of the
    noun it modifies ("its 98% Muslim population"), and whose that is."""
    words: list[Token] = []
    obj = of_object(pct)
    if obj is not None:
        words.extend(t for t in phrase_words(obj, limit=8))
        for child in obj.children:
            if child.dep_ in ("acl", "relcl"):
                words.extend(clipped(child))
        return words, owner_of(obj)
    if pct.dep_ in ("nmod", "compound", "amod", "nummod") and pct.head.pos_ == "NOUN":
        noun = pct.head
        words.extend(t for t in phrase_words(noun, drop=skip, limit=8) if t.dep_ != "poss")
        return words, owner_of(noun)
    return words, None


def _share_verb(pct: Token) -> Token | None:
    """The verb that says what the share does or is, through prepositions and lists."""
    head = pct
    while head.dep_ in ("pobj", "prep", "conj") and head.head != head:
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            break
    if head.pos_ in ("VERB", "AUX"):
        return head
    if pct.head.pos_ in ("VERB", "AUX"):
        return pct.head
    return None


def _share_subject(subj: Token) -> tuple[list[Token], Token]:
    """The words of the verb's subject, and the token they name: for a share noun ("the
    share of adults who smoke"), what it is a share of, with its modifiers."""
    inner = of_object(subj) if lemma(subj) in word_set("share_nouns") else None
    target = inner if inner is not None else subj
    words = list(phrase_words(target, limit=10))
    if inner is not None:
        for child in subj.children:
            if child.dep_ == "prep" and child.lower_ != "of":
                words.extend(clipped(child))
            if child.dep_ in ("relcl", "acl"):
                words.extend(t for t in clipped(child) if t.lower_ not in _RELATIVE)
        for child in inner.children:
            if child.dep_ in ("relcl", "acl"):
                words.extend(t for t in clipped(child) if t.lower_ not in _RELATIVE)
    return words, target


def read_percent(doc: Doc, q: Quantity) -> Reading:
    """Label and counted key of a percentage."""
    words, owner, verb = _share_words(doc, q)
    words = sorted({t.i: t for t in words}.values(), key=lambda t: t.i)
    label = " ".join(t.text for t in words[:10] if t.pos_ != "PUNCT") or "share"
    counted = normalise(words, owner)
    return Reading(
        "percent", f"{label} (share)", f"{counted} share".strip(), verb=verb, owner=owner
    )


def is_rank(doc: Doc, q: Quantity) -> bool:
    """True when an ordinal or number is a place in a ranking ("ranks 162nd")."""
    anchor = doc[q.anchor]
    verbs = word_set("rank_verbs")
    if q.kind == "ordinal" and anchor.text[:1].isdigit() and _superlative_after(doc, q):
        return True  # "the world's 5th largest importer"; "the second largest" is a sequence
    if (
        q.kind == "ordinal"
        and anchor.dep_ in ("amod", "nummod", "compound")
        and anchor.head.pos_ == "NOUN"
        and lemma(anchor.head) not in word_set("rank_nouns")
    ):
        return False  # "the second wave", "the 5th brigade": a sequence or a name
    nouns = word_set("rank_nouns")
    if q.kind != "ordinal":
        verbs = word_set("cardinal_rank_verbs")
    tok = anchor
    for _ in range(4):
        if lemma(tok) in verbs and tok.pos_ in ("VERB", "NOUN"):
            return True
        if lemma(tok) in nouns and tok != anchor and tok.pos_ == "NOUN":
            return True
        if tok.head == tok:
            break
        tok = tok.head
    for child in anchor.children:
        in_list = any(
            lemma(o) in ("world", "ranking", "index", "list", "table") for o in child.subtree
        )
        if child.dep_ == "prep" and child.lower_ in ("in", "among", "out") and in_list:
            return q.kind == "ordinal"
    return False


def _superlative_after(doc: Doc, q: Quantity) -> Token | None:
    nxt = doc[q.end] if q.end < len(doc) else None
    if nxt is not None and (nxt.tag_ == "JJS" or nxt.lower_ in ("most", "least")):
        return nxt
    return None


def read_rank(doc: Doc, q: Quantity) -> Reading:
    """Label and counted key of a rank: criterion, "rank", scope."""
    anchor = doc[q.anchor]
    sup = _superlative_after(doc, q)
    if sup is not None:
        return _superlative_rank(doc, sup)
    verb = anchor
    while verb.dep_ == "conj" or verb.pos_ not in ("VERB",):
        if verb.head == verb:
            break
        verb = verb.head
    criterion, scope = _criterion_and_scope(verb, anchor)
    if not criterion:
        # "150th out of 180 countries in the press freedom index": which ranking it is.
        named = _ranking_named(verb)
        if named is not None:
            criterion = [t for t in named.subtree if t.pos_ not in ("DET", "PUNCT")]
            scope = [t for t in scope if t not in criterion]
    owner = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    crit = normalise(criterion)
    where = normalise(scope)
    counted = " ".join(w for w in (crit, "rank", where) if w)
    label = " ".join(t.text for t in criterion) or "rank"
    if scope:
        label += " in the " + " ".join(t.text for t in scope if t.pos_ != "DET")
    return Reading("rank", label.strip(), counted, verb=verb, owner=owner)


def _superlative_rank(doc: Doc, sup: Token) -> Reading:
    """ "the world's 5th largest arms importer": the superlative and its noun."""
    end = sup.i
    while end + 1 < len(doc) and doc[end + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
        end += 1
    noun = doc[end]
    words = [t for t in doc[sup.i : end + 1] if t.pos_ not in ("PUNCT", "SPACE")]
    world = any(c.dep_ == "poss" and lemma(c) == "world" for c in noun.children)
    counted = normalise(words) + " rank" + (" world" if world else "")
    owner = next((c for a in noun.ancestors for c in a.children if c.dep_ == "nsubj"), None)
    return Reading("rank", " ".join(t.text for t in words), counted, owner=owner)


def _criterion_and_scope(verb: Token, anchor: Token) -> tuple[list[Token], list[Token]]:
    """What a rank is by ("by GDP per capita", "in terms of press freedom") and among what
    ("in the world", "out of 180 countries"), from the prepositions of the verb and the
    rank."""
    criterion: list[Token] = []
    scope: list[Token] = []
    for tok in (verb, anchor):
        for child in tok.children:
            if child.dep_ != "prep":
                continue
            objs = [o for o in child.children if o.dep_ == "pobj"]
            if not objs:
                continue
            obj = objs[0]
            if lemma(obj) == "term":
                inner = [
                    o
                    for c in obj.children
                    if c.lower_ == "of"
                    for o in c.children
                    if o.dep_ == "pobj"
                ]
                if inner:
                    criterion.extend(inner[0].subtree)
            elif child.lower_ in _CRITERION_PREPS:
                criterion.extend(obj.subtree)

            elif (
                child.lower_ in ("in", "among", "out")
                and obj.i > anchor.i
                and (child.head == anchor or obj.i - anchor.i <= 4)
            ):
                scope.extend(
                    t
                    for t in obj.doc[obj.left_edge.i : obj.i + 1]
                    if t.pos_ not in ("DET", "SPACE", "PUNCT")
                )
    return criterion, scope


def _ranking_named(verb: Token) -> Token | None:
    """The ranking a place is in, named by a noun under the verb ("in the press freedom
    index")."""
    return next(
        (
            o
            for t in verb.subtree
            if t.dep_ == "prep" and t.lower_ in ("in", "on")
            for o in t.children
            if o.dep_ == "pobj" and lemma(o) in word_set("ranking_nouns")
        ),
        None,
    )


def read_money(doc: Doc, q: Quantity) -> Reading:
    """Label and counted key of an amount of money: what the money is for."""
    anchor = doc[q.anchor]
    words: list[Token] = []
    noun = anchor.head if anchor.dep_ in ("nummod", "compound", "nmod") else None
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.pos_ == "NOUN":
        noun = anchor.head.head  # "a ransom of $4 million"
    if noun is not None and noun.pos_ == "NOUN":
        words = phrase_words(noun, drop=set(range(q.start, q.end)), limit=6)
    else:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of", "for"):
                words = [t for t in child.subtree if t != child][:6]
        verb_tok = next((a for a in anchor.ancestors if a.pos_ == "VERB"), None)
        if not words and verb_tok is not None:
            verb = verb_tok
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c != anchor]
            words = phrase_words(subj[0], limit=6) if subj else []
            if anchor.dep_ == "dobj" or not words:
                words = [verb, *words]  # "militants seized 3.2 billion roubles"
            noun = subj[0] if subj else None
    owner = owner_of(noun) if noun is not None else None
    label = " ".join(t.text for t in words if t.pos_ != "PUNCT") or "amount"
    currency = q.currency or ""
    return Reading(
        "amount",
        f"{label} ({currency})" if currency else label,
        " ".join(w for w in (normalise(words, owner), currency.lower()) if w),
        owner=owner,
    )


__all__ = ["is_rank", "read_money", "read_percent", "read_rank"]

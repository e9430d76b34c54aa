"""Attributions: who said what, in direct quotes and reported speech."""

from __future__ import annotations

import bisect
import re

from ..lexicon.speech import (
    ALSO_NOUNS,
    FORMS,
    INVERTING,
    NEEDS_PARTICLE,
    NOT_PARTICLES,
    PARTICLES,
    QUOTE_ONLY,
    SAY,
    STATEMENT_NOUNS,
    THAT_OR_QUOTE,
)
from ..types import Attribution
from .content import content_after
from .names import PERSON_PRONOUNS, NameIndex, is_person_like, is_proper_name, split_name
from .phrases import np_back, np_forward, plural_phrase, unit_subject
from .text import Tok, is_abbrev, is_ly_adverb, tokenize, units
from .words import (
    ADJ_ENDINGS,
    ADVERBS,
    AUX,
    BE,
    CONJ,
    DASHES,
    DETS,
    PREPS,
    PRONOUN_AUX,
    REL_PRONOUNS,
    SUBJ_PRONOUNS,
    TIME,
)

_SAY = SAY

_HEADLINE = re.compile(
    r"[\"“”']?([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4}):[ \u00a0]+(\S[^\n]*)"
)
_HEAD_SKIP = set(
    """update updated note editor watch video photo photos read related breaking exclusive opinion
    analysis live correction source sources warning advertisement by posted published subscribe
    share follow tags topics filed abstract full text q a caption latest clarification ps p.s
    editorial transcript summary credit image contact email phone""".split()
)


def find_attributions(text: str) -> list[Attribution]:
    """Return direct and reported speech with speaker, role, cue and content spans. Quotes
    need units that never split a quotation, so the text is read paragraph by paragraph."""
    finder = _Finder(text)
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            finder.paragraph(m.start(), m.end())
    return finder.finish()


class _Finder:
    def __init__(self, text: str):
        self.text = text
        self.names = NameIndex(text)
        self.found: list[dict] = []
        self.prev_para: list[dict] = []
        self.pending: dict | None = None

    # ----------------------------------------------------------------- paragraphs
    def paragraph(self, p0: int, p1: int) -> None:
        toks = tokenize(self.text[p0:p1], p0)
        if not toks:
            return
        here: list[dict] = []
        cues_seen: set[int] = set()
        if self.pending is not None:
            # "Limbaugh added:" ends the previous paragraph; this one is what he added.
            a = self.pending
            content = (
                toks[0].inner
                if toks[0].kind == "Q" and len(toks) <= 2
                else (toks[0].start, toks[-1].end)
            )
            a.update(content_start=content[0], content_end=content[1], direct=toks[0].kind == "Q")
            here.append(self._make_from(a))
            self.pending = None
        self._headline(toks, here) or self._dash(toks, here)
        spans = units(toks)
        for n, (lo, hi) in enumerate(spans):
            in_unit: list[dict] = []
            for i in range(lo, hi):
                t = toks[i]
                if t.kind != "W":
                    continue
                if t.low == "according" and i + 1 < hi and toks[i + 1].low == "to":
                    a = self._according(toks, lo, hi, i)
                elif t.text[0].islower() and (t.low in FORMS or t.low in STATEMENT_NOUNS):
                    a = None
                    if (
                        t.low in STATEMENT_NOUNS
                        and i + 1 < hi
                        and toks[i + 1].low in ("that", "of", "about")
                    ):
                        a = self._nominal(toks, lo, hi, i)
                    if a is None and t.low in FORMS:
                        prev_q = (
                            toks[spans[n - 1][1] - 1]
                            if n and toks[spans[n - 1][1] - 1].kind == "Q"
                            else None
                        )
                        a = self._cue(toks, lo, hi, i, in_unit, prev_q)
                else:
                    continue
                if a and a["cue_pos"] not in cues_seen:
                    cues_seen.add(a["cue_pos"])
                    in_unit.append(a)
                    here.append(a)
        self._continuations(toks, spans, here)
        self._colon_at_end(toks, spans[-1] if spans else (0, 0))
        here.sort(key=lambda a: a["content_start"])
        self.found.extend(here)
        if here:
            self.prev_para = here

    def _colon_at_end(self, toks, unit) -> None:
        lo, hi = unit
        if hi - lo < 3 or toks[hi - 1].text != ":":
            return
        for i in range(hi - 2, max(lo, hi - 6) - 1, -1):
            t = toks[i]
            if t.kind == "W" and t.low in FORMS and t.text[0].islower() and FORMS[t.low][0] in _SAY:
                j = i - 1
                while (
                    j >= lo
                    and toks[j].kind == "W"
                    and (toks[j].low in AUX or toks[j].low in ADVERBS or is_ly_adverb(toks[j]))
                ):
                    j -= 1
                r = np_back(toks, j, lo) if j >= lo and toks[j].kind == "W" else None
                if r is None:
                    return
                s, e, ante = r
                who = (
                    self.text[toks[ante[0]].start : toks[ante[1]].end]
                    if ante
                    else self.text[toks[s].start : toks[e].end]
                )
                self.pending = {
                    "spk_span": (toks[s].start, toks[e].end),
                    "who": who,
                    "lemma": FORMS[t.low][0],
                    "cue": self.text[t.start : toks[hi - 2].end],
                    "cue_pos": t.start,
                }
                return

    def _make_from(self, a: dict) -> dict:
        out = self._make(
            spk_span=a["spk_span"],
            cue=a["cue"],
            cue_pos=a["cue_pos"],
            content=(a["content_start"], a["content_end"]),
            direct=a["direct"],
            who=a["who"],
        )
        out["lemma"] = a["lemma"]
        return out

    def _headline(self, toks: list[Tok], here: list[dict]) -> bool:
        """'Pence: Flowers won't be at debate' and transcript lines 'WALLACE: ...'."""
        p0 = toks[0].start
        m = _HEADLINE.match(self.text, p0, toks[-1].end)
        if not m or any(w.lower().strip(".") in _HEAD_SKIP for w in m.group(1).split()[:2]):
            return False
        if len(m.group(1)) < 3 or len(m.group(2).split()) < 3:
            return False
        here.append(
            self._make(
                spk_span=m.span(1),
                cue=":",
                cue_pos=m.end(1),
                content=m.span(2),
                direct=False,
                who=m.group(1),
            )
        )
        return True

    def _dash(self, toks: list[Tok], here: list[dict]) -> bool:
        """'“...” ― Name' at the end of a paragraph."""
        for i, t in enumerate(toks[:-1]):
            if t.kind == "Q" and toks[i + 1].text in DASHES and 1 <= len(toks) - i - 2 <= 8:
                rest = toks[i + 2 :]
                if rest[0].kind == "W" and rest[0].text[0].isupper():
                    span = (rest[0].start, rest[-1].end)
                    here.append(
                        self._make(
                            spk_span=span,
                            cue=toks[i + 1].text,
                            cue_pos=toks[i + 1].start,
                            content=t.inner,
                            direct=True,
                            who=self.text[span[0] : span[1]],
                        )
                    )
                    return True
        return False

    # ----------------------------------------------------------------- cues
    def _cue(self, toks, lo, hi, i, in_unit, prev_q):
        t = toks[i]
        lemma, tag = FORMS[t.low]
        k = i + 1
        if lemma in PARTICLES and k < hi and toks[k].low in PARTICLES[lemma]:
            k += 1
        elif lemma in NEEDS_PARTICLE or (k < hi and toks[k].low in NOT_PARTICLES):
            return None
        if k < hi and toks[k].low == "by" and tag in ("ed", "en"):
            return None
        if lemma == "compare" and k < hi and toks[k].low in ("to", "with"):
            return None
        # Skip auxiliaries and adverbs between subject and verb; a form of "be" makes it passive.
        j = i - 1
        passive = False
        saw_be = saw_aux = False
        while j >= lo:
            if (
                toks[j].text == ","
                and j - 2 >= lo
                and toks[j - 2].text == ","
                and (
                    toks[j - 1].low in ADVERBS
                    or is_ly_adverb(toks[j - 1])
                    or toks[j - 1].low in ("however", "meanwhile", "though", "too", "instead")
                )
            ):
                j -= 3
                continue
            if (
                toks[j].text == ","
                and j - 1 >= lo
                and (is_ly_adverb(toks[j - 1]) or toks[j - 1].low in ADVERBS)
            ):
                j -= 2  # "he really, really wants"
                continue
            if not (
                toks[j].kind == "W"
                and (
                    toks[j].low in AUX
                    or toks[j].low in ADVERBS
                    or toks[j].low in BE
                    or is_ly_adverb(toks[j])
                )
            ):
                break
            if toks[j].low in BE and toks[j].low not in AUX:
                passive = True
            if toks[j].low in BE:
                saw_be = True
            if toks[j].low in AUX:
                saw_aux = True
            if toks[j].low in ("’s", "'s") and tag in ("ed", "en"):
                passive = False
            j -= 1
        if passive and tag in ("ed", "en"):
            return None
        if j >= lo and toks[j].text in (")", "–", "—", "--"):
            # "Rep. Smith (D-Ohio) said", "The transcript – published by the Post – shows"
            opener = "(" if toks[j].text == ")" else toks[j].text
            m = j - 1
            while m >= lo and m > j - 16 and toks[m].text != opener:
                m -= 1
            if m > lo and toks[m].text == opener:
                j = m - 1
        if j >= lo and toks[j].low in (
            "to",
            "of",
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "its",
            "our",
            "my",
            "your",
            "this",
            "these",
            "those",
            "no",
            "any",
            "such",
        ):
            return None
        if (
            j >= lo
            and toks[j].kind == "W"
            and toks[j].low.endswith(("’s", "'s"))
            and toks[j].low not in AUX
            and toks[j].low not in PRONOUN_AUX
        ):
            return None
        if j >= lo and toks[j].low in PRONOUN_AUX:
            saw_aux = True
            if toks[j].low.endswith(("’s", "'s", "’re", "'re", "’m", "'m")):
                saw_be = True
                if tag in ("ed", "en") and toks[j].low.endswith(("’re", "'re", "’m", "'m")):
                    return None
        if tag == "en" and not any(
            toks[x].low in ("has", "have", "had", "’ve", "'ve") for x in range(j + 1, i)
        ):
            return None
        if (
            tag in ("s", "base")
            and lemma in ALSO_NOUNS
            and _noun_use(toks, lo, j, k, hi, lemma, tag)
        ):
            return None
        # A noun use: "news reports say", "the claims are".
        if (
            k < hi
            and toks[k].kind == "W"
            and (
                toks[k].low in FORMS
                and FORMS[toks[k].low][1] in ("base", "s")
                or toks[k].low in AUX
                or toks[k].low in BE
            )
        ):
            if tag in ("s", "base"):
                return None
        cue_text = self.text[
            toks[j + 1].start if j + 1 < i and toks[j + 1].low in AUX else t.start : toks[k - 1].end
        ]
        speech = lemma in _SAY
        att = None
        if tag == "ing" and (
            j < lo
            or toks[j].text in (",", "—", "–", "(")
            or toks[j].low in ("while", "after", "before", "by", "in", "when", "without", "and")
        ):
            att = self._inherit(toks, lo, hi, i, k, in_unit, lemma)
        elif tag == "ing" and not saw_be:
            return None
        elif j >= lo and toks[j].low in ("and", "but") and tag in ("ed", "s"):
            att = self._inherit(toks, lo, hi, i, k, in_unit, lemma)
        elif j >= lo and toks[j].kind == "W":
            att = self._subject_first(toks, lo, hi, i, j, k, lemma, speech, prev_q)
        elif j >= lo and (toks[j].kind == "Q" or toks[j].text == ","):
            if speech and lemma in INVERTING and tag in ("ed", "s"):
                att = self._inverted(toks, lo, hi, i, j, k)
            if att is None and toks[j].text == ",":
                att = self._appositive(toks, lo, hi, i, j, k, lemma, speech)
        if att is None or (lemma in QUOTE_ONLY and not att["direct"]):
            return None
        if (
            (lemma in THAT_OR_QUOTE or lemma == "add" and tag == "base")
            and not att["direct"]
            and att["content_start"] > t.start
            and not self.text.startswith("that", att["content_start"])
        ):
            return None  # "could add fuel", "answer questions": not reporting anything
        if tag == "base" and not saw_aux and not plural_phrase(att["speaker_text"]):
            return None
        att["cue"] = cue_text
        att["cue_pos"] = t.start
        att["lemma"] = lemma
        return att

    def _subject_first(self, toks, lo, hi, i, j, k, lemma, speech, prev_q):
        r = np_back(toks, j, lo)
        if r is None:
            return None
        s, e, antecedent = r
        return self._with_speaker(toks, lo, hi, s, e, k, lemma, speech, prev_q, antecedent)

    def _appositive(self, toks, lo, hi, i, j, k, lemma, speech):
        """'Smith, a spokesman for the group, said ...' and 'Smith, who ..., said ...'."""
        c1 = None
        for m in range(j - 1, max(lo - 1, j - 40), -1):
            if toks[m].text == "." and m - 1 >= lo and is_abbrev(toks[m - 1]):
                continue
            if toks[m].kind == "Q" or toks[m].text in (".", ";", ":"):
                break
            if toks[m].text == ",":
                c1 = m
                break
        if c1 is None or c1 == j - 1 or c1 - 1 < lo:
            return None
        # "Donna Rawlings, 59, of Ashton, Md., who watched ..., said": walk back over age,
        # place and party segments to the name that heads the chain.
        for _ in range(4):
            p = c1 - 1
            while (
                p >= lo
                and toks[p].text != ","
                and toks[p].kind != "Q"
                and not (
                    toks[p].text in (".", ";", ":") and not (p - 1 >= lo and is_abbrev(toks[p - 1]))
                )
            ):
                p -= 1
            if p < lo or toks[p].text != "," or not _appositive_like(toks[p + 1 : c1]):
                break
            c1 = p
        r = np_back(toks, c1 - 1, lo) if c1 - 1 >= lo else None
        if r is None:
            return None
        s = r[0]
        return self._with_speaker(toks, lo, hi, s, j - 1, k, lemma, speech, None, None)

    def _with_speaker(self, toks, lo, hi, s, e, k, lemma, speech, prev_q, antecedent):
        """Content for a speaker spanning toks[s..e] before the cue; cue ends before toks[k]."""
        spk_span = (toks[s].start, toks[e].end)
        who = self.text[spk_span[0] : spk_span[1]]
        if antecedent is not None:
            who = self.text[toks[antecedent[0]].start : toks[antecedent[1]].end]
        right = content_after(toks, k, hi, lemma)
        left = s - 1
        left_q = None
        if left >= lo and toks[left].kind == "Q":
            left_q = toks[left]
        elif left - 1 == lo and toks[left].text == "," and toks[lo].kind == "Q":
            left_q = toks[lo]
        if (
            left - 1 > lo
            and toks[left].low == "as"
            and toks[left - 1].text == ","
            and right.kind in ("none", "light")
        ):
            return self._make(
                spk_span=spk_span,
                cue="",
                cue_pos=0,
                content=(toks[lo].start, toks[left - 2].end),
                direct=False,
                who=who,
            )
        if left >= lo and toks[left].low == "as" and right.comma_first and right.kind == "clause":
            # "Hawaii, as one adviser pointed out, rarely ..." and "As he said, ..."
            start = toks[lo].start if left > lo else right.start
            return self._make(
                spk_span=spk_span,
                cue="",
                cue_pos=0,
                content=(start, right.end),
                direct=False,
                who=who,
            )
        if left_q is not None and left_q is not toks[lo] and right.kind in ("quote", "clause"):
            left_q = None
        left_text = left - 1 >= lo and toks[left].text in (",", "—", "–") and left_q is None
        content = None
        direct = False
        if (
            left_q is not None
            and speech
            and (left_q is toks[lo] or right.kind in ("none", "light"))
        ):
            content = left_q.inner
            direct = True
            if left_q is not toks[lo] and sum(t.kind == "W" for t in toks[lo:left]) >= 2:
                content = (toks[lo].start, left_q.inner[1])
                direct = False
            tail = _last_token(toks, lo, hi)
            if (
                tail is not None
                and tail.kind == "Q"
                and tail is not left_q
                and tail.start > toks[k - 1].end
            ):
                content = (left_q.inner[0], tail.inner[1])
        elif (
            speech
            and left_text
            and right.comma_first
            and right.kind in ("clause", "quote")
            and sum(t.kind != "P" for t in toks[lo:left]) >= 2
        ):
            # "The plan, he said, will fail." - the words around the cue are the content.
            content = (toks[lo].start, right.end)
        elif right.kind in ("quote", "clause"):
            content = (right.start, right.end)
            direct = right.kind == "quote"
        elif speech and left_text:
            content = (toks[lo].start, toks[left - 1].end)
            if left - 1 == lo and toks[lo].kind == "Q":
                content = toks[lo].inner
                direct = True
        elif speech and s == lo and prev_q is not None:
            content = prev_q.inner
            direct = True
        if content is None or content[1] <= content[0]:
            return None
        if antecedent is not None and right.kind == "clause":
            # "Smith, who believes that X, said ..." - the relative clause ends at its comma.
            for m in range(k, hi):
                if toks[m].text == "," and toks[m].start > content[0]:
                    content = (content[0], toks[m - 1].end)
                    break
        return self._make(
            spk_span=spk_span, cue="", cue_pos=0, content=content, direct=direct, who=who
        )

    def _inverted(self, toks, lo, hi, i, j, k):
        """'"...," said Smith, the director of X.' - the speaker follows the verb."""
        e = np_forward(toks, k, hi)
        if e is None or toks[k].low in TIME:
            return None
        nxt = toks[e + 1] if e + 1 < hi else None
        if nxt is not None and not (
            nxt.text in (",", ".", "!", "?", ";", "—", "–", "(")
            or nxt.kind == "Q"
            or nxt.low in PREPS
            or nxt.low in TIME
        ):
            return None
        if toks[j].kind != "Q" and not (toks[j - 1].kind == "Q" if j - 1 >= lo else False):
            words = toks[k : e + 1]
            if not any(t.text[0].isupper() for t in words) and len(words) > 3:
                return None
        end = e
        if end + 2 < hi and toks[end + 1].text == "," and not toks[end + 2].low.endswith("ing"):
            m = end + 2
            while m < hi and toks[m].text not in (",", ".", ";", ":") and toks[m].kind != "Q":
                m += 1
            if m > end + 2:
                end = m - 1
        if toks[j].kind == "Q":
            q = toks[j]
        elif toks[j - 1].kind == "Q" if j - 1 >= lo else False:
            q = toks[j - 1]
        else:
            q = None
        if q is not None:
            content = q.inner
            direct = True
            if q is not toks[lo] and sum(t.kind == "W" for t in toks[lo:j]) >= 2:
                content = (toks[lo].start, q.inner[1])
                direct = False
            after = end + 1
            if after + 1 < hi and toks[after].text == "," and toks[after + 1].kind == "Q":
                content = (q.inner[0], toks[after + 1].inner[1])
            elif after < hi and toks[after].kind == "Q":
                content = (q.inner[0], toks[after].inner[1])
            else:
                tail = _last_token(toks, lo, hi)
                if tail is not None and tail.kind == "Q" and tail.start > toks[end].end:
                    content = (q.inner[0], tail.inner[1])  # '"A," said X, adding, "B."'
        else:
            if j - 1 < lo or content_after(toks, end + 1, hi, "say").kind not in ("none", "light"):
                return None
            content = (toks[lo].start, toks[j - 1].end)
            direct = False
        who = self.text[toks[k].start : toks[e].end]
        return self._make(
            spk_span=(toks[k].start, toks[end].end),
            cue="",
            cue_pos=0,
            content=content,
            direct=direct,
            who=who,
        )

    def _inherit(self, toks, lo, hi, i, k, in_unit, lemma):
        """'..., saying that ...' and '... and added that ...' take the clause's subject."""
        right = content_after(toks, k, hi, lemma)
        if right.kind not in ("quote", "clause"):
            return None
        rel = None
        for m in range(i - 1, max(lo - 1, i - 20), -1):
            if toks[m].kind == "Q" or toks[m].text in (",", ";", ":"):
                break
            if toks[m].low in REL_PRONOUNS:
                rel = m
                break
        if in_unit and in_unit[-1]["content_start"] <= toks[i].start < in_unit[-1]["content_end"]:
            return (
                None  # "Police say he ... and refused ...": the second verb belongs to the content
            )
        if rel is not None:
            r = np_back(toks, rel, lo)
            ante = r[2] if r else None
            who = self.text[toks[ante[0]].start : toks[ante[1]].end] if ante else toks[rel].text
            base = self._make(
                spk_span=(toks[rel].start, toks[rel].end),
                cue="",
                cue_pos=0,
                content=(0, 0),
                direct=False,
                who=who,
            )
        elif in_unit:
            top = [
                a
                for a in in_unit
                if not any(
                    b is not a and b["content_start"] <= a["speaker_start"] < b["content_end"]
                    for b in in_unit
                )
            ]
            base = dict(top[-1] if top else in_unit[-1])
        else:
            subj = unit_subject(toks, lo, i)
            if subj is None:
                return None
            s, e = subj
            base = self._make(
                spk_span=(toks[s].start, toks[e].end),
                cue="",
                cue_pos=0,
                content=(0, 0),
                direct=False,
                who=self.text[toks[s].start : toks[e].end],
            )
        base.update(
            content_start=right.start,
            content_end=right.end,
            direct=right.kind == "quote",
            content=self.text[right.start : right.end],
        )
        return base

    def _nominal(self, toks, lo, hi, i):
        """'Trump's claim that ...', 'his warning that ...': the owner is the speaker."""
        j = i - 1
        if (
            j >= lo
            and toks[j].kind == "W"
            and toks[j].text[0].islower()
            and toks[j].low not in DETS
            and not toks[j].low.endswith(("’s", "'s"))
        ):
            j -= 1  # one modifier: "earlier claim"
        if j < lo:
            return None
        if toks[j].low in ("his", "her", "their", "its", "our", "my"):
            s, e = j, j
        elif (
            toks[j].kind == "W"
            and toks[j].low.endswith(("’s", "'s"))
            or toks[j].text in ("’", "'")
            and j - 1 >= lo
            and toks[j - 1].low.endswith("s")
        ):
            r = np_back(toks, j if toks[j].kind == "W" else j - 1, lo)
            if r is None:
                return None
            s, e = r[0], j
        else:
            return None
        if toks[i + 1].low != "that" and toks[i].low not in ("claims", "comments", "remarks"):
            return None
        end = hi
        while end > i + 2 and toks[end - 1].kind == "P" and toks[end - 1].text in ".!?;":
            end -= 1
        if end <= i + 2:
            return None
        return self._make(
            spk_span=(toks[s].start, toks[e].end),
            cue=self.text[toks[j + 1].start : toks[i].end],
            cue_pos=toks[i].start,
            content=(toks[i + 1].start, toks[end - 1].end),
            direct=False,
            who=self.text[toks[s].start : toks[e].end],
        )

    def _according(self, toks, lo, hi, i):
        k = i + 2
        e = k
        while (
            e + 1 < hi
            and e - k < 14
            and toks[e + 1].kind != "Q"
            and toks[e + 1].low not in CONJ
            and (
                toks[e + 1].kind == "W"
                or toks[e + 1].text in ("’", "'", "-", "&", ".")
                and not (toks[e + 1].text == "." and e + 2 >= hi)
            )
        ):
            e += 1
        if k >= hi or toks[k].kind != "W" or toks[e].low in DETS or toks[e].low in PREPS:
            return None
        end = e
        before = [t for t in toks[lo:i] if t.kind != "P" or t.kind == "Q"]
        if len(before) >= 3:
            last = i - 1
            while last > lo and toks[last].kind == "P" and toks[last].text in ",—–(":
                last -= 1
            content = (toks[lo].start, toks[last].end)
            if end + 2 < hi and toks[end + 1].text == ",":
                content = (content[0], toks[hi - 1].end)
        else:
            c = end + 1
            while c < hi and toks[c].text != ",":
                c += 1
            if c + 1 >= hi:
                return None
            content = (toks[c + 1].start, toks[hi - 1].end)
        a = self._make(
            spk_span=(toks[k].start, toks[end].end),
            cue="according to",
            cue_pos=toks[i].start,
            content=content,
            direct=False,
            who=self.text[toks[k].start : toks[e].end],
        )
        return a

    def _continuations(self, toks, spans, here):
        """Quotes with no cue of their own continue the nearest speaker's words."""
        for lo, hi in spans:
            qs = [t for t in toks[lo:hi] if t.kind == "Q"]
            if len(qs) != 1:
                continue
            q = qs[0]
            words = len(self.text[q.inner[0] : q.inner[1]].split())
            if (
                words < 3
                or toks[lo] is not q
                or q.end - q.start < 0.6 * (toks[hi - 1].end - q.start)
            ):
                continue
            if any(a["content_start"] < q.inner[1] and q.inner[0] < a["content_end"] for a in here):
                continue
            before = [a for a in here if a["content_start"] < q.start and a["cue"] != ":"]
            after = [a for a in here if a["content_start"] > q.start and a["direct"]]
            # Within a paragraph the quote joins its neighbour: "'A,' he said. 'B.'" is one passage.
            if before:
                self._extend(before[-1], q.start, q.inner[1])
            elif after:
                self._extend(after[0], q.inner[0], after[0]["content_end"])
            elif (
                not before
                and self.prev_para
                and self.prev_para[-1]["direct"]
                and lo == 0
                and words >= 5
                and q.text[:1] not in "'‘’"
            ):
                a = dict(self.prev_para[-1])
                a.update(
                    content_start=q.inner[0],
                    content_end=q.inner[1],
                    direct=True,
                    content=self.text[q.inner[0] : q.inner[1]],
                    cue_pos=-q.start,
                )
                here.append(a)

    def _extend(self, a: dict, start: int, end: int) -> None:
        a["content_start"] = min(a["content_start"], start)
        a["content_end"] = max(a["content_end"], end)
        while self.text[a["content_start"]] in "\"“”'‘’ ":
            a["content_start"] += 1
        a["content"] = self.text[a["content_start"] : a["content_end"]]

    # ----------------------------------------------------------------- output
    def _make(self, spk_span, cue, cue_pos, content, direct, who) -> dict:
        cs, ce = content
        while cs < ce and self.text[cs] in " \u00a0\t\"“”'‘’":
            cs += 1
        while ce > cs and self.text[ce - 1] in " \u00a0\t":
            ce -= 1
        return {
            "speaker": who,
            "speaker_text": self.text[spk_span[0] : spk_span[1]],
            "speaker_start": spk_span[0],
            "speaker_end": spk_span[1],
            "role": None,
            "cue": cue,
            "direct": direct,
            "content": self.text[cs:ce],
            "content_start": cs,
            "content_end": ce,
            "cue_pos": cue_pos,
        }

    def finish(self) -> list[Attribution]:
        """Resolve speakers to full names and roles, pronouns to the latest person."""
        persons: list[tuple[str, str | None]] = []
        last_group = None
        out = []
        spans = sorted((a["content_start"], a["content_end"], a["cue_pos"]) for a in self.found)
        for a in self.found:
            # Thinking and evaluating verbs inside someone else's reported words are mostly
            # the reporter's paraphrase, not a further source.
            if a.get("lemma", "say") not in _SAY and _inside(
                spans, a["speaker_start"], a["cue_pos"]
            ):
                continue
            who = a["speaker"]
            name, role = _name_and_role(a["speaker_text"] if who in a["speaker_text"] else who)
            low = name.lower()
            if low in PERSON_PRONOUNS:
                want = "m" if low in ("he", "him") else "f"
                for person, gender in reversed(persons[-8:]):
                    if gender in (None, want):
                        name = person
                        break
            elif low == "they" and last_group and last_group.split()[-1].lower().endswith("s"):
                name = last_group
            elif low == "it" and last_group and not last_group.split()[-1].lower().endswith("s"):
                name = last_group
            elif low not in SUBJ_PRONOUNS:
                name = self.names.resolve(name)
                if is_person_like(name):
                    persons.append((name, self.names.gender_of(name)))
                else:
                    last_group = name
            a = dict(a)
            a.pop("cue_pos", None)
            a.pop("lemma", None)
            a["speaker"] = name
            a["role"] = role
            out.append(Attribution(**a))
        return out


def _inside(spans: list[tuple[int, int, int]], pos: int, cue_pos: int) -> bool:
    """Is `pos` inside the content of another attribution (one with a different cue)?"""
    i = bisect.bisect_right(spans, (pos, float("inf"), 0))
    for s, e, c in reversed(spans[max(0, i - 40) : i]):
        if s <= pos < e and c != cue_pos:
            return True
    return False


def _name_and_role(phrase: str) -> tuple[str, str | None]:
    """Name and role from a speaker phrase, appositives included."""
    phrase = re.sub(r"\s*\([^)]*\)", "", phrase).strip(" ,")
    parts = [p.strip() for p in re.split(r",\s*", phrase) if p.strip()]
    if len(parts) >= 2:
        names = [
            p
            for p in parts
            if is_proper_name(split_name(p)[0])
            and not p.lower().startswith(("who", "whose", "which"))
        ]
        if names:
            name, inner_role = split_name(names[0])
            # Ages, places and relative clauses are not roles.
            others = [
                p
                for p in parts
                if p is not names[0]
                and len(p.split()) > 1
                and not p[0].isdigit()
                and not p.lower().startswith(("who", "whose", "which", "of ", "from ", "in "))
            ]
            roles = ([inner_role] if inner_role else []) + others[:1]
            return name, ", ".join(roles) or None
        parts = parts[:1]
    conj = re.split(r"\s+and\s+", parts[0]) if parts else [phrase]
    if len(conj) == 2 and all(is_proper_name(split_name(c)[0]) for c in conj):
        pairs = [split_name(c) for c in conj]
        roles = [r for _, r in pairs if r]
        return " and ".join(n for n, _ in pairs), "; ".join(roles) or None
    return split_name(parts[0] if parts else phrase)


def _noun_use(toks: list[Tok], lo: int, j: int, k: int, hi: int, lemma: str, tag: str) -> bool:
    """True if an -s form like 'attacks' or 'reports' is a plural noun here, not a verb."""
    if k < hi and toks[k].kind == "W":
        nxt = toks[k].low
        if nxt in PREPS and nxt not in ("to",) and not (lemma == "call" and nxt in ("for", "on")):
            return True
        if nxt in ("and", "or", "were", "are", "have", "had", "was", "is") or nxt in CONJ - {
            "that",
            "how",
            "what",
            "why",
        }:
            return True
    if k < hi and (
        toks[k].kind == "P" and toks[k].text in (".", ")", ";", ",") or toks[k].kind == "Q"
    ):
        return True
    if j < lo:
        return True
    prev = toks[j]
    if prev.kind != "W":
        return prev.text not in (",",)
    low = prev.low
    if prev.text[0].isupper() or low in SUBJ_PRONOUNS or low in REL_PRONOUNS or low == "that":
        return False
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return tag == "s"
    return low.endswith(ADJ_ENDINGS) and low not in (
        "official",
        "president",
        "spokesman",
        "spokeswoman",
    )


def _appositive_like(seg: list[Tok]) -> bool:
    """Age, place, party or relative-clause segments that sit between a name and its verb."""
    if not seg:
        return False
    first = seg[0]
    if first.low in ("who", "which", "whose", "of", "from", "in") or first.text[0].isdigit():
        return True
    words = [t for t in seg if t.kind == "W"]
    return len(words) == 1 and (
        is_abbrev(words[0]) or len(words[0].text) <= 5 and words[0].text[0].isupper()
    )


def _last_token(toks: list[Tok], lo: int, hi: int):
    """The unit's last token before its closing punctuation."""
    end = hi
    while end > lo and toks[end - 1].kind == "P" and toks[end - 1].text in ".!?;":
        end -= 1
    return toks[end - 1] if end > lo else None

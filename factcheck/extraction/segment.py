"""Sentences, paragraphs, clauses and page furniture.

Segmentation is a single left-to-right scan per line: a sentence ends at `.`, `!`, `?` or `…`
(with any closing quotes or brackets) followed by white space and an upper-case letter or a digit,
unless the word before the full stop is a known abbreviation or a single initial. Sentences never
cross a line break, so a headline or a caption is always its own unit.

Furniture is text that belongs to the page rather than the story. It is recognised by its shape,
not by site names: breadcrumbs (short segments between `/`, `>`, `|`, `»`), bylines ("By Jane Doe
and John Roe"), captions and credits ("File photo of ...", "(Photo by AP)", "Image caption",
"REUTERS/Jane Doe"), share/follow/subscribe prompts, "Read more" and related-link lists,
advertising slots, copyright and legal lines, time stamps ("Updated 3:45 PM"), and site notices
("X's website can also be accessed at ...", app and streaming platforms). A caption credit marks its
whole (short) paragraph; a "Related"/"Read more" heading marks the link titles listed under it.
"""

from __future__ import annotations

import re

from .lexicon.abbreviations import SENTENCE_ABBREVIATIONS, SENTENCE_FINAL_ABBREVIATIONS
from .lexicon.calendar import MONTH_ABBREVIATIONS, MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

# ----------------------------------------------------------------------------- sentences

# Tried only where a run of end marks starts, so a long run with no space after it ("....")
# is read once rather than once from every mark in it.
_END = re.compile(r"(?<![.!?…])[.!?…]+[\"'”’»)\]]*\s+")
_OPENERS = "\"'“‘«([¿¡"
# Alternation order does not matter here: `\.$` fixes where a match ends.
_ABBREV = re.compile(
    r"(?:\b(?:"
    + "|".join(map(re.escape, SENTENCE_ABBREVIATIONS))
    + r"|(?P<either>"
    + "|".join(map(re.escape, SENTENCE_FINAL_ABBREVIATIONS))
    + r"))|\b[A-Z])\.$"
)
# After an abbreviation that may also end a sentence ("in the U.S. The ..."), these words start
# a new sentence; other capitalised words ("the U.S. Army") continue the same one.
_STARTERS = frozenset(
    """The A An He She It They We I You But And Yet So In On At For By This That
    These Those His Her Its Their Our My There However Meanwhile Officials Police Now Then Still
    Also After Before When While If As Some Many Most One Both Such Last Earlier Later Other
    Several Under""".split()
)
_WORD = re.compile(r"[A-Za-z]+")
_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the non-blank lines of `text`."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if not m.group().isspace()]


def sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of sentences, never crossing a line break, without outer spaces."""
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        start = p_start
        for m in _END.finditer(text, p_start, p_end):
            nxt = m.end()
            while nxt < p_end and text[nxt] in _OPENERS:
                nxt += 1
            if nxt >= p_end or not (text[nxt].isupper() or text[nxt].isdigit()):
                continue
            stop = m.start() + len(m.group().rstrip())
            if text[m.start()] == "." and m.group()[1:2] != ".":
                a = _ABBREV.search(text, max(start, m.start() - 8), m.start() + 1)
                if a and not (a.group("either") and _starts_sentence(text, nxt)):
                    continue
            spans.append((start, stop))
            start = m.end()
        spans.append((start, p_end))
    return _strip(text, spans)


def _starts_sentence(text: str, pos: int) -> bool:
    word = _WORD.match(text, pos)
    return word is not None and word.group() in _STARTERS


# Invisible characters that may pad a sentence: byte order mark, zero-width spaces and joiners.
_INVISIBLE = frozenset("\ufeff\u200b\u200c\u200d\u2060\u200e\u200f")


def _strip(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for start, end in spans:
        s, e = start, end
        while s < e and (text[s].isspace() or text[s] in _INVISIBLE):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in _INVISIBLE):
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# Where a long sentence may be cut, best first: after a semicolon or colon, at a spaced dash,
# before a conjunction after a comma, after any comma, at any space.
_CUTS = (
    re.compile(r"(?<=[;:])\s+|\s+[—–-]+\s+"),
    re.compile(
        r"(?<=,)\s+(?=(?:and|but|or|while|whereas|although|though|because|which|who|after|"
        r"before|as|so|yet|when|where|saying|adding|according)\b)"
    ),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+"),
)


def clauses(text: str, start: int, end: int, limit: int = 600) -> list[tuple[int, int]]:
    """Split text[start:end] into pieces of at most `limit` characters at the best clause breaks."""
    out: list[tuple[int, int]] = []
    pos = start
    while end - pos > limit:
        lo, hi = pos + limit // 3, pos + limit
        cut = None
        for rx in _CUTS:
            for m in rx.finditer(text, lo, hi + 1):
                cut = m
            if cut is not None:
                break
        left, right = (cut.start(), cut.end()) if cut is not None else (hi, hi)
        out.append((pos, left))
        pos = right
    out.append((pos, end))
    return _strip(text, out) or [(start, end)]


# ----------------------------------------------------------------------------- furniture

_CRUMB_SEP = re.compile(r"\s[/>|]\s|[»›→▸]")
_DATE_WORDS = set(MONTHS + MONTH_ABBREVIATIONS + WEEKDAYS + WEEKDAY_ABBREVIATIONS) | set(
    "on at am pm a.m. p.m. ago hour hours minute minutes min mins day days today yesterday "
    "gmt utc bst est edt cst cdt pst pdt cet cest ist jst et pt ct".split()
)
# Words that may appear in a time stamp or a byline besides names, numbers and dates.
_META_WORDS = _DATE_WORDS | set(
    """by and of the in for from updated published posted modified staff writer writers reporter
    reporters correspondent correspondents editor editors senior chief contributor contributing
    photographer photographers producer columnist special bureau news desk with de da van von
    al el bin la le du additional reporting editing writing research compiled produced edited
    graphics video photography fact-checking""".split()
)
_META_TOKEN = re.compile(r"[\d:.,/+-]+(?:st|nd|rd|th|h)?|[A-Z]{2,5}|[|•·–—-]+")

_BYLINE_LEAD = re.compile(
    r"(?i:(?:written|words|story|text|posted|reported|compiled)\s+)?"
    r"(?i:by)\s+(?=[A-Z])"
)
_CREDIT_LEAD = re.compile(
    r"(?i:(?:additional\s+)?(?:reporting|writing|editing|research|"
    r"fact[- ]checking|production|graphics|video|photography|compiled|"
    r"edited|produced)(?:\s+\w+){0,2}\s+by)\b"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}"
_JOURNALIST = r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|producer)"
_AUTHOR_NOTE = re.compile(
    _NAME + r"\s*(?:[,|–—-]\s*(?i:(?:[\w-]+\s+){0,3}(?:" + _JOURNALIST + r"s?|photographer))"
    r"(?:\s*[,|–—-]\s*[A-Z][\w.&'’ -]{0,40})?\W*$"
    r"|(?i:(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}" + _JOURNALIST + r")\b.{0,80}$"
    r"|(?i:covers)\s.{1,60}\b(?i:for|at)\s+(?:the\s+)?[A-Z])"
)

_CAPTION_LEAD = re.compile(
    r"(?i:"
    r"(?:(?:file|handout|undated|archive|aerial)\s+)+(?:photo|photograph|picture|image|footage|"
    r"video)s?\b"
    r"|(?:photo|photograph|picture|pic|image|video|footage|illustration|graphic|screenshot|"
    r"screengrab|caption|credit|pictured)s?\s*(?:[:|]|credit\b|caption\b|source\b|copyright\b|"
    r"courtesy\b|by\b|\d+\s+(?:of|/)\s+\d+)"
    r"|(?:above|below|top|main|inset|left|right|pictured)\s*:"
    r"|(?:media|video|image)\s+(?:caption|source|copyright)\b)"
)
_AGENCIES = (
    r"(?:AP|AFP|Reuters|REUTERS|EPA|Getty Images|GETTY IMAGES|Xinhua|XINHUA|Anadolu|UPI|"
    r"Bloomberg|Shutterstock|Alamy|PA|IRNA|WANA|Sputnik|TASS|Yonhap|Kyodo|ANI|PTI|dpa|"
    r"Pool|POOL)"
)
_CREDIT_TAIL = re.compile(
    r"\((?:[A-Z][\w.&'’ -]{0,40}\s)?(?i:photo|photograph|picture|image|video|footage|credit|"
    r"courtesy)s?(?:\s*(?i:by|of)\s+[^()]{1,60}|\s*[:/]\s*[^()]{1,60}|\s*,\s*(?i:file))?\)\s*$"
    r"|\(" + _AGENCIES + r"(?:\s*(?:Photo|Images|Pictures))?\s*(?:/[^()]{1,50})?\)\s*$"
    r"|\b" + _AGENCIES + r"\s*/\s*[A-Z][\w.'’ -]{1,40}\s*$"
    r"|\b(?i:via|for)\s+Getty\s+Images\s*$"
    r"|\[[^\[\]]{0,80}(?:/|\b(?i:photo|file|handout|courtesy|getty)\b)[^\[\]]{0,60}\]\s*$"
    r"|\b(?i:photo(?:graph)?|image|credit|picture)s?\s*:\s*[^.!?]{1,60}$"
)
_STAMP = re.compile(
    r"(?i:(?:last\s+|first\s+|originally\s+)?(?:updated|published|posted|"
    r"modified|created|date|dated))\b\s*:?"
)

_BOILERPLATE = re.compile(
    r"(?i:"
    + "|".join(
        f"(?:{p})"
        for p in (
            # share, follow, subscribe
            r"share(?:\s+(?:this|on|via|the|article|story|page|post|link|with|it)\b.{0,60})?\W*$",
            r"(?:(?:tweet|email|e-mail|print|copy link|save"
            r"|whatsapp|facebook|twitter|linkedin|reddit|"
            r"pinterest|telegram|messenger|flipboard|share)\W*)+$",
            r"follow\s+(?:us|me)\b",
            r"(?:follow|like|find)\s.{0,60}\bon\s+(?:twitter|x|facebook|instagram|threads|bluesky|"
            r"mastodon|linkedin|tiktok|youtube|telegram)\b",
            r"(?:connect with us|join us on|join the (?:conversation|discussion|debate))\b",
            r"(?:sign up|subscribe|register|join|get"
            r"|receive)\b.{0,100}\b(?:newsletters?|inbox|e-?mail "
            r"alerts?|briefing|digest)\b",
            r"(?:subscribe|sign up|sign in|log in|login"
            r"|register|create an account|already a subscriber|"
            r"become a member|support our journalism|donate)\b.{0,60}$",
            # read more, related links
            r"(?:also\s+)?(?:read|see|watch|listen|more"
            r"|related|recommended|trending|latest|explore)"
            r"(?:\s+(?:more|also|next|here|now|this))?\s*[:|»›>]",
            r"(?:read more|read the (?:full|rest|original|latest)\b|continue reading|keep reading|"
            r"click here|tap here|see also|see more"
            r"|more stories|most (?:read|popular|viewed|shared)|"
            r"top stories|you (?:may|might) also (?:like"
            r"|be interested)|don'?t miss|editor'?s picks?|"
            r"related (?:articles?|stories|coverage|content"
            r"|topics|reading|news|links|posts|videos))\b"
            r".{0,120}$",
            r"(?:listen to|hear|play) (?:this|the) (?:article"
            r"|story|audio|episode|podcast)\b.{0,40}$",
            r"(?:related|trending(?: now)?|recommended(?: for you)?|more on this(?: story)?|"
            r"in other news|latest news|most read)\W*$",
            # advertising slots
            r"(?:advertisement|advertising|sponsored(?: content"
            r"| post| links?| stories)?|paid (?:content|"
            r"post|partnership)|promoted(?: content| stories)?"
            r"|ad|ads|story continues(?: below)?(?: "
            r"(?:advertisement|ad|this ad))?|article continues (?:below|after)(?: (?:advertisement|"
            r"this ad))?|continue reading (?:below|the main story)"
            r"|scroll (?:down )?to continue(?: with "
            r"content)?|skip (?:to|past) (?:the )?(?:main )?(?:content"
            r"|advertisement|ad)|loading)\W*$",
            # copyright, legal, editorial notes
            r"©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d{4}|by\b)",
            r"(?:terms of (?:use|service)|privacy (?:policy|notice)|cookie (?:policy|settings)|our "
            r"standards)\b.{0,80}$",
            r"(?:this|the) (?:article|story|report|piece|post|content) (?:was|has been|is|first|"
            r"originally)\s+(?:originally |first "
            r"|also )?(?:published|appeared|updated|corrected|amended|"
            r"produced|republished|reproduced|adapted)\b",
            r"(?:correction|clarification|editor'?s note)\s*(?:\(\w[^)]{0,40}\))?\s*[:–—]",
            # reading times, tags, galleries, comments
            r"\d+[- ](?:min(?:ute)?s?|hours?)\s*read\W*$",
            r"(?:estimated )?(?:reading|read) time\b",
            r"(?:tags|topics|filed under|categories|category|keywords|section)\s*:",
            r"(?:image|photo|picture|slide|item|list)\s+\d+\s+(?:of|/)\s+\d+\b",
            r"(?:list of \d+ items|end of list)\W*$",
            r"sources?\s*:.{0,80}$",
            r"follow\b.{0,50}:\s*$",
            r"\d+\s*/\s*\d+\W*$",
            r"(?:\d+\s+)?comments?\W*(?:\(\d+\))?\W*$",
            r"(?:leave|post|add|view|show|load|hide|read) (?:a |the |all |more |\d+ )?(?:comments?|"
            r"replies|reply)\b",
            # site notices, apps, contact lines
            r"(?:download|get|install) (?:the|our)\b.{0,40}\bapp\b",
            r"(?:have a (?:news )?tip|send us (?:a|your) (?:news )?tip|got a (?:story|tip))\b",
            r"(?:contact|email|e-mail|reach|write to|follow)\b.{0,80}(?:[\w.+-]@[\w-]+\.\w|\s@\w)",
        )
    )
    + ")"
)
# Notices that may stand anywhere in a short sentence; searched only when a trigger occurs.
_NOTICE = re.compile(
    r"(?i:\b(?:all rights reserved|may not be (?:published|reproduced|broadcast|"
    r"rewritten|redistributed|copied)|we use cookies|enable javascript|your "
    r"browser does not support|by (?:using|continuing to use) (?:this|our) "
    r"(?:site|website)|contributed(?: reporting)? to this (?:report|story|"
    r"article)\W*$|(?:website|web site|site|app|apps|page|content|channel|"
    r"service|programs?)\b.{0,60}\b(?:can (?:also )?be (?:accessed|found|viewed|"
    r"reached|downloaded|watched|streamed)|(?:is|are) (?:also )?available "
    r"(?:at|on|via|for|from|to download))\b))"
)
_NOTICE_TRIGGERS = (
    "reserved",
    "may not be",
    "cookies",
    "javascript",
    "browser",
    "continuing to",
    "using this",
    "using our",
    "contributed",
    " be ",
    "available",
)
# First words that can open a leading boilerplate pattern (others never need the regex).
_LEADS = set(
    """source sources list end share tweet email e-mail print copy save whatsapp
    facebook twitter linkedin reddit
    pinterest telegram messenger flipboard follow like find connect join sign subscribe register
    get receive log login create already become support donate also read see watch listen more
    related recommended trending latest explore continue keep click tap most top you don't dont
    editor's editors in advertisement advertising sponsored paid promoted ad ads story article
    scroll skip loading © (c) copyright terms privacy cookie our this the correction
    clarification editor estimated reading tags topics filed categories category keywords section
    image photo picture slide item comments comment leave post add view show load hide download
    install have send got contact reach write""".split()
)
_PLATFORM = re.compile(
    r"(?i:app store|google play|apple tv|roku|fire tv|android tv|chromecast|"
    r"alexa|apple podcasts|spotify|rss|ios|android)\b"
)
# An address may start only where its run of address characters starts: with `\b` instead, a
# long run with no "@" was tried from every position in it, which is quadratic.
_LINK = re.compile(r"(?i:https?://|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_LINK_HEADING = re.compile(
    r"(?i:(?:also\s+)?(?:read|see|watch|more|related|recommended|trending|latest|most read|most "
    r"popular|top stories|more stories|more from\b.{0,40}|related \w+|you may also like|"
    r"read more|further reading|explore more|keep reading|continue reading|read next|up next|"
    r"more on this(?: story)?|in other news))\W*$"
)


def _meta_only(words: list[str]) -> bool:
    """True when every word is a name, a number, a date word or a byline/time-stamp word."""
    for w in words:
        core = w.strip(",;()[]")
        if not core or core.lower() in _META_WORDS or _META_TOKEN.fullmatch(core):
            continue
        if core[0].isupper() or core[0].isdigit() or core[0] in "@&":
            continue
        return False
    return True


def _date_only(words: list[str]) -> bool:
    """True for a bare date or time line: 'Tuesday 2 March 2021 14.03 GMT'."""
    digit = False
    for w in words:
        core = w.strip(",;()[]").lower()
        if core in _DATE_WORDS or core.rstrip(".") in _DATE_WORDS:
            continue
        if _META_TOKEN.fullmatch(core):
            digit = digit or any(c.isdigit() for c in core)
            continue
        return False
    return digit


def furniture_kind(sentence: str) -> str | None:
    """Name the kind of page furniture `sentence` is ('byline', 'caption', ...), or None."""
    s = sentence.strip()
    if not s:
        return "empty"
    words = s.split()
    n = len(words)
    if n <= 15 and any(c in s for c in "/>|»›→▸") and _is_crumbs(s):
        return "breadcrumbs"
    m = _BYLINE_LEAD.match(s)
    if m and n <= 24 and _meta_only(s[m.end() :].split()):
        return "byline"
    m = _CREDIT_LEAD.match(s)
    if m and n <= 40 and _meta_only(s[m.end() :].split()):
        return "byline"
    if n <= 40 and _AUTHOR_NOTE.match(s):
        return "byline"
    if _CAPTION_LEAD.match(s):
        return "caption"
    tail = s[-130:]
    if (s[-1] == ")" or "/" in tail or ":" in tail or s.endswith("Images")) and _CREDIT_TAIL.search(
        s, max(0, len(s) - 130)
    ):
        return "caption"
    m = _STAMP.match(s)
    if m and n <= 16 and _meta_only(s[m.end() :].split()):
        return "timestamp"
    if n <= 10 and _date_only(words):
        return "timestamp"
    if n <= 40:
        lead = words[0].lower().rstrip(":,.!|")
        if (lead in _LEADS or lead[:1].isdigit() or lead[:1] == "©") and _BOILERPLATE.match(s):
            return "boilerplate"
        low = s.lower()
        if any(t in low for t in _NOTICE_TRIGGERS) and _NOTICE.search(s):
            return "boilerplate"
    if n <= 8 and s[-1] not in '.!?"”' and _PLATFORM.search(s):
        return "boilerplate"
    if n <= 10 and _LINK.search(s):
        return "link"
    return None


def _is_crumbs(s: str) -> bool:
    seps = _CRUMB_SEP.findall(s)
    if not seps or (len(seps) == 1 and seps[0].strip() in "/|"):
        return False
    if len(seps) == 1 and len(s.split()) > 5:
        return False
    parts = _CRUMB_SEP.split(s)
    return all(0 < len(p.split()) <= 5 for p in parts) and s[-1] not in '.!?"”'


def is_furniture(sentence: str) -> bool:
    """True for breadcrumbs, bylines, captions, share/subscribe prompts and site boilerplate."""
    return furniture_kind(sentence) is not None


def furniture_flags(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Furniture flag per sentence span, using the paragraph around it as well as its own text."""
    kinds = [furniture_kind(text[s:e]) for s, e in spans]
    flags = [k is not None for k in kinds]
    # Group sentence indices by line (sentences never cross a line break).
    lines: list[list[int]] = []
    for i, (s, _) in enumerate(spans):
        if lines and "\n" not in text[spans[lines[-1][-1]][1] : s]:
            lines[-1].append(i)
        else:
            lines.append([i])
    in_links = False
    for line in lines:
        first, last = spans[line[0]][0], spans[line[-1]][1]
        body = text[first:last]
        if "caption" in (kinds[i] for i in line) and last - first <= 600:
            for i in line:
                flags[i] = True
        if in_links:
            # Link titles under a "Related" heading: short lines with no sentence punctuation.
            if len(line) == 1 and len(body.split()) <= 16 and body[-1] not in '.!?"”:':
                flags[line[0]] = True
                continue
            in_links = False
        if len(line) == 1 and len(body.split()) <= 8 and _LINK_HEADING.match(body):
            flags[line[0]] = True
            in_links = True
    return flags

"""Verbs and nouns of saying: reporting verbs by how they take their content, and their forms."""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Verbs of saying: content before or after them, speaker may follow them ("..., said Smith").
SAY = _words(
    """
    say add claim insist declare state announce warn argue note boast concede explain reiterate
    stress confirm deny acknowledge admit assert contend maintain suggest report write tweet recall
    reply respond answer allege complain predict promise pledge vow testify emphasize emphasise
    mention observe remark comment joke quip retort counter conclude estimate indicate reveal
    disclose agree caution lament speculate tell ask continue recount brag scoff grumble exclaim
    proclaim affirm concur opine posit muse wonder reason repeat echo charge learn tout demand urge
    plead
    """
)
# Verbs taking a hearer before the content ("told reporters that ...", "urged Congress to ...").
TELL = _words(
    """
    tell assure inform remind warn advise ask urge brief promise caution notify convince persuade
    """
)
# Verbs of thinking and intending: content follows only.
THINK = _words(
    """
    believe think feel fear worry hope expect doubt suspect understand realize realise recognize
    acknowledge figure reckon want plan intend seek threaten refuse propose offer demand vow decide
    """
)
# Verbs of evidence: studies show, polls found.
EVIDENCE = _words("show find reveal suggest indicate conclude estimate project")
# Verbs that characterise someone or something: content is their object and what follows.
EVALUATE = _words(
    """
    call describe criticize criticise accuse praise blast slam attack condemn dismiss reject
    question defend endorse cite liken label term dub brand challenge mock deride denounce decry
    applaud hail highlight support oppose vote decline express discuss issue unveil detail advocate
    promote rule link reference compare press outline rail invoke embrace welcome encourage implore
    beg grill chastise scold lambaste fault thank apologize admire dispute contest contradict refute
    rebut clarify characterize portray paint frame nickname refer quote summarize tout exhort
    retweet confront compliment articulate pitch chronicle document
    """
)

# Verbs after which a following "Smith" can be the speaker ("..., said Smith").
INVERTING = _words(
    "say add write note ask explain continue recall report reply respond answer insist argue "
    "conclude joke warn"
)
# Particles that belong with a verb ("pointed out", "called for").
PARTICLES: dict[str, frozenset[str]] = {
    "point": frozenset({"out", "to"}),
    "call": frozenset({"for", "on"}),
    "speak": frozenset({"out", "of", "about"}),
    "weigh": frozenset({"in"}),
    "lash": frozenset({"out"}),
    "push": frozenset({"back"}),
    "sound": frozenset({"off"}),
    "vote": frozenset({"for", "against"}),
    "rail": frozenset({"against"}),
    "refer": frozenset({"to"}),
    "lay": frozenset({"out"}),
    "sum": frozenset({"up"}),
}
# Verbs that are only reporting verbs with a particle.
NEEDS_PARTICLE = _words("point speak weigh lash push sound rail refer lay sum")
# Particles that make a verb something other than saying: "back down", "gave up", "called off".
NOT_PARTICLES = _words("up off down away back over around out")
# Reporting verbs whose -s form is also a common noun ("retaliatory attacks", "news reports").
ALSO_NOUNS = _words(
    """
    attack claim report call plan show demand question charge promise comment estimate answer
    note state counter post reason find doubt fear hope reply remark vow pledge blast slam label
    term brand credit challenge praise blame offer project tweet blog joke quip echo want need
    warning support back defend figure mock hail highlight decry reject dismiss cite tout press
    release issue vote rule rate link tie view frame paint quote detail outline reference sign
    dispute contest advocate thank welcome embrace grill fault nickname pitch document retweet
    """
)
# Verbs that report speech only with a quotation: "continued" alone is no cue.
QUOTE_ONLY = _words("continue")
# Verbs that report speech only with a that-clause, a quote, or content before them.
THAT_OR_QUOTE = _words("state answer counter repeat reason")
# Nouns naming a statement: with an owner and a that-clause they attribute it ("his claim that").
STATEMENT_NOUNS = _words(
    """
    claim claims assertion statement argument belief promise pledge warning accusation
    allegation suggestion insistence contention prediction view announcement vow threat charge
    complaint admission hope fear concern assurance comments remarks insinuation boast denial
    theory
    """
)

_IRREGULAR = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thought", "thinking"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "felt", "feeling"),
    "find": ("finds", "found", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "seek": ("seeks", "sought", "sought", "seeking"),
    "understand": ("understands", "understood", "understood", "understanding"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "lash": ("lashes", "lashed", "lashed", "lashing"),
    "push": ("pushes", "pushed", "pushed", "pushing"),
    "lay": ("lays", "laid", "laid", "laying"),
    "see": ("sees", "saw", "seen", "seeing"),
}
# Verbs that double their last consonant before -ed and -ing ("admitted", "planning").
_DOUBLING = _words(
    "admit commit regret refer prefer plan slam quip rebut omit sum permit stop dub brag concur"
)


def forms(verb: str) -> dict[str, str]:
    """Map each inflected form of `verb` to its tense tag: base, s, ed, en or ing."""
    if verb in _IRREGULAR:
        s, ed, en, ing = _IRREGULAR[verb]
    else:
        s = _third_person(verb)
        stem = verb + verb[-1] if verb in _DOUBLING else verb
        if verb.endswith("ie"):
            ed, ing = verb + "d", verb[:-2] + "ying"
        elif verb.endswith("e"):
            ed, ing = verb + "d", verb[:-1] + "ing"
        elif verb.endswith("y") and verb[-2] not in "aeiou":
            ed, ing = verb[:-1] + "ied", verb + "ing"
        else:
            ed, ing = stem + "ed", stem + "ing"
        en = ed
    out = {verb: "base", s: "s", ed: "ed", ing: "ing"}
    out.setdefault(en, "en")
    return out


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _all_forms() -> dict[str, tuple[str, str]]:
    # No form belongs to two verbs, so the order of the groups does not matter.
    table: dict[str, tuple[str, str]] = {}
    for group in (SAY, THINK, EVIDENCE, EVALUATE, TELL, PARTICLES):
        for verb in group:
            for form, tag in forms(verb).items():
                table.setdefault(form, (verb, tag))
    return table


# Every form of every reporting verb -> (lemma, tense tag).
FORMS: dict[str, tuple[str, str]] = _all_forms()
# Past and -s forms of the verbs of saying: "said", "says", "asked".
SAYING_FORMS: frozenset[str] = frozenset(
    form for form, (lemma, tag) in FORMS.items() if lemma in SAY and tag in ("ed", "s")
)

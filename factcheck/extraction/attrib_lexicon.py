"""Word lists for attribution: reporting verbs by how they take their content, and their forms."""

from __future__ import annotations

# Verbs of saying: content before or after them, speaker may follow them ("..., said Smith").
SAY = """
say add claim insist declare state announce warn argue note boast concede explain reiterate
stress confirm deny acknowledge admit assert contend maintain suggest report write tweet recall
reply respond answer allege complain predict promise pledge vow testify emphasize emphasise
mention observe remark comment joke quip retort counter conclude estimate indicate reveal
disclose agree caution lament speculate tell ask continue recount brag scoff grumble exclaim
proclaim affirm concur opine posit muse wonder reason repeat echo charge contend acknowledge
insist learn tout predict demand urge plead
""".split()
# Verbs taking a hearer before the content ("told reporters that ...", "urged Congress to ...").
TELL = set(
    """
tell assure inform remind warn advise ask urge brief promise caution notify convince persuade
""".split()
)
# Verbs of thinking and intending: content follows only.
THINK = """
believe think feel fear worry hope expect doubt suspect understand realize realise recognize
acknowledge figure reckon want plan intend seek threaten refuse propose offer demand vow decide
""".split()
# Verbs of evidence: studies show, polls found.
EVIDENCE = """
show find reveal suggest indicate conclude estimate project
""".split()
# Verbs that characterise someone or something: content is their object and what follows.
EVALUATE = """
call describe criticize criticise accuse praise blast slam attack condemn dismiss reject
question defend endorse cite liken label term dub brand challenge mock deride denounce decry
applaud hail highlight support oppose vote decline express discuss issue unveil detail advocate
promote rule link reference compare press outline rail invoke embrace welcome encourage implore
beg grill chastise scold lambaste fault thank apologize admire dispute contest contradict refute
rebut clarify characterize portray paint frame nickname refer quote summarize tout question
exhort retweet confront compliment articulate pitch chronicle document
""".split()

# Verbs after which a following "Smith" can be the speaker ("..., said Smith").
INVERTING = set(
    "say add write note ask explain continue recall report reply respond answer "
    "insist argue conclude joke warn".split()
)
# Particles that belong with a verb ("pointed out", "called for").
PARTICLES = {
    "point": {"out", "to"},
    "call": {"for", "on"},
    "speak": {"out", "of", "about"},
    "weigh": {"in"},
    "lash": {"out"},
    "push": {"back"},
    "sound": {"off"},
    "vote": {"for", "against"},
    "rail": {"against"},
    "refer": {"to"},
    "lay": {"out"},
    "sum": {"up"},
}
# Verbs that are only reporting verbs with a particle.
NEEDS_PARTICLE = {"point", "speak", "weigh", "lash", "push", "sound", "rail", "refer", "lay", "sum"}

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
_DOUBLE = {
    "admit",
    "commit",
    "regret",
    "refer",
    "prefer",
    "plan",
    "slam",
    "quip",
    "rebut",
    "omit",
    "sum",
    "permit",
    "stop",
    "dub",
    "brag",
    "scoff",
    "concur",
    "label",
}


def forms(verb: str) -> dict[str, str]:
    """Map each inflected form of `verb` to its tense tag: base, s, ed, en or ing."""
    if verb in _IRREGULAR:
        s, ed, en, ing = _IRREGULAR[verb]
    else:
        if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
            s = verb + "es"
        elif verb.endswith("y") and verb[-2] not in "aeiou":
            s = verb[:-1] + "ies"
        else:
            s = verb + "s"
        stem = verb + verb[-1] if verb in _DOUBLE and verb not in ("scoff", "label") else verb
        if verb == "label":
            stem = verb
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


def build() -> dict[str, tuple[str, str]]:
    """Map every form to (lemma, tense)."""
    table: dict[str, tuple[str, str]] = {}
    for group in (SAY, THINK, EVIDENCE, EVALUATE, TELL, PARTICLES, ["lay", "sum"]):
        for verb in group:
            for form, tag in forms(verb).items():
                table.setdefault(form, (verb, tag))
    return table


FORMS = build()

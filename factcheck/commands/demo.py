"""Demo data: one article, its claims spread over every workflow state, one account per role.

The article retells, in our own words, the facts of the news story the project started from.
"""

from __future__ import annotations

import datetime as dt
import secrets

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from ..admin.services import create_user
from ..articles.services import ingest_article, text_hash
from ..claims import services as cs
from ..extensions import db
from ..models import Article, Claim, Role, SourceKind, SpeakerKind, User
from ..review import services as rs
from ..revisions import sync
from ..site.services import ensure_defaults, rating_scale
from ..workflow import State

TITLE = "Pentagon says Iraq combat mission is over, but about 2,500 US troops stay"
OUTLET = "The Demo Gazette"
URL = "https://demo.example.org/world/iraq-combat-mission-ends"
PUBLISHED = dt.date(2021, 12, 10)

BODY = """\
The United States says its combat mission in Iraq is over, completing a transition agreed with \
the government in Baghdad, while thousands of American troops stay in the country as advisers.

Pentagon spokesman John Kirby called the shift “the natural evolution” of the partnership after \
technical talks between the two governments wrapped up this week.

Kirby said the change would not immediately alter the number of US forces in Iraq. About 2,500 \
American soldiers remain there and will keep training and advising Iraqi security forces, he said.

President Joe Biden and Iraqi Prime Minister Mustafa Al-Kadhimi agreed last summer that the US \
mission would move from combat to an advisory role by the end of the year.

In a joint statement issued on July 26, the two governments said no US forces with a combat role \
would remain in Iraq by December 31, 2021.

Calls for a full withdrawal grew after a US drone strike near Baghdad International Airport on \
January 3, 2020, killed Iranian general Qassem Soleimani and Iraqi commander Abu Mahdi \
al-Muhandis.

Two days after the strike, Iraqi lawmakers voted for a bill requiring the government to end the \
presence of foreign troops in the country.

Armed groups that helped defeat Daesh in Iraq in 2017 say the new arrangement only renames the \
American presence.

In October, the Kata'ib Hezbollah group said Iraqi factions would use every weapon available \
against US forces if Washington did not withdraw them.

Nasr al-Shammari, a spokesman for the Harakat Hezbollah al-Nujaba movement, told the al-Mayadeen \
network on Thursday evening that American forces would be regarded as occupiers unless they left \
by the end of the year.

Kirby acknowledged on Thursday that threats to US forces in Iraq should still be treated as \
credible.

Drone and rocket attacks on bases hosting American troops in Iraq and Syria have continued \
throughout 2021, according to US officials.
"""

DEMO_USERS = (
    ("admin@demo.factcheck.test", "Ada Admin", Role.ADMIN),
    ("editor@demo.factcheck.test", "Eli Editor", Role.EDITOR),
    ("editor2@demo.factcheck.test", "Edna Second-Editor", Role.EDITOR),
    ("checker@demo.factcheck.test", "Chris Checker", Role.CHECKER),
    ("checker2@demo.factcheck.test", "Cat Checker", Role.CHECKER),
)

# The state each extracted claim is carried to, in article order; the rest stay candidates.
PLAN = (
    State.PUBLISHED,
    State.CORRECTED,
    State.APPROVED,
    State.IN_REVIEW,
    State.RETURNED,
    State.IN_PROGRESS,
    State.QUEUED,
    State.WITHDRAWN,
    State.DISMISSED,
    State.PUBLISHED,
)


def load_demo() -> list[str]:
    """Load the demo data once; returns lines to print (passwords only on first creation)."""
    ensure_defaults()
    out: list[str] = []
    users: dict[Role | str, User] = {}
    for email, name, role in DEMO_USERS:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            password = secrets.token_urlsafe(12)
            user = create_user(email=email, name=name, role=role, password=password, actor=None)
            out.append(f"  {role.value:<8} {email:<32} password: {password}")
        users[email.split("@")[0]] = user
    if out:
        out.insert(0, "Demo accounts (passwords are shown this once; an admin can reset them):")
    else:
        out.append("Demo accounts already exist; their passwords were printed when created.")
    if db.session.scalar(select(Article).where(Article.text_hash == text_hash(BODY))):
        db.session.commit()
        out.append("Demo article already loaded.")
        return out
    article = ingest_article(
        title=TITLE,
        body=BODY,
        actor=users["checker"],
        outlet=OUTLET,
        url=URL,
        author="Demo Newsroom",
        published_on=PUBLISHED,
    ).article
    db.session.flush()
    # Claims by a named person first, so the first published fact-check shows a speaker with
    # a job title (ClaimReview's itemReviewed.author as a Person); then by score.
    claims = sorted(
        article.claims,
        key=lambda c: (not (c.speaker and c.speaker.kind == SpeakerKind.PERSON), -c.score, c.start),
    )
    for claim, target in zip(claims, PLAN, strict=False):
        _carry(claim, target, users)
    _public_extras(article, users)
    db.session.commit()
    counts: dict[str, int] = {}
    for claim in article.claims:
        counts[claim.state.value] = counts.get(claim.state.value, 0) + 1
    out.append(
        f"Demo article {article.id} loaded with {len(article.claims)} claims: "
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        + "."
    )
    return out


def _carry(claim: Claim, target: State, users: dict) -> None:
    checker, editor, editor2 = users["checker"], users["editor"], users["editor2"]
    if target == State.DISMISSED:
        cs.dismiss_claim(claim, checker, note="Background, not a checkable claim.")
        return
    cs.accept_claim(claim, checker)
    if target == State.QUEUED:
        return
    cs.take_claim(claim, checker)
    claim.due_on = PUBLISHED + dt.timedelta(days=3)
    if target == State.IN_PROGRESS:
        cs.add_source(
            claim,
            checker,
            url="https://www.defense.gov/News/Transcripts/",
            title="Pentagon press briefings",
            publisher="US Department of Defense",
            kind=SourceKind.OFFICIAL,
        )
        return
    _write_verdict(claim, checker)
    cs.submit_verdict(claim, checker)
    sync(claim)  # the checker's revision, before anyone else acts
    if target == State.IN_REVIEW:
        return
    if target == State.RETURNED:
        rs.return_verdict(
            claim,
            editor,
            "Please add the joint statement itself as a primary source, not only the news report.",
        )
        return
    rs.approve_verdict(claim, editor, snapshot=rs.current_digest(claim))
    if target == State.APPROVED:
        return
    rs.publish_claim(claim, editor2)
    verdict = claim.verdict
    if target == State.CORRECTED and verdict is not None:
        ratings = {r.label: r for r in rating_scale()}
        proposal = rs.propose_correction(
            claim,
            editor,
            rating_id=ratings["Mostly true"].id,
            summary=verdict.summary + " (Rating corrected.)",
            rationale=verdict.rationale + "\n\nCorrection: a later "
            "briefing gave a slightly different figure, so we lowered the "
            "rating.",
            reason="A later official figure differed from the one we first cited.",
        )
        rs.approve_proposal(proposal, editor2)
    elif target == State.WITHDRAWN:
        rs.unpublish_claim(
            claim, editor, "Withdrawn while we re-check a source that has since been taken offline."
        )


def _public_extras(article: Article, users: dict) -> None:
    """What the public pages show beyond a plain verdict: one claim with the date it was said
    and where it first appeared (ClaimReview's itemReviewed), one typo fix that goes in the
    history but not in the public corrections log."""
    published = [c for c in article.claims if c.state == State.PUBLISHED]
    if published:
        rs.set_claim_details(
            published[0],
            users["editor"],
            said_on=PUBLISHED - dt.timedelta(days=1),
            first_appearance_url="https://demo.example.org/briefings/2021-12-09",
        )
    verdict = published[-1].verdict if len(published) > 1 else None
    if verdict is not None:
        rs.fix_typo(
            published[-1],
            users["editor2"],
            summary=verdict.summary,
            rationale=verdict.rationale.replace("Pentagon's", "Pentagon’s", 1),
            note="Typographic apostrophe.",
        )


def _write_verdict(claim: Claim, checker: User) -> None:
    ratings = {r.label: r for r in rating_scale()}
    cs.add_source(
        claim,
        checker,
        url="https://www.defense.gov/News/Releases/",
        title="US Department of Defense releases",
        publisher="US Department of Defense",
        kind=SourceKind.OFFICIAL,
        excerpt="Official statements on the US presence in Iraq.",
        archive_url="https://web.archive.org/web/2021/https://www.defense.gov/News/",
        accessed_on=PUBLISHED,
    )
    cs.add_source(
        claim,
        checker,
        url="https://www.state.gov/joint-statement-on-the-u-s-iraq/",
        title="Joint statement of the US-Iraq strategic dialogue",
        publisher="US Department of State",
        kind=SourceKind.PRIMARY,
        accessed_on=PUBLISHED,
    )
    cs.save_verdict(
        claim,
        checker,
        rating_id=ratings["True"].id,
        summary="Official statements and the joint communiqué support this.",
        rationale="The Pentagon's briefings and the joint statement of the two "
        "governments confirm the figures and dates in the claim. Both "
        "sources are archived.",
    )


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo article, claims in every state and one account per role (idempotent)."""

    for line in load_demo():
        click.echo(line)

"""An attribution while it is being found, and how one is made from spans of the text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..types import Attribution

# Quote marks and spaces a content span does not start with; spaces it does not end with.
_CONTENT_LEAD = " \u00a0\t\"“”'‘’"
_CONTENT_TRAIL = " \u00a0\t"
_WIDENED_LEAD = "\"“”'‘’ "


@dataclass(slots=True)
class Draft:
    """Who said what, with offsets into the text. `speaker` is the speaker as found (the
    antecedent of a relative pronoun, else the words as written) until `finish` resolves it;
    `cue_pos` tells attributions apart (where the cue starts, negative for a quote that continues
    an earlier one); `lemma` is the cue's verb."""

    speaker: str
    speaker_text: str
    speaker_start: int
    speaker_end: int
    cue: str
    direct: bool
    content: str
    content_start: int
    content_end: int
    cue_pos: int
    lemma: str = "say"

    def copy(self) -> Draft:
        """A copy to change without changing this draft."""
        return replace(self)

    def set_content(self, text: str, start: int, end: int, direct: bool) -> None:
        """Take text[start:end] as the content, as it is."""
        self.content_start = start
        self.content_end = end
        self.direct = direct
        self.content = text[start:end]

    def widen(self, text: str, start: int, end: int) -> None:
        """Take in text[start:end] too; the content starts after any quote mark."""
        self.content_start = min(self.content_start, start)
        self.content_end = max(self.content_end, end)
        while text[self.content_start] in _WIDENED_LEAD:
            self.content_start += 1
        self.content = text[self.content_start : self.content_end]

    def attribution(self, speaker: str, role: str | None) -> Attribution:
        """The finished attribution, with the speaker resolved."""
        return Attribution(
            speaker=speaker,
            speaker_text=self.speaker_text,
            speaker_start=self.speaker_start,
            speaker_end=self.speaker_end,
            role=role,
            cue=self.cue,
            direct=self.direct,
            content=self.content,
            content_start=self.content_start,
            content_end=self.content_end,
        )


def make_draft(
    text: str,
    speaker: tuple[int, int],
    content: tuple[int, int],
    direct: bool,
    who: str | None = None,
    cue: str = "",
    cue_pos: int = 0,
) -> Draft:
    """A draft for the speaker text[speaker] (or `who`, its antecedent) and the content
    text[content] without its quote marks and outer spaces."""
    cs, ce = content
    while cs < ce and text[cs] in _CONTENT_LEAD:
        cs += 1
    while ce > cs and text[ce - 1] in _CONTENT_TRAIL:
        ce -= 1
    speaker_text = text[speaker[0] : speaker[1]]
    return Draft(
        speaker=speaker_text if who is None else who,
        speaker_text=speaker_text,
        speaker_start=speaker[0],
        speaker_end=speaker[1],
        cue=cue,
        direct=direct,
        content=text[cs:ce],
        content_start=cs,
        content_end=ce,
        cue_pos=cue_pos,
    )

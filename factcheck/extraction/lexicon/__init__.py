"""Words the extraction engine knows, each list written once.

calendar: months, weekdays and seasons; numbers: number words; organisations: words that make
a name an organisation's; speech: verbs of saying and their forms (attributions);
abbreviations: words a full stop does not end (sentences, attribution units); checkworthiness:
the word features of the hand-set check-worthiness rules (worthiness/rules.py); units: units of
measure and currencies (quantities). The finders build their patterns from these; nothing else
in the project spells them out.
"""

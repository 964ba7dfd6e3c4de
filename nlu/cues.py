"""Wording cues that credit an element whatever the model's one label per clause says. Pure.

A clause like "let me check the stock room" is both ownership and a solution, but the classifier
gives each clause one label; these cues add the element the label can't carry. They are written
from the labelling conventions (see nlu/README.md) and measured by `coach nlu eval`.
"""

from __future__ import annotations

import re

from scripts_library.deterministic import recalls_a_regular
from scripts_library.elements import Element

_OWN_VERBS = (
    r"(?:take care|look into|look in|have a look|check|double[- ]check|sort|fix|handle|get|grab|make|book|find|chase|"
    r"deal|pull|call|ring|swap|exchange|refund|process|arrange|reorder|order|track|follow|put|raise|escalate|speak|"
    r"talk|see|organi[sz]e|work|personally|make sure|take it|own|do|prepare|replace|repair|reset|cancel|correct|"
    r"amend|update|reverse|waive|credit|investigate|remake|re-?send|re-?book|re-?schedule|upgrade|be the one|"
    r"stay on|keep an eye|put (?:it|this|that|things) right|"
    r"make (?:it|this|that|things) right|get to the bottom)"
)
# The same actions under way: "I'm checking now", "I'm sorting it out".
_OWN_DOING = (
    r"(?:taking care|looking into|checking|sorting|fixing|handling|dealing|chasing|escalating|processing|arranging|"
    r"refunding|replacing|investigating|organi[sz]ing|booking|correcting|cancelling)"
)
_OWNERSHIP = re.compile(
    # Chat typing drops the apostrophe: "ill get u a fresh one".
    rf"\b(?:(?:let me|lemme) {_OWN_VERBS}|(?:i'll|ill|i will|i'm going to|i am going to|i'm gonna) {_OWN_VERBS}"
    rf"|(?:i'm|i am) (?:personally |now |already )?{_OWN_DOING}"
    r"|(?:we'll|we will) (?:take care|sort|fix|handle|look into|put (?:it|this|that|things) right"
    r"|make (?:it|this) right)"
    r"|leave it with me|i'm on it|i am on it|(?:that's|that is|this is|it's) on (?:us|me)"
    r"|i've got (?:this|it)(?: covered)?\b(?! for)|i take (?:full )?responsibility"
    r"|(?:my|our) (?:mistake|fault|bad|error)|we (?:messed|slipped|screwed) up|we got (?:it|this|that) wrong)\b",
    re.IGNORECASE,
)
# A concrete remedy the agent does or offers (DESIGN.md: refund, replace, remake, rebook...). "I'll remake it
# now" is ownership and a solution, but the classifier gives the clause one label.
_REMEDY = (
    r"(?:remake|redo|replace|refund|swap|exchange|re-?send|re-?ship|re-?book|re-?order|re-?schedule|upgrade|waive|"
    # "comp" (give for free) only as a whole word, or "complain" and "compare" would count.
    r"credit|discount|comp(?=(?:ed|'d)?\b)|knock \w+ off|take \w+ off the bill)"
)
_SOLUTION = re.compile(
    rf"\b(?:(?:i'll|ill|i will|we'll|we will|let me|i can|we can|i'm going to|i'm gonna)(?: just| quickly| happily)?"
    rf" (?:get (?:it|that|this|them|you) )?{_REMEDY}\w*"
    rf"|(?:i've|we've|i have|we have)(?: just| already)? {_REMEDY}\w*"
    r"|(?:i'll|ill|i will|we'll|we will) (?:get|have) (?:it|that|this|them) "
    r"(?:re-?sent|replaced|refunded|swapped|remade|rebooked)"
    r"|\brefund(?:'s| has| is) (?:gone through|been (?:processed|issued|approved|sent)|on its way)"
    # The remedy already done: "I've sent a replacement out", "a new router has been dispatched".
    r"|(?:i've|ive|we've|i have|we have)(?: just| already)? "
    r"(?:sent|posted|dispatched|ordered|booked|issued|arranged|reserved|set aside|put aside"
    r"|kept (?:the|a|one|two|some|them|it|that|those|your))"
    r"|(?:has|have) been (?:dispatched|refunded|rebooked|replaced|re-?sent|credited)"
    r"|(?:i|we) can order (?:it|one|them|that|some) in)\b",
    re.IGNORECASE,
)
# A salutation opening the reply; "hey" alone is a throwaway opener and "you're welcome" no greeting.
_SALUTATION = re.compile(
    r"^\W*(?:hi|hello|hiya|howdy|greetings|good (?:morning|afternoon|evening)|morning|afternoon|evening|"
    r"welcome|hey there)\b",
    re.IGNORECASE,
)
_TITLE_AND_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z][a-z]+")
# A name said to the customer: "Thanks, Sam!", "Hi Priya," — a capitalised word after a comma or a
# salutation, closing the phrase.
_ADDRESSED_NAME = re.compile(
    # Chat spellings too: "heyyy Lou!", "tysm Becca". A name may have a second word ("Aunty Grace").
    r"(?:,|\b(?:[Hh]i+|[Hh]iya|[Hh]ello|[Hh]ey+|[Tt]hanks|[Tt]hank you|[Tt]ysm|[Tt]hx|[Tt]y|[Tt]a|[Mm]orning|"
    r"[Ww]elcome back|[Bb]ye|[Cc]heers|[Ll]aters|[Nn]ight))"
    r"\s+([A-Z][a-z]+)(?: [A-Z][a-z]+)?(?=\s*[!?.,;]|\s*$)"
    # A name opening the reply: "Priya, I'm so sorry about the wait".
    r"|^\W*([A-Z][a-z]+)(?=,)"
)
_NOT_NAMES = frozenset(
    "sir madam ma'am mate love dear buddy pal folks everyone guys team there all friend "
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow please thanks okay ok "
    "great perfect sure right fine alright lovely brilliant cool excellent wonderful absolutely certainly yes no "
    "again everything anything sorry welcome goodbye bye".split()
)
# Words that open a reply before a comma without being a name (besides _NOT_NAMES): interjections and
# discourse markers.
_OPENERS = frozenset(
    "hey hi hello hiya howdy yo greetings look listen well whatever ugh relax wow yep yeah yup nope oh ah aah eh hmm "
    "hm mm um uh gosh oof meh aw aww ooh boy man dude bro sweetheart darling hun honey good goodnight evening "
    "morning afternoon cheers aight bet so but and now anyway also still alas apologies understood gotcha wait "
    "nice sweet super awesome correct true exactly indeed totally seriously sigh however although though besides "
    "meanwhile otherwise then first next instead perhaps maybe plus done sorted noted agreed deal bless nah yea ya "
    "ta dunno idk erm er oops whoops".split()
)
# A throwaway opener (a bare "hey", "how are you?"); combine() turns it into a greeting next to an offer of help.
_THROWAWAY = re.compile(
    r"^\W*(?:hey+|heya|yo|sup|wassup|whats? up|what's up|how(?:'s| is) it going|how (?:ya|you) doin'?)\b(?! there)"
    r"|\bhow (?:are|r) (?:you|ya|u)(?: doing)?(?: today| this (?:morning|afternoon|evening))?\W*$",
    re.IGNORECASE,
)
# An apology word, unless the clause is a question: "Sorry, what was the name?" means "pardon?".
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b(?![^.!]*\?\s*$)", re.IGNORECASE)
# Wording that is an anti-pattern whatever else the clause says (DESIGN.md: "not my department", "calm down").
_DEFLECTION = re.compile(
    r"\bnot my (?:department|section|area|job|responsibility)\b|\bnothing to do with (?:me|us)\b"
    r"|\bi (?:just|only) work here\b|\babove my pay ?grade\b|\brules are rules\b|\bpolicy is policy\b"
    r"|\btake it up with\b|\b(?:the system|it) won't let me\b|\bi'm not allowed to\b"
    r"|\byou'll (?:have|need) to (?:ask|call|ring|phone|contact|email|speak to|talk to|go to|complain to|take it up)\b"
    r"|\b(?:it's|that's|it is|that is) (?:the|their|his|her) [\w ]{1,25}?(?:'s)? (?:fault|problem|responsibility)\b"
    r"|\bnot (?:our|my) fault\b|\b(?:that's|it's|that is|it is) not (?:on )?(?:us|me)\b"
    # The stock shrugs of a refusal: the customer is left to solve it.
    r"|\bwhat (?:do|did|would) you (?:want|expect) me to do\b|\bwhat you (?:want|expect) me to do\b"
    r"|\bi don't know what (?:to tell you|else to say)\b|\bi'm on (?:my|a) break\b"
    r"|(?<!i'll )(?<!i will )(?<!let me )(?<!i can )\bask (?:someone|somebody|one of the) (?:else|others)\b"
    r"|(?<!don't )(?<!not )(?<!wouldn't )(?<!can't )\bblame (?:them|him|her|the \w+)\b"
    # Hiding behind circumstances with no alternative: both tuning-set authors read it as deflection.
    r"|\b(?:there's |there is )?nothing (?:i|we) can do\b",
    re.IGNORECASE,
)
_DISMISSIVE = re.compile(
    # "Whatever." shrugs; "Whatever works for you" is generous.
    r"\bcalm down\b|^\W*whatever(?!\s+(?:you|suits|works|is|would|time|size|colour|color)\b)"
    r"|\bnot my problem\b|\b(?:tough|hard) luck\b"
    # "Deal with it" brushes the customer off; "I'll deal with it" is ownership.
    r"|(?<!i'll )(?<!i will )(?<!we'll )(?<!let me )(?<!i can )(?<!going to )\bdeal with it\b"
    r"|\bhaven't got all day\b|\blike everyone else\b|\bwhen it gets here\b"
    r"|\byou're not the only (?:customer|person|one waiting)\b"  # "you're not the only one" can reassure
    r"|\bno need to shout\b|\bare you done\b|^\W*next\W*$"
    r"|\byou should(?:'ve| have) (?:checked|read|ordered|asked|come|looked|measured)\b"
    r"|\bif you(?:'d| had) (?:checked|read|looked|measured|listened)\b"
    # A sigh or a shrug opening the reply ("ugh" is often sympathy: "ugh, rotten luck"), and the
    # stock brush-off of a fact.
    r"|^\W*(?:meh|sigh)\b|\bit is what it is\b"
    # The non-apology, the lecture and the weary "you again".
    r"|\bsorry (?:that )?you feel (?:that way|like that)\b|\btry reading\b"
    r"|\bwhat(?:'s| is) (?:it|wrong|the problem) this time\b"
    # The tautology that closes the subject: "no means no", "closed means closed".
    r"|\b(\w+(?: \w+){0,2}) means \1\b",
    re.IGNORECASE,
)
# MultiWOZ-style text splits contractions: "I 'll", "do n't".
_SPLIT_CONTRACTION = re.compile(r"\s+('(?:ll|m|s|re|ve|d)\b|n't\b)", re.IGNORECASE)


def normalise(text: str) -> str:
    """Rejoin contractions split by whitespace tokenisation and use straight apostrophes."""
    return _SPLIT_CONTRACTION.sub(r"\1", text.replace("’", "'"))


# "let me know" and "I'll need your name" ask the customer for something: _OWN_VERBS doesn't list their verbs.
_WORDING = (
    (_OWNERSHIP, Element.OWNERSHIP),
    (_SOLUTION, Element.SOLUTION),
    (_SALUTATION, Element.GREETING),
    (_THROWAWAY, Element.GENERIC_GREETING),
    (_APOLOGY, Element.APOLOGY),
    (_DEFLECTION, Element.DEFLECTION),
    (_DISMISSIVE, Element.DISMISSIVE),
)


def cue_elements(text: str) -> frozenset[Element]:
    """Elements whose wording is unmistakable in the reply."""
    text = normalise(text)
    found = {element for pattern, element in _WORDING if pattern.search(text)}
    addressed = any(_is_name(m.group(1), m.group(2)) for m in _ADDRESSED_NAME.finditer(text))
    if recalls_a_regular(text) or _TITLE_AND_NAME.search(text) or addressed:
        found.add(Element.PERSONALIZATION)
    return frozenset(found)


def _is_name(after_salutation: str | None, opening: str | None) -> bool:
    """Whether a matched capitalised word is someone's name rather than a filler word."""
    if after_salutation is not None:
        return after_salutation.lower() not in _NOT_NAMES
    word = (opening or "").lower()
    # "Honestly," and "Unfortunately," open replies too: adverbs are never the customer's name.
    return word not in _NOT_NAMES and word not in _OPENERS and not word.endswith("ly")

"""The response elements: the shared vocabulary of rubrics, NLU and reports (see DESIGN.md)."""

from __future__ import annotations

from enum import StrEnum


class Element(StrEnum):
    """A response element a reply can contain; the last three are anti-patterns."""

    GREETING = "greeting"
    THANKS = "thanks"
    OFFER_HELP = "offer_help"
    APOLOGY = "apology"
    EMPATHY = "empathy"
    OWNERSHIP = "ownership"
    SOLUTION = "solution"
    FOLLOW_UP = "follow_up"
    PERSONALIZATION = "personalization"
    CLOSING = "closing"
    GENERIC_GREETING = "generic_greeting"
    DEFLECTION = "deflection"
    DISMISSIVE = "dismissive"

    @property
    def is_anti_pattern(self) -> bool:
        """True for elements a good reply should not contain."""
        return self in ANTI_PATTERNS


ANTI_PATTERNS = frozenset({Element.GENERIC_GREETING, Element.DEFLECTION, Element.DISMISSIVE})

# What the coach says when an element is there (praise) or should have been (hint).
PRAISE: dict[Element, str] = {
    Element.GREETING: "You greeted the customer.",
    Element.THANKS: "You thanked the customer.",
    Element.OFFER_HELP: "You offered help.",
    Element.APOLOGY: "You apologised.",
    Element.EMPATHY: "You acknowledged how the customer feels.",
    Element.OWNERSHIP: "You took ownership of the problem.",
    Element.SOLUTION: "You offered a concrete fix.",
    Element.FOLLOW_UP: "You said what happens next and when.",
    Element.PERSONALIZATION: "You made it personal.",
    Element.CLOSING: "You closed warmly.",
}

HINTS: dict[Element, str] = {
    Element.GREETING: "Open with a real greeting: hello, welcome, good morning.",
    Element.THANKS: "Thank the customer: for coming in, for calling, for waiting, for their patience.",
    Element.OFFER_HELP: 'Offer help or ask what they need, e.g. "Can I point you in a direction?"',
    Element.APOLOGY: "Say sorry, plainly, for what went wrong.",
    Element.EMPATHY: 'Show you understand how they feel: "That\'s really frustrating."',
    Element.OWNERSHIP: 'Own it: "I\'ll take care of this for you."',
    Element.SOLUTION: "Offer a concrete fix: a refund, a replacement, checking stock.",
    Element.FOLLOW_UP: 'Tell them what happens next and when: "You\'ll get tracking by Friday."',
    Element.PERSONALIZATION: "Use the customer's name or what you know they like.",
    Element.CLOSING: "Close warmly and invite them back.",
    Element.GENERIC_GREETING: '"How ya doin\'?" invites a reflex "fine" and nothing else; ask how you can help.',
    Element.DEFLECTION: "Don't pass the customer on or hide behind policy; take it on yourself.",
    Element.DISMISSIVE: "That came across as brushing the customer off; keep the tone warm.",
}

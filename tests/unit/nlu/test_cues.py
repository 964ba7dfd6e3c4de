"""Wording cues for the elements a one-label-per-clause model can't carry."""

from __future__ import annotations

import pytest

from nlu.cues import cue_elements, normalise
from scripts_library.elements import Element as E


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Let me check the stock room for you", {E.OWNERSHIP}),
        ("I 'll sort that out right now .", {E.OWNERSHIP}),  # whitespace-tokenised
        ("That's on us, and I'm on it.", {E.OWNERSHIP}),
        ("Leave it with me", {E.OWNERSHIP}),
        ("I'm checking the back for you now", {E.OWNERSHIP}),  # the action under way
        ("That was our mistake", {E.OWNERSHIP}),
        ("We'll put this right today", {E.OWNERSHIP}),
        ("I've got this covered", {E.OWNERSHIP}),
        ("I've got it for you here", set()),  # handing something over is not taking charge
        ("I'm getting a lot of calls today", set()),
        ("I'll send it to the bar", set()),  # a routine hand-off is follow_up, left to the model
        ("Let me know if you need anything", set()),
        ("I'll need your order number", set()),
        ("Welcome back, Mrs Patel!", {E.GREETING, E.PERSONALIZATION}),
        ("Your usual oat latte?", {E.PERSONALIZATION}),
        ("Great to see you again", {E.PERSONALIZATION}),
        ("Welcome in, sir", {E.GREETING}),  # "sir" is not personal
        ("the miss was mine", set()),  # a title needs a capitalised name after it
        ("Hi, thanks for coming in", {E.GREETING}),
        ("Good afternoon! What can I do for you?", {E.GREETING}),
        ("You're welcome", set()),
        ("Hey, what's up", {E.GENERIC_GREETING}),  # a bare "hey" is a throwaway opener
        ("Hey, thanks for waiting", {E.GENERIC_GREETING}),
        ("Hello, how are you today?", {E.GREETING, E.GENERIC_GREETING}),
        ("How are you getting on with those?", set()),  # a fitting-room check-in is an offer of help
        ("They say hey to everyone", set()),
        ("Here you go, Tom", {E.PERSONALIZATION}),
        ("Thanks so much, Priya!", {E.PERSONALIZATION}),
        ("Thanks, Sir.", set()),
        ("Marta, I'm so sorry about the wait", {E.APOLOGY, E.PERSONALIZATION}),  # a name opening the reply
        ("heyyy Tash!", {E.GENERIC_GREETING, E.PERSONALIZATION}),
        ("ty Gus, see u soon", {E.PERSONALIZATION}),
        ("Thanks, Uncle Ray!", {E.PERSONALIZATION}),
        ("Okay, Dev. Does that look right?", {E.PERSONALIZATION}),
        ("Honestly, it's no trouble", set()),  # a filler word before a comma is not a name
        ("Dunno, ask at the other till", set()),  # nor is a shrug
        ("However, we can post it", set()),
        ("Listen, I'll sort it", {E.OWNERSHIP}),
        ("Okay, Great.", set()),
        ("See you Friday.", set()),
        ("I 'm so sorry about that .", {E.APOLOGY}),
        ("My apologies for the wait", {E.APOLOGY}),
        ("Sorry, what was the name?", set()),  # "pardon?", not an apology
        ("Sorry, but that's not my department.", {E.APOLOGY, E.DEFLECTION}),
        ("It's the courier's fault, not ours", {E.DEFLECTION}),
        ("You'll have to ring head office", {E.DEFLECTION}),
        ("Head office sets the prices, nothing I can do about it", {E.DEFLECTION}),
        ("You'll need to bring the receipt", set()),
        ("Our return window is 30 days", set()),  # a neutral policy fact
        ("Calm down, it's just a parcel", {E.DISMISSIVE}),
        ("Whatever.", {E.DISMISSIVE}),
        ("Whatever, I'm busy", {E.DISMISSIVE}),
        ("Whatever works for you, we can ship or you can collect", set()),
        ("Whatever you need, just ask", set()),
        ("You're not the only customer here", {E.DISMISSIVE}),
        ("You're not the only one, it's a known fault", set()),  # reassurance, not a brush-off
        ("I'll remake it now", {E.OWNERSHIP, E.SOLUTION}),
        ("ill get u a fresh portion now", {E.OWNERSHIP}),
        ("I've refunded the delivery fee", {E.SOLUTION}),
        ("Your refund's gone through", {E.SOLUTION}),
        ("I can't refund it", set()),
        ("We've comped the drinks", {E.SOLUTION}),
        ("I'll complain to head office", set()),
        ("I can compare them for you", set()),
        ("Our refund policy is 30 days", set()),
        ("ive posted a new charger to you first class", {E.SOLUTION}),
        ("A fresh pair has been dispatched", {E.SOLUTION}),
        ("We can order one in for Friday", {E.SOLUTION}),
        ("It has been sent to the wrong address", set()),  # what went wrong, not the remedy
        ("lemme check the back for u", {E.OWNERSHIP}),
        ("We'll redo the hem for free", {E.SOLUTION}),
        ("I've set aside the last one in your size", {E.SOLUTION}),
        ("I've kept you waiting, sorry", {E.APOLOGY}),  # "kept" a thing back, not the customer waiting
        ("You'll just have to deal with it", {E.DISMISSIVE}),
        ("I'll deal with it.", {E.OWNERSHIP}),  # a commitment, not a brush-off
        ("Don't worry, I 'll deal with it", {E.OWNERSHIP}),
        ("You should have checked the label", {E.DISMISSIVE}),
        ("If you'd read the label you'd know", {E.DISMISSIVE}),
        ("If you had asked me, I'd have warned you", set()),  # not a blaming verb
        ("Ugh, I'd be annoyed too", set()),  # sympathy, not a sigh at the customer
        ("Sigh... what is it now", {E.DISMISSIVE}),
        ("Meh, these things happen", {E.DISMISSIVE}),
        ("Megan will be right with you", set()),  # "meh" only as a word
        ("Well, it is what it is", {E.DISMISSIVE}),
        ("Next in line, please", set()),
        ("The kitchen sent it out late, that's not on me", {E.DEFLECTION}),
        ("That's on me, I'll fix it", {E.OWNERSHIP}),
        ("Well what do you expect me to do, I just serve it", {E.DEFLECTION}),
        ("Honestly I don't know what to tell you", {E.DEFLECTION}),
        ("I'm on my break, someone will be out", {E.DEFLECTION}),
        ("Go ask somebody else", {E.DEFLECTION}),
        ("Let me ask someone else who knows the tills", set()),  # fetching help is not a refusal
        ("Blame the supplier, not us", {E.DEFLECTION}),
        ("I don't blame you for being cross", set()),  # sympathy
        ("I'm sorry you feel that way", {E.APOLOGY, E.DISMISSIVE}),  # the non-apology
        ("I'm sorry you had to wait", {E.APOLOGY}),
        ("Maybe try reading the manual", {E.DISMISSIVE}),
        ("What's the problem this time?", {E.DISMISSIVE}),
        ("Closed means closed, mate", {E.DISMISSIVE}),
        ("That means the parcel left yesterday", set()),  # "means" without the tautology
    ],
)
def test_cues(text: str, expected: set[E]) -> None:
    assert cue_elements(text) == frozenset(expected)


def test_normalise_rejoins_split_contractions() -> None:
    assert normalise("I 'm sorry , I do n't know") == "I'm sorry , I don't know"

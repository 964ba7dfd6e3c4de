"""Screening decides whether a reply can be judged at all, before any model sees it."""

from __future__ import annotations

import pytest

from nlu.screening import MESSAGES, Screened, Unjudgeable, clean, screen

LIMIT = 2000


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n", "\x00\x07", "\u200b\u200d"])
def test_empty_or_invisible_reply_is_empty(text):
    result = screen(text, max_chars=LIMIT)

    assert result == Screened(text="", problem=Unjudgeable.EMPTY, message=MESSAGES[Unjudgeable.EMPTY])


def test_control_characters_are_stripped():
    assert screen("Hi\x00\x07 there", max_chars=LIMIT) == Screened(text="Hi there")


def test_invisible_format_characters_are_stripped():
    assert clean("Thanks\u200b for\ufeff waiting") == "Thanks for waiting"


def test_runs_of_spaces_fold_to_one_and_ends_are_trimmed():
    assert clean("   Hi,    thanks   for coming in!  ") == "Hi, thanks for coming in!"


@pytest.mark.parametrize("text", ["Hi,\nthanks for coming in", "Hi,\tthanks for coming in"])
def test_line_breaks_and_tabs_become_spaces(text):
    assert clean(text) == "Hi, thanks for coming in"


def test_very_long_reply_is_too_long_and_the_message_gives_both_lengths():
    result = screen("a" * 40_000, max_chars=LIMIT)

    assert result.problem is Unjudgeable.TOO_LONG
    assert result.message == (
        "That reply is 40,000 characters long; the coach reads up to 2,000. "
        "Say it the way you would out loud, in a few sentences."
    )


def test_reply_exactly_at_the_limit_is_accepted():
    text = "hello " * 10 + "x" * (LIMIT - 60)
    assert len(text) == LIMIT

    assert screen(text, max_chars=LIMIT).problem is None


def test_length_is_measured_after_cleaning():
    result = screen("Hi" + " " * 5000 + "there", max_chars=LIMIT)

    assert result == Screened(text="Hi there")


@pytest.mark.parametrize("text", ["😀🎉👍", "!!! ???", "👍 👍", "12345"])
def test_reply_without_letters_has_no_words(text):
    result = screen(text, max_chars=LIMIT)

    assert result.problem is Unjudgeable.NO_WORDS
    assert result.message == MESSAGES[Unjudgeable.NO_WORDS]
    assert result.text == text


@pytest.mark.parametrize(
    "text",
    [
        "Lo siento mucho, le enviaremos un reemplazo hoy mismo.",
        "Buenos días, ¿en qué le puedo ayudar hoy?",
        "Bonjour, bienvenue dans notre magasin, comment puis-je vous aider ?",
        "Je suis désolé, je vais vous envoyer un remplacement aujourd'hui.",
        "Guten Tag, willkommen in unserem Geschäft, wie kann ich Ihnen helfen?",
        "Es tut mir leid, ich kümmere mich sofort darum.",
        "欢迎光临，请问有什么可以帮您？",
        "Здравствуйте, чем я могу вам помочь?",
        "مرحبا، كيف يمكنني مساعدتك؟",
    ],
)
def test_non_english_reply_is_not_english(text):
    result = screen(text, max_chars=LIMIT)

    assert result.problem is Unjudgeable.NOT_ENGLISH
    assert result.message == "Please answer in English; the coach can only judge English replies for now."


@pytest.mark.parametrize(
    "text",
    [
        "Obrigada pela paciência, vou verificar o seu pedido já.",
        "Mi scusi per l'attesa, le porto subito il conto.",
        "Sorry voor het wachten, ik pak het meteen voor u.",
        "Przepraszam, to nie mój dział, proszę zapytać przy kasie.",
        "Förlåt att det dröjde, jag hämtar en ny åt dig direkt.",
        "Undskyld ventetiden, jeg henter en ny til dig med det samme.",
    ],
)
def test_other_european_languages_are_not_english(text):
    """Latin-script languages that share a few words with English ("sorry", "no") are still caught."""
    assert screen(text, max_chars=LIMIT).problem is Unjudgeable.NOT_ENGLISH


@pytest.mark.parametrize(
    "text",
    [
        # Few of these are everyday function words; a short list of common English words rejected them.
        "Same table by the window as last time?",
        "Your regular oat cappuccino, large?",
        "ugh fine, it's only five minutes late",
        "Meh, the parcel will probably show up eventually.",
        "Sigh. What's broken now?",
        "Double espresso, oat milk, extra foam?",
    ],
)
def test_english_without_common_function_words_is_english(text):
    assert screen(text, max_chars=LIMIT) == Screened(text=text)


@pytest.mark.parametrize("text", ["yo yo yo, how's life", "Yo yo yo, what's cracking?", "hi hows ur day going??"])
def test_repeated_words_and_chat_spellings_are_english(text):
    # "yo" is commoner in Spanish; counted three times it used to make these slangy openers "not English".
    assert screen(text, max_chars=LIMIT) == Screened(text=text)


@pytest.mark.parametrize("text", ["Здравствуйте", "您好"])
def test_short_reply_in_another_script_is_not_english(text):
    assert screen(text, max_chars=LIMIT).problem is Unjudgeable.NOT_ENGLISH


def test_spanish_store_greeting_is_not_english():
    result = screen("Hola, bienvenido a la tienda, ¿en qué puedo ayudarle?", max_chars=LIMIT)

    assert result.problem is Unjudgeable.NOT_ENGLISH


@pytest.mark.parametrize(
    "text",
    [
        "hey!",
        "yo what's up",
        "sup",
        "Hi, thanks for coming in! Can I point you in a direction?",
        "I'm so sorry your order is late. I'll take care of this right now.",
        "Welcome to the café, can I help?",
        "Welcome to the café, naïve façade, can I help you?",
        "np, happy to help",
    ],
)
def test_english_replies_pass_unchanged(text):
    assert screen(text, max_chars=LIMIT) == Screened(text=text)

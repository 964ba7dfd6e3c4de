"""The NLU side: the Rasa project, its HTTP client, the reply analyzer and the local server's lifecycle."""

"""Code that runs inside the Rasa server (Python 3.10, Rasa's venv), never in the app."""

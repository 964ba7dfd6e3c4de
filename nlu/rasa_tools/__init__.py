"""Scripts run by Rasa's own Python (3.10) for data preparation and measurement, never by the app."""

"""The drill: pure transitions (engine) and the thin service that persists them."""

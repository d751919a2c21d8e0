"""Callback's core: diagnosis, personas, questions, scoring, retrieval and persistence.

Nothing in this package knows about the web, the UI or the evals.
"""

__version__ = "0.1.0"

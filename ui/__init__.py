"""The Gradio UI: layout in ``layout``, behaviour in ``handlers`` (plain functions)."""

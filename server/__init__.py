"""The web layer: a FastAPI app (REST API under /api) with the Gradio UI mounted at /ui."""

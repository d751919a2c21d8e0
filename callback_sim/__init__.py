"""The ``callback-sim`` command line: the top layer, wiring the core, the web app and the evals."""

"""Offline evals and benchmarks of the simulator itself; they use only the ``simulator`` core."""

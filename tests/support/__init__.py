"""Helpers shared by the tests and the scripts: claim factories, matchers, growth checks, and the
reliability harnesses (hostile inputs, store checks, crash, concurrency and fuzz runs).

Imported as ``tests.support.<module>``: pytest puts the repository on the path (``pythonpath`` in
pyproject.toml), the scripts add it themselves.
"""

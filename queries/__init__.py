"""Data directory, installed as a package of kg so importlib.resources finds it."""

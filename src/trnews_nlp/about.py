"""Package version, kept in one place (read by hatchling and by the result `meta`)."""

__version__ = "0.9.1"

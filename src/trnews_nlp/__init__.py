"""trnews-nlp: who said what in Turkish news, as a spaCy pipeline."""

from .about import __version__
from .api import annotate, annotate_many, blank, load
from .views import render

__all__ = ["__version__", "annotate", "annotate_many", "blank", "load", "render"]

"""Turkish morphology: zeyrek analyses made order-independent, cached, and disambiguated."""

from . import zeyrek_package  # noqa: F401  (first: zeyrek is imported without nltk)
from .analysis import Analysis, analyze_form

__all__ = ["Analysis", "analyze_form"]

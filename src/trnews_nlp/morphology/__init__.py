"""Turkish morphology: zeyrek analyses made order-independent, cached, and disambiguated."""

from .analysis import Analysis, analyze_form

__all__ = ["Analysis", "analyze_form"]

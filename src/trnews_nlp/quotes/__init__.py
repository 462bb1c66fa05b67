"""Quote detection and speaker attribution for Turkish news (`trnews_quotes`)."""

from .model import Quote, Speaker

__all__ = ["Quote", "Speaker"]

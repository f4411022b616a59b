"""briefing: a terminal news briefing over several articles about one story."""

__version__ = "0.1.0"

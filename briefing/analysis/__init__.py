"""The analysis: pure functions from a loaded Story to an Analysis. No I/O, no UI.

`pipeline.analyse` is the entry point; each module here owns one concern (quotes, speakers,
countries, comparison, timeline) as an `extract` per article and a `combine` across sources.
"""

from briefing.analysis.pipeline import analyse

__all__ = ["analyse"]

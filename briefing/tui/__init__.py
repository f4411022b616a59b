"""The Textual app. Only this package imports Textual, so the CLI's other commands stay fast.

`app.BriefingApp` is the thin shell; each pane lives in its own module and only displays an
`Analysis` it is handed. Styles are in `briefing.tcss`.
"""

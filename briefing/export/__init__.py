"""Writing an Analysis out: JSON (schema briefing/1), and later Markdown and HTML."""

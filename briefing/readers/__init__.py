"""Readers for article formats beyond plain text: saved HTML pages and JSON article lists.

Each reader takes a file's path and bytes and returns `loader.ArticleInput`s; `briefing.loader`
registers them lazily by extension so that loading plain-text stories never imports an HTML
extractor. An item that cannot be used comes back with empty text and a `skip` reason in its meta,
so the loader reports it and keeps the rest of the file.
"""

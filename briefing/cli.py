"""The command line: `briefing [PATH]`, `print`, `export`, `fetch`, `serve`.

Imports stay lazy: `--help`, `export`, `print` and `fetch` must not pay for Textual (about half a
second), nor for the HTML extractor or the web server unless they are used.
Exit codes: 0 ok, 1 an unexpected failure, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Sequence

EXIT_OK, EXIT_INPUT = 0, 2

DESCRIPTION = """\
A terminal news briefing. Point it at a folder of articles about one story (with an optional
story.yaml) and see what happened, who said what, which countries stand where, and where the
outlets agree, differ or contradict each other. With no PATH it opens the bundled default story.
"""

EPILOG = """\
commands:
  briefing [PATH]                          open the app (prints the briefing when not a terminal)
  briefing print [PATH]                    print the briefing to standard output
  briefing export [--format F] [PATH]      write the briefing as json (schema briefing/1), md or html
  briefing export --brief [PATH]           write the analyst's pinned brief as Markdown
  briefing fetch FEED_OR_URLS... -o DIR    download a feed's or a URL list's articles into a story
  briefing serve [PATH]                    serve the app to a web browser (on 127.0.0.1)

PATH is a folder of .txt, .md, .html, .json or .jsonl articles, a story.yaml, one article file,
or - for one article on standard input.

Run 'briefing COMMAND --help' for a command's options.
"""


def _add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="a folder of articles or a story.yaml (default: the bundled story)"
    )


def _parser_open() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="briefing", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _add_path(p)
    p.add_argument("--version", action="store_true", help="print the version and exit")
    return p


FORMATS = {"json": "json", "md": "md", "markdown": "md", "html": "html", "htm": "html"}


def _parser_export() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing export", description="Write the story's analysis to a file or stdout.")
    p.add_argument(
        "--format",
        "-f",
        choices=sorted(FORMATS),
        help="json (schema briefing/1), md (Markdown with tables) or html (one self-contained page); "
        "default: from the -o file's extension, else json",
    )
    p.add_argument("--brief", action="store_true", help="write the pinned brief (Markdown) instead of the analysis")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    _add_path(p)
    return p


def _parser_fetch() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="briefing fetch",
        description="Download the articles of an RSS/Atom feed or a list of URLs (files or http(s) URLs) "
        "into a story folder. Run it again to fetch what is missing or failed.",
    )
    p.add_argument("inputs", nargs="+", metavar="FEED_OR_URLS", help="a feed or URL-list file, or an http(s) URL of a feed or a page")
    p.add_argument("--output", "-o", metavar="DIR", required=True, help="the story folder to write (created if needed)")
    p.add_argument("--title", help="the story's title, for story.yaml")
    p.add_argument("--limit", type=int, metavar="N", help="at most N articles from each feed")
    p.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS", help="network timeout (default: 15)")
    p.add_argument("--max-size", type=float, default=5.0, metavar="MB", help="largest page to download (default: 5)")
    p.add_argument("--retries", type=int, default=2, metavar="N", help="retries after a transient failure (default: 2)")
    p.add_argument("--delay", type=float, default=1.0, metavar="SECONDS", help="pause between requests to one host (default: 1)")
    return p


def _parser_serve() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing serve", description="Serve the app to a web browser (textual-serve).")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    _add_path(p)
    return p


def _parser_print() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing print", description="Print the whole briefing to standard output.")
    p.add_argument("--width", type=int, help="render at this width (default: the terminal's, or 100)")
    _add_path(p)
    return p


def _error(message: str) -> int:
    from briefing.safe_text import one_line  # paths and file names are untrusted too

    print(f"briefing: {one_line(message)}", file=sys.stderr)
    return EXIT_INPUT


def _load(path: str | None):
    """Load the story, reporting each problem on stderr; None (after a message) if unusable."""
    from briefing.cache import load_story  # the loader's, served from the cache while files are unchanged
    from briefing.safe_text import one_line
    from briefing.loader import StoryError, default_story_path

    try:
        story = load_story(path if path else default_story_path(), on_miss=_prestart)
    except StoryError as exc:
        _error(str(exc))
        return None
    for problem in story.problems:
        print(f"briefing: warning: {one_line(str(problem))}", file=sys.stderr)
    return story


def _prestart(path) -> None:
    """Before reading a story from disk: a big one gets its worker processes started meanwhile."""
    from briefing.analysis.pipeline import prestart

    prestart(path)


def _analyse(story):
    from briefing.analysis import analyse

    return analyse(story)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return FORMATS[args.format]
    suffix = (args.output or "").rsplit(".", 1)[-1].lower() if args.output and "." in args.output else ""
    return FORMATS.get(suffix, "json")


def cmd_export(args: argparse.Namespace) -> int:
    if args.brief and args.format and FORMATS[args.format] != "md":
        return _error("--brief writes Markdown; leave out --format or use --format md")
    if args.brief and args.path == "-":
        return _error("--brief needs a story on disk (its pins are kept next to it), not standard input")
    story = _load(args.path)
    if story is None:
        return EXIT_INPUT
    analysis = _analyse(story)
    if args.brief:
        from briefing.brief import Brief, to_markdown

        from briefing.safe_text import one_line

        brief = Brief.open(story.path)
        for problem in brief.problems:
            print(f"briefing: warning: {one_line(problem)}", file=sys.stderr)
        return _write(to_markdown(brief, analysis), args.output)
    fmt = _format(args)
    if fmt == "md":
        from briefing.export.markdown import to_markdown as render
    elif fmt == "html":
        from briefing.export.html import to_html as render
    else:
        from briefing.export.json_export import chunks

        return _write(chunks(analysis), args.output)  # written as made: a big story's JSON is never whole
    return _write(render(analysis), args.output)


def cmd_fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from briefing.fetch import Options, fetch

    if args.timeout <= 0 or args.max_size <= 0:
        return _error("--timeout and --max-size must be positive")
    if args.retries < 0 or args.delay < 0 or (args.limit is not None and args.limit < 1):
        return _error("--retries and --delay cannot be negative, --limit must be at least 1")
    options = Options(
        timeout=args.timeout,
        max_bytes=int(args.max_size * 2**20),
        retries=args.retries,
        delay=args.delay,
        limit=args.limit,
    )
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        return _error(f"{out}: exists and is not a folder")
    try:
        result = fetch(args.inputs, out, options, title=args.title, report=lambda m: print(f"briefing: {m}", file=sys.stderr))
    except OSError as exc:
        return _error(f"{out}: cannot write: {exc.strerror or exc}")
    if not result.articles:
        return _error("nothing fetched")
    print(f"{out}: {result.articles} articles ({len(result.saved)} new, {len(result.problems)} problems)")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from briefing.loader import STDIN

    if args.path == STDIN:
        return _error("serve needs a story on disk: standard input can be read only once")
    story = _load(args.path)  # fail here, with a message, rather than in every browser session
    if story is None:
        return EXIT_INPUT
    from briefing.serve import serve

    return serve(story.path, host=args.host, port=args.port)


def _write(text: str | Iterable[str], output: str | None) -> int:
    """Write `text`, or its pieces as they are made, to standard output or the file `output`."""
    if output in (None, "-"):
        _put(text, sys.stdout)
        return EXIT_OK
    try:
        with open(output, "w", encoding="utf-8") as fh:
            _put(text, fh)
    except OSError as exc:
        return _error(f"{output}: cannot write: {exc.strerror or exc}")
    return EXIT_OK


def _put(text: str | Iterable[str], out) -> None:  # (out: a text file; typing is not imported for --help's sake)
    if isinstance(text, str):
        out.write(text)
    else:
        out.writelines(text)  # (the file's own buffer batches the pieces)


def cmd_print(args: argparse.Namespace) -> int:
    story = _load(args.path)
    if story is None:
        return EXIT_INPUT
    from briefing.render import print_briefing

    print_briefing(_analyse(story), width=getattr(args, "width", None))
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    if args.version:
        from briefing import __version__

        print(f"briefing {__version__}")
        return EXIT_OK
    web = "web_driver" in os.environ.get("TEXTUAL_DRIVER", "")  # run by `briefing serve` for a browser
    if not sys.stdout.isatty() and not web:
        args.width = None
        return cmd_print(args)
    if args.path == "-":
        return _error("the app reads keys from standard input; use 'briefing print -' or 'briefing export -' for piped text")
    path = _openable(args.path)
    if path is None:
        return EXIT_INPUT
    from briefing.tui.app import BriefingApp

    app = BriefingApp(path)  # it paints at once, then loads and analyses in a worker
    app.run()
    if app.story is not None:  # input problems were shown in the app; keep them on the terminal too
        from briefing.safe_text import one_line

        for problem in app.story.problems:
            print(f"briefing: warning: {one_line(str(problem))}", file=sys.stderr)
    return EXIT_OK


def _openable(path: str | None):
    """The story path for the app, or None after a one-line error for what is plainly unusable
    (missing, or a folder with no article files): checked cheaply, before the screen is taken."""
    from pathlib import Path

    from briefing.story_files import STORY_FILE, StoryError, article_files, default_story_path

    try:
        target = Path(path) if path else default_story_path()
        if not target.exists():
            raise StoryError(f"{target}: no such file or folder")
        if target.is_dir() and not (target / STORY_FILE).exists() and not article_files(target):
            raise StoryError(f"{target}: no articles here")
    except StoryError as exc:
        _error(str(exc))
        return None
    except OSError as exc:
        _error(f"{path}: {exc.strerror or exc}")
        return None
    return target


COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]] = {
    "export": (_parser_export, cmd_export),
    "print": (_parser_print, cmd_print),
    "fetch": (_parser_fetch, cmd_fetch),
    "serve": (_parser_serve, cmd_serve),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        make_parser, run = COMMANDS[argv[0]]
        argv = argv[1:]
    else:
        make_parser, run = _parser_open, cmd_open
    try:
        args = make_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK

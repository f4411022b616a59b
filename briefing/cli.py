"""The command line: `briefing [PATH]`, `briefing export`, `briefing print`.

Imports stay lazy: `--help`, `export` and `print` must not pay for Textual (about half a second).
Exit codes: 0 ok, 1 an unexpected failure, 2 a usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

EXIT_OK, EXIT_INPUT = 0, 2

DESCRIPTION = """\
A terminal news briefing. Point it at a folder of articles about one story (with an optional
story.yaml) and see what happened, who said what, which countries stand where, and where the
outlets agree, differ or contradict each other. With no PATH it opens the bundled default story.
"""

EPILOG = """\
commands:
  briefing [PATH]                         open the app (prints the briefing when not a terminal)
  briefing print [PATH]                   print the briefing to standard output
  briefing export [--format json] [PATH]  write the analysis (JSON schema briefing/1)

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


def _parser_export() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing export", description="Write the story's analysis to a file or stdout.")
    p.add_argument("--format", "-f", choices=["json"], default="json", help="output format (default: json)")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    _add_path(p)
    return p


def _parser_print() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="briefing print", description="Print the whole briefing to standard output.")
    p.add_argument("--width", type=int, help="render at this width (default: the terminal's, or 100)")
    _add_path(p)
    return p


def _error(message: str) -> int:
    print(f"briefing: {message}", file=sys.stderr)
    return EXIT_INPUT


def _load(path: str | None):
    """Load the story, reporting each problem on stderr; None (after a message) if unusable."""
    from briefing.loader import StoryError, default_story_path, load_story

    try:
        story = load_story(path if path else default_story_path())
    except StoryError as exc:
        _error(str(exc))
        return None
    for problem in story.problems:
        print(f"briefing: warning: {problem}", file=sys.stderr)
    return story


def _analyse(story):
    from briefing.analysis import analyse

    return analyse(story)


def cmd_export(args: argparse.Namespace) -> int:
    story = _load(args.path)
    if story is None:
        return EXIT_INPUT
    from briefing.export import json_export

    text = json_export.dumps(_analyse(story))
    return _write(text, args.output)


def _write(text: str, output: str | None) -> int:
    if output in (None, "-"):
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        return _error(f"{output}: cannot write: {exc.strerror or exc}")
    return EXIT_OK


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
    if not sys.stdout.isatty():
        args.width = None
        return cmd_print(args)
    story = _load(args.path)
    if story is None:
        return EXIT_INPUT
    from briefing.tui.app import BriefingApp

    BriefingApp(story).run()
    return EXIT_OK


COMMANDS: dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]] = {
    "export": (_parser_export, cmd_export),
    "print": (_parser_print, cmd_print),
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

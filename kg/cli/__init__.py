"""The kg command: a thin layer over the library; each command is one call.

Exit status: 0 when all went well, 1 when some input could not be used (the
rest was built), 2 when nothing could be done (bad arguments, no model, no
store). Errors are one line on standard error, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys

from .. import __version__
from . import build, evaluate, export, load, query, remove, serve, validate, view

COMMANDS = (build, query, view, validate, load, serve, evaluate, export, remove)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kg", description="Turn news articles into a queryable knowledge graph.")
    ap.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return ap


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that temporary files are removed on the way out."""


def _terminate(signum, frame) -> None:
    raise Terminated()


def entry() -> None:
    """The kg command. After a build the process leaves at once, skipping the interpreter's teardown:
    every output is written, closed and renamed by then, and freeing the build's millions of objects
    one by one took most of a second for 840 articles."""
    args = parser().parse_args()
    code = run(args)
    if args.command != "build":
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:   # a closed pipe: nothing more can be said
        pass
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    return run(parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run a parsed command: its exit status, errors as one line on standard error."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.run(args)
    except BrokenPipeError:   # the reader stopped reading ("kg query ... | head"): nothing to say, no one to say it to
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # (so that flushing at exit is quiet)
        except OSError:
            pass
        return 128 + signal.SIGPIPE
    except KeyboardInterrupt as e:
        print("kg: interrupted; earlier outputs are left as they were", file=sys.stderr)
        return 128 + signal.SIGTERM if isinstance(e, Terminated) else 130
    except Exception as e:   # the last line of defence: one line, never a traceback
        known = getattr(args, "known_errors", ())
        known = known() if callable(known) else known   # commands import their libraries only when run
        label = "" if isinstance(e, known) else f"{type(e).__name__}: "
        print(f"kg {args.command}: {label}{e}", file=sys.stderr)
        return 2

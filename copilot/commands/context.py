"""`copilot analyze` and `copilot packs check`: the context engine on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from copilot.context.present import with_signal_words
from copilot.errors import InputError
from copilot.vocabulary import INDUSTRIES, LANGUAGES

if TYPE_CHECKING:
    from copilot.cli import CommandContext
    from copilot.context.engine import Analysis


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = sub.add_parser(
        "analyze",
        help="hints, tone signals and PII for a message read on stdin",
        description=(
            "Analyse one message read from standard input (UTF-8): industry hints, tone"
            " signals, PII. Needs no database."
        ),
    )
    analyze.add_argument(
        "--role",
        choices=("customer", "agent"),
        default="customer",
        help="whose text it is: the customer's message or the agent's draft (default: customer)",
    )
    analyze.add_argument(
        "--customer",
        metavar="TEXT",
        help="with --role agent: the customer's message, to check the draft acknowledges it",
    )
    analyze.add_argument(
        "--industry",
        choices=("auto", *INDUSTRIES),
        default="auto",
        metavar="NAME|auto",
        help=f"campaign industry ({', '.join(INDUSTRIES)}) or auto (default)",
    )
    analyze.add_argument(
        "--lang",
        choices=("auto", *LANGUAGES),
        default="auto",
        help="language of the text (default: auto)",
    )
    analyze.add_argument("--json", action="store_true", help="print the analysis as JSON")
    analyze.set_defaults(handler=_analyze)

    packs = sub.add_parser("packs", help="hint pack tools", description="Hint pack tools.")
    packs_sub = packs.add_subparsers(dest="packs_command", metavar="ACTION")
    check = packs_sub.add_parser(
        "check",
        help="validate hint packs; print each problem as FILE:LINE: message",
        description="Validate every *.toml hint pack in DIR (default: the shipped packs).",
    )
    check.add_argument("directory", nargs="?", metavar="DIR", type=Path)
    check.set_defaults(handler=_packs_check)
    packs.set_defaults(handler=lambda _args, _ctx: _usage(packs))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def read_text(stream: BinaryIO) -> str:
    """All of `stream` as UTF-8 text; invalid UTF-8 is a one-line InputError, not a traceback."""
    data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"standard input is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset"
            f" {exc.start}); convert it first, e.g. `iconv -f latin1 -t utf-8`"
        ) from None


def _analyze(args: argparse.Namespace, _ctx: CommandContext) -> int:
    if args.customer is not None and args.role != "agent":
        raise InputError("--customer is only used with --role agent")
    text = read_text(sys.stdin.buffer)
    from copilot.context.engine import Engine

    engine = Engine()
    analysis = engine.analyze(
        text,
        role=args.role,
        customer_text=args.customer,
        industry=args.industry,
        language=args.lang,
    )
    if args.json:
        print(analysis.to_json())
    else:
        print(format_summary(analysis, text))
    return 0


def _snippet(text: str, start: int, end: int, limit: int = 60) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= limit else piece[: limit - 1] + "…"


def format_summary(analysis: Analysis, text: str) -> str:
    """A short human-readable summary of an analysis."""
    lines = [f"language: {analysis.language}    industry: {analysis.industry}"]
    if analysis.truncated:
        lines.append("note: long text; hints and tone looked at its first and last part only")
    # A signal whose kind a hint covers (the hint is its playbook, see the packs' `signal`)
    # is printed with that hint, not again on its own: the same thing said twice is noise.
    covered = {hint.signal for hint in analysis.hints if hint.signal}
    if analysis.hints:
        lines.append("hints:")
        for hint in analysis.hints:
            words = hint.why
            kind = ""
            for signal in analysis.signals:
                if signal.kind == hint.signal:
                    words = with_signal_words(words, _snippet(text, signal.start, signal.end))
                    kind = f"; signal: {signal.kind}"
            why = ", ".join(words)
            lines.append(f"  [{hint.severity}] {hint.title}  ({hint.id}{kind}; why: {why})")
            lines.append(f"      {hint.text}")
    else:
        lines.append("hints: none")
    own = [signal for signal in analysis.signals if signal.kind not in covered]
    if own:
        lines.append("signals:")
        for signal in own:
            quoted = _snippet(text, signal.start, signal.end)
            where = f' "{quoted}"' if signal.end > signal.start else ""
            lines.append(f"  {signal.kind}:{where} {signal.message}")
            lines.append(f"      -> {signal.suggestion}")
    elif analysis.signals:
        lines.append("signals: none besides those shown with their hints")
    else:
        lines.append("signals: none")
    if analysis.pii:
        counts: dict[str, int] = {}
        for match in analysis.pii:
            counts[match.kind] = counts.get(match.kind, 0) + 1
        found = ", ".join(f"{kind} x{count}" for kind, count in counts.items())
        lines.append(f"pii: {found}")
        lines.append(f"redacted: {_snippet(analysis.redacted, 0, len(analysis.redacted), 400)}")
    else:
        lines.append("pii: none")
    return "\n".join(lines)


def _packs_check(args: argparse.Namespace, _ctx: CommandContext) -> int:
    from copilot.context.packs import default_packs_dir, load_packs
    from copilot.context.reasons import check_reasons

    directory: Path = args.directory or default_packs_dir()
    if not directory.is_dir():
        raise InputError(f"{directory}: no such folder")
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise InputError(f"{directory}: no *.toml hint packs in this folder")
    result = load_packs(directory, files=files)
    errors = list(result.errors)
    for path in files:
        errors.extend(check_reasons(path)[1])  # the wrap-up's reason codes, at each file's end
    for error in errors:
        print(error.message)
    bad_paths = {error.path for error in errors}
    bad = len(bad_paths)
    good = [pack for pack in result.packs if pack.path not in bad_paths]
    ok, hints = len(good), sum(len(pack.hints) for pack in good)
    print(
        f"{ok} pack(s) OK ({hints} hints), {bad} with errors",
        file=sys.stderr,
    )
    return 1 if errors else 0

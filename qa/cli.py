"""The ``qa`` command: build, search, ask, serve, eval. Errors are one line and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import threading
import time
from pathlib import Path

from .ask.understand import check_query
from .config import DEFAULT_BACKEND, DEFAULT_MODEL, Config
from .errors import ACTIONS, QAError
from .index.embed import BACKENDS
from .ingest.read import suffixes
from .text import CLAUSE_VECTORS

log = logging.getLogger("qa")
FILL_EVERY_S = 30.0  # how often a serving page looks for clauses without stored vectors (after a change)

DEFAULT_INDEX = os.environ.get("QA_INDEX", "index")
DEFAULT_SOURCES = os.environ.get("QA_SOURCES", "seeds")


# C0/C1 controls (ESC starts terminal escapes) and bidi overrides; newline and tab are kept
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text) -> str:
    """Text from a report or file name made harmless for a terminal: controls shown as \\xNN."""
    return CONTROL.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
        str(text),
    )


def phrase(exc: QAError, args) -> str:
    """The library's error as one line, its fix named as the ``qa`` command that does it."""
    index = exc.details.get("index") or getattr(args, "index", DEFAULT_INDEX)
    sources = " ".join(exc.details.get("sources", [])[:1]) or "SOURCES"
    commands = {
        "build": f"build one with: qa build {sources} --index {index}",
        "rebuild": f"rebuild with: qa build {sources} --index {index}",
        "update": f"update it with: qa build {sources} --index {index}",
        "edit": "set it with: qa edit FILE --region … --year …",
        "list": "`qa list` shows the collection",
    }
    fix = exc.hint or commands.get(exc.action or "") or ACTIONS.get(exc.action or "")
    line = f"{exc.message}; {fix}" if fix else exc.message
    return " ".join(line.split())  # one line, whatever the message held


def _chosen(args) -> dict:
    """The model settings given on the command line (none: the index's own, or the defaults)."""
    return {k: v for k in ("model", "backend", "store", "clause_vectors") if (v := getattr(args, k, None))}


def _config(args) -> Config:
    """The configuration the flags ask for (model, backend, vector store), defaults for the rest."""
    given = _chosen(args)
    if given.get("store"):
        from .index.milvus_store import normalise

        given["store"] = normalise(given["store"])
    return Config(**given)


def open_index(args, rebuild_stale: bool = False):
    """Open ``--index``; build it from ``--sources`` when it does not exist yet."""
    from .api import ReportQA
    from .index.store import read_manifest

    index = Path(args.index)
    if not (index / "manifest.json").exists():
        log.info("no index at %s yet: building it from %s", index, args.sources)
        return ReportQA.build(args.sources, index, _config(args), progress=True)
    if rebuild_stale:
        manifest = read_manifest(index)
        return ReportQA.open_or_build(
            manifest.get("sources") or args.sources,
            index,
            _config(args) if _chosen(args) else None,
            progress=True,
        )
    return ReportQA.open(index, _config(args) if _chosen(args) else None)


def _filters(args) -> dict:
    return {k: v for k, v in {"region": args.region, "year": args.year}.items() if v}


def cmd_build(args) -> int:
    from .api import ReportQA

    rqa = ReportQA.build(args.sources, args.index, _config(args), progress=not args.quiet)
    docs = rqa.documents()
    print(f"indexed {len(docs)} reports, {sum(d.chunks for d in docs)} chunks into {args.index}")
    for d in docs:
        print(safe(f"  {d.doc}  {d.region or '?'}  {d.year or '?'}  {d.chunks} chunks  {d.title}"))
    for name, why in rqa.last_update.skipped.items():
        print(safe(f"skipped: {name} ({why})"))
    return 0


def _print_update(update) -> None:
    for label, names in (("added", update.added), ("replaced", update.replaced), ("removed", update.removed)):
        for name in names:
            print(safe(f"{label}: {name}"))
    for name, why in update.skipped.items():
        print(safe(f"skipped: {name} ({why})"))
    for warning in update.warnings:
        print(safe(f"warning: {warning}"), file=sys.stderr)


def cmd_add(args) -> int:
    from .api import ReportQA

    rqa = ReportQA.open(args.index, check_sources=False)
    update = rqa.add(args.paths, progress=not args.quiet)
    _print_update(update)
    print(f"{len(rqa.documents())} reports in {args.index}; {update.embedded} chunks embedded")
    return 1 if update.skipped and not (update.added or update.replaced) else 0


def cmd_remove(args) -> int:
    from .api import ReportQA

    _print_update(ReportQA.open(args.index, check_sources=False).remove(args.docs))
    return 0


def cmd_edit(args) -> int:
    from .api import ReportQA

    rqa = ReportQA.open(args.index, check_sources=False)
    rqa.set_metadata(args.doc, region=args.region, year=args.year, bureau=args.bureau)
    d = next(d for d in rqa.documents() if d.doc == args.doc)
    print(safe(f"{d.doc}: {d.bureau} · {d.region} · {d.year}"))
    return 0


def cmd_list(args) -> int:
    from .index.store import doc_infos, read_manifest

    manifest = read_manifest(Path(args.index))
    docs = doc_infos(manifest)
    if args.json:
        print(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=1))
        return 0
    print(f"{len(docs)} reports, {sum(d.chunks for d in docs)} chunks, model {manifest['model']}")
    for d in docs:
        place = " › ".join([*d.parents, d.region]) if d.region else "?"
        years = "、".join(map(str, d.years)) or d.year or "?"
        print(
            safe(
                f"  {d.doc}  {place} ({d.level or '?'})  {years}  {d.chunks} chunks  "
                f"added {d.added or '?'}  {d.title}"
            )
        )
    return 0


def _print_passages(passages) -> None:
    for i, p in enumerate(passages, start=1):
        print(safe(f"[{i}] {p.citation()}  (score {p.score:.4f})"))
        print(safe("    " + p.text.replace("\n", "\n    ")))


def cmd_search(args) -> int:
    check_query(args.question)
    rqa = open_index(args)
    passages = rqa.search(args.question, k=args.k, filters=_filters(args))
    if args.json:
        print(json.dumps([p.to_dict() for p in passages], ensure_ascii=False, indent=1))
    else:
        _print_passages(passages)
    return 0


def cmd_ask(args) -> int:
    check_query(args.question)
    rqa = open_index(args)
    ans = rqa.ask(args.question, k=args.k, filters=_filters(args))
    if args.json:
        print(json.dumps(ans.to_dict(), ensure_ascii=False, indent=1))
        return 0
    if ans.answer:
        print(safe(f"答案 / answer: {ans.answer}   [1]"))
    if ans.note:
        print(safe(ans.note))
    _print_passages(ans.passages)
    return 0


def cmd_indicator(args) -> int:
    check_query(args.question)
    rqa = open_index(args)
    ind = rqa.indicator(args.question, filters=_filters(args))
    if args.csv:
        Path(args.csv).write_text(ind.to_csv(), encoding="utf-8-sig")  # -sig: spreadsheets read it as UTF-8
    if args.json:
        print(json.dumps(ind.to_dict(), ensure_ascii=False, indent=1))
        return 0
    for r in ind.rows:
        figure = f"{r.figure}  [{r.citation()}]" if r.stated else "未提及 / not stated"
        print(f"{r.region or '?'}\t{r.year or '?'}\t{figure}")
        if r.stated:
            print(f"    {r.noun or '—'} · {r.sentence}")
    if ind.note:
        print(ind.note)
    if args.csv:
        print(f"CSV: {args.csv} ({len(ind.rows)} rows)")
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    from .serve.app import import_page, logins_from_env, make_app

    logins = logins_from_env()  # a malformed login stops the server before anything is loaded
    if args.allow_upload and logins is None:
        raise QAError(
            "--allow-upload lets the page change the collection, so it needs a login",
            "set QA_AUTH or QA_AUTH_FILE",
        )
    import_page()  # gradio before the index: the page is served while the encoder is still loading
    rqa = open_index(args, rebuild_stale=True)
    app = make_app(rqa, host=args.host, port=args.port, logins=logins, allow_upload=args.allow_upload)
    server = uvicorn.Server(uvicorn.Config(app, host=args.host, port=args.port, log_level="warning"))
    threading.Thread(target=fill_when_serving, args=(rqa, server), name="qa-fill", daemon=True).start()
    print(f"* Running on http://{args.host}:{args.port}", flush=True)
    server.run()
    return 0


def fill_when_serving(rqa, server, poll_s: float = 0.2, every_s: float = FILL_EVERY_S) -> None:
    """While the page answers, keep the vectors of every clause stored (``ReportQA.fill_clauses``):
    once it is up, so the page is not slower to come up, then every ``every_s`` seconds, which finds
    nothing to do unless the collection changed (an upload, or ``qa add`` from another process). A
    failed fill is logged and tried again later, never fatal to the page."""
    while not server.started and not server.should_exit:
        time.sleep(poll_s)
    due = 0.0
    while not server.should_exit:
        if time.monotonic() >= due:
            t0 = time.perf_counter()
            try:
                added = rqa.fill_clauses()
            except Exception as exc:  # a full disk or a read-only index: answers embed those clauses
                log.warning("could not store the remaining clause vectors: %s", exc)
                added = 0
            if added:
                took = time.perf_counter() - t0
                log.info("stored %d more clause vectors in %.1f s: answers no longer embed them", added, took)
            due = time.monotonic() + every_s
        time.sleep(poll_s)


def cmd_eval(args) -> int:
    from .evaluate import evaluate, format_report, load_questions

    questions = load_questions(args.file)  # a malformed file is refused before the model loads
    rqa = open_index(args)
    result = evaluate(rqa, questions)
    print(format_report(result))
    if args.details:
        for d in result["details"]:
            print(json.dumps(d, ensure_ascii=False))
    return 0


class Parser(argparse.ArgumentParser):
    """argparse with its usage errors as one line and exit code 2, like every other error here."""

    def error(self, message: str):
        print(f"error: {self.prog}: {message}; see {self.prog} --help", file=sys.stderr)
        sys.exit(2)


def parser() -> argparse.ArgumentParser:
    top = Parser(
        prog="qa",
        description="Cited question answering over Chinese government annual reports, fully offline.",
        epilog='Example: qa ask "湟中区2024年查处了多少起环境违法行为"  '
        "(builds ./index from ./seeds on first use)",
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log progress and timings")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p, sources_positional=False):
        p.add_argument(
            "--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX}, or $QA_INDEX)"
        )
        if not sources_positional:
            p.add_argument(
                "--sources",
                default=DEFAULT_SOURCES,
                help=f"reports to index when the index does not exist yet (default: {DEFAULT_SOURCES})",
            )
        p.add_argument(
            "--model", default=None, help=f"sentence-transformers name or folder (default: {DEFAULT_MODEL})"
        )
        p.add_argument(
            "--backend",
            choices=BACKENDS,
            default=None,
            help=f"how the model runs (default: {DEFAULT_BACKEND}; torch is sentence-transformers itself)",
        )
        p.add_argument(
            "--store",
            default=None,
            help="where the vectors live: faiss (default), milvus:PATH.db (embedded Milvus Lite) "
            "or http://host:19530 (Milvus server)",
        )

    p = sub.add_parser(
        "build",
        help="index a folder (or files) of reports",
        description="Index reports; only new or changed files are embedded again.",
    )
    p.add_argument("sources", nargs="+", help=f"report files or folders of reports ({' '.join(suffixes())})")
    common(p, sources_positional=True)
    p.add_argument(
        "--clause-vectors",
        choices=CLAUSE_VECTORS,
        default=None,
        help="clauses embedded at build: figures (default) or all (faster answers, slower build)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)

    for name, func, text in (
        ("search", cmd_search, "the best passages for a question"),
        ("ask", cmd_ask, "the answer with cited passages"),
    ):
        p = sub.add_parser(name, help=text, description=f"Print {text}.")
        p.add_argument("question", help="a question in Chinese or English")
        p.add_argument("-k", type=int, default=5, help="number of passages (default: 5)")
        p.add_argument("--region", help="only reports of this region (e.g. 湟中区, Huangzhong)")
        p.add_argument("--year", type=int, help="only reports on this year")
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        common(p)
        p.set_defaults(func=func)

    p = sub.add_parser(
        "indicator",
        help="one figure across every report: a cited table, CSV",
        description="One row per report in scope (各地…, 历年…): the figure as printed, its value and unit, "
        "what it counts, the cited sentence and offsets, or 'not stated'.",
    )
    p.add_argument("question", help="e.g. 各地查处环境违法案件数")
    p.add_argument("--region", help="only reports of this region (or places under it)")
    p.add_argument("--year", type=int, help="only reports on this year")
    p.add_argument("--csv", metavar="FILE", help="also write the rows as CSV (UTF-8) to FILE")
    p.add_argument("--json", action="store_true", help="print JSON (rows, groups, chart) instead of text")
    common(p)
    p.set_defaults(func=cmd_indicator)

    p = sub.add_parser(
        "add",
        help=f"add or replace reports ({' '.join(suffixes())})",
        description="Add new reports or replace changed ones; only they are embedded. "
        "An identical file under another name is skipped.",
    )
    p.add_argument("paths", nargs="+", help="report files or folders")
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser(
        "remove",
        help="remove reports by file name",
        description="Remove reports from the index (the files stay on disk).",
    )
    p.add_argument("docs", nargs="+", help="file names as `qa list` shows them")
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser(
        "list",
        help="the reports in the index",
        description="List reports with region, year, chunks and when they were added.",
    )
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "edit",
        help="correct a report's region, year or bureau",
        description="Set metadata the text did not give (no re-embedding).",
    )
    p.add_argument("doc", help="file name as `qa list` shows it")
    p.add_argument("--region", help="e.g. 湟中区")
    p.add_argument("--year", type=int, help="the year reported on")
    p.add_argument("--bureau", help="e.g. 湟中区生态环境局")
    p.add_argument("--index", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser(
        "serve",
        help="start the chat page",
        description="Start the Gradio page (builds the index on first run).",
    )
    p.add_argument(
        "--host", default=os.environ.get("QA_HOST", "127.0.0.1"), help="address to bind (default: 127.0.0.1)"
    )
    p.add_argument(
        "--port", type=int, default=int(os.environ.get("QA_PORT", "7860")), help="port (default: 7860)"
    )
    p.add_argument(
        "--allow-upload",
        action="store_true",
        help="let logged-in users add reports from the page (off by default; needs QA_AUTH or QA_AUTH_FILE)",
    )
    common(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "eval",
        help="measure retrieval and answers on a question file",
        description="Print recall@1/5, MRR@10 per retriever and answer accuracy for a JSONL question file.",
    )
    p.add_argument("file", help="JSONL with question, doc, evidence, answer, type, difficulty")
    p.add_argument("--details", action="store_true", help="also print each question's outcome")
    common(p)
    p.set_defaults(func=cmd_eval)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    if not args.verbose:
        logging.getLogger("qa").setLevel(logging.INFO)
        for noisy in ("sentence_transformers", "transformers", "faiss", "bm25s", "httpx"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        return args.func(args)
    except QAError as exc:
        print(f"error: {phrase(exc, args)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the previous index (if any) is unchanged", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

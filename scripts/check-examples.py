#!/usr/bin/env python3
"""Runs every Python example in the lessons that is followed by its output, and checks that the
output shown is what the example really prints.

An example is a ```python block; its output is the next ```text block, if only prose stands
between them. Numbers (PIDs, timings, dates) differ from run to run, so every run of digits
compares equal to any other, and so do HTTP dates. An example that talks to
http://127.0.0.1:8000/ gets a local server, started here in an empty folder.
"""

import http.server
import pathlib
import re
import socket
import subprocess
import sys
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(\w+)\n(.*?)```", re.S)


def normalise(text: str) -> str:
    text = re.sub(r"(Date: ).*", r"\1<date>", text)
    return re.sub(r"\d+", "#", text).strip()


def examples(path: pathlib.Path):
    blocks = [(m.group(1), m.group(2), m.start(), m.end()) for m in BLOCK.finditer(path.read_text())]
    for (lang, code, _, end), (next_lang, output, start, _) in zip(blocks, blocks[1:]):
        between = path.read_text()[end:start]
        if lang == "python" and next_lang == "text" and "```" not in between:
            yield code, output


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_empty_folder() -> int:
    folder = tempfile.mkdtemp()
    handler = lambda *a: QuietHandler(*a, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def check_exercise_snippets() -> tuple[int, int]:
    """Every snippet of the I/O-or-CPU exercise is valid Python (its `- |`, `io |` and `cpu |`
    lines, in order, compile)."""
    good = bad = 0
    for path in sorted(ROOT.glob("content/*/exercises/*.md")):
        snippets = re.split(r"^## ", path.read_text(), flags=re.M)[1:]
        for snippet in snippets:
            title = snippet.splitlines()[0]
            code = "\n".join(
                line.split("|", 1)[1].removeprefix(" ")
                for line in snippet.splitlines()[1:]
                if re.match(r"(io|cpu|-) \|", line)
            )
            try:
                compile(code, f"{path.name}: {title}", "exec")
                good += 1
            except SyntaxError as error:
                bad += 1
                print(f"FAIL {path.relative_to(ROOT)}: snippet {title!r} is not valid Python: {error}")
    return good, bad


def main() -> int:
    port = serve_empty_folder()
    passed = failed = 0
    for path in sorted(ROOT.glob("content/*/*.md")):
        for code, expected in examples(path):
            code = code.replace("127.0.0.1:8000", f"127.0.0.1:{port}")
            with tempfile.TemporaryDirectory() as work:
                script = pathlib.Path(work, "example.py")
                script.write_text(code)
                run = subprocess.run(
                    [sys.executable, str(script)], cwd=work, capture_output=True, text=True, timeout=120
                )
            if run.returncode == 0 and normalise(run.stdout) == normalise(expected):
                passed += 1
            else:
                failed += 1
                first = code.strip().splitlines()[0]
                print(f"FAIL {path.relative_to(ROOT)}: example starting {first!r}")
                print("  shown:\n    " + expected.strip().replace("\n", "\n    "))
                print("  printed:\n    " + (run.stdout + run.stderr).strip().replace("\n", "\n    "))
    print(f"examples: {passed} passed, {failed} failed")
    snippets, broken = check_exercise_snippets()
    print(f"exercise snippets: {snippets} compile, {broken} do not")
    failed += broken
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())

"""演示：把每个模板的样例数据和 samples/ 下的 Markdown 文稿渲染到 OUTDIR，再审校。

Usage: python scripts/demo.py OUTDIR

Every template folder (so new templates appear by themselves) gives ``<id>.md`` (the Markdown
draft), ``<id>.txt`` (plain text) and ``<id>.docx``; every ``samples/*.md`` gives ``<stem>.txt``
and ``<stem>.docx``; every ``samples/*年终总结.yaml`` (a year-end summary from data alone) gives
``<stem>.md``, ``<stem>.txt`` and ``<stem>.docx``. Earlier demo output in OUTDIR is
overwritten. When the ``drafting lint`` command is present, the plain texts are linted through
it (JSON output) and the findings are counted per file; without it the demo says so and still
succeeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from drafting.drafts.templating import available_templates
from drafting.errors import DraftingError
from drafting.render import Draft, prepare, write_output

ROOT = Path(__file__).resolve().parent.parent


def docx_available() -> bool:
    """Whether the .docx builder (``drafting.layout.build_docx``) is present."""
    import drafting.layout

    return hasattr(drafting.layout, "build_docx")


def lint_available() -> bool:
    """Whether the ``drafting lint`` command is registered."""
    from drafting.cli import cli

    return "lint" in cli.commands


def write_all(draft: Draft, outdir: Path, stem: str, formats: list[str]) -> list[Path]:
    return [write_output(draft, outdir / f"{stem}.{to}", to=to, force=True) for to in formats]


def lint(paths: list[Path]) -> dict[str, int]:
    """Findings per file, from ``drafting lint --format json``."""
    command = [sys.executable, "-m", "drafting", "lint", "--format", "json", *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.strip() or f"drafting lint 退出码 {done.returncode}")
    report = json.loads(done.stdout)
    return {Path(item["path"]).name: len(item["findings"]) for item in report["files"]}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python scripts/demo.py OUTDIR", file=sys.stderr)
        return 2
    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    with_docx = docx_available()
    if not with_docx:
        print("提示：.docx 生成器（drafting.layout.build_docx）尚未就绪，本次只生成 .md 和 .txt。")
    written: list[Path] = []
    failed = 0
    jobs: list[tuple[str, str, Path | None, list[str]]] = [
        (info.id, info.id, info.sample_path, ["md", "txt"]) for info in available_templates()
    ]
    jobs += [
        (str(path), path.stem, None, ["txt"]) for path in sorted((ROOT / "samples").glob("*.md"))
    ]
    jobs += [  # data-only year-end summaries (figures with their own words, order from data)
        ("annual-summary", path.stem, path, ["md", "txt"])
        for path in sorted((ROOT / "samples").glob("*年终总结.yaml"))
    ]
    for target, stem, data, formats in jobs:
        try:
            draft = prepare(target, data)
            written += write_all(draft, outdir, stem, formats + (["docx"] if with_docx else []))
        except DraftingError as exc:
            failed += 1
            print(f"失败：{stem}：{exc}", file=sys.stderr)
    texts = [path for path in written if path.suffix == ".txt"]
    print(f"已渲染 {len(jobs) - failed} 份文稿，共写出 {len(written)} 个文件到 {outdir}/")
    for path in written:
        print(f"  {path}")
    if not lint_available():
        print("提示：审校命令 drafting lint 尚未就绪，跳过审校。")
    else:
        try:
            counts = lint(texts)
        except (RuntimeError, ValueError, KeyError) as exc:
            print(f"审校未能完成：{exc}", file=sys.stderr)
            return 1
        print("审校结果：" + "；".join(f"{name} {n} 条" for name, n in counts.items()))
        review_faulty_draft(ROOT / "samples" / "时评初稿-待修改.txt", outdir)
    return 1 if failed else 0


def review_faulty_draft(draft: Path, outdir: Path) -> None:
    """Lint a commentary draft with typical faults, as a reviewer would: the findings in the
    terminal, and the same findings as an offline HTML page in OUTDIR."""
    report = outdir / "审校报告.html"
    base = [sys.executable, "-m", "drafting", "lint", str(draft)]  # the kind is read from the text
    print(f"\n审校一篇有毛病的时评初稿（{draft.name}）：")
    subprocess.run(base, check=False)
    subprocess.run([*base, "--format", "html", "-o", str(report), "--force"], check=False)
    print(f"网页报告：{report}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

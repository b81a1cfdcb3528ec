"""Layouts of the corpus made with Python tools (called by make.mjs).

  pdf-markdown.md         report.pdf → Markdown by pymupdf4llm (a PDF→Markdown
                          converter as people use to get text out of a PDF)
  traditional-pinyin.txt  chromium-text.txt → traditional script by OpenCC (not
                          the converter the importer uses), with a pypinyin tone
                          annotation after every character the conversion changed,
                          as some government sites print ("報(bào)告")

usage: python convert.py DIR REPORT...
"""

import os
import sys

import opencc
import pymupdf4llm
from pypinyin import Style, pinyin

to_traditional = opencc.OpenCC("s2t")


def annotated(simplified: str) -> str:
    out = []
    traditional = to_traditional.convert(simplified)
    for s, t in zip(simplified, traditional):
        out.append(t)
        if s != t:
            out.append("(" + pinyin(s, style=Style.TONE)[0][0] + ")")
    return "".join(out)


def main() -> None:
    folder, reports = sys.argv[1], sys.argv[2:]
    for r in reports:
        at = lambda name: os.path.join(folder, r, name)
        with open(at("pdf-markdown.md"), "w", encoding="utf-8") as f:
            f.write(pymupdf4llm.to_markdown(at("report.pdf"), show_progress=False))
        with open(at("chromium-text.txt"), encoding="utf-8") as f:
            text = f.read()
        with open(at("traditional-pinyin.txt"), "w", encoding="utf-8") as f:
            f.write(annotated(text))


if __name__ == "__main__":
    main()

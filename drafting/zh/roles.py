"""The style-role names: the Word paragraph style of each part of a 公文.

The builder (:mod:`drafting.layout.styles`) gives every paragraph one of these styles; the .docx
reader (:mod:`drafting.sources.docx`) reads a paragraph's role back from its style: the title,
a heading, or a line of the 版头 or 版记 (checked for form, but not body text). Both take the
names from here, so a renamed style cannot quietly stop the reader from seeing it.
"""

from __future__ import annotations

import re

TITLE = "公文标题"
MARK = "发文机关标志"
COPY_NUMBER = "份号"
CLASSIFICATION = "密级和保密期限"
URGENCY = "紧急程度"
DOC_NUMBER = "发文字号"
RECIPIENTS = "主送机关"
BODY = "正文"
HEADINGS = ("一级标题", "二级标题", "三级标题", "四级标题")
LIST_ITEM = "列表"
TABLE_TEXT = "表格文字"
ATTACHMENT_NOTE = "附件说明"
SIGNATURE = "署名"
DATE = "成文日期"
NOTE = "附注"
ATTACHMENT_LABEL = "附件标识"
ATTACHMENT_TITLE = "附件标题"
CC = "抄送"
PRINTER = "印发"
PAGE_NUMBER = "页码"
AUTHOR = "作者"

#: Styles a reader takes for the title (compared in lower case): ours, Word's built-in
#: ``Title`` and its name in Chinese Word.
TITLE_STYLES = frozenset(("title", TITLE, "标题"))
#: The styles of the 版头 and 版记: their lines are read and checked for form, but are not body
#: text (a thesis 150 characters in is counted from the first body line).
META_STYLES = frozenset(
    (COPY_NUMBER, CLASSIFICATION, URGENCY, MARK, DOC_NUMBER, CC, PRINTER, PAGE_NUMBER)
)
#: Heading styles: Word's ``Heading 1``–``9`` (``标题 1`` in Chinese Word) and ours (一级标题 …).
HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$|^([一二三四])级标题$", re.IGNORECASE)

"""Parsers' complaints in Chinese: TOML (tomllib), JSON, YAML (PyYAML), CSV and Jinja.

The parsers report problems in English. Each table below maps a parser's wording (a regular
expression over the stable part of its message) to what is said instead, in Chinese; the line
and column the parser gives are kept. A message no pattern knows is shown as the parser wrote
it, after a Chinese description (``TOML 解析器报告“…”``), so nothing is lost; a message that
is Chinese already (our own filters raise those) is shown as it is.

The tables are code, not ``corpus/`` files: they are few, tied to each parser's wording and
regular-expression groups, and not vocabulary a writer would extend.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from typing import Any

_CJK = re.compile(r"[\u4e00-\u9fff]")

#: (pattern, Chinese): a pattern's groups fill ``{0}``, ``{1}`` … (each shown by :func:`_shown`;
#: a group named ``type1``/``type2`` is a Python type, said in Chinese by :func:`_type_name`).
Table = tuple[tuple[re.Pattern[str], str], ...]


def _table(*rows: tuple[str, str]) -> Table:
    return tuple((re.compile(pattern), text) for pattern, text in rows)


TOML_MESSAGES = _table(
    (r"^Invalid statement$", "无法识别的语句：每行应为“键 = 值”或“[表名]”；中文键名须加英文双引号"),
    (r"^Expected '=' after a key in a key/value pair$", "键后缺少“=”；中文键名须加英文双引号"),
    (r"^Expected newline or end of document after a statement$",
     "值后面多了内容；一行只写一个“键 = 值”"),
    (r"^Expected '\]' at the end of a table declaration$", "表名缺少右方括号“]”"),
    (r"^Expected '\]\]' at the end of an array declaration$", "表数组名缺少“]]”"),
    (r"^Expected (.+)$", "字符串没有闭合（缺少{0}）"),
    (r"^Found invalid character (.+)$", "含有不允许的字符：{0}"),
    (r"^Illegal character (.+)$", "字符串中含有不允许的字符：{0}；字符串须在同一行内闭合"),
    (r"^Cannot declare (.+) twice$", "表{0}重复声明；请删去其中一个"),
    (r"^Cannot overwrite a value$", "字段重复出现；请删去其中一个"),
    (r"^Cannot mutate immutable namespace (.+)$", "{0}已写成完整的值，不能再往里添加字段"),
    (r"^Cannot redefine namespace (.+)$", "不能重新定义{0}"),
    (r"^Invalid initial character for a key part$",
     "键名以不允许的字符开头；中文键名须加英文双引号"),
    (r"^Unclosed array$", "数组缺少右方括号“]”"),
    (r"^Unclosed inline table$", "内联表缺少右花括号“}}”"),
    (r"^Duplicate inline table key (.+)$", "内联表中的键{0}重复"),
    (r"^Unescaped '\\' in a string$", "字符串中的反斜杠“\\”须写成“\\\\”（或改用单引号字符串）"),
    (r"^Invalid hex value$", "\\u 或 \\U 转义后不是有效的十六进制数"),
    (r"^Escaped character is not a Unicode scalar value$", "转义得到的不是有效的 Unicode 字符"),
    (r"^Unterminated string$", "字符串没有闭合（缺少引号）"),
    (r"^Invalid date or datetime$", "日期或时间无效"),
    (r"^Invalid value$", "值无效：文字须加英文双引号，日期写作 2026-11-20，真假写作 true/false"),
)  # fmt: skip

JSON_MESSAGES = _table(
    (r"^Expecting value$", "此处缺少值"),
    (r"^Expecting ',' delimiter$", "缺少逗号"),
    (r"^Expecting ':' delimiter$", "缺少冒号"),
    (r"^Expecting property name enclosed in double quotes$",
     "字段名须用英文双引号括起，或多了一个逗号"),
    (r"^Unterminated string starting at$", "引号没有闭合"),
    (r"^Extra data$", "末尾有多余内容"),
    (r"^Invalid control character at$", "字符串中有换行或控制字符"),
    (r"^Invalid \\escape", "字符串中的反斜杠“\\”须写成“\\\\”"),
    (r"^Invalid \\uXXXX escape$", "\\u 后应为四位十六进制数"),
    (r"^Illegal trailing comma before end of (?:object|array)$", "末尾多了一个逗号"),
    (r"^Unexpected UTF-8 BOM", "含有多余的 BOM 标记；请另存为 UTF-8"),
)  # fmt: skip

CSV_MESSAGES = _table(
    (r"^field larger than field limit \((\d+)\)$",
     "有一格超过 {0} 个字符，多半是引号没有闭合（一格里的英文双引号要写两个）"),
    (r"^line contains NUL", "含有空字符（NUL），不是文本 CSV；请在 Excel 中另存为 CSV UTF-8"),
    (r"^new-line character seen in unquoted field",
     "未加引号的格里有换行；含换行的格请加英文双引号"),
    (r"^unexpected end of data$", "文件在引号中间结束：引号没有闭合"),
)  # fmt: skip

#: Matched against ``context problem`` (PyYAML's two parts, the context first).
YAML_MESSAGES = _table(
    (r"found character '\\t' that cannot start any token|found a tab character",
     "含有 Tab 字符；YAML 只能用空格缩进，请把 Tab 换成空格"),
    (r"mapping values are not allowed", "此处不应出现冒号；值中含“: ”时请给整个值加引号"),
    (r"could not find expected ':'", "缺少冒号，或上一行的缩进不对"),
    (r"block collection expected <block end>, but found '\?'",
     "列表项（- 开头）与“字段: 值”混在同一层；请对齐缩进"),
    (r"did not find expected key|expected <block end>", "缩进不一致；同一层的字段应对齐"),
    (r"did not find expected '-' indicator", "列表项缩进不一致；同一列表的“- ”应对齐"),
    (r"found undefined alias '(.+?)'", "引用了未定义的锚点“*{0}”"),
    (r"found duplicate anchor '(.+?)'", "锚点“&{0}”重复定义"),
    (r"expected a single document", "只能含一个 YAML 文档（多了一行 ---）"),
    (r"flow sequence expected ',' or '\]'", "方括号列表缺少逗号或右方括号“]”"),
    (r"flow mapping expected ',' or '\}'", "花括号映射缺少逗号或右花括号“}}”"),
    (r"quoted scalar found unexpected end of stream", "引号没有闭合"),
    (r"found unknown escape character ('.+?'|\".+?\")",
     "双引号中的“\\”后不能跟{0}；反斜杠请写成“\\\\”，或改用单引号"),
    (r"could not determine a constructor for the tag ('.+'|\".+\")",
     "不支持的标签{0}；数据只能是文字、数字、日期、列表和映射"),
    (r"expected a mapping or list of mappings for merging",
     "“<<”合并的应为映射（“&名称”所标的若干“字段: 值”）"),
    (r"found undefined tag handle", "未定义的标签前缀；值以“!”开头时请加引号"),
    (r"tag expected URI|expected URI, but found",
     "“!”后的标签名只能用英文字母和数字；值以“!”开头时请加引号"),
    (r"while scanning a tag", "“!”开头的标签写法有误；值以“!”开头时请加引号"),
    (r"while scanning a directive", "“%”开头的行是 YAML 指令；值以“%”开头时请加引号"),
    (r"mapping keys are not allowed here", "此处不能出现“? ”；值以“?”开头时请加引号"),
    (r"sequence entries are not allowed here",
     "此处不能出现列表项“- ”；请检查缩进，值以“-”开头时请加引号"),
    (r"found unexpected document separator", "引号没有闭合（引号中出现了“---”或“...”）"),
    (r"expected '<document start>'", "文档结束标记“...”之后还有内容"),
    (r"anchor expected alphabetic|alias expected alphabetic",
     "“&”或“*”后应为锚点名称（英文字母或数字）；值以“&”或“*”开头时请加引号"),
    (r"expected chomping or indentation indicators|block scalar expected",
     "“|”或“>”后只能跟缩进数字或“+”“-”；值以它们开头时请加引号"),
    (r"<stream end>", "引号或括号没有闭合，或末尾缺少值"),
    (r"unexpected end", "引号或括号没有闭合"),
    (r"expected the node content", "此处缺少值，或括号没有闭合"),
    (r"found character (.+?) that cannot start any token", "值不能以{0}开头；请给整个值加引号"),
)  # fmt: skip

#: Jinja's names of its delimiters (``expected token 'end of print statement'``): the delimiter.
_JINJA_TOKENS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "end of comment": "#}",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
}

JINJA_MESSAGES = _table(
    (r"^Unexpected end of template\. Jinja was looking for the following tags: .*"
     r"The innermost block that needs to be closed is '(\w+)'",
     "模板在 {{% {0} %}} 块结束之前就结束了：缺少 {{% end{0} %}}"),
    (r"^Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: .*"
     r"The innermost block that needs to be closed is '(\w+)'",
     "遇到 {{% {0} %}}，但此处应先用 {{% end{1} %}} 结束 {{% {1} %}} 块"),
    (r"^Encountered unknown tag '(\w+)'", "不认识的标签 {{% {0} %}}"),
    (r"^unexpected end of template, expected ('.+?')\.?$", "模板意外结束：缺少{0}"),
    (r"^(?:Unexpected end of template|unexpected 'end of template')", "模板意外结束：有块没有结束"),
    (r"^expected token ('.+?'), got ('.+?')$", "此处应为{0}，却是{1}"),
    (r"^unexpected char ('.+?') at \d+$", "表达式中不能出现字符{0}"),
    (r"^unexpected ('.+?'), expected ('.+?')$", "此处应为{1}，却是{0}"),
    (r"^unexpected ('.+?')$", "此处不应出现{0}"),
    (r"^Expected an expression, got ('.+?')$", "此处缺少表达式（却是{0}）"),
    (r"^No filter named '(.+?)'", "没有名为“{0}”的过滤器"),
    (r"^No test named '(.+?)'", "没有名为“{0}”的测试"),
    (r"^tag name expected$", "“{{%”之后缺少标签名"),
    (r"^[Bb]lock '(.+?)' defined twice$", "块“{0}”定义了两次"),
    (r"^Missing end of comment tag$", "注释“{{#”没有用“#}}”结束"),
    (r"^('.+?') is undefined$", "{0}（数据里没有这一项，或模板里的名字写错了）"),
    (r"^'?(?P<type1>.+?)'? has no attribute '(.+?)'$", "{0}中没有“{1}”"),
    (r"^'?(?P<type1>.+?)'? has no element (\d+)$", "{0}中没有第 {1} 项（从 0 数起）"),
    (r"^'?(?P<type1>.+?)'? has no element (.+)$", "{0}中没有{1}"),
    (r"^access to attribute '(.+?)' of '(?P<type1>.+?)' object is unsafe\.?$",
     "不允许访问{1}的属性“{0}”（模板在沙箱中运行）"),
    (r"^Range too big", "range() 的范围过大（模板在沙箱中运行）"),
    (r"^(.+?) is not safely callable$", "不允许调用{0}（模板在沙箱中运行）"),
    (r"^unsupported operand type\(s\) for (.+?): '(?P<type1>.+?)' and '(?P<type2>.+?)'$",
     "{1}和{2}不能做“{0}”运算"),
    (r"^can only concatenate str \(not \"(?P<type1>.+?)\"\) to str$",
     "文字不能与{0}直接相加（可用 ~ 连接）"),
    (r"^'(.+?)' not supported between instances of '(?P<type1>.+?)' and '(?P<type2>.+?)'$",
     "{1}和{2}不能用“{0}”比较"),
    (r"^'(?P<type1>.+?)' object is not iterable$", "{0}不能逐项循环"),
    (r"^(?:integer |float )?division (?:or modulo )?by zero$", "除数为零"),
)  # fmt: skip

#: Python type names as Jinja and Python print them, said in Chinese.
_TYPES = {
    "str": "文字", "str object": "文字", "int": "整数", "int object": "整数",
    "float": "小数", "float object": "小数", "bool": "真假值", "bool object": "真假值",
    "dict": "映射", "dict object": "映射", "list": "列表", "list object": "列表",
    "tuple": "列表", "NoneType": "空值", "None": "空值", "date": "日期",
    "datetime.date": "日期", "date object": "日期", "Undefined": "未定义的值",
}  # fmt: skip


def _shown(value: str) -> str:
    """A group as the message shows it: a TOML key path dotted, anything quoted in Chinese
    quotes (an invisible character by its name), the rest as it is."""
    value = value.strip()
    if value.startswith("(") and value.endswith(")"):  # tomllib's key: ('sections', 'a')
        try:
            parts = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            parts = None
        if isinstance(parts, tuple):
            return "“" + ".".join(str(part) for part in parts) + "”"
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        try:
            char = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            char = value[1:-1]
        if isinstance(char, str):
            return _char(char)
    return value


def _type_name(value: str) -> str:
    """A Python type as Jinja or Python names it (``dict object``, ``'int'``), in Chinese."""
    value = value.strip().strip("'\"")
    bare = value.removesuffix(" object")
    return _TYPES.get(value) or _TYPES.get(bare) or f"“{bare}”对象"


def _char(text: str) -> str:
    names = {"\n": "换行符", "\t": "Tab 字符", "\r": "回车符", " ": "空格"}
    if text in names:
        return names[text]
    if len(text) == 1 and (ord(text) < 32 or ord(text) == 127):
        return f"控制字符 U+{ord(text):04X}"
    return f"“{text}”"


def translate(table: Table, message: str, parser: str) -> str:
    """``message`` in Chinese by ``table``; else a message in Chinese already (one of ours) as
    it is, and any other after a description: ``{parser}报告“message”``."""
    message = message.strip()
    for pattern, text in table:
        match = pattern.search(message)
        if match:
            types = {index for name, index in pattern.groupindex.items() if name.startswith("type")}
            shown = (
                _type_name(group or "") if index in types else _shown(group or "")
                for index, group in enumerate(match.groups(), 1)
            )
            return text.format(*shown)
    return message if _CJK.match(message) else f"{parser}报告“{message}”"


@dataclass(frozen=True)
class Problem:
    """A parser's complaint in Chinese and where it is (1-based; ``None`` when not known).

    ``at_end``: the parser ran off the end of the text (``line`` is then the last line)."""

    message: str
    line: int | None = None
    column: int | None = None
    at_end: bool = False

    def detail(self) -> str:
        """The message with its place in the line: ``缺少逗号（第 9 列）``."""
        if self.at_end:
            return f"{self.message}（在文件末尾）"
        if self.column:
            return f"{self.message}（第 {self.column} 列）"
        return self.message


_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def toml_problem(exc: Exception, text: str) -> Problem:
    """A ``tomllib.TOMLDecodeError`` of ``text``: ``Message (at line L, column C)``."""
    raw = str(exc)
    found = _TOML_AT.search(raw)
    message = translate(TOML_MESSAGES, raw[: found.start()] if found else raw, "TOML 解析器")
    if found and found.group(1):
        return Problem(message, int(found.group(1)), int(found.group(2)))
    if found:  # at end of document: the last line that has anything on it
        lines = text.rstrip().count("\n") + 1 if text.strip() else 1
        return Problem(message, lines, None, at_end=True)
    return Problem(message)


def json_problem(exc: Any) -> Problem:
    """A ``json.JSONDecodeError``: its ``msg``, ``lineno`` and ``colno``."""
    return Problem(translate(JSON_MESSAGES, exc.msg, "JSON 解析器"), exc.lineno, exc.colno)


def yaml_problem(exc: Any, line_offset: int = 0, text: str = "") -> Problem:
    """A PyYAML ``MarkedYAMLError``, or the ``ReaderError`` of a control character in ``text``.

    A text that ends inside an open quote or bracket is placed where the quote or bracket
    opened (PyYAML's context mark), not at the end of the text. ``text`` is needed for a
    ``ReaderError`` only (it gives a position, not a line)."""
    if not hasattr(exc, "problem_mark") and hasattr(exc, "character"):  # ReaderError
        position = int(getattr(exc, "position", 0))
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        line = text.count("\n", 0, position) + 1 + line_offset
        column = position - text.rfind("\n", 0, position)
        return Problem(f"含有不允许的字符：{_char(char)}", line, column)
    problem = exc.problem or ""
    context = exc.context or ""
    problem = problem.replace("tag:yaml.org,2002:", "!!")
    message = translate(YAML_MESSAGES, f"{context} {problem}".strip(), "YAML 解析器")
    if message.startswith("YAML 解析器报告"):
        message = f"YAML 解析器报告“{problem or str(exc)}”"
    mark = exc.problem_mark or exc.context_mark
    ran_off = "end of stream" in problem or "<stream end>" in problem
    if ran_off and exc.context_mark and ("quoted" in context or "flow" in context):
        mark = exc.context_mark  # where the quote or bracket left open starts
    if mark is None:
        return Problem(message)
    return Problem(message, mark.line + 1 + line_offset, mark.column + 1)


def parse_problem(exc: BaseException, text: str) -> Problem:
    """The error of any of the three data parsers (TOML, JSON, YAML) on ``text``; another
    exception by its own words after a description."""
    if isinstance(exc, json.JSONDecodeError):
        return json_problem(exc)
    if type(exc).__name__ == "TOMLDecodeError":
        return toml_problem(exc, text)
    if hasattr(exc, "problem_mark") or hasattr(exc, "character"):  # PyYAML's errors
        return yaml_problem(exc, text=text)
    return Problem(translate((), str(exc), "解析器"))


def jinja_message(message: str) -> str:
    """A Jinja (or template-rendering) error message in Chinese."""
    message = message or ""
    for name, delimiter in _JINJA_TOKENS.items():
        message = message.replace(f"'{name}'", f"'{delimiter}'")
    return translate(JINJA_MESSAGES, message, "Jinja ")

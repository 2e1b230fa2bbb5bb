"""Explain pages and catalogue rows, generated from the rule classes (never written twice)."""

from __future__ import annotations

import re

from drafting.lint.model import PROFILES, Rule
from drafting.lint.profiles import DESCRIPTIONS


def summary_line(rule: type[Rule]) -> str:
    """The rule's one-line Chinese description: ``what`` without its parentheses, up to its
    first ：。； (or ，when still long), at most 40 characters."""
    text = re.sub(r"（[^（）]+）", "", rule.what.strip())
    cuts = [i for i in (text.find(m) for m in "：。；") if i >= 2]
    head = text[: min(cuts)] if cuts else text
    if len(head) > 40 and "，" in head[2:]:
        head = head[: head.index("，", 2)]
    return head if len(head) <= 40 else head[:39] + "…"


def profiles_text(rule: type[Rule]) -> str:
    """``全部`` or the profiles, with info-only ones in brackets (as the catalogue writes them)."""
    if set(PROFILES) <= set(rule.profiles):
        return "全部"
    names = [p for p in PROFILES if p in rule.profiles]
    names += [f"({p})" for p in PROFILES if p in rule.info_profiles and p not in rule.profiles]
    return ", ".join(names)


def fix_text(rule: type[Rule]) -> str:
    note = getattr(rule, "fix_note", None)  # a rule mended another way (the layout rules)
    if note:
        return str(note)
    if rule.fix_on_request:
        return "可以，但只在明确要求时删除（drafting lint --fix-junk；普通的 --fix 不删）"
    return "可以（drafting lint --fix）" if rule.fixable else "不可以，需人工修改"


def options_text(rule: type[Rule]) -> str:
    if not rule.options:
        return ""
    parts = []
    for name, value in rule.options.items():
        special = [
            f"{DESCRIPTIONS.get(g, g)} {opts[name]!r}"
            for g, opts in rule.profile_options.items()
            if name in opts
        ]
        extra = f"（{'；'.join(special)}）" if special else ""
        parts.append(f"{name} = {value!r}{extra}")
    return "，".join(parts) + f"；在配置中用 [rules.{rule.code}] 修改"


def explain_text(rule: type[Rule]) -> str:
    """The page ``drafting explain CODE`` prints."""
    lines = [
        f"{rule.code} {rule.name}  [{rule.severity.label}]  {summary_line(rule)}",
        "",
        f"检查什么：{rule.what}",
        f"为什么：{rule.why}",
        f"例：{rule.bad}",
        f"改为：{rule.good}",
        f"可否自动修复：{fix_text(rule)}",
        f"适用文体：{profiles_text(rule)}",
    ]
    options = options_text(rule)
    if options:
        lines.append(f"选项：{options}")
    return "\n".join(lines)


def explain_markdown(rule: type[Rule]) -> str:
    """The same page in Markdown (SARIF ``help.markdown``)."""
    parts = [
        f"**{rule.code} {rule.name}**（{rule.severity.label}）",
        f"**检查什么**：{rule.what}",
        f"**为什么**：{rule.why}",
        f"**例**：`{rule.bad}`",
        f"**改为**：`{rule.good}`",
        f"**可否自动修复**：{fix_text(rule)}",
        f"**适用文体**：{profiles_text(rule)}",
    ]
    options = options_text(rule)
    if options:
        parts.append(f"**选项**：{options}")
    return "\n\n".join(parts)

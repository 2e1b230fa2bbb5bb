"""Explain pages and catalogue rows, generated from the rule classes (never written twice)."""

from __future__ import annotations

from drafting.lint.profiles import DESCRIPTIONS
from drafting.lint.rule import PROFILES, Rule


def summary_line(rule: type[Rule]) -> str:
    """The rule's one-line Chinese description: ``what`` without its parenthesised asides, up to
    its first ：。； (or ，when still long), at most 40 characters. Marks inside quotation marks
    belong to what is quoted (“一、”→“（一）”, 附件说明写作“附件：1.名称”) and are kept whole."""
    head = _outside_quotes(rule.what.strip())
    if len(head) > 40 and "，" in head[2:]:
        head = head[: head.index("，", 2)]
    return head if len(head) <= 40 else head[:39] + "…"


def _outside_quotes(text: str) -> str:
    """``text`` up to its first ：。； outside quotation marks and brackets, with the bracketed
    asides outside quotations left out."""
    out: list[str] = []
    quoted = aside = 0
    for char in text:
        if char == "“":
            quoted += 1
        elif char == "”":
            quoted = max(0, quoted - 1)
        elif not quoted and char == "（":
            aside += 1
            continue
        elif not quoted and char == "）" and aside:
            aside -= 1
            continue
        if aside:
            continue
        if not quoted and char in "：。；" and len(out) >= 2:
            break
        out.append(char)
    return "".join(out)


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
    from drafting.lint.calibration import figures

    lines += figures(rule.code)
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

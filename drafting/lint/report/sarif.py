"""SARIF 2.1.0 output: one run, every rule in ``tool.driver.rules`` with its explain page as
help, one result per finding (columns count Unicode code points, end column exclusive), and a
``fixes`` entry for fixable findings. Built as plain dicts: the format is small and a
dependency (sarif-om) would only add classes without serialisation or validation."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from drafting import __version__
from drafting.lint.engine import FileError, FileResult
from drafting.lint.explain import explain_markdown, explain_text, summary_line
from drafting.lint.report import Results
from drafting.lint.rule import Finding, Rule, Severity, all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A ``file://`` URI for an absolute path, else a relative URI reference (forward
    slashes, percent-encoded)."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/._-~")


def rule_descriptor(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary_line(rule)},
        "fullDescription": {"text": rule.what},
        "help": {"text": explain_text(rule), "markdown": explain_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"fixable": rule.fixable, "profiles": sorted(rule.profiles)},
    }


def region(finding: Finding) -> dict[str, Any]:
    return {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "snippet": {"text": finding.excerpt},
    }


def result_entry(finding: Finding, index: int) -> dict[str, Any]:
    location = {"artifactLocation": {"uri": artifact_uri(finding.path)}, "region": region(finding)}
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
    }
    if finding.paragraph is not None:
        entry["properties"] = {"paragraph": finding.paragraph}
    if finding.fix is not None:
        entry["fixes"] = [
            {
                "description": {"text": f"改为“{finding.fix}”"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": artifact_uri(finding.path)},
                        "replacements": [
                            {
                                "deletedRegion": {
                                    k: v for k, v in region(finding).items() if k != "snippet"
                                },
                                "insertedContent": {"text": finding.fix},
                            }
                        ],
                    }
                ],
            }
        ]
    return entry


def as_data(results: Results) -> dict[str, Any]:
    rules = all_rules()
    index = {code: i for i, code in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        if isinstance(result, FileError):
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": result.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": artifact_uri(result.path)}
                            }
                        }
                    ],
                }
            )
            continue
        assert isinstance(result, FileResult)
        sarif_results.extend(result_entry(f, index[f.code]) for f in result.findings)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "drafting",
                "version": __version__,
                "rules": [rule_descriptor(rule) for rule in rules.values()],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(results: Results) -> str:
    return json.dumps(as_data(results), ensure_ascii=False, indent=2) + "\n"

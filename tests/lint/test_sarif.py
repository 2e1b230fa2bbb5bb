"""SARIF output is valid SARIF 2.1.0 and carries rules with help, regions and fixes."""

from __future__ import annotations

import json

import jsonschema
from paths import TESTS

from drafting.lint.api import lint_paths
from drafting.lint.report import renderer
from drafting.lint.rule import all_rules

HERE = TESTS
SCHEMA = json.loads((HERE / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FIXTURES = HERE / "fixtures" / "lint"


def sarif_for(paths):
    return json.loads(renderer("sarif")(lint_paths(paths, genre="notice")))


def test_sarif_is_schema_valid_for_text_markdown_docx_and_an_unreadable_file():
    data = sarif_for(
        [
            FIXTURES / "plain.txt",
            FIXTURES / "notice.md",
            FIXTURES / "report.docx",
            FIXTURES / "broken.docx",
        ]
    )
    validator = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert errors == [], [e.message for e in errors[:3]]
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is False
    assert len(run["invocations"][0]["toolExecutionNotifications"]) == 1


def test_driver_lists_every_rule_with_help_and_level():
    run = sarif_for([FIXTURES / "plain.txt"])["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(all_rules())
    n301 = next(r for r in rules if r["id"] == "N301")
    assert n301["name"] == "halfwidth-punct"
    assert n301["defaultConfiguration"]["level"] == "error"
    assert "检查什么" in n301["help"]["text"] and "**改为**" in n301["help"]["markdown"]


def test_results_carry_character_regions_and_fixes():
    run = sarif_for([FIXTURES / "plain.txt"])["runs"][0]
    # line 2's half-width colon is N311's (it supersedes N301 there); the first N301 is line 3's ,
    recipient = next(r for r in run["results"] if r["ruleId"] == "N311")
    region = recipient["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (2, 4)
    first = next(r for r in run["results"] if r["ruleId"] == "N301")
    assert first["level"] == "error"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
        3,
        7,
        3,
        8,
    )
    replacement = first["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == "，"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "N301"
    assert all("fixes" not in r for r in run["results"] if r["ruleId"] == "N309")


def test_docx_results_name_the_paragraph():
    run = sarif_for([FIXTURES / "report.docx"])["runs"][0]
    first = next(r for r in run["results"] if r["ruleId"] == "N301")
    assert first["properties"]["paragraph"] == 5
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 5

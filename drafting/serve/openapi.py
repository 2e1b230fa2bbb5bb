"""The OpenAPI 3.1 document of the HTTP API (``GET /api/openapi.json``), written by hand.

Tests check it against the OpenAPI specification, check that every API route is in it and
nothing else is, and validate real responses against the schemas it declares.
"""

from __future__ import annotations

from typing import Any

from drafting import __version__

GENRES = ["auto", "notice", "summary", "duties", "commentary", "generic"]
FORMATS = ["docx", "pdf", "md", "txt"]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref("Error")}}}


def _json(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


_AUTH = {
    "401": _error("需要访问令牌（服务不在 127.0.0.1 上，或以 --token 启动）"),
    "403": _error("跨站请求被拒绝（Origin 或 Referer 是其他网站）"),
}

_SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string", "description": "一行中文说明"},
            "problems": {
                "type": "array",
                "description": "数据校验的每一处问题（仅 422）",
                "items": {
                    "type": "object",
                    "required": ["message"],
                    "properties": {
                        "message": {"type": "string"},
                        "line": {"type": ["integer", "null"]},
                        "field": {
                            "type": "string",
                            "description": "字段路径，如 sections.0.heading",
                        },
                    },
                },
            },
        },
    },
    "Template": {
        "type": "object",
        "required": ["id", "name", "aliases", "description", "layout"],
        "properties": {
            "id": {"type": "string", "examples": ["notice"]},
            "name": {"type": "string", "examples": ["通知"]},
            "aliases": {"type": "array", "items": {"type": "string"}},
            "description": {"type": "string"},
            "layout": {"type": "string", "enum": ["official", "article", "letter", "minutes"]},
        },
    },
    "TemplateList": {
        "type": "object",
        "required": ["templates"],
        "properties": {"templates": {"type": "array", "items": _ref("Template")}},
    },
    "Field": {
        "type": "object",
        "required": ["type", "label", "required"],
        "properties": {
            "type": {
                "type": "string",
                "enum": [
                    "string",
                    "text",
                    "integer",
                    "number",
                    "boolean",
                    "date",
                    "list",
                    "mapping",
                ],
            },
            "label": {"type": "string"},
            "required": {"type": "boolean"},
            "help": {"type": "string"},
            "example": {},
            "choices": {"type": "array"},
            "default": {},
            "min": {"type": "number"},
            "items": _ref("Field"),
            "fields": {"type": "object", "additionalProperties": _ref("Field")},
        },
    },
    "TemplateSchema": {
        "allOf": [_ref("Template")],
        "type": "object",
        "required": ["fields"],
        "properties": {"fields": {"type": "object", "additionalProperties": _ref("Field")}},
    },
    "RuleSummary": {
        "type": "object",
        "required": ["code", "name", "severity", "fixable", "profiles", "profiles_text", "summary"],
        "properties": {
            "code": {"type": "string", "examples": ["N301"]},
            "name": {"type": "string"},
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "fixable": {"type": "boolean"},
            "profiles": {"type": "array", "items": {"type": "string"}},
            "profiles_text": {"type": "string"},
            "summary": {"type": "string"},
        },
    },
    "RuleList": {
        "type": "object",
        "required": ["rules"],
        "properties": {"rules": {"type": "array", "items": _ref("RuleSummary")}},
    },
    "Rule": {
        "allOf": [_ref("RuleSummary")],
        "type": "object",
        "required": ["what", "why", "bad", "good", "fix", "options", "options_text", "text"],
        "properties": {
            "what": {"type": "string", "description": "检查什么"},
            "why": {"type": "string", "description": "为什么"},
            "bad": {"type": "string", "description": "错误的例子"},
            "good": {"type": "string", "description": "改正后的例子"},
            "fix": {"type": "string", "description": "可否自动修复"},
            "options": {"type": "object"},
            "options_text": {"type": "string"},
            "text": {"type": "string", "description": "drafting explain 打印的整页"},
        },
    },
    "Finding": {
        "type": "object",
        "required": [
            "code",
            "name",
            "severity",
            "message",
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "excerpt",
        ],
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "severity": {"type": "string", "enum": ["error", "warning", "info"]},
            "message": {"type": "string"},
            "path": {"type": "string"},
            "line": {"type": "integer", "description": ".docx 为段落序号"},
            "column": {"type": "integer"},
            "end_line": {"type": "integer"},
            "end_column": {"type": "integer", "description": "不含（同 SARIF）"},
            "excerpt": {"type": "string"},
            "fix": {"type": "string", "description": "可自动修复时的替换文字"},
            "paragraph": {"type": "integer"},
        },
    },
    "LintReport": {
        "type": "object",
        "description": "与 drafting lint --format json 相同",
        "required": ["version", "files", "errors", "summary"],
        "properties": {
            "version": {"type": "string"},
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "genre", "genre_reason", "findings"],
                    "properties": {
                        "path": {"type": "string"},
                        "genre": {"type": "string", "enum": GENRES[1:]},
                        "genre_reason": {
                            "type": "string",
                            "enum": ["given", "declared", "anatomy", "unknown"],
                        },
                        "findings": {"type": "array", "items": _ref("Finding")},
                    },
                },
            },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "message"],
                    "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                },
            },
            "summary": {
                "type": "object",
                "required": ["errors", "warnings", "infos", "files", "unreadable"],
                "properties": {
                    key: {"type": "integer"}
                    for key in ("errors", "warnings", "infos", "files", "unreadable")
                },
            },
        },
    },
    "LintRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string", "description": "文稿全文（不超过 20 MB）"},
            "path": {
                "type": "string",
                "default": "<text>",
                "description": "报告中显示的名称；以 .md 结尾时按 Markdown 读",
            },
            "genre": {"type": "string", "enum": GENRES, "default": "auto"},
            "select": {"type": "array", "items": {"type": "string"}, "examples": [["N3", "P201"]]},
            "ignore": {"type": "array", "items": {"type": "string"}},
        },
    },
    "LintUpload": {
        "type": "object",
        "properties": {
            "file": {
                "type": "string",
                "contentMediaType": "application/octet-stream",
                "description": ".txt、.md 或 .docx（.docx 不超过 50 MB，文本不超过 20 MB）",
            },
            "text": {"type": "string", "description": "不上传文件时的文稿全文"},
            "genre": {"type": "string", "enum": GENRES, "default": "auto"},
            "select": {"type": "string", "description": "规则代码或前缀，逗号分隔"},
            "ignore": {"type": "string", "description": "规则代码或前缀，逗号分隔"},
        },
    },
    "RenderRequest": {
        "type": "object",
        "required": ["template", "data"],
        "properties": {
            "template": {"type": "string", "description": "模板 id 或中文名称，如 notice、通知"},
            "data": {"type": "object", "description": "按模板字段填写的数据（见 schema）"},
            "format": {"type": "string", "enum": FORMATS, "default": "docx"},
        },
    },
}


def document() -> dict[str, Any]:
    """The OpenAPI document."""
    binary = {"schema": {"type": "string", "contentMediaType": "application/octet-stream"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "drafting 公文起草与审校 API",
            "version": __version__,
            "description": (
                "按 GB/T 9704-2012 起草公文（.docx/PDF），审校文稿。所有错误都是 4xx，"
                '返回 {"error": "一行中文说明"}。服务不在 127.0.0.1 上时每个请求都要带令牌：'
                "Authorization: Bearer 令牌。"
            ),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": _SCHEMAS,
        },
        "security": [{}, {"bearer": []}],
        "paths": {
            "/api/templates": {
                "get": {
                    "operationId": "listTemplates",
                    "summary": "列出模板（id、中文名、说明）",
                    "responses": {"200": _json("模板列表", "TemplateList"), **_AUTH},
                }
            },
            "/api/templates/{id}/schema": {
                "get": {
                    "operationId": "templateSchema",
                    "summary": "一个模板的字段：类型、是否必填、中文名、填写提示、示例",
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "description": "模板 id 或中文名称",
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _json("模板的字段说明", "TemplateSchema"),
                        "404": _error("没有这个模板"),
                        **_AUTH,
                    },
                }
            },
            "/api/rules": {
                "get": {
                    "operationId": "listRules",
                    "summary": "审校规则目录（同 drafting rules）",
                    "responses": {"200": _json("规则列表", "RuleList"), **_AUTH},
                }
            },
            "/api/rules/{code}": {
                "get": {
                    "operationId": "explainRule",
                    "summary": "一条规则的说明（同 drafting explain CODE）",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                            "examples": {"N301": {"value": "N301"}},
                        }
                    ],
                    "responses": {
                        "200": _json("规则说明", "Rule"),
                        "404": _error("没有这条规则"),
                        **_AUTH,
                    },
                }
            },
            "/api/lint": {
                "post": {
                    "operationId": "lint",
                    "summary": "审校一段文字或一个文件，结果同 drafting lint --format json",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": _ref("LintRequest")},
                            "multipart/form-data": {"schema": _ref("LintUpload")},
                        },
                    },
                    "responses": {
                        "200": _json("审校结果（文件无法读取时列在 errors 中）", "LintReport"),
                        "400": _error("请求有误：类型、规则代码、文体等"),
                        "413": _error("文稿或文件过大"),
                        "415": _error("不支持的请求类型"),
                        "503": _error("审校进程意外退出，请重试"),
                        **_AUTH,
                    },
                }
            },
            "/api/render": {
                "post": {
                    "operationId": "render",
                    "summary": "用模板和数据生成公文（.docx、PDF、Markdown 或纯文本）",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("RenderRequest")}},
                    },
                    "responses": {
                        "200": {
                            "description": "生成的文件（Content-Disposition 给出文件名）",
                            "content": {
                                "application/vnd.openxmlformats-officedocument"
                                ".wordprocessingml.document": binary,
                                "application/pdf": binary,
                                "text/markdown": {"schema": {"type": "string"}},
                                "text/plain": {"schema": {"type": "string"}},
                            },
                        },
                        "400": _error("请求有误"),
                        "404": _error("没有这个模板"),
                        "413": _error("数据过大"),
                        "415": _error("请求体应为 JSON"),
                        "422": _error("数据不符合模板（problems 列出每一处）"),
                        "501": _error("服务器未安装 LibreOffice，不能生成 PDF"),
                        **_AUTH,
                    },
                }
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "本文档",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1 文档",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        },
                        **_AUTH,
                    },
                }
            },
        },
    }

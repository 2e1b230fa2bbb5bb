"""The linter: prepared documents, rules, and the engine that runs them."""

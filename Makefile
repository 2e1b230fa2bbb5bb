# 两个命令：make demo（渲染样例并审校）与 make test（运行全部测试）。
# Both bootstrap .venv from nothing; nothing at run time reaches the network.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := build/demo

.PHONY: demo test lint eval bench clean venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/python scripts/demo.py $(OUT)

test: $(STAMP)
	$(BIN)/ruff check drafting tests scripts cli.py
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check drafting tests scripts cli.py
	$(BIN)/lint-imports --no-cache

eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py
	$(BIN)/python scripts/faults.py
	$(BIN)/python scripts/calibrate.py --check
	$(BIN)/python scripts/real.py

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build .pytest_cache

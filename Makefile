# One command to chat (`make chat`), one to test (`make test`); both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The stamp names the interpreter too: a venv built by another Python is rebuilt.
PY_ID := $(shell $(PYTHON) -c 'import sys, hashlib; print(hashlib.sha1((sys.version + sys.executable).encode()).hexdigest()[:12])')
STAMP := $(VENV)/.installed-$(PY_ID)
CONSTRAINTS := constraints.txt
LOCALES := handlers/locales
ARGS ?=
# `make chat FAST=` (empty) chats without building the compiled understanding first.
FAST ?= fast

.PHONY: setup catalogs fast chat test lint messages lock clean

# Built from scratch whenever pyproject.toml, the constraints or the interpreter change, or the
# venv's Python no longer runs; versions pinned by constraints.txt (refreshed with `make lock`).
ifneq ($(shell $(BIN)/python -c 'print(1)' 2>/dev/null),1)
$(shell rm -f $(STAMP))
endif
$(STAMP): pyproject.toml $(CONSTRAINTS)
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -c $(CONSTRAINTS) -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) catalogs $(FAST)

# Compile the gettext catalogs (.po -> .mo); the .mo files are build output, not in git.
catalogs: $(STAMP)
	$(BIN)/pybabel -q compile -d $(LOCALES) -D messages

# The understanding compiled by mypyc into build/fast/<hash of its sources>/ (README
# "Development"; 4-12 min and up to 5 GB on two cores, once per change of
# handlers/understanding/; 1.6x less CPU a message, BENCHMARKS.md §8.132, §8.136): part of
# setup, so `make chat`, `make test` and CI use it. Nothing is done when the build of the
# current sources is there; without a C compiler, or when the build fails, a warning, and the
# bot runs the Python sources (answering the same, slower).
fast: $(STAMP)
	$(BIN)/python scripts/build_fast.py

# The console chat, after setup: on a fresh clone that includes the compiled understanding's
# build (4-12 min, said as it starts); `make chat FAST=` starts at once on the Python sources.
chat: setup
	$(BIN)/hoctap-bot chat $(ARGS)

# Five workers on this two-core machine: many tests wait (timers, outages, other processes),
# and the workers beyond two fill those waits. Since the `hoctap-bot` processes the tests start
# are forked from one that imported the bot once (tests/spawn.py), a worker costs little CPU:
# five measured 90-91 s against 102 s with four and 86-98 s with six (BENCHMARKS.md §7). The
# flood-latency test allows for a process descheduled half a second. Tests that must stay
# together are in one xdist_group. No test collected is a failure (pytest exits 5).
# PYTHONDONTWRITEBYTECODE (set on this machine) made every worker rewrite the assertions of
# the pytest plugins it loads before our conftest can allow bytecode (0.25 s of CPU each).
test: setup
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n 5 --dist loadgroup $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

# Re-extract the messages from the code and merge them into the catalogs.
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -w 99 -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) -D messages --no-fuzzy-matching -w 99
	$(BIN)/python scripts/fill_source_catalog.py $(LOCALES)/vi/LC_MESSAGES/messages.po

# Re-pin what `setup` installs to what the current venv holds (on purpose, then commit).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^hoctap-bot' > $(CONSTRAINTS)

clean:
	rm -rf $(VENV) build *.egg-info
	find $(LOCALES) -name '*.mo' -delete

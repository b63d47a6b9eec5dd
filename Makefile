# One command to chat (`make chat`), one to test (`make test`); both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCALES := handlers/locales
ARGS ?=

.PHONY: setup catalogs chat test lint messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) catalogs

# Compile the gettext catalogs (.po -> .mo); the .mo files are build output, not in git.
catalogs: $(STAMP)
	$(BIN)/pybabel -q compile -d $(LOCALES) -D messages

chat: setup
	$(BIN)/hoctap-bot chat $(ARGS)

# pytest exits 5 when it collects no tests; that is not a failure of the code.
test: setup
	$(BIN)/python -m pytest $(ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest: no tests collected"; rc=0; fi; exit $$rc

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# Re-extract the messages from the code and merge them into the catalogs.
messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -w 99 -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel -q update -i $(LOCALES)/messages.pot -d $(LOCALES) -D messages --no-fuzzy-matching -w 99
	$(BIN)/python scripts/fill_source_catalog.py $(LOCALES)/vi/LC_MESSAGES/messages.po

clean:
	rm -rf $(VENV) build *.egg-info
	find $(LOCALES) -name '*.mo' -delete

# lint.mk: the linter's tests, its demo and the git hook.
#
#   make lint-fixtures   lint every tests/lint/cases fixture and compare with
#                        its expect block; test the command line
#   make lint-sarif      validate our SARIF with Microsoft's sarif-multitool
#                        (installed under build/node_modules)
#   make lint-examples   examples/service lints clean, examples/mistakes
#                        fires every check
#   make lint-demo       show both
#   make install-hooks   lint the staged C files before each commit
#   make lint-bench      lint against clang -fsyntax-only on the same files

LINT_GEN := $(BUILD)/lint-gen
SARIF_MULTITOOL := build/node_modules/@microsoft/sarif-multitool/package.json
FOUND_FOOTY_YAML := $(shell find schema/found-footy -name '*.yaml' 2>/dev/null)

# Lint this repository's own sources (the hook): the Makefile's flags, and
# not the files that are wrong on purpose.
LINT_HOOK_ARGS := -x 'tests/lint/cases/*' -x 'examples/mistakes/*'
LINT_HOOK_ARGS += -x 'tests/fuzz/*' -x 'bench/*'
# Tests of the generated API use catalogues of their own.
LINT_HOOK_ARGS += -x 'tests/generated/*' -x 'tests/observability/*'
LINT_HOOK_ARGS += -- -std=c11 -D_GNU_SOURCE -Icore -Igenerator -Ilint -Ilogs
LINT_HOOK_ARGS += -Itests -I$(LLVM_PREFIX)/include -I$(LINT_GEN)/service

lint-fixtures: $(LOGSCHEMA)
	@LOGSCHEMA=$(LOGSCHEMA) sh tests/lint/run.sh
	@LOGSCHEMA=$(LOGSCHEMA) sh tests/lint/cli.sh

$(SARIF_MULTITOOL):
	@mkdir -p build
	@npm install --prefix build --no-audit --no-fund --silent \
		@microsoft/sarif-multitool >/dev/null

lint-sarif: $(LOGSCHEMA) $(SARIF_MULTITOOL)
	@LOGSCHEMA=$(LOGSCHEMA) NODE_PREFIX=build sh tests/lint/sarif.sh

# Headers of the typed API the examples are linted against.
$(LINT_GEN)/service/ffl_log.h: $(LOGSCHEMA) $(FOUND_FOOTY_YAML)
	@$(LOGSCHEMA) generate --target c -s schema/found-footy \
		-o $(LINT_GEN)/service

$(LINT_GEN)/mistakes/ffl_log.h: $(LOGSCHEMA) examples/mistakes/catalogue.yaml
	@$(LOGSCHEMA) generate --target c -s examples/mistakes/catalogue.yaml \
		-o $(LINT_GEN)/mistakes

LINT_SERVICE = $(LOGSCHEMA) lint -s schema/found-footy examples/service \
	-- -I$(LINT_GEN)/service -Iexamples/service
LINT_MISTAKES = $(LOGSCHEMA) lint -s examples/mistakes/catalogue.yaml \
	-Wunused-action examples/mistakes -- -I$(LINT_GEN)/mistakes

lint-examples: $(LINT_GEN)/service/ffl_log.h $(LINT_GEN)/mistakes/ffl_log.h
	@if ! $(LOGSCHEMA) lint --help >/dev/null 2>&1; then \
		echo "  skip lint-examples: $(LOGSCHEMA) does not dispatch lint yet"; \
		exit 0; \
	fi; \
	if [ -d examples/service ]; then \
		$(LINT_SERVICE) || exit 1; \
		echo "  ok examples/service lints clean"; \
	fi; \
	$(LINT_MISTAKES) >/dev/null 2>$(LINT_GEN)/mistakes.txt; \
	status=$$?; \
	if [ $$status -ne 1 ]; then \
		cat $(LINT_GEN)/mistakes.txt; \
		echo "examples/mistakes: exit $$status, expected 1" >&2; \
		exit 1; \
	fi; \
	for check in undocumented-action unknown-module missing-id \
		unknown-field field-type level-mismatch dynamic-name \
		unused-action unused-suppression; do \
		grep -q "\[$$check\]$$" $(LINT_GEN)/mistakes.txt || { \
			echo "examples/mistakes: no $$check finding" >&2; \
			exit 1; }; \
	done; \
	echo "  ok examples/mistakes fires every check"

lint-demo: $(LINT_GEN)/service/ffl_log.h $(LINT_GEN)/mistakes/ffl_log.h
	@echo
	@echo '$$ logschema lint -s schema/found-footy examples/service'
	@if [ -d examples/service ]; then \
		$(LINT_SERVICE) && echo "(clean)"; \
	else \
		echo "(no examples/service yet)"; \
	fi
	@echo
	@echo '$$ logschema lint -s examples/mistakes/catalogue.yaml -Wunused-action examples/mistakes'
	@$(LINT_MISTAKES); echo "(exit status $$?: the mistakes are deliberate)"

install-hooks: $(LINT_GEN)/service/ffl_log.h
	@hooks=$$(git rev-parse --git-path hooks) && mkdir -p "$$hooks" && \
	{ echo '#!/bin/sh'; \
	  echo '# Installed by make install-hooks: tools/pre-commit, with the flags'; \
	  echo '# of this repository.'; \
	  echo "LOGSCHEMA_LINT_ARGS=\"$(subst ",\",$(LINT_HOOK_ARGS))\""; \
	  echo 'export LOGSCHEMA_LINT_ARGS'; \
	  echo 'exec sh tools/pre-commit'; \
	} >"$$hooks/pre-commit" && chmod +x "$$hooks/pre-commit" && \
	echo "installed $$hooks/pre-commit"

CHECK_TARGETS += lint-fixtures lint-sarif lint-examples
DEMO_TARGETS += lint-demo

.PHONY: lint-fixtures lint-sarif lint-examples lint-demo install-hooks

# lint against clang -fsyntax-only: the example service, 50 times over.
LINT_BENCH_COPIES ?= 50
lint-bench: $(LOGSCHEMA) $(LINT_GEN)/service/ffl_log.h
	@LOGSCHEMA=$(LOGSCHEMA) sh tests/lint/bench.sh schema/found-footy \
		$(LINT_BENCH_COPIES) examples/service/main.c \
		-std=c11 -I$(LINT_GEN)/service

.PHONY: lint-bench

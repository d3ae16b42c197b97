# core.mk: checks of the catalogue loader beyond the unit tests.

catalogue-corpus: $(LOGSCHEMA)
	@sh tests/catalogue-corpus.sh $(LOGSCHEMA)

found-footy-check: $(LOGSCHEMA)
	@$(LOGSCHEMA) check -q -s schema/found-footy
	@n=$$($(LOGSCHEMA) resolve -s schema/found-footy --compact | \
		python3 -c 'import json,sys; d=json.load(sys.stdin); print(sum(len(m["actions"]) for m in d["modules"]))'); \
	test "$$n" -ge 371 || { echo "found-footy resolves to $$n actions" >&2; exit 1; }; \
	echo "  ok found-footy resolves ($$n actions)"

CHECK_TARGETS += catalogue-corpus found-footy-check

.PHONY: catalogue-corpus found-footy-check

# The editor JSON Schema accepts every found-footy file and rejects a typo.
NODE_SCHEMA := build/node-schema
$(NODE_SCHEMA)/.installed: tests/schema/package.json
	@mkdir -p $(NODE_SCHEMA)
	@cp tests/schema/package.json $(NODE_SCHEMA)/package.json
	@cd $(NODE_SCHEMA) && npm install --no-audit --no-fund --silent >/dev/null
	@touch $@

catalogue-json-schema: $(NODE_SCHEMA)/.installed
	@NODE_MODULES=$(NODE_SCHEMA)/node_modules node tests/schema/validate.mjs \
		schema/catalogue.schema.json \
		$$(find schema/found-footy -name '*.yaml' | sort) \
		tests/data/catalogue/good/minimal.yaml tests/schema/typo.bad.yaml

CHECK_TARGETS += catalogue-json-schema
.PHONY: catalogue-json-schema

# Only lint loads libclang; without it, lint fails cleanly and the other
# verbs do not notice.
libclang-optional: $(LOGSCHEMA)
	@LOGSCHEMA_LIBCLANG=/nonexistent/libclang.so $(LOGSCHEMA) check -q \
		-s schema/found-footy
	@LOGSCHEMA_LIBCLANG=/nonexistent/libclang.so $(LOGSCHEMA) lint \
		-s schema/found-footy examples/service/main.c \
		>/dev/null 2>build/libclang-missing.log; \
	status=$$?; test $$status -eq 2 || \
		{ echo "lint without libclang exited $$status" >&2; exit 1; }; \
	grep -q 'cannot load libclang' build/libclang-missing.log || \
		{ cat build/libclang-missing.log; exit 1; }
	@echo "  ok libclang is loaded by lint alone, and its absence is an error"

CHECK_TARGETS += libclang-optional
.PHONY: libclang-optional

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

# fuzz.mk: libFuzzer targets (tests/fuzz/fuzz_NAME.c), run for a budget.
#
#   make fuzz                   every target for FUZZ_SECONDS (default 30)
#   make fuzz-NAME              one target
#   make fuzz-check             the short budget make check runs, plus a
#                               replay of every regression input

FUZZ_CC ?= clang
FUZZ_CHECK_SECONDS ?= 30
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined
FUZZ_FLAGS += -fno-sanitize-recover=undefined
FUZZ_FLAGS += -std=c11 -D_GNU_SOURCE -Icore -Igenerator -Ilint -Ilogs
FUZZ_FLAGS += -I$(LLVM_PREFIX)/include -Itests

FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_NAMES))

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRCS) $(BUILD)/embedded.c | deps-headers
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRCS) \
		$(BUILD)/embedded.c $(LIBS)

# Run one target: a scratch copy of its seed corpus grows, the seeds do not.
fuzz-%: build/fuzz/fuzz_%
	@sh tests/fuzz/run.sh $* $(FUZZ_SECONDS)

fuzz: $(FUZZ_BINS)
	@for n in $(FUZZ_NAMES); do sh tests/fuzz/run.sh $$n $(FUZZ_SECONDS) || exit 1; done

fuzz-check: $(FUZZ_BINS)
	@for n in $(FUZZ_NAMES); do sh tests/fuzz/run.sh $$n $(FUZZ_CHECK_SECONDS) || exit 1; done

CHECK_TARGETS += fuzz-check
.PHONY: fuzz fuzz-check

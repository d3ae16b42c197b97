# generated-c.mk: the C target, generated, compiled everywhere and tested.
#
# make check generates build/gen/ffl_log.{h,c} from schema/found-footy (and
# the pairs of the test catalogues in tests/generated/), compiles each with
# gcc and clang at -std=c99, c11 and c17 under -Wall -Wextra -Wpedantic
# -Werror (the header alone too), runs the cmocka tests of
# tests/generated/ against them, and the thread test again under
# ThreadSanitizer. It also builds a small user program through logschema.mk
# and cmake/Logschema.cmake.

GEN_GCC ?= gcc
GEN_CLANG ?= $(shell command -v clang 2>/dev/null || command -v clang-14 2>/dev/null || echo clang)
GEN_STDS ?= c99 c11 c17

GEN_DIR := $(BUILD)/gen
GEN_TEST_DIR := $(BUILD)/tests/generated

GEN_WARN := -Wall
GEN_WARN += -Wextra
GEN_WARN += -Wpedantic
GEN_WARN += -Werror

GEN_TEST_CFLAGS := -std=c11
GEN_TEST_CFLAGS += -O1
GEN_TEST_CFLAGS += -g
GEN_TEST_CFLAGS += $(GEN_WARN)
GEN_TEST_CFLAGS += -Itests/generated

GEN_TSAN_CFLAGS := $(GEN_TEST_CFLAGS) -fsanitize=thread

ifeq ($(SANITIZE),1)
GEN_TEST_CFLAGS += -fsanitize=address,undefined
GEN_TEST_CFLAGS += -fno-sanitize-recover=undefined
GEN_TEST_CFLAGS += -fno-omit-frame-pointer
endif

GEN_TEST_LIBS := -lcmocka
GEN_TEST_LIBS += -ljansson
GEN_TEST_LIBS += -pthread
GEN_TEST_LIBS += -lm

# gen_pair(PREFIX, CATALOGUE, OUTDIR): generate OUTDIR/PREFIX_log.{h,c}.
# The stamp carries the time of the last generation, since the generator
# leaves an unchanged file untouched and so keeps dependents from rebuilding.
define gen_pair
$(3)/$(1).stamp: $(LOGSCHEMA) $(shell find $(2) -name '*.yaml' -o -name '*.yml' 2>/dev/null)
	@mkdir -p $(3)
	$$(QUIET_GEN)$(LOGSCHEMA) generate -s $(2) --target c -o $(3) \
		--depfile $(3)/$(1)_log.d
	@touch $$@

$(3)/$(1)_log.h $(3)/$(1)_log.c: $(3)/$(1).stamp ;

GEN_PAIRS += $(3)/$(1)_log.c
endef

GEN_PAIRS :=
$(eval $(call gen_pair,ffl,schema/found-footy,$(GEN_DIR)))
$(eval $(call gen_pair,nvl,tests/generated/naive,$(GEN_DIR)/naive))
$(eval $(call gen_pair,hst,tests/generated/hostile,$(GEN_DIR)/hostile))

# Each generated pair, each compiler, each standard: the source, and the
# header alone. A stamp per combination keeps reruns cheap.
GEN_MATRIX :=
define gen_compile
$(GEN_TEST_DIR)/matrix/$(notdir $(basename $(1)))-$(2)-$(3).ok: $(1) $(1:.c=.h)
	@mkdir -p $$(dir $$@)
	$$(QUIET_CC)$(4) -std=$(3) $(GEN_WARN) -c -o $$(@:.ok=.o) $(1)
	@echo '#include "$(notdir $(1:.c=.h))"' | \
		$(4) -std=$(3) $(GEN_WARN) -I$(dir $(1)) -x c -c -o /dev/null -
	@touch $$@

GEN_MATRIX += $(GEN_TEST_DIR)/matrix/$(notdir $(basename $(1)))-$(2)-$(3).ok
endef

$(foreach pair,$(GEN_PAIRS),$(foreach std,$(GEN_STDS),\
	$(eval $(call gen_compile,$(pair),gcc,$(std),$(GEN_GCC)))\
	$(eval $(call gen_compile,$(pair),clang,$(std),$(GEN_CLANG)))))

# The tests: test_naive and test_hostile use their own catalogues.
GEN_TESTS := test_output test_pretty test_levels test_sinks test_threads
GEN_TEST_BINS := $(addprefix $(GEN_TEST_DIR)/,$(GEN_TESTS))
GEN_TEST_BINS += $(GEN_TEST_DIR)/test_naive
GEN_TEST_BINS += $(GEN_TEST_DIR)/test_hostile

$(addprefix $(GEN_TEST_DIR)/,$(GEN_TESTS)): $(GEN_TEST_DIR)/%: \
		tests/generated/%.c tests/generated/capture.c \
		tests/generated/capture.h $(GEN_DIR)/ffl_log.c $(GEN_DIR)/ffl_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(GEN_GCC) $(GEN_TEST_CFLAGS) -I$(GEN_DIR) -o $@ \
		$< tests/generated/capture.c $(GEN_DIR)/ffl_log.c $(GEN_TEST_LIBS)

$(GEN_TEST_DIR)/test_naive: tests/generated/test_naive.c \
		tests/generated/capture.c tests/generated/capture.h \
		$(GEN_DIR)/naive/nvl_log.c $(GEN_DIR)/naive/nvl_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(GEN_GCC) $(GEN_TEST_CFLAGS) -I$(GEN_DIR)/naive -o $@ \
		$< tests/generated/capture.c $(GEN_DIR)/naive/nvl_log.c \
		$(GEN_TEST_LIBS)

$(GEN_TEST_DIR)/test_hostile: tests/generated/test_hostile.c \
		tests/generated/capture.c tests/generated/capture.h \
		$(GEN_DIR)/hostile/hst_log.c $(GEN_DIR)/hostile/hst_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(GEN_GCC) $(GEN_TEST_CFLAGS) -I$(GEN_DIR)/hostile -o $@ \
		$< tests/generated/capture.c $(GEN_DIR)/hostile/hst_log.c \
		$(GEN_TEST_LIBS)

# Every action of a catalogue, every field set: a test generated from the
# catalogue with the template set of tests/generated/all-actions.
# all_actions(PREFIX, CATALOGUE, PAIR_DIR)
GEN_ALL_TEMPLATES := $(wildcard tests/generated/all-actions/*.mustache)
define all_actions
$(GEN_DIR)/all/$(1)/$(1)_all_actions.c: $(LOGSCHEMA) $(GEN_ALL_TEMPLATES) \
		$(3)/$(1).stamp
	@mkdir -p $$(dir $$@)
	$$(QUIET_GEN)$(LOGSCHEMA) generate -s $(2) \
		--templates tests/generated/all-actions -o $(GEN_DIR)/all/$(1)
	@touch $$@

$(GEN_TEST_DIR)/test_all_actions_$(1): $(GEN_DIR)/all/$(1)/$(1)_all_actions.c \
		tests/generated/capture.c tests/generated/capture.h \
		$(3)/$(1)_log.c $(3)/$(1)_log.h
	@mkdir -p $$(dir $$@)
	$$(QUIET_LINK)$(GEN_GCC) $(GEN_TEST_CFLAGS) -I$(3) -o $$@ $$< \
		tests/generated/capture.c $(3)/$(1)_log.c $(GEN_TEST_LIBS)

GEN_TEST_BINS += $(GEN_TEST_DIR)/test_all_actions_$(1)
endef

$(eval $(call all_actions,ffl,schema/found-footy,$(GEN_DIR)))
$(eval $(call all_actions,hst,tests/generated/hostile,$(GEN_DIR)/hostile))

# The thread test once more, under ThreadSanitizer.
GEN_TSAN_BIN := $(GEN_TEST_DIR)/test_threads_tsan
$(GEN_TSAN_BIN): tests/generated/test_threads.c $(GEN_DIR)/ffl_log.c \
		$(GEN_DIR)/ffl_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(GEN_CLANG) $(GEN_TSAN_CFLAGS) -I$(GEN_DIR) -o $@ $< \
		$(GEN_DIR)/ffl_log.c $(GEN_TEST_LIBS)

check-generated-c: $(GEN_MATRIX) $(GEN_TEST_BINS) $(GEN_TSAN_BIN)
	@echo "  ok generated C compiles cleanly ($(words $(GEN_MATRIX)) builds)"
	@sh tests/run-unit.sh $(GEN_TEST_BINS) $(GEN_TSAN_BIN)

# logschema.mk and cmake/Logschema.cmake, used as a user would.
check-generated-build: $(LOGSCHEMA)
	@sh tests/generated/build-systems/run.sh $(LOGSCHEMA)

CHECK_TARGETS += check-generated-c check-generated-build

.PHONY: check-generated-c check-generated-build

# reliability.mk: fault injection and adversarial inputs.
#
#   make check-faults        generate under failing writes, renames, disks
#   make check-adversarial   hostile catalogues: each a clean error or safe
#                            output within a second
#   make check-runtime-faults
#                            the generated runtime under a failing write(2)

FAULTS := $(BUILD)/faults

# An LD_PRELOAD shim making write, fsync, close, rename... fail on cue.
$(FAULTS)/failwrite.so: tests/faults/failwrite.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) -std=c11 -Wall -Wextra -O2 -fPIC -shared -o $@ $< -ldl

check-faults: $(LOGSCHEMA) $(FAULTS)/failwrite.so
	@sh tests/faults/generator.sh $(LOGSCHEMA) $(FAULTS)/failwrite.so

# The runtime's write(2) calls go through a fault plan (-Wl,--wrap=write).
FAULTS_GEN := $(BUILD)/gen
RUNTIME_FAULTS := $(FAULTS)/test_runtime_faults

RUNTIME_FAULTS_CFLAGS := -std=c11
RUNTIME_FAULTS_CFLAGS += -O1
RUNTIME_FAULTS_CFLAGS += -g
RUNTIME_FAULTS_CFLAGS += -Wall
RUNTIME_FAULTS_CFLAGS += -Wextra
RUNTIME_FAULTS_CFLAGS += -Werror
RUNTIME_FAULTS_CFLAGS += -I$(FAULTS_GEN)
ifeq ($(SANITIZE),1)
RUNTIME_FAULTS_CFLAGS += -fsanitize=address,undefined
RUNTIME_FAULTS_CFLAGS += -fno-sanitize-recover=undefined
endif

$(RUNTIME_FAULTS): tests/faults/test_runtime_faults.c \
		$(FAULTS_GEN)/ffl_log.c $(FAULTS_GEN)/ffl_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(RUNTIME_FAULTS_CFLAGS) -Wl,--wrap=write -o $@ \
		$< $(FAULTS_GEN)/ffl_log.c -lcmocka -ljansson -pthread -lm

check-runtime-faults: $(RUNTIME_FAULTS)
	@sh tests/run-unit.sh $(RUNTIME_FAULTS)

# fuzz_emitter fuzzes the generated runtime, not the library.
build/fuzz/fuzz_emitter: tests/fuzz/fuzz_emitter.c \
		$(FAULTS_GEN)/ffl_log.c $(FAULTS_GEN)/ffl_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_FLAGS) -I$(FAULTS_GEN) -o $@ $< \
		$(FAULTS_GEN)/ffl_log.c -ljansson -lpthread -lm

build/fuzz/fuzz_lint: tests/fuzz/fuzz_lint.c $(LIB_SRCS) $(BUILD)/embedded.c \
		| deps-headers
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(FUZZ_CC) $(FUZZ_FLAGS) \
		-o $@ $< $(LIB_SRCS) $(BUILD)/embedded.c $(LIBS)

# Under AddressSanitizer a run is slower and maps terabytes of shadow.
ifeq ($(SANITIZE),1)
ADVERSARIAL_ENV := ADVERSARIAL_TIMEOUT=5 ADVERSARIAL_VMEM_KB=
endif

check-adversarial: $(LOGSCHEMA)
	@$(ADVERSARIAL_ENV) sh tests/adversarial/run.sh $(LOGSCHEMA)

CHECK_TARGETS += check-faults check-adversarial check-runtime-faults
.PHONY: check-faults check-adversarial check-runtime-faults

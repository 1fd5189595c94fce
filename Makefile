# SPDX-License-Identifier: GPL-2.0-only
#
# mmsim build.  `make` builds build/mmsim; `make test` runs the whole suite
# (normal and ASan+UBSan builds) and ends with "N passed, N failed";
# `make run` builds and runs the guided tour; `make bench` runs the
# benchmarks.  SAN=1 builds into build-san/ with sanitizers.  ./setup.sh
# installs the Debian packages all of this needs.

CC      ?= cc
SAN     ?= 0
ifeq ($(SAN),1)
BUILD   ?= build-san
SANFLAGS:= -fsanitize=address,undefined
OPT     := -O1 -g $(SANFLAGS) -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD   ?= build
SANFLAGS:=
OPT     := -O2 -g
endif

CFLAGS  += -std=gnu11 $(OPT) -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	   -Wshadow -Wstrict-prototypes -Iinclude -Iarch/x86/include -MMD -MP
LDFLAGS += $(SANFLAGS)

LIB_SRCS  := $(sort $(wildcard arch/x86/kernel/*.c arch/x86/mm/*.c arch/x86/entry/vdso/*.c mm/*.c kernel/*.c \
		fs/*.c fs/proc/*.c drivers/base/*.c drivers/block/*.c lib/*.c))
TOOL_SRCS := $(sort $(wildcard tools/mmsim/*.c))
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
BENCH_SRCS:= $(sort $(wildcard bench/*.c))

LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
TOOL_OBJS := $(TOOL_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BINS:= $(BENCH_SRCS:bench/%.c=$(BUILD)/bench/%)
LIBMMSIM  := $(BUILD)/libmmsim.a
HOSTRUN   := $(BUILD)/kernel-diff/hostrun

TOOL_LIBS := $(shell pkg-config --libs libedit 2>/dev/null || echo -ledit)
UNIT_LIBS := -lcmocka
BENCH_LIBS := -ldl
# libm: kernel/access_pattern.c's zipf draws (log, exp)
TOOL_LIBS += -lm
UNIT_LIBS += -lm
BENCH_LIBS += -lm

.PHONY: all run test check bench setup clean
all: $(BUILD)/mmsim $(UNIT_BINS) $(HOSTRUN) $(BENCH_BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIBMMSIM): $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/mmsim: $(TOOL_OBJS) $(LIBMMSIM)
	$(CC) $(LDFLAGS) -o $@ $(TOOL_OBJS) $(LIBMMSIM) $(TOOL_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIBMMSIM)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBMMSIM) $(UNIT_LIBS)

$(BUILD)/bench/%: bench/%.c $(LIBMMSIM)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBMMSIM) $(BENCH_LIBS)

# The kernel-diff host runner: static, no libc, laid out by its own link
# map as mmsim's static executable (file ... elf=static) is, so that both
# kernels give the process the same VMAs (tests/kernel-diff/README.md);
# never built with sanitizers.
# Its files: hostrun.h says which is what; hostrun.lds puts _start's
# .text.start first whatever their order.
$(HOSTRUN): $(addprefix tests/kernel-diff/,hostrun.c hostrun_lib.c hostrun_mman.c \
		hostrun_faults.c hostrun_touch.c hostrun_fork.c hostrun.h hostrun.lds)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Wshadow -Wstrict-prototypes -static -nostdlib \
		-ffreestanding -fno-builtin -fno-stack-protector -fno-pie -no-pie \
		-fno-asynchronous-unwind-tables -Wl,-T,tests/kernel-diff/hostrun.lds \
		-Wl,-z,max-page-size=4096 -Wl,--build-id=none -o $@ $(filter %.c,$^)

# The README's commands: `./setup.sh && make run`, `./setup.sh && make test`.
run: all
	$(BUILD)/mmsim run tests/scenarios/tour.mm

setup:
	@sh setup.sh

test check:
	@sh tests/run-tests.sh

bench: all $(BENCH_BINS)
	@for b in $(BENCH_BINS); do $$b || exit 1; done

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJS:.o=.d) $(TOOL_OBJS:.o=.d) $(UNIT_BINS:=.d) $(BENCH_BINS:=.d)

# `make fuzz`: the libFuzzer target of the script parser (tests/fuzz/,
# docs/testing.md "Fuzzing") in build-fuzz/, with clang, ASan+UBSan; the
# library and the front end (but its main and shell) are compiled again
# with clang for it, so build/ and build-san/ are untouched.
FUZZ_CC     ?= clang
FUZZ_BUILD  := build-fuzz
FUZZ_FLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	       -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -std=gnu11 $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Wall -Wno-unused-parameter -Wno-string-plus-int \
	       -Iinclude -Iarch/x86/include -MMD -MP
FUZZ_OBJS   := $(LIB_SRCS:%.c=$(FUZZ_BUILD)/%.o) \
	       $(patsubst %.c,$(FUZZ_BUILD)/%.o,$(filter-out tools/mmsim/main.c tools/mmsim/shell.c,$(TOOL_SRCS)))

.PHONY: fuzz
fuzz: $(FUZZ_BUILD)/fuzz_script

$(FUZZ_BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_BUILD)/fuzz_script: tests/fuzz/fuzz_script.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) -lm

-include $(FUZZ_OBJS:.o=.d) $(FUZZ_BUILD)/fuzz_script.d

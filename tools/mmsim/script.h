/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The workload language of the mmsim front end: the state of one run
 * (the current machine, the kernel actor's allocations, the expect tally),
 * the words a line is cut into, and the command tables each command family
 * (cmd_*.c) provides.  One parser serves files, `run -c` and the shell.
 * Talks to the simulator only through include/mmsim.h.
 */
#ifndef _MMSIM_TOOLS_SCRIPT_H
#define _MMSIM_TOOLS_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;

/* Exit statuses of `mmsim run` (and of the shell at its end). */
#define EXIT_EXPECT_FAILED	1	/* some expect did not hold */
#define EXIT_SCRIPT_ERROR	2	/* bad input stopped the script */
#define EXIT_VALIDATE_FAILED	3	/* --validate found an inconsistency */

/* What a command handler returns. */
enum cmd_result {
	CMD_OK = 0,		/* done (a failed expect is still CMD_OK) */
	CMD_ERROR,		/* script error, already reported */
	CMD_VALIDATE,		/* validator failure, already reported */
};

/* One word of a command line after quoting is resolved. */
struct word {
	char *text;		/* the word, quotes removed (malloc'd) */
	bool op;		/* an unquoted operator: > >= >> < <= */
};

/* What a set of the kernel actor holds. */
enum set_kind {
	SET_PAGES,		/* alloc_pages blocks: pfns */
	SET_KMALLOC,		/* kmalloc objects: vas */
	SET_SLAB,		/* kmem_cache_alloc objects of @cache: vas */
	SET_VMALLOC,		/* vmalloc areas: vas */
	SET_GROUP,		/* reclaimable objects of @cache: the simulator
				 * holds them (its shrinker may free them), by name */
};

/* One named set of blocks or objects the kernel actor holds (`... as NAME`). */
struct page_set {
	char *name;		/* the script's name for the set */
	unsigned int order;	/* every block in the set has this order */
	union {
		unsigned long *pfns;	/* SET_PAGES: first pfn of each block */
		uint64_t *vas;		/* kernel VA of each object or area */
	};			/* in allocation order */
	size_t nr, cap;		/* entries held, room in pfns/vas */
	struct page_set *next;
	enum set_kind kind;	/* SET_PAGES unless a kernel-memory verb made it */
	char *cache;		/* SET_SLAB, SET_GROUP: the cache's name */
	struct kmem_cache *cachep;	/* SET_SLAB: the cache itself (outlives its name) */
	uint64_t cache_id;	/* SET_SLAB: @cachep's serial (mmsim_kmem_cache_get) */
	uint64_t size;		/* SET_KMALLOC, SET_VMALLOC: bytes asked for */
};

/* A mapping a process named with `NAME: mmap VAR ...` (cmd_process.c). */
struct proc_var {
	char *proc;		/* the process */
	char *name;		/* VAR */
	uint64_t addr;		/* where mmap put it */
	uint64_t len;		/* its length in bytes, page aligned */
	struct proc_var *next;
};

/* A value `save` kept (cmd_expect.c); it outlives boots. */
struct saved_value {
	char *name;		/* NAME of `save ... as NAME` */
	char *value;		/* the text found, trimmed */
	struct saved_value *next;
};

/* The state of one run: a script file, a -c line, stdin or a shell. */
struct script {
	/* the machine */
	struct machine *m;	/* current machine, NULL until one boots */
	uint64_t seed;		/* seed for the next boot (--seed, `seed`) */

	/* where we are, for messages */
	const char *file;	/* "tests/x.mm", "-c", "-" or "<stdin>" */
	unsigned int line;	/* line (or command, for -c) being run */
	bool semicolon_is_line;	/* -c: each `;` command counts as a line */
	bool interactive;	/* the shell: chattier, errors do not stop */

	/* options */
	bool validate;		/* run mmsim_validate after every command */

	/* results */
	unsigned int expects_failed;	/* failed expect lines so far */
	bool have_last;		/* last_err holds a result */
	int last_err;		/* 0 or -errno of the last actor/echo */

	/* the kernel actor's allocations on the current machine */
	struct page_set *sets;

	/* values kept by `save FILE[:KEY] as NAME`, for expect ... $NAME */
	struct saved_value *saved;

	/* processes (cmd_process.c) */
	const char *actor;	/* the process actor of the verb being run */
	struct proc_var *vars;	/* the processes' named mappings */
	char *exited;		/* names of processes that exited on this
				 * machine, each followed by '\n' (malloc'd) */

	/* dmesg -c: where the log was "cleared" (front-end emulation) */
	size_t dmesg_clear_len;	/* log length when cleared, 0: never */
	char *dmesg_clear_line;	/* last line shown when cleared */
};

/* A command of the language. */
struct command {
	const char *name;	/* first word ("cat"), or actor verb */
	enum cmd_result (*run)(struct script *s, int argc, struct word *argv);
	bool needs_machine;	/* boot the default machine first if none */
	const char *usage;	/* "cat FILE..." */
	const char *summary;	/* one line for `help` */
	const char *help;	/* paragraph(s) for `help NAME`, with examples */
};

/* Command tables, each ended by an entry with a NULL name. */
extern const struct command machine_commands[];	/* cmd_machine.c */
extern const struct command file_commands[];		/* cmd_files.c */
extern const struct command page_types_commands[];	/* cmd_page_types.c: xxd, page-types */
extern const struct command expect_commands[];		/* cmd_expect.c */
extern const struct command fs_commands[];		/* cmd_fs.c: the simulated disk */
extern const struct command kernel_commands[];		/* cmd_kernel.c: kernel: VERB */
extern const struct command kernel_actor_command;	/* cmd_kernel.c: help entry */
extern const struct command process_commands[];	/* cmd_process.c: spawn, ps */
extern const struct command process_verbs[];		/* cmd_process.c: NAME: exit ... */
extern const struct command mman_verbs[];		/* cmd_mman.c: NAME: mmap ... */
extern const struct command mremap_verbs[];		/* cmd_mremap.c: NAME: mremap, prlimit */
extern const struct command madvise_verbs[];		/* cmd_madvise.c: NAME: madvise, mlock ... */
extern const struct command file_verbs[];		/* cmd_file.c: NAME: open, close */
/* Every table of process verbs (script.c), in the order `help` lists them. */
extern const struct command access_verbs[];		/* cmd_access.c: NAME: read/write */
extern const struct command access_commands[];	/* cmd_access.c: verify */
extern const struct command *const process_verb_tables[];
extern const struct command process_actor_command;	/* cmd_process.c: help entry */

/*
 * process_actor_check - whether the process @name can run a verb: CMD_OK
 * if it is alive; a note and *skip (it exited: its commands are skipped);
 * or a reported CMD_ERROR (never spawned).
 */
enum cmd_result process_actor_check(struct script *s, const char *name, bool *skip);

/* process_forget_vars - drop the named mappings of @proc (NULL: all). */
void process_forget_vars(struct script *s, const char *proc);

/* ---- cmd_mman.c: helpers the syscall verbs share ---- */

/* process_find_var - @proc's mapping named by the @n bytes at @name, or NULL. */
struct proc_var *process_find_var(struct script *s, const char *proc, const char *name, size_t n);

/*
 * process_parse_range - VAR or VAR[START:END] of the actor's mappings into
 * *@addr and *@len.  Returns CMD_OK, or a reported CMD_ERROR naming @verb.
 */
enum cmd_result process_parse_range(struct script *s, const char *verb, const char *text,
				    uint64_t *addr, uint64_t *len);

/* process_parse_prot - none|r|rw|rx|rwx|w|x|wx as PROT_* bits, or -1. */
int process_parse_prot(const char *t);

/* process_print_prot - strace's spelling of @prot (PROT_READ|PROT_WRITE). */
void process_print_prot(int prot);

/*
 * process_print_result - end a printed call: " = @ok" when @ret is 0, else
 * strace's " = -1 ENOMEM (Cannot allocate memory)"; sets `last` to @ret.
 */
void process_print_result(struct script *s, int ret, const char *ok);

/* ---- script.c: running lines ---- */

/* script_init - a fresh run state named @file for messages; no machine. */
void script_init(struct script *s, const char *file, uint64_t seed, bool validate);

/* script_fini - destroy the machine and everything the run holds. */
void script_fini(struct script *s);

/*
 * script_run_text - run every line of @text (several lines allowed),
 * counting lines from s->line.  Stops at the first script or validator
 * error unless s->interactive.  Returns CMD_OK, CMD_ERROR or CMD_VALIDATE
 * (the worst seen).
 */
enum cmd_result script_run_text(struct script *s, const char *text);

/*
 * script_exit_status - 0 when every expect held, EXIT_EXPECT_FAILED when
 * one failed, or the status @r calls for (EXIT_SCRIPT_ERROR,
 * EXIT_VALIDATE_FAILED).
 */
int script_exit_status(const struct script *s, enum cmd_result r);

/*
 * script_error - report a script error: "FILE:LINE: MESSAGE" on stderr.
 * Returns CMD_ERROR so a handler can `return script_error(...)`.
 */
enum cmd_result script_error(struct script *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* script_note - "FILE:LINE: MESSAGE" on stderr without failing the script. */
void script_note(struct script *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * script_boot - boot a machine from @cmdline, replacing the current one
 * (and forgetting the kernel actor's sets) only on success.  Returns
 * CMD_OK or a reported CMD_ERROR.
 */
enum cmd_result script_boot(struct script *s, const char *cmdline);

/*
 * script_need_machine - boot the default machine (MMSIM_DEFAULT_CMDLINE)
 * if none is running.  Returns CMD_OK or a reported CMD_ERROR.
 */
enum cmd_result script_need_machine(struct script *s);

/* script_forget_sets - drop the kernel actor's sets (machine gone). */
void script_forget_sets(struct script *s);

/* script_forget_saved - drop the values `save` kept (end of the run). */
void script_forget_saved(struct script *s);

/*
 * script_find_command - the command named @name in the tables (kernel
 * actor verbs when @actor), or NULL.
 */
const struct command *script_find_command(const char *name, bool actor);

/* script_print_help - `help` (NULL @name) or `help NAME` on stdout;
 * returns false if @name is not a command. */
bool script_print_help(const char *name);

/* ---- lex.c: cutting a line into words ---- */

/*
 * lex_line - cut @line into words: blanks separate words, '...' and "..."
 * quote (\" and \\ inside double quotes), a backslash outside quotes
 * escapes the next character, an unquoted # starting a word begins a
 * comment, an unquoted ; ends a command (a word with text NULL marks each
 * end), and unquoted > >= >> < <= are operator words even when not
 * spaced.  Returns the number of words in *out (malloc'd, free with
 * lex_free), or -1 with the reason in @err (unterminated quote).
 */
int lex_line(const char *line, struct word **out, char *err, size_t errlen);

/* lex_free - free what lex_line returned. */
void lex_free(struct word *w, int n);

/* ---- units.c: numbers, sizes and durations as the kernel spells them ---- */

/*
 * parse_size - memparse(): a number (decimal, 0x hex or 0 octal) with an
 * optional K, M, G, T, P or E suffix (either case).  Returns true and the
 * size in bytes in *out; false if @s is not entirely such a size or it
 * overflows.
 */
bool parse_size(const char *s, uint64_t *out);

/* parse_u64 - a plain unsigned decimal (or 0x hex) number, whole word. */
bool parse_u64(const char *s, uint64_t *out);

/* parse_s64 - a plain signed decimal number, whole word. */
bool parse_s64(const char *s, int64_t *out);

/*
 * parse_duration - "10us", "5ms", "2s", "1m", "1h", "100ns", "1.5s"; a bare
 * number is seconds, as sleep(1) takes it.  Returns true and nanoseconds.
 */
bool parse_duration(const char *s, uint64_t *ns);

/* ---- errno text (library or local) ---- */

/* errno_text - "Cannot allocate memory" for ENOMEM (positive errno). */
const char *errno_text(int err);

/* errno_from_name - ENOMEM for "ENOMEM" or "-ENOMEM"; 0 if unknown. */
int errno_from_name(const char *name);

#endif

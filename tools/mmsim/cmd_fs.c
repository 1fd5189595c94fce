// SPDX-License-Identifier: GPL-2.0-only
/*
 * Commands on the simulated disk: `file PATH SIZE [data=zero|random|text]`
 * makes a regular file (silent, as truncate(1) is), `file PATH [SIZE]
 * elf=pie|static|lib` an executable with real ELF headers, `stat PATH...` prints
 * the first three lines coreutils' stat(1) prints (name; size, blocks, I/O
 * block, type; device, inode, links).  The disk is separate from /proc and
 * /sys: cat and ls still show the machine's pseudo-files.
 * Leaves out: stat's Access/Modify/Change lines (no owners or times), -c.
 * Caller: script.c through fs_commands.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

#define FILE_USAGE "file PATH SIZE [data=zero|random|text]"
#define FILE_ELF_USAGE "file PATH [SIZE] elf=pie|static|lib"

/* data=KIND: the MMSIM_DATA_* value, or -1. */
static int data_kind(const char *text)
{
	if (!strcmp(text, "data=zero"))
		return MMSIM_DATA_ZERO;
	if (!strcmp(text, "data=random"))
		return MMSIM_DATA_RANDOM;
	if (!strcmp(text, "data=text"))
		return MMSIM_DATA_TEXT;
	return -1;
}

/* elf=KIND: the MMSIM_ELF_* value, or -1. */
static int elf_kind(const char *text)
{
	if (!strcmp(text, "elf=pie"))
		return MMSIM_ELF_PIE;
	if (!strcmp(text, "elf=static"))
		return MMSIM_ELF_STATIC;
	if (!strcmp(text, "elf=lib"))
		return MMSIM_ELF_LIB;
	return -1;
}

/* The index of the elf=KIND word of a file command, or 0. */
static int elf_word(int argc, struct word *argv)
{
	for (int i = 2; i < argc; i++)
		if (!strncmp(argv[i].text, "elf=", 4))
			return i;
	return 0;
}

/* file PATH [SIZE] elf=KIND: an executable with real ELF headers. */
static enum cmd_result cmd_file_elf(struct script *s, int argc, struct word *argv, int at)
{
	const char *kind_text = argv[at].text;
	int kind = elf_kind(kind_text);
	uint64_t size = 0;
	char err[512];

	if (kind < 0)
		return script_error(s, "file: unknown \"%s\" (expected elf=pie, elf=static or elf=lib)",
				    kind_text);
	for (int i = 2; i < argc; i++)
		if (!strncmp(argv[i].text, "data=", 5))
			return script_error(s, "file: \"%s\" does not go with %s (expected "
					    FILE_ELF_USAGE ": an executable is zeros but for its headers)",
					    argv[i].text, kind_text);
	if (argc > 4 || (argc == 4 && at != 3))
		return script_error(s, "file: too many arguments (expected " FILE_ELF_USAGE ")");
	if (argc == 4 && !parse_size(argv[2].text, &size))
		return script_error(s, "file: \"%s\" is not a size (expected bytes or a size such as 44016, 64K or 16M)",
				    argv[2].text);
	if (argc == 4 && !size)
		return script_error(s, "file: an executable of 0 bytes (expected a size of at least a few pages)");
	if (mmsim_create_elf(s->m, argv[1].text, size, kind, err, sizeof(err)))
		return script_error(s, "file: cannot create %s", err);
	return CMD_OK;
}

static enum cmd_result cmd_file(struct script *s, int argc, struct word *argv)
{
	int kind = MMSIM_DATA_ZERO;
	uint64_t size;
	char err[512];

	for (int i = 1; i < argc; i++)
		if (argv[i].op)
			return script_error(s, "file: unexpected \"%s\" (expected " FILE_USAGE ")",
					    argv[i].text);
	if (elf_word(argc, argv))
		return cmd_file_elf(s, argc, argv, elf_word(argc, argv));
	if (argc < 3)
		return script_error(s, "file: missing %s (expected " FILE_USAGE
				    ", such as file /data/db 64M data=random)",
				    argc < 2 ? "path and size" : "size");
	if (argc > 4)
		return script_error(s, "file: too many arguments (expected " FILE_USAGE ")");
	if (!parse_size(argv[2].text, &size))
		return script_error(s, "file: \"%s\" is not a size (expected bytes or a size such as 4096, 64K, 16M or 1G)",
				    argv[2].text);
	if (argc == 4 && (kind = data_kind(argv[3].text)) < 0)
		return script_error(s, "file: unknown \"%s\" (expected data=zero, data=random or data=text)",
				    argv[3].text);
	if (mmsim_create_file(s->m, argv[1].text, size, kind, err, sizeof(err)))
		return script_error(s, "file: cannot create %s", err);
	return CMD_OK;
}

/* stat's %F: coreutils names an empty regular file apart. */
static const char *file_type(const struct mmsim_stat *st)
{
	if ((st->mode & 0170000) == 0040000)
		return "directory";
	return st->size ? "regular file" : "regular empty file";
}

static enum cmd_result cmd_stat(struct script *s, int argc, struct word *argv)
{
	struct mmsim_stat st;
	char num[32];

	for (int i = 1; i < argc; i++)
		if (argv[i].op)
			return script_error(s, "stat: unexpected \"%s\" (expected stat PATH...)",
					    argv[i].text);
	if (argc < 2)
		return script_error(s, "stat: missing operand (expected stat PATH..., such as stat /data/db)");
	for (int i = 1; i < argc; i++) {
		int ret = mmsim_stat(s->m, argv[i].text, &st);

		if (ret)
			return script_error(s, "stat: cannot statx '%s': %s (expected a file made with the file command)",
					    argv[i].text, errno_text(-ret));
		printf("  File: %s\n", argv[i].text);
		snprintf(num, sizeof(num), "%llu", (unsigned long long)st.size);
		printf("  Size: %-10s\tBlocks: %-10llu IO Block: %-6d %s\n", num,
		       (unsigned long long)st.blocks, 4096, file_type(&st));
		printf("Device: %u,%u\tInode: %-11llu Links: %u\n", st.dev >> 20,
		       st.dev & ((1u << 20) - 1), (unsigned long long)st.ino, st.nlink);
	}
	return CMD_OK;
}

const struct command fs_commands[] = {
	{ "file", cmd_file, true, FILE_USAGE " | " FILE_ELF_USAGE,
	  "create a file on the simulated disk",
	  "Creates the regular file PATH (absolute) of SIZE bytes (a number, or\n"
	  "with K, M, G, T) on the machine's disk, and the directories missing on\n"
	  "its way.  Its bytes are real (a host file in a temporary directory the\n"
	  "run removes): zeros (the default), data=random (from the machine's\n"
	  "seeded PRNG: the same seed gives the same bytes) or data=text (a\n"
	  "repeating English text).  The disk is device 254:1 (fe:01 in\n"
	  "/proc/PID/maps), inode numbers start at 12 as on a fresh ext4, and it\n"
	  "holds mmsim.disk_size= bytes (default 64G; a file takes its size in 4K\n"
	  "blocks, a directory one block).  Prints nothing.  An existing PATH,\n"
	  "a full disk or a file on the path is a script error.\n"
	  "\n"
	  "With elf=KIND the file is an executable: zeros but for real ELF64\n"
	  "headers at its start, which spawn and exec read as Linux does.\n"
	  "elf=pie is a dynamically linked PIE shaped as Debian's /usr/bin/cat\n"
	  "(44016 bytes; it names /lib64/ld-linux-x86-64.so.2, made as elf=lib\n"
	  "if missing), elf=static a static non-PIE program at 0x400000 with a\n"
	  "bss (92K), elf=lib a shared object without interpreter shaped as\n"
	  "ld-linux-x86-64.so.2 (215000 bytes).  SIZE, when given, grows or\n"
	  "shrinks the text segment by whole pages.  spawn NAME runs\n"
	  "/usr/bin/NAME, made as elf=pie when missing.\n"
	  "\n"
	  "  file /data/db 64M data=random\n"
	  "  file /usr/bin/app 2M data=text\n"
	  "  file /usr/bin/db elf=static\n"
	  "  file /usr/bin/big 64M elf=pie\n" },
	{ "stat", cmd_stat, true, "stat PATH...",
	  "show a disk file's size, device and inode number",
	  "Prints the first three lines of coreutils' stat(1) for each file or\n"
	  "directory of the simulated disk: name; size, 512-byte blocks, I/O\n"
	  "block and type; device (major,minor), inode number and links.\n"
	  "\n"
	  "  stat /data/db\n"
	  "  stat /data\n" },
	{ NULL },
};

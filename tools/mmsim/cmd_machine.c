// SPDX-License-Identifier: GPL-2.0-only
/*
 * Commands on the machine as a whole: boot, sysctl, seed, sleep.  sysctl
 * speaks as procps-ng's sysctl(8) does (its output and its messages);
 * boot takes a Linux kernel command line.  Leaves out: sysctl -p/--system
 * (no /etc here), sysctl globbing.  Caller: script.c through
 * machine_commands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* ---- boot ---- */

static enum cmd_result cmd_boot(struct script *s, int argc, struct word *argv)
{
	size_t len = 1;
	enum cmd_result r;
	char *line;

	if (argc == 1)
		return script_boot(s, MMSIM_DEFAULT_CMDLINE);
	for (int i = 1; i < argc; i++) {
		if (argv[i].op)
			return script_error(s, "boot: unexpected \"%s\" (expected kernel parameters such as mem=4G nr_cpus=2)",
					    argv[i].text);
		len += strlen(argv[i].text) + 1;
	}
	line = calloc(1, len);
	if (!line)
		abort();
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strcat(line, " ");
		strcat(line, argv[i].text);
	}
	r = script_boot(s, line);
	free(line);
	return r;
}

/* ---- sysctl ---- */

/* The /proc/sys path of @key: dots are slashes unless the key has slashes. */
static char *sysctl_path(const char *key)
{
	bool slashes = strchr(key, '/') != NULL;
	size_t n = strlen("/proc/sys/") + strlen(key) + 1;
	char *path = malloc(n), *p;

	if (!path)
		abort();
	snprintf(path, n, "/proc/sys/%s", key + (*key == '/'));
	for (p = path + strlen("/proc/sys/"); *p && !slashes; p++)
		if (*p == '.')
			*p = '/';
	return path;
}

/* The name sysctl shows for @key: slashes become dots. */
static char *sysctl_name(const char *key)
{
	char *name = strdup(key + (*key == '/')), *p;

	if (!name)
		abort();
	if (strchr(name, '/'))
		for (p = name; *p; p++)
			if (*p == '/')
				*p = '.';
	return name;
}

/* Print "NAME = line" for every line of @val (or just the lines with -n). */
static void sysctl_print(const char *name, const char *val, bool values_only)
{
	const char *p = val;

	do {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		if (values_only)
			printf("%.*s\n", len, p);
		else
			printf("%s = %.*s\n", name, len, p);
		p = nl ? nl + 1 : p + len;
	} while (*p);
}

/* Show every readable key under directory @path, named from @name. */
static void sysctl_show_dir(struct script *s, const char *path, const char *name,
			    bool values_only)
{
	char **ents = NULL;
	size_t nr = 0;

	if (mmsim_readdir(s->m, path, &ents, &nr))
		return;
	for (size_t i = 0; i < nr; i++) {
		size_t elen = strlen(ents[i]);
		bool dir = elen && ents[i][elen - 1] == '/';
		size_t plen = strlen(path) + elen + 2, nlen = strlen(name) + elen + 2;
		char *cpath = malloc(plen), *cname = malloc(nlen);
		char *buf = NULL;
		size_t len;

		if (!cpath || !cname)
			abort();
		snprintf(cpath, plen, "%s/%.*s", path, (int)(elen - dir), ents[i]);
		snprintf(cname, nlen, "%s%s%.*s", name, *name ? "." : "", (int)(elen - dir), ents[i]);
		if (dir) {
			sysctl_show_dir(s, cpath, cname, values_only);
		} else if (!mmsim_read(s->m, cpath, &buf, &len)) {
			sysctl_print(cname, buf, values_only);
			free(buf);
		}
		free(cpath);
		free(cname);
	}
	mmsim_free_list(ents, nr);
}

/* `sysctl KEY`: print it, or every key below it for a directory. */
static enum cmd_result sysctl_show(struct script *s, const char *key, bool values_only)
{
	char *path = sysctl_path(key), *name = sysctl_name(key);
	enum cmd_result r = CMD_OK;
	char *buf = NULL;
	size_t len;
	int ret;

	ret = mmsim_read(s->m, path, &buf, &len);
	if (ret == -EISDIR)
		sysctl_show_dir(s, path, name, values_only);
	else if (ret == -EACCES)
		r = script_error(s, "sysctl: permission denied on key '%s' (expected a readable key; this one is write-only)",
				 name);
	else if (ret)
		r = script_error(s, "sysctl: cannot stat %s: %s (expected a key such as vm.swappiness; try sysctl -a)",
				 path, errno_text(-ret));
	else
		sysctl_print(name, buf, values_only);
	free(buf);
	free(path);
	free(name);
	return r;
}

/* `sysctl KEY=VALUE`: write it and print "KEY = VALUE" as sysctl does. */
static enum cmd_result sysctl_set(struct script *s, const char *arg, bool values_only)
{
	const char *eq = strchr(arg, '=');
	char *key = strndup(arg, (size_t)(eq - arg)), *path, *name;
	const char *val = eq + 1;
	enum cmd_result r = CMD_OK;
	int ret;

	if (!key)
		abort();
	if (!*key) {
		free(key);
		return script_error(s, "sysctl: malformed setting \"%s\" (expected KEY=VALUE)", arg);
	}
	path = sysctl_path(key);
	name = sysctl_name(key);
	ret = mmsim_write(s->m, path, val);
	if (ret == -ENOENT || ret == -ENOTDIR)
		r = script_error(s, "sysctl: cannot stat %s: %s (expected a key such as vm.swappiness; try sysctl -a)",
				 path, errno_text(-ret));
	else if (ret == -EACCES || ret == -EISDIR)
		r = script_error(s, "sysctl: permission denied on key '%s' (expected a writable key)", name);
	else if (ret)
		r = script_error(s, "sysctl: setting key \"%s\": %s (the kernel rejected \"%s\")",
				 name, errno_text(-ret), val);
	else if (values_only)
		printf("%s\n", val);
	else
		printf("%s = %s\n", name, val);
	free(key);
	free(path);
	free(name);
	return r;
}

static enum cmd_result cmd_sysctl(struct script *s, int argc, struct word *argv)
{
	bool values_only = false, all = false, did = false;
	enum cmd_result r;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i].text;

		if (argv[i].op)
			return script_error(s, "sysctl: unexpected \"%s\" (expected sysctl KEY or sysctl KEY=VALUE)", a);
		if (!strcmp(a, "-n")) {
			values_only = true;
		} else if (!strcmp(a, "-w")) {
			/* writing is implied by KEY=VALUE, as in procps */
		} else if (!strcmp(a, "-a") || !strcmp(a, "-A") || !strcmp(a, "-X")) {
			all = true;
		} else if (*a == '-') {
			return script_error(s, "sysctl: unknown option \"%s\" (expected -n, -w or -a)", a);
		} else {
			r = strchr(a, '=') ? sysctl_set(s, a, values_only) : sysctl_show(s, a, values_only);
			if (r != CMD_OK)
				return r;
			did = true;
		}
	}
	if (all) {
		sysctl_show_dir(s, "/proc/sys", "", values_only);
		did = true;
	}
	if (!did)
		return script_error(s, "sysctl: missing key (expected sysctl KEY, sysctl KEY=VALUE or sysctl -a)");
	return CMD_OK;
}

/* ---- seed, sleep ---- */

static enum cmd_result cmd_seed(struct script *s, int argc, struct word *argv)
{
	uint64_t seed;

	if (argc != 2 || argv[1].op)
		return script_error(s, "seed: %s (expected seed N)", argc < 2 ? "missing number" : "too many arguments");
	if (!parse_u64(argv[1].text, &seed))
		return script_error(s, "seed: \"%s\" is not a number (expected seed N, N from 0 to 2^64-1)",
				    argv[1].text);
	s->seed = seed;
	if (s->m)
		mmsim_seed(s->m, seed);
	return CMD_OK;
}

static enum cmd_result cmd_sleep(struct script *s, int argc, struct word *argv)
{
	uint64_t ns;

	if (argc != 2 || argv[1].op)
		return script_error(s, "sleep: %s (expected sleep DURATION such as 10us, 5ms, 2s or 1m)",
				    argc < 2 ? "missing duration" : "too many arguments");
	if (!parse_duration(argv[1].text, &ns))
		return script_error(s, "sleep: \"%s\" is not a duration (expected a number with ns, us, ms, s, m or h, such as 5ms)",
				    argv[1].text);
	mmsim_sleep(s->m, ns);
	return CMD_OK;
}

const struct command machine_commands[] = {
	{ "boot", cmd_boot, false, "boot [CMDLINE...]",
	  "boot a fresh machine from a Linux kernel command line",
	  "The words form the kernel command line.  Any current machine is\n"
	  "replaced (with everything the kernel actor held); if the new one cannot\n"
	  "boot, the old one stays.  Without words, boots the default machine:\n"
	  "  " MMSIM_DEFAULT_CMDLINE "\n"
	  "A script that never boots gets the default machine with its first\n"
	  "command that needs one.  Unknown parameters are logged in dmesg as\n"
	  "Linux logs them; a value mmsim cannot boot with is a script error.\n"
	  "\n"
	  "  boot mem=8G nr_cpus=4\n"
	  "  boot mem=4G numa=fake=2 movablecore=1G\n" },
	{ "sysctl", cmd_sysctl, true, "sysctl [-n] [-a] KEY[=VALUE]...",
	  "read or write a /proc/sys key, as sysctl(8)",
	  "sysctl KEY prints \"KEY = VALUE\"; sysctl KEY=VALUE writes\n"
	  "/proc/sys/KEY (dots are slashes) and prints \"KEY = VALUE\".  A\n"
	  "directory key (vm) or -a prints every key below it.  -n prints values\n"
	  "only; -w is accepted and implied.  A value the kernel rejects is a\n"
	  "script error: sysctl: setting key \"vm.x\": Invalid argument.\n"
	  "\n"
	  "  sysctl vm.min_free_kbytes\n"
	  "  sysctl vm.watermark_scale_factor=200\n"
	  "  sysctl vm\n" },
	{ "seed", cmd_seed, false, "seed N",
	  "reseed the machine's random number generator",
	  "Reseeds the current machine's PRNG and sets the seed later boots use\n"
	  "(mmsim.seed= on a boot line still wins).  The default seed is 0, or\n"
	  "--seed N.\n"
	  "\n"
	  "  seed 42\n" },
	{ "sleep", cmd_sleep, true, "sleep DURATION",
	  "let virtual time pass",
	  "The machine's virtual clock moves on by DURATION: a number with ns,\n"
	  "us, ms, s, m or h; a bare number is seconds, as sleep(1) reads it;\n"
	  "decimals are allowed (1.5s).  Nothing is printed.\n"
	  "\n"
	  "  sleep 5ms\n"
	  "  sleep 2\n" },
	{ NULL },
};

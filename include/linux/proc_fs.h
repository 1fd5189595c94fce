/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Registration of the files the machine shows under /proc and
 * /sys/devices/system/node (fs/proc/ and drivers/base/node.c).  Each
 * function creates its files with kernfs_create_file; the show functions
 * read state and change nothing.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

struct machine;

/*
 * proc_root_init - register every file below (called once at the end of
 * boot, when zones, pcp lists and counters exist).  Returns 0, or the
 * first error (-ENOMEM, -EEXIST if called twice).
 */
int proc_root_init(struct machine *m);

/* Each returns 0 or what kernfs_create_file returned. */
int proc_meminfo_init(struct machine *m);	/* /proc/meminfo */
int proc_buddyinfo_init(struct machine *m);	/* /proc/buddyinfo, /proc/pagetypeinfo */
int proc_zoneinfo_init(struct machine *m);	/* /proc/zoneinfo */
int proc_vmstat_init(struct machine *m);	/* /proc/vmstat */
int proc_cmdline_init(struct machine *m);	/* /proc/cmdline */
int node_dev_init(struct machine *m);		/* /sys/devices/system/node/... */
int proc_slabinfo_init(struct machine *m);	/* /proc/slabinfo (fs/proc/slabinfo.c) */
/*
 * slab_sysfs_init - /sys/kernel/slab/ for every cache that exists (the
 * late initcall of mm/slub.c; mm/slab_sysfs.c): from then on caches get
 * their files as they are created.  Sets m->slab_state to FULL.
 */
int slab_sysfs_init(struct machine *m);
int proc_interrupts_init(struct machine *m);	/* /proc/interrupts (fs/proc/interrupts.c) */
int tlb_debugfs_init(struct machine *m);	/* /sys/kernel/debug/mmsim/tlb (arch/x86/mm/tlb_stats.c) */
int proc_page_init(struct machine *m);	/* /proc/kpagecount, /proc/kpageflags (fs/proc/page.c) */

/* ---- /proc/PID (fs/proc/base.c) ---- */
#include <stdbool.h>
#include <stddef.h>
struct task_struct;

/* proc_pid_register - /proc/PID/{comm,maps,statm} of the process @tsk
 * (its pid set); 0 or what kernfs_create_file returned (nothing left). */
int proc_pid_register(struct machine *m, struct task_struct *tsk);
/* proc_pid_unregister - remove /proc/PID and everything in it. */
void proc_pid_unregister(struct machine *m, struct task_struct *tsk);

/* ---- fs/proc/fd.c: /proc/PID/fd ---- */
struct files_struct;
/* proc_fd_install / proc_fd_close - descriptor @fd of @files opened /
 * closed: its /proc/PID/fd entry appears / goes for every process shown
 * with that table (host memory: best effort). */
void proc_fd_install(struct machine *m, struct files_struct *files, unsigned int fd);
void proc_fd_close(struct machine *m, struct files_struct *files, unsigned int fd);
/* proc_fd_register - entries for every open descriptor of @tsk (its
 * /proc/PID being made).  0 or -ENOMEM. */
int proc_fd_register(struct machine *m, struct task_struct *tsk);
/* proc_fd_unregister - remove /proc/PID/fd (the table is gone: exit_files). */
void proc_fd_unregister(struct machine *m, struct task_struct *tsk);
/*
 * proc_pid_name_path - when @path is /proc/NAME or /proc/NAME/... and NAME
 * is a live process, write /proc/PID... into @buf (@len bytes) and return
 * true; false otherwise (@buf untouched or unusable).
 */
bool proc_pid_name_path(struct machine *m, const char *path, char *buf, size_t len);

#endif

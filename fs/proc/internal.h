/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What fs/proc shares within itself (Linux's fs/proc/internal.h): the
 * per-process directories /proc/PID (fs/proc/base.c) and their files
 * (fs/proc/task_mmu.c: maps, statm; fs/proc/base.c: comm).
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "linux/kernfs.h"

struct machine;
struct task_struct;

/* /proc/PID/maps (fs/proc/task_mmu.c); the file's data is the task. */
extern const struct kernfs_ops proc_pid_maps_operations;
/* /proc/PID/smaps and smaps_rollup (fs/proc/task_mmu.c); the data is the task. */
extern const struct kernfs_ops proc_pid_smaps_operations;
extern const struct kernfs_ops proc_pid_smaps_rollup_operations;
/* /proc/PID/pagemap (fs/proc/task_mmu_pagemap.c): binary; the data is the task. */
extern const struct kernfs_ops proc_pagemap_operations;
/* /proc/PID/statm (fs/proc/task_mmu.c); the file's data is the task. */
extern const struct kernfs_ops proc_pid_statm_operations;
/* /proc/PID/status (fs/proc/array.c); the file's data is the task. */
extern const struct kernfs_ops proc_pid_status_operations;
/* /proc/PID/stat (fs/proc/array.c); the file's data is the task. */
extern const struct kernfs_ops proc_pid_stat_operations;

#endif

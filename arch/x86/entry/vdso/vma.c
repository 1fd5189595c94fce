// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vDSO's mappings (Linux's arch/x86/entry/vdso/vma.c): [vvar] (4
 * pages), [vvar_vclock] (2) and [vdso] (2), placed top-down under
 * mmap_base as map_vdso does: 0x7ffff7ff7000-0x7ffff7fff000 as on the
 * host's 6.18 kernel under setarch -R.
 * Leaves out: the vDSO's pages (its VMAs exist, nothing is mapped in them).
 * Caller: fs/exec.c (exec_mm).
 */
#include <errno.h>
#include "linux/binfmts.h"
#include "linux/err.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "../../../../mm/vma.h"

/* One special mapping of the vDSO: its name, pages and VM_* flags. */
struct vdso_mapping {
	const char *name;	/* what /proc/PID/maps shows */
	unsigned long pages;	/* its size */
	unsigned long flags;	/* before _install_special_mapping's additions */
};

/* VM_* of the vvar pages (vdso_install_vvar_mapping), without sealing. */
#define VM_VVAR_FLAGS	(VM_READ | VM_MAYREAD | VM_IO | VM_DONTDUMP | VM_PFNMAP)

/*
 * Linux 6.18 x86-64's vDSO, lowest first (arch/x86/entry/vdso/vma.c
 * map_vdso, as the host's maps shows it): the 4 vvar data pages, the 2
 * vclock pages, the 2 pages of vdso text.
 */
static const struct vdso_mapping vdso_mappings[] = {
	{ "[vvar]", 4, VM_VVAR_FLAGS },
	{ "[vvar_vclock]", 2, VM_VVAR_FLAGS },
	{ "[vdso]", 2, VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC },
};

/*
 * arch_setup_additional_pages (map_vdso): the vDSO's VMAs in one gap get_unmapped_area finds (top-down
 * under mmap_base with randomization off), each a special mapping
 * (_install_special_mapping adds VM_DONTEXPAND | VM_SOFTDIRTY) with its
 * name; no pages (nothing is faulted yet).  0 or -ENOMEM.
 */
int arch_setup_additional_pages(struct machine *m, struct mm_struct *mm)
{
	unsigned long len = 0, addr;

	for (size_t i = 0; i < sizeof(vdso_mappings) / sizeof(vdso_mappings[0]); i++)
		len += vdso_mappings[i].pages << PAGE_SHIFT;
	addr = get_unmapped_area(m, mm, NULL, 0, len, 0, 0);
	if (IS_ERR_VALUE(addr))
		return (int)(long)addr;
	for (size_t i = 0; i < sizeof(vdso_mappings) / sizeof(vdso_mappings[0]); i++) {
		struct vm_area_struct *vma = vm_area_alloc(m, mm);

		if (!vma)
			return -ENOMEM;		/* the caller's mmput frees the others */
		vma->vm_start = addr;
		vma->vm_end = addr + (vdso_mappings[i].pages << PAGE_SHIFT);
		vma->vm_flags = vdso_mappings[i].flags | VM_DONTEXPAND | VM_SOFTDIRTY;
		vma->vm_pgoff = 0;
		vma->vm_special_name = vdso_mappings[i].name;
		vma_link(mm, vma);
		vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
		addr = vma->vm_end;
	}
	return 0;
}


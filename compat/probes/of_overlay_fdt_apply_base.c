// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_OF_OVERLAY_FDT_APPLY_BASE: of_overlay_fdt_apply() takes
 * the node to apply the overlay at (6.6+; before, three arguments).
 * Declared, as a stub returning -ENOTSUPP, even without CONFIG_OF_OVERLAY.
 */
#include <linux/module.h>
#include <linux/of.h>

static int __used probe(const void *fdt, u32 size, int *id)
{
	return of_overlay_fdt_apply(fdt, size, id, NULL);
}
MODULE_LICENSE("GPL");

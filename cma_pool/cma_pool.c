// SPDX-License-Identifier: GPL-2.0
/*
 * cma_pool: contiguous physical memory pools.
 *
 * Only the module shell exists so far: it loads and unloads cleanly and
 * exports nothing, since nothing is implemented yet (see the open issue
 * for cma_pool).
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init cma_pool_init(void)
{
	return 0;
}
module_init(cma_pool_init);

static void __exit cma_pool_exit(void)
{
}
module_exit(cma_pool_exit);

MODULE_DESCRIPTION("dmashare: contiguous physical memory pools");
MODULE_LICENSE("GPL");

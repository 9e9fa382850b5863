// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_core: shared buffer objects on the kernel's dma-buf.
 *
 * Only the module shell exists so far: it loads and unloads cleanly and
 * exports nothing, since nothing is implemented yet (see the open issue
 * for dmabuf_core).
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init dmabuf_core_init(void)
{
	return 0;
}
module_init(dmabuf_core_init);

static void __exit dmabuf_core_exit(void)
{
}
module_exit(dmabuf_core_exit);

MODULE_DESCRIPTION("dmashare: shared buffer objects on the kernel's dma-buf");
MODULE_LICENSE("GPL");

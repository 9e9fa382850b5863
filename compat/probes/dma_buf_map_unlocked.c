// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_DMA_BUF_MAP_UNLOCKED: dma_buf_map_attachment_unlocked()
 * exists (6.2, and Debian's 6.1 stable).  Where it does,
 * dma_buf_map_attachment() wants the reservation lock held; before,
 * a static importer called dma_buf_map_attachment() without it.
 */
#include <linux/dma-buf.h>
#include <linux/module.h>

static void __used *probe_fn = dma_buf_map_attachment_unlocked;
MODULE_LICENSE("GPL");

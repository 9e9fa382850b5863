// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_DMA_BUF_VMAP_UNLOCKED: dma_buf_vmap_unlocked() exists
 * (6.2+).  Where it does, dma_buf_vmap() and the exporter's vmap run
 * under the reservation lock; before, under the dma-buf's own mutex.
 */
#include <linux/dma-buf.h>
#include <linux/module.h>

static void __used *probe_fn = dma_buf_vmap_unlocked;
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_DEV_DMA_OPS: struct device has dma_ops, so the DMA API
 * can be routed through a dma_map_ops of our own (CONFIG_DMA_OPS up to
 * 6.11, CONFIG_ARCH_HAS_DMA_OPS from 6.12; x86 has it only with GART_IOMMU
 * or XEN).  Without it set_dma_ops() does nothing.
 */
#include <linux/device.h>
#include <linux/module.h>

static void __used probe(struct device *dev)
{
	dev->dma_ops = NULL;
}
MODULE_LICENSE("GPL");

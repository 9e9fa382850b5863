// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_DEV_DMA_IOMMU: struct device has dma_iommu (6.10+): the
 * DMA API then calls iommu-dma directly, not through dev->dma_ops.
 */
#include <linux/device.h>
#include <linux/module.h>

static void __used probe(struct device *dev)
{
	dev->dma_iommu = false;
}
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/*
 * cache.c - CPU cache maintenance for devices that do not snoop the CPU
 * caches, through the kernel's own paths.
 *
 * The architecture hooks (arch_sync_dma_for_device(), arch_sync_dma_for_cpu(),
 * and on arm64 dcache_clean_poc() and friends) are not exported to
 * modules.  What is exported is the DMA API itself, and its direct path
 * does exactly that maintenance for a non-coherent device without an
 * IOMMU.  So the mapper keeps one such device of its own, never
 * registered and never given to a driver, and asks the DMA API to sync
 * for it: dma_sync_single_range_for_device() is the kernel's
 * arch_sync_dma_for_device(), ..._for_cpu() its arch_sync_dma_for_cpu().
 * Each page is first mapped for that device whole, bidirectionally and
 * without a sync (so that the direct path never bounces it through
 * swiotlb and DMA-API debugging sees a mapping the syncs belong to), and
 * unmapped again afterwards, also without a sync.
 *
 * Only kernels with non-coherent DMA at all (the ARCH_HAS_SYNC_DMA_FOR_*
 * configurations, which also give struct device its dma_coherent bit)
 * build this; elsewhere every device is coherent and there is nothing to
 * do.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "mapping.h"

#if MAPPER_NONCOHERENT

static struct device *mapper_cache_dev;

static void mapper_cache_dev_release(struct device *dev)
{
	kfree(dev);
}

int mapper_cache_init(void)
{
	struct device *dev;
	int ret;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	device_initialize(dev);
	dev->release = mapper_cache_dev_release;
	ret = dev_set_name(dev, "iommu_mapper-cache");
	if (ret) {
		put_device(dev);
		return ret;
	}
	/* Any physical address, never bounced: the direct path, nothing else. */
	dev->coherent_dma_mask = DMA_BIT_MASK(64);
	dev->dma_mask = &dev->coherent_dma_mask;
	dev->dma_coherent = false;
	mapper_cache_dev = dev;
	return 0;
}

void mapper_cache_exit(void)
{
	put_device(mapper_cache_dev);
	mapper_cache_dev = NULL;
}

/* Sync [@phys, +@size) for the device or for the CPU, page by page. */
static void mapper_cache_range(phys_addr_t phys, size_t size, enum dma_data_direction dir,
			       bool for_cpu)
{
	struct device *dev = mapper_cache_dev;

	while (size) {
		size_t off = offset_in_page(phys), len = min_t(size_t, size, PAGE_SIZE - off);
		unsigned long pfn = PHYS_PFN(phys);
		dma_addr_t addr;

		/* Memory without a struct page is never given to us cacheable. */
		if (WARN_ON_ONCE(!pfn_valid(pfn)))
			return;
		addr = dma_map_page_attrs(dev, pfn_to_page(pfn), 0, PAGE_SIZE, DMA_BIDIRECTIONAL,
					  DMA_ATTR_SKIP_CPU_SYNC);
		if (WARN_ON_ONCE(dma_mapping_error(dev, addr)))
			return;
		if (for_cpu)
			dma_sync_single_range_for_cpu(dev, addr, off, len, dir);
		else
			dma_sync_single_range_for_device(dev, addr, off, len, dir);
		dma_unmap_page_attrs(dev, addr, PAGE_SIZE, DMA_BIDIRECTIONAL,
				     DMA_ATTR_SKIP_CPU_SYNC);
		phys += len;
		size -= len;
	}
}

void mapper_cache_for_device(phys_addr_t phys, size_t size, enum dma_data_direction dir)
{
	mapper_cache_range(phys, size, dir, false);
}

void mapper_cache_for_cpu(phys_addr_t phys, size_t size, enum dma_data_direction dir)
{
	mapper_cache_range(phys, size, dir, true);
}

void mapper_cache_prepare(phys_addr_t phys, size_t size)
{
	/* Clean, then invalidate: no line of the buffer left in any cache. */
	mapper_cache_range(phys, size, DMA_BIDIRECTIONAL, false);
	mapper_cache_range(phys, size, DMA_BIDIRECTIONAL, true);
}

#endif /* MAPPER_NONCOHERENT */

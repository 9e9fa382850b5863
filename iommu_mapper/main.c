// SPDX-License-Identifier: GPL-2.0
/*
 * iommu_mapper: DMA mapping through any IOMMU domain.
 *
 * iova.c is the IOVA allocator, mapping.c the mappings, device attachment
 * and the dma_map_ops, cache.c the cache maintenance for non-coherent
 * devices, knob.c the debugfs attach knob, bench.c the IOVA allocation
 * benchmark; the API is include/iommu_mapper.h.
 */
#include <linux/init.h>
#include <linux/module.h>

#include "mapping.h"

static int __init iommu_mapper_init(void)
{
	int ret;

	ret = mapper_cache_init();
	if (ret)
		return ret;
	ret = mapper_contig_init();
	if (ret) {
		mapper_cache_exit();
		return ret;
	}
	mapper_knob_init();
	return 0;
}
module_init(iommu_mapper_init);

static void __exit iommu_mapper_exit(void)
{
	mapper_knob_exit();
	mapper_contig_exit();
	mapper_cache_exit();
}
module_exit(iommu_mapper_exit);

MODULE_DESCRIPTION("dmashare: DMA mapping through any IOMMU domain");
MODULE_LICENSE("GPL");

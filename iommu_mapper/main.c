// SPDX-License-Identifier: GPL-2.0
/*
 * iommu_mapper: DMA mapping through any IOMMU domain.
 *
 * So far only its IOVA allocator exists (iova.c, tested by KUnit); the
 * mapping itself, and with it any export, comes with the rest of the
 * iommu_mapper issue.
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init iommu_mapper_init(void)
{
	return 0;
}
module_init(iommu_mapper_init);

static void __exit iommu_mapper_exit(void)
{
}
module_exit(iommu_mapper_exit);

MODULE_DESCRIPTION("dmashare: DMA mapping through any IOMMU domain");
MODULE_LICENSE("GPL");

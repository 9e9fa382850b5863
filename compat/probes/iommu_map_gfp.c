// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_IOMMU_MAP_GFP: iommu_map() takes a gfp_t (6.3+).  Up to
 * 6.2 it has no gfp argument and iommu_map_atomic() is its GFP_ATOMIC twin.
 */
#include <linux/iommu.h>
#include <linux/module.h>

static int __used probe(struct iommu_domain *d)
{
	return iommu_map(d, 0, 0, 4096, IOMMU_READ, GFP_KERNEL);
}
MODULE_LICENSE("GPL");

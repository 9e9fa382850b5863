// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_IOMMU_MAP_SG_GFP: iommu_map_sg() takes a gfp_t (6.3+).  Up
 * to 6.2 it has no gfp argument and iommu_map_sg_atomic() is its
 * GFP_ATOMIC twin.
 */
#include <linux/iommu.h>
#include <linux/module.h>

static ssize_t __used probe(struct iommu_domain *d, struct scatterlist *sg)
{
	return iommu_map_sg(d, 0, sg, 1, IOMMU_READ, GFP_KERNEL);
}
MODULE_LICENSE("GPL");

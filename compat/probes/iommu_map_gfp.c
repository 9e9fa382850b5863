// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_IOMMU_MAP_GFP: iommu_map() takes the gfp_t for page-table
 * allocations as its last argument (from 6.3).  Up to 6.2 it takes five
 * arguments and this fails to compile.
 */
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/sizes.h>

static int __maybe_unused dmashare_probe(struct iommu_domain *domain)
{
	return iommu_map(domain, 0, 0, SZ_4K, IOMMU_READ, GFP_KERNEL);
}

MODULE_LICENSE("GPL");

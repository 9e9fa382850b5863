// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_IOMMU_PAGING_DOMAIN_ALLOC: iommu_paging_domain_alloc(dev)
 * exists (6.11+; returns an ERR_PTR).  Before it, iommu_domain_alloc(bus)
 * (returns NULL on failure).
 */
#include <linux/iommu.h>
#include <linux/module.h>

static struct iommu_domain *__used probe(struct device *dev)
{
	return iommu_paging_domain_alloc(dev);
}
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/*
 * DMASHARE_HAVE_IOMMU_OPS_IDENTITY: struct iommu_ops has identity_domain
 * and domain_alloc_paging, of_xlate takes a const of_phandle_args, and
 * iommu_fwspec_init() takes only the IOMMU's fwnode (the shape of 6.12).
 * A driver registered from a module uses all of them to take masters
 * through the core; Debian's 6.1 has none of them, and this fails.
 */
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/of.h>

static int probe_xlate(struct device *dev, const struct of_phandle_args *args)
{
	return iommu_fwspec_init(dev, NULL);
}

static const struct iommu_ops __used probe_ops = {
	.identity_domain = NULL,
	.domain_alloc_paging = NULL,
	.of_xlate = probe_xlate,
};

MODULE_LICENSE("GPL");

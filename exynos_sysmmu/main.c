// SPDX-License-Identifier: GPL-2.0
/*
 * exynos_sysmmu: Samsung Exynos SYSMMU IOMMU driver, module entry.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include "pgtable.h"

static int __init sysmmu_init(void)
{
	return sysmmu_pgtable_init();
}
module_init(sysmmu_init);

static void __exit sysmmu_exit(void)
{
	sysmmu_pgtable_exit();
}
module_exit(sysmmu_exit);

MODULE_DESCRIPTION("dmashare: Samsung Exynos SYSMMU IOMMU driver");
MODULE_LICENSE("GPL");

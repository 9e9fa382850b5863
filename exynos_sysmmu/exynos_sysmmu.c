// SPDX-License-Identifier: GPL-2.0
/*
 * exynos_sysmmu: Samsung Exynos SYSMMU IOMMU driver.
 *
 * Only the module shell exists so far: it loads and unloads cleanly and
 * exports nothing, since nothing is implemented yet (see the open issue
 * for exynos_sysmmu).
 */
#include <linux/init.h>
#include <linux/module.h>

static int __init sysmmu_init(void)
{
	return 0;
}
module_init(sysmmu_init);

static void __exit sysmmu_exit(void)
{
}
module_exit(sysmmu_exit);

MODULE_DESCRIPTION("dmashare: Samsung Exynos SYSMMU IOMMU driver");
MODULE_LICENSE("GPL");

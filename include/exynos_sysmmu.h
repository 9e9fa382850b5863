/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exynos_sysmmu.h - the whole exported API of exynos_sysmmu.ko
 * (namespace DMASHARE_NS(EXYNOS_SYSMMU)).
 *
 * Domains are standard struct iommu_domain objects: map, unmap and
 * translate them with iommu_map(), iommu_unmap(), iommu_iova_to_phys(),
 * set a fault handler with iommu_set_fault_handler(), free them with
 * iommu_domain_free().  What the IOMMU core cannot do on machines without
 * a device tree, binding a master to a SYSMMU and attaching it, goes
 * through the helpers below.  A master's SYSMMUs follow its runtime PM
 * (pm_runtime_put_sync() and pm_runtime_resume_and_get() on the master).
 */
#ifndef DMASHARE_EXYNOS_SYSMMU_H
#define DMASHARE_EXYNOS_SYSMMU_H

#include <linux/dma-direction.h>
#include <linux/types.h>

struct device;
struct iommu_domain;

struct device *exynos_sysmmu_master_create(unsigned int model);
void exynos_sysmmu_master_destroy(struct device *master);
struct iommu_domain *exynos_sysmmu_domain_alloc(struct device *master);
int exynos_sysmmu_attach(struct iommu_domain *domain, struct device *master);
void exynos_sysmmu_detach(struct device *master);
int exynos_sysmmu_model_dma(struct device *master, u32 iova, void *buf,
			    size_t len, enum dma_data_direction dir);
int exynos_sysmmu_master_add(struct device *master, unsigned int model);
int exynos_sysmmu_model_dma_port(struct device *master, unsigned int port,
				 u32 iova, void *buf, size_t len,
				 enum dma_data_direction dir);

#endif /* DMASHARE_EXYNOS_SYSMMU_H */

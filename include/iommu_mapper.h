/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iommu_mapper.h - the API of iommu_mapper.ko (namespace IOMMU_MAPPER):
 * DMA mapping through an IOMMU domain with an IOVA window of its own.
 *
 * A driver creates a mapping (a window and a paging domain from the
 * device's IOMMU driver) and attaches devices to it; from then on every
 * DMA-API call on such a device (dma_map_sg(), dma_map_page(),
 * dma_alloc_attrs(), dma_mmap_attrs(), dma_get_sgtable(),
 * dma_map_resource(), dma_sync_*()) goes through the mapper.  Detach puts
 * the device's previous domain and DMA path back.
 */
#ifndef DMASHARE_IOMMU_MAPPER_H
#define DMASHARE_IOMMU_MAPPER_H

#include <linux/device.h>
#include <linux/types.h>

struct iommu_domain;
struct iommu_mapper;

/* iommu_mapper_create() flags */
/* Flush the IOTLB on every unmap instead of batching flushes. */
#define IOMMU_MAPPER_STRICT		0x1u
#define IOMMU_MAPPER_FLAGS		IOMMU_MAPPER_STRICT

/* Page sizes counted in struct iommu_mapper_stats.pages: 4 KiB << 0..18. */
#define IOMMU_MAPPER_PGSIZE_ORDERS	19

/**
 * struct iommu_mapper_stats - what a mapping has done
 * @maps:	successful map operations (map_page, map_sg, map_resource, alloc)
 * @map_failures: map operations refused
 * @unmaps:	unmap operations (unmap_page, unmap_sg, unmap_resource, free)
 * @mapped:	bytes of IOVA space mapped now
 * @iova_window: bytes in the IOVA window
 * @iova_peak:	most bytes of IOVA space in use at once
 * @iova_largest_free: longest free run of IOVA space, in bytes
 * @iotlb_flushes: IOTLB flushes of the whole domain by the flush queue
 * @deferred:	unmapped ranges waiting in the flush queue now
 * @cache_syncs: cache maintenance operations done for a non-coherent device
 * @pgsize_bitmap: the domain's page sizes, as its driver advertises them
 * @pages:	IOMMU pages that maps have used so far, by size: @pages[i]
 *		counts pages of 4 KiB << i (1 GiB and larger in the last),
 *		as the IOMMU core splits each physically contiguous run over
 *		the sizes the driver advertises
 */
struct iommu_mapper_stats {
	u64 maps;
	u64 map_failures;
	u64 unmaps;
	u64 mapped;
	u64 iova_window;
	u64 iova_peak;
	u64 iova_largest_free;
	u64 iotlb_flushes;
	u64 deferred;
	u64 cache_syncs;
	u64 pgsize_bitmap;
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS];
};

struct iommu_mapper *iommu_mapper_create(struct device *dev, dma_addr_t base, u64 size,
					 unsigned int flags);
struct iommu_mapper *iommu_mapper_create_for_domain(struct iommu_domain *domain, dma_addr_t base,
						    u64 size, unsigned int flags);
void iommu_mapper_release(struct iommu_mapper *mapping);
int iommu_mapper_attach(struct device *dev, struct iommu_mapper *mapping);
void iommu_mapper_detach(struct device *dev);
void iommu_mapper_get_stats(struct iommu_mapper *mapping, struct iommu_mapper_stats *st);

#endif /* DMASHARE_IOMMU_MAPPER_H */

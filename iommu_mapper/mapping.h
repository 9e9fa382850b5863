/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mapping.h - iommu_mapper internals shared between its files and with its
 * KUnit suite (EXPORT_SYMBOL_IF_KUNIT); not an API.
 */
#ifndef DMASHARE_IOMMU_MAPPER_MAPPING_H
#define DMASHARE_IOMMU_MAPPER_MAPPING_H

#include <linux/dma-direction.h>
#include <linux/scatterlist.h>
#include <linux/types.h>

#include <iommu_mapper.h>

struct dentry;

/* knob.c: the debugfs attach/detach knob */
void mapper_knob_init(void);
void mapper_knob_exit(void);

/* bench.c: the IOVA allocation benchmark against the kernel's iova.c */
void mapper_bench_init(struct dentry *dir);

/*
 * cache.c: CPU cache maintenance for non-coherent devices, where the
 * kernel has such devices at all (these options give struct device its
 * dma_coherent bit).
 */
#if defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_DEVICE) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU) || \
	defined(CONFIG_ARCH_HAS_SYNC_DMA_FOR_CPU_ALL)
#define MAPPER_NONCOHERENT	1
int mapper_cache_init(void);
void mapper_cache_exit(void);
void mapper_cache_for_device(phys_addr_t phys, size_t size, enum dma_data_direction dir);
void mapper_cache_for_cpu(phys_addr_t phys, size_t size, enum dma_data_direction dir);
void mapper_cache_prepare(phys_addr_t phys, size_t size);
#else
#define MAPPER_NONCOHERENT	0
static inline int mapper_cache_init(void) { return 0; }
static inline void mapper_cache_exit(void) { }
static inline void mapper_cache_for_device(phys_addr_t phys, size_t size,
					   enum dma_data_direction dir) { }
static inline void mapper_cache_for_cpu(phys_addr_t phys, size_t size,
					enum dma_data_direction dir) { }
static inline void mapper_cache_prepare(phys_addr_t phys, size_t size) { }
#endif

/* mapping.c: the owner DMA_ATTR_FORCE_CONTIGUOUS buffers are charged to */
int mapper_contig_init(void);
void mapper_contig_exit(void);

#if IS_ENABLED(CONFIG_KUNIT)
size_t mapper_pgsize(unsigned long pgsizes, u64 addr_bits, size_t len);
void mapper_count_pages(unsigned long pgsizes, u64 iova, u64 phys, size_t len,
			u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS]);
unsigned long mapper_alloc_orders(unsigned long pgsizes, unsigned int max_order);
int mapper_sg_layout(struct scatterlist *sgl, int nents, dma_addr_t iova, size_t granule,
		     unsigned int max_seg, unsigned long boundary);
#endif

#endif /* DMASHARE_IOMMU_MAPPER_MAPPING_H */

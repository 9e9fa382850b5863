/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iova.h - iommu_mapper's IOVA allocator (internal to iommu_mapper; its
 * KUnit suite reaches it through EXPORT_SYMBOL_IF_KUNIT).
 */
#ifndef DMASHARE_IOMMU_MAPPER_IOVA_H
#define DMASHARE_IOMMU_MAPPER_IOVA_H

#include <linux/percpu.h>
#include <linux/spinlock.h>
#include <linux/types.h>

/* Size classes kept in the per-CPU caches: 1, 2, 4 ... 32 granules. */
#define MAPPER_IOVA_CACHE_ORDERS	6
/* Ranges one CPU keeps per size class. */
#define MAPPER_IOVA_CACHE_DEPTH		256

struct mapper_iova_cpu_cache;

/**
 * struct mapper_iova - an IOVA window handed out in granules
 * @base:	first address of the window
 * @shift:	log2 of the granule (the smallest IOMMU page)
 * @window:	granules in the window
 * @align_cap:	allocations are aligned to their size rounded up to a
 *		power of two, but to no more than 2^@align_cap granules
 * @lock:	protects @bitmap, @nbits, @used, @peak, @next and the counters
 * @bitmap:	one bit per granule, set while allocated (or cached); covers
 *		the first @nbits granules, grown by doubling up to @window
 * @nbits:	granules @bitmap covers now
 * @next:	next-fit hint: where the last search ended
 * @used:	granules allocated, cached ones included
 * @peak:	highest @used seen
 * @allocs:	successful allocations from @bitmap (the caches count
 *		their own hits)
 * @fails:	allocations refused for want of space
 * @grows:	times @bitmap grew
 * @cache:	per-CPU caches of recently freed ranges, one per size class
 */
struct mapper_iova {
	dma_addr_t base;
	unsigned int shift;
	unsigned long window;
	unsigned int align_cap;

	spinlock_t lock;	/* see @lock above */
	unsigned long *bitmap;
	unsigned long nbits;
	unsigned long next;
	unsigned long used;
	unsigned long peak;
	u64 allocs;
	u64 fails;
	u64 grows;

	struct mapper_iova_cpu_cache __percpu *cache;
};

/**
 * struct mapper_iova_stats - a snapshot of an allocator's counters
 * @window:	granules in the window
 * @used:	granules allocated (cached ones included)
 * @cached:	granules sitting in per-CPU caches
 * @peak:	highest @used seen
 * @largest_free: longest run of free granules
 * @nbits:	granules the bitmap covers now
 * @allocs:	successful allocations
 * @fails:	allocations refused for want of space
 * @cache_hits:	allocations served from a per-CPU cache
 * @grows:	times the bitmap grew
 */
struct mapper_iova_stats {
	unsigned long window, used, cached, peak, largest_free, nbits;
	u64 allocs, fails, cache_hits, grows;
};

int mapper_iova_init(struct mapper_iova *iv, dma_addr_t base, u64 size,
		     unsigned int shift, unsigned int align_cap);
void mapper_iova_destroy(struct mapper_iova *iv);
dma_addr_t mapper_iova_alloc(struct mapper_iova *iv, size_t size, gfp_t gfp);
void mapper_iova_free(struct mapper_iova *iv, dma_addr_t iova, size_t size);
void mapper_iova_get_stats(struct mapper_iova *iv, struct mapper_iova_stats *st);

#endif /* DMASHARE_IOMMU_MAPPER_IOVA_H */

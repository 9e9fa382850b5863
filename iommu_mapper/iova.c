// SPDX-License-Identifier: GPL-2.0
/*
 * iova.c - the IOVA allocator of iommu_mapper.
 *
 * A window of IOVA space handed out in granules (the domain's smallest
 * page).  One bit per granule in a bitmap that starts small and doubles,
 * up to the window, when a request finds no room (the seed mapper's
 * "extensions": a 4 GiB window costs its full 128 KiB bitmap only once it
 * is used that far).  Allocations are aligned to their size, up to a cap,
 * so the mapper can use large IOMMU pages.  Freed ranges of the common
 * small sizes park in per-CPU caches and are handed out again without the
 * bitmap lock; when the bitmap runs out, the caches are drained into it
 * before the request fails.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/slab.h>

#include "iova.h"

/* Granules the bitmap covers at first (256 KiB of 4 KiB granules). */
#define MAPPER_IOVA_INITIAL_BITS	64

/*
 * One CPU's parked ranges of one size class.  @lock protects @n and
 * @start: it is per CPU so that frees and allocations on different CPUs
 * never meet, and it is a lock rather than preemption control so that
 * draining from another CPU is safe.
 */
struct mapper_iova_class_cache {
	spinlock_t lock;	/* protects n, hits and start[] */
	unsigned int n;
	u64 hits;		/* allocations served from here */
	unsigned long start[MAPPER_IOVA_CACHE_DEPTH];
};

struct mapper_iova_cpu_cache {
	struct mapper_iova_class_cache class[MAPPER_IOVA_CACHE_ORDERS];
};

/* Granules in @size bytes, rounded up; shifts, not a 64-bit division. */
static unsigned long iova_granules(const struct mapper_iova *iv, size_t size)
{
	return (size >> iv->shift) + !!(size & ((1UL << iv->shift) - 1));
}

/* Size class of a request of @count granules, or -1 if not cached. */
static int iova_class(unsigned long count)
{
	if (!is_power_of_2(count))
		return -1;
	return ilog2(count) < MAPPER_IOVA_CACHE_ORDERS ? ilog2(count) : -1;
}

static unsigned long iova_align_mask(const struct mapper_iova *iv, unsigned long count)
{
	unsigned int order = min_t(unsigned int, order_base_2(count), READ_ONCE(iv->align_cap));

	return (1UL << order) - 1;
}

/*
 * Grow the bitmap to cover at least @want granules.  Called and returns
 * with @iv->lock held; drops it to allocate.
 */
static bool iova_grow(struct mapper_iova *iv, unsigned long want, gfp_t gfp,
		      unsigned long *flags)
	__must_hold(&iv->lock)
{
	unsigned long nbits = iv->nbits, *bigger;

	lockdep_assert_held(&iv->lock);
	while (nbits < want)
		nbits *= 2;
	nbits = min(nbits, iv->window);
	if (nbits <= iv->nbits)
		return false;

	/* Dropped: a sleeping allocation must not hold a spinlock. */
	spin_unlock_irqrestore(&iv->lock, *flags);
	bigger = bitmap_zalloc(nbits, gfp);
	spin_lock_irqsave(&iv->lock, *flags);
	if (!bigger)
		return false;
	/* Another CPU may have grown it meanwhile: keep the larger. */
	if (nbits > iv->nbits) {
		bitmap_copy(bigger, iv->bitmap, iv->nbits);
		swap(bigger, iv->bitmap);
		iv->nbits = nbits;
		iv->grows++;
	}
	bitmap_free(bigger);
	return true;
}

/*
 * First fit from the hint, then from the start; @iv->nbits if none.  The
 * alignment is of the IOVA itself, not of its offset in the window, so
 * that a window base not aligned to a large page still gets large pages.
 */
static unsigned long iova_find(struct mapper_iova *iv, unsigned long count,
			       unsigned long mask)
{
	unsigned long off = (iv->base >> iv->shift) & mask;
	unsigned long start;

	start = bitmap_find_next_zero_area_off(iv->bitmap, iv->nbits, iv->next, count, mask,
					       off);
	if (start < iv->nbits && start + count <= iv->nbits)
		return start;
	start = bitmap_find_next_zero_area_off(iv->bitmap, iv->nbits, 0, count, mask, off);
	if (start + count <= iv->nbits)
		return start;
	return iv->nbits;
}

/* Give every parked range back to the bitmap.  Returns granules returned. */
static unsigned long iova_drain_caches(struct mapper_iova *iv)
	__must_hold(&iv->lock)
{
	unsigned long freed = 0;
	unsigned int cpu, c;

	lockdep_assert_held(&iv->lock);
	for_each_possible_cpu(cpu) {
		struct mapper_iova_cpu_cache *pc = per_cpu_ptr(iv->cache, cpu);

		for (c = 0; c < MAPPER_IOVA_CACHE_ORDERS; c++) {
			struct mapper_iova_class_cache *cc = &pc->class[c];

			spin_lock(&cc->lock);
			while (cc->n) {
				bitmap_clear(iv->bitmap, cc->start[--cc->n], 1UL << c);
				freed += 1UL << c;
			}
			spin_unlock(&cc->lock);
		}
	}
	iv->used -= freed;
	return freed;
}

/**
 * mapper_iova_alloc() - allocate IOVA space
 * @iv: the allocator
 * @size: bytes; rounded up to whole granules
 * @gfp: allocation flags for growing the bitmap (GFP_ATOMIC in atomic context)
 *
 * The range's IOVA is aligned to @size rounded up to a power of two,
 * capped at 2^@iv->align_cap granules.
 *
 * Context: any; takes @iv->lock (irqsave) and a per-CPU cache lock.
 * Return: the first address, or DMA_MAPPING_ERROR when the window has no
 * room.
 */
dma_addr_t mapper_iova_alloc(struct mapper_iova *iv, size_t size, gfp_t gfp)
{
	unsigned long count = iova_granules(iv, size);
	unsigned long mask, start, flags;
	int class = iova_class(count);
	bool drained = false;

	if (!count || count > iv->window)
		return DMA_MAPPING_ERROR;

	if (class >= 0) {
		struct mapper_iova_class_cache *cc;
		bool hit = false;

		cc = &raw_cpu_ptr(iv->cache)->class[class];
		spin_lock_irqsave(&cc->lock, flags);
		if (cc->n) {
			start = cc->start[--cc->n];
			cc->hits++;
			hit = true;
		}
		spin_unlock_irqrestore(&cc->lock, flags);
		/* Counted in the cache: the hit path never takes @iv->lock. */
		if (hit)
			return iv->base + ((dma_addr_t)start << iv->shift);
	}

	mask = iova_align_mask(iv, count);
	spin_lock_irqsave(&iv->lock, flags);
	for (;;) {
		start = iova_find(iv, count, mask);
		if (start < iv->nbits)
			break;
		if (iova_grow(iv, iv->nbits + count, gfp, &flags))
			continue;
		if (!drained && iv->nbits == iv->window) {
			drained = true;
			if (iova_drain_caches(iv))
				continue;
		}
		iv->fails++;
		spin_unlock_irqrestore(&iv->lock, flags);
		return DMA_MAPPING_ERROR;
	}
	bitmap_set(iv->bitmap, start, count);
	iv->next = start + count;
	iv->used += count;
	iv->peak = max(iv->peak, iv->used);
	iv->allocs++;
	spin_unlock_irqrestore(&iv->lock, flags);
	return iv->base + ((dma_addr_t)start << iv->shift);
}
EXPORT_SYMBOL_IF_KUNIT(mapper_iova_alloc);

/**
 * mapper_iova_free() - give back IOVA space
 * @iv: the allocator
 * @iova: what mapper_iova_alloc() returned
 * @size: the size it was asked for
 *
 * Small ranges are parked in this CPU's cache for the next request of
 * their size; others go straight back to the bitmap.
 *
 * Context: any; takes @iv->lock (irqsave) or a per-CPU cache lock.
 */
void mapper_iova_free(struct mapper_iova *iv, dma_addr_t iova, size_t size)
{
	unsigned long count = iova_granules(iv, size);
	unsigned long start, flags;
	int class = iova_class(count);

	start = (iova - iv->base) >> iv->shift;
	if (WARN_ONCE(iova < iv->base || !count || start >= iv->window ||
		      count > iv->window - start,
		      "freeing %#llx+%zu outside the IOVA window\n",
		      (unsigned long long)iova, size))
		return;

	if (class >= 0) {
		struct mapper_iova_class_cache *cc;

		cc = &raw_cpu_ptr(iv->cache)->class[class];
		spin_lock_irqsave(&cc->lock, flags);
		if (cc->n < MAPPER_IOVA_CACHE_DEPTH) {
			cc->start[cc->n++] = start;
			spin_unlock_irqrestore(&cc->lock, flags);
			return;
		}
		spin_unlock_irqrestore(&cc->lock, flags);
	}

	spin_lock_irqsave(&iv->lock, flags);
	bitmap_clear(iv->bitmap, start, count);
	iv->used -= count;
	spin_unlock_irqrestore(&iv->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(mapper_iova_free);

/* Longest run of clear bits; the uncovered tail of the window is free. */
static unsigned long iova_largest_free(struct mapper_iova *iv)
{
	unsigned long best = 0, rs, re;

	lockdep_assert_held(&iv->lock);
	for (rs = find_first_zero_bit(iv->bitmap, iv->nbits); rs < iv->nbits;
	     rs = find_next_zero_bit(iv->bitmap, iv->nbits, re)) {
		re = find_next_bit(iv->bitmap, iv->nbits, rs);
		best = max(best, (re == iv->nbits ? iv->window : re) - rs);
	}
	return max(best, iv->window - iv->nbits);
}

/**
 * mapper_iova_get_stats() - read an allocator's counters
 * @iv: the allocator
 * @st: filled with a consistent snapshot
 *
 * Context: any; takes @iv->lock and each CPU's cache locks.
 */
void mapper_iova_get_stats(struct mapper_iova *iv, struct mapper_iova_stats *st)
{
	unsigned long flags, cached = 0;
	unsigned int cpu, c;
	u64 hits = 0;

	spin_lock_irqsave(&iv->lock, flags);
	for_each_possible_cpu(cpu) {
		struct mapper_iova_cpu_cache *pc = per_cpu_ptr(iv->cache, cpu);

		for (c = 0; c < MAPPER_IOVA_CACHE_ORDERS; c++) {
			spin_lock(&pc->class[c].lock);
			cached += (unsigned long)pc->class[c].n << c;
			hits += pc->class[c].hits;
			spin_unlock(&pc->class[c].lock);
		}
	}
	*st = (struct mapper_iova_stats) {
		.window = iv->window,
		.used = iv->used,
		.cached = cached,
		.peak = iv->peak,
		.largest_free = iova_largest_free(iv),
		.nbits = iv->nbits,
		.allocs = iv->allocs + hits,
		.fails = iv->fails,
		.cache_hits = hits,
		.grows = iv->grows,
	};
	spin_unlock_irqrestore(&iv->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(mapper_iova_get_stats);

/**
 * mapper_iova_init() - set up an allocator for a window
 * @iv: the allocator
 * @base: first address of the window, aligned to the granule
 * @size: bytes in the window, a whole number of granules
 * @shift: log2 of the granule
 * @align_cap: largest alignment, as a log2 of granules
 *
 * Context: process; may sleep.
 * Return: 0, -EINVAL for a malformed window, or -ENOMEM.
 */
int mapper_iova_init(struct mapper_iova *iv, dma_addr_t base, u64 size,
		     unsigned int shift, unsigned int align_cap)
{
	unsigned int cpu, c;

	if (shift < 12 || shift > 30 || !size || (base | size) & ((1ULL << shift) - 1) ||
	    base + size - 1 < base || (size >> shift) > ULONG_MAX / 2)
		return -EINVAL;

	*iv = (struct mapper_iova) {
		.base = base,
		.shift = shift,
		.window = size >> shift,
		.align_cap = min_t(unsigned int, align_cap, BITS_PER_LONG - 2),
	};
	spin_lock_init(&iv->lock);
	iv->nbits = min_t(unsigned long, iv->window, MAPPER_IOVA_INITIAL_BITS);
	iv->bitmap = bitmap_zalloc(iv->nbits, GFP_KERNEL);
	if (!iv->bitmap)
		return -ENOMEM;
	iv->cache = alloc_percpu(struct mapper_iova_cpu_cache);
	if (!iv->cache) {
		bitmap_free(iv->bitmap);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		for (c = 0; c < MAPPER_IOVA_CACHE_ORDERS; c++)
			spin_lock_init(&per_cpu_ptr(iv->cache, cpu)->class[c].lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mapper_iova_init);

/**
 * mapper_iova_destroy() - free an allocator
 * @iv: the allocator; every range must have been freed
 *
 * Context: process.
 */
void mapper_iova_destroy(struct mapper_iova *iv)
{
	unsigned long flags;

	spin_lock_irqsave(&iv->lock, flags);
	iova_drain_caches(iv);
	WARN_ONCE(iv->used, "IOVA window destroyed with %lu granules in use\n", iv->used);
	spin_unlock_irqrestore(&iv->lock, flags);
	free_percpu(iv->cache);
	bitmap_free(iv->bitmap);
}
EXPORT_SYMBOL_IF_KUNIT(mapper_iova_destroy);

// SPDX-License-Identifier: GPL-2.0
/*
 * cma_pool map: where allocations go inside a pool.  One bit per
 * 1 << order_per_bit pages, next-fit search with physical alignment, and
 * a floor of free pages that a caller may ask to leave alone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/bitmap.h>
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include "internal.h"

/* Bits covering @nr_pages pages. */
static unsigned long map_bits(const struct cma_pool_map *map,
			      unsigned long nr_pages)
{
	return ALIGN(nr_pages, 1UL << map->order_per_bit) >> map->order_per_bit;
}

/* Bit mask that aligns a bit index to 1 << @align_order pages. */
static unsigned long map_align_mask(const struct cma_pool_map *map,
				    unsigned int align_order)
{
	if (align_order <= map->order_per_bit)
		return 0;
	return (1UL << (align_order - map->order_per_bit)) - 1;
}

/*
 * Offset that makes bit alignment physical alignment: bit i is pfn
 * base_pfn + (i << order_per_bit), aligned when (i + offset) & mask is 0.
 */
static unsigned long map_align_offset(const struct cma_pool_map *map,
				      unsigned int align_order)
{
	return (map->base_pfn & ((1UL << align_order) - 1)) >> map->order_per_bit;
}

/**
 * cma_pool_map_pages() - pages an allocation of @nr_pages really takes
 * @map: the map
 * @nr_pages: pages asked for
 *
 * Context: any.
 * Return: @nr_pages rounded up to the map's granule.
 */
unsigned long cma_pool_map_pages(const struct cma_pool_map *map,
				 unsigned long nr_pages)
{
	return map_bits(map, nr_pages) << map->order_per_bit;
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_pages);

/**
 * cma_pool_map_init() - set up an empty map
 * @map: the map
 * @base_pfn: first page frame, a multiple of 1 << @order_per_bit
 * @count: pages, non-zero and a multiple of 1 << @order_per_bit
 * @order_per_bit: pages per bit, as an order
 *
 * Context: process; allocates with GFP_KERNEL.
 * Return: 0, -EINVAL for a bad geometry, or -ENOMEM.
 */
int cma_pool_map_init(struct cma_pool_map *map, unsigned long base_pfn,
		      unsigned long count, unsigned int order_per_bit)
{
	if (!count || order_per_bit >= BITS_PER_LONG - 1 ||
	    (count | base_pfn) & ((1UL << order_per_bit) - 1) ||
	    base_pfn + count < base_pfn)
		return -EINVAL;

	map->base_pfn = base_pfn;
	map->count = count;
	map->order_per_bit = order_per_bit;
	map->nbits = count >> order_per_bit;
	map->hint = 0;
	map->used = 0;
	map->bitmap = bitmap_zalloc(map->nbits, GFP_KERNEL);
	if (!map->bitmap)
		return -ENOMEM;
	mutex_init(&map->lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_init);

/**
 * cma_pool_map_destroy() - free a map's bitmap
 * @map: the map, set up by cma_pool_map_init()
 *
 * Context: process.
 */
void cma_pool_map_destroy(struct cma_pool_map *map)
{
	bitmap_free(map->bitmap);
	map->bitmap = NULL;
	mutex_destroy(&map->lock);
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_destroy);

/**
 * cma_pool_map_max_align() - largest alignment order the map accepts
 * @map: the map
 *
 * Alignment is physical; the largest one accepted is that of the largest
 * power of two of pages that fits in the map.
 *
 * Context: any.
 * Return: an order in pages.
 */
unsigned int cma_pool_map_max_align(const struct cma_pool_map *map)
{
	return ilog2(map->count);
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_max_align);

/* Look for @nr free bits aligned by @mask in [@from, nbits). */
static unsigned long map_find(struct cma_pool_map *map, unsigned long from,
			      unsigned long nr, unsigned long mask,
			      unsigned long offset)
{
	return bitmap_find_next_zero_area_off(map->bitmap, map->nbits, from,
					      nr, mask, offset);
}

/* Cost of the candidate at @bit: the sum of its units' costs, memoised. */
static unsigned long map_cost(struct cma_pool_map *map,
			      const struct cma_pool_map_cost *cost,
			      unsigned long bit, unsigned long nr)
{
	unsigned long i, sum = 0;

	for (i = bit; i < bit + nr; i++) {
		if (cost->memo[i] == ULONG_MAX)
			cost->memo[i] = cost->unit(cost->ctx, map->base_pfn +
						   (i << map->order_per_bit));
		sum = size_add(sum, cost->memo[i]);
	}
	return sum;
}

/* First bit from @bit on that is aligned as map_find() aligns. */
static unsigned long map_align_up(unsigned long bit, unsigned long mask,
				  unsigned long offset)
{
	return ((bit + offset + mask) & ~mask) - offset;
}

/*
 * The next free run after the one that starts at *@hs and is *@len bits
 * long in best-fit order: the shortest run of at least @nr bits that is
 * longer, or as long and further on.  *@len 0 asks for the first.
 * Returns false when there is none.
 */
static bool map_next_run(struct cma_pool_map *map, unsigned long nr,
			 unsigned long *hs, unsigned long *len)
{
	unsigned long s, e, best_s = 0, best_len = 0;

	for (s = find_first_zero_bit(map->bitmap, map->nbits); s < map->nbits;
	     s = find_next_zero_bit(map->bitmap, map->nbits, e)) {
		e = find_next_bit(map->bitmap, map->nbits, s);
		if (e - s < nr)
			continue;
		if (*len && (e - s < *len || (e - s == *len && s <= *hs)))
			continue;
		if (!best_len || e - s < best_len)
			best_s = s, best_len = e - s;
	}
	*hs = best_s;
	*len = best_len;
	return best_len;
}

/*
 * Price the candidate at @bit unless it is skipped, keeping the cheapest
 * (the first of equals) in *@best and *@best_cost.  Returns true when
 * the search is over: a candidate of cost 0, or enough priced.
 */
static bool map_price(struct cma_pool_map *map, const struct cma_pool_map_cost *cost,
		      unsigned long bit, unsigned long nr, unsigned long *best,
		      unsigned long *best_cost, unsigned int *priced)
{
	unsigned long c;

	if (cost->skip && test_bit(bit, cost->skip))
		return false;
	c = map_cost(map, cost, bit, nr);
	if (*best == map->nbits || c < *best_cost) {
		*best = bit;
		*best_cost = c;
	}
	return !c || ++*priced >= CMA_POOL_MAP_CANDIDATES;
}

/**
 * cma_pool_map_alloc_cheapest() - place an allocation where it costs least
 * @map: the map
 * @nr_pages: pages, rounded up to the map's granule
 * @align_order: the first page frame is a multiple of 1 << @align_order
 * @start: next fit: bit to start the search at (wrapping around once), or
 *	CMA_POOL_MAP_HINT; priced: the candidate to price second in its
 *	free run, or CMA_POOL_MAP_HINT for the next-fit hint
 * @keep_free: fail rather than leave fewer than this many pages free
 * @cost: how to price candidates, or NULL to take the first (next fit)
 * @pfn: out: first page frame of the placement
 *
 * Without @cost, the first free, aligned run from @start.  With @cost,
 * free runs are visited in best-fit order (shortest first, then by
 * position), and in each the aligned candidates from its first one,
 * then from @start on if @start lies in the run, then the rest; those
 * whose first bit is set in @cost->skip are passed over.  At most
 * CMA_POOL_MAP_CANDIDATES are priced, and the cheapest wins (the first
 * visited of equals), a candidate of cost 0 at once: the start of the
 * shortest run that fits when nothing needs migrating, which keeps long
 * runs for long allocations.  @cost->unit is called with @map->lock
 * held, so it must not sleep on anything an allocation holds.  On
 * success the bits are set and the next-fit hint moves past them.
 *
 * Context: process; takes and releases @map->lock.
 * Return: 0; -EINVAL for zero pages, more pages than the map has, or an
 * alignment over cma_pool_map_max_align(); -ENOMEM when no free run that
 * is not skipped fits, or taking it would go below @keep_free.
 */
int cma_pool_map_alloc_cheapest(struct cma_pool_map *map, unsigned long nr_pages,
				unsigned int align_order, unsigned long start,
				unsigned long keep_free,
				const struct cma_pool_map_cost *cost,
				unsigned long *pfn)
{
	unsigned long nr, mask, offset, bit, keep, from, best, best_cost;
	unsigned long hs = 0, len = 0, first, last, pivot, step;
	unsigned int priced = 0;
	bool wrapped = false;
	int ret = -ENOMEM;

	if (!nr_pages || nr_pages > map->count ||
	    align_order > cma_pool_map_max_align(map))
		return -EINVAL;
	nr = map_bits(map, nr_pages);
	mask = map_align_mask(map, align_order);
	offset = map_align_offset(map, align_order);
	keep = map_bits(map, keep_free);

	mutex_lock(&map->lock);
	if (map->used + nr > map->nbits || map->nbits - map->used - nr < keep)
		goto unlock;
	if (start == CMA_POOL_MAP_HINT)
		start = map->hint;
	if (start >= map->nbits)
		start = 0;
	best = map->nbits;
	best_cost = ULONG_MAX;
	if (!cost) {
		for (from = start;;) {
			bit = map_find(map, from, nr, mask, offset);
			if (bit >= map->nbits || (wrapped && bit >= start)) {
				if (wrapped || !start)
					break;
				wrapped = true;
				from = 0;
				continue;
			}
			best = bit;
			break;
		}
		goto take;
	}
	step = mask + 1;
	while (map_next_run(map, nr, &hs, &len)) {
		first = map_align_up(hs, mask, offset);
		last = hs + len - nr;
		if (first > last)
			continue;
		/* The first candidate, then from @start on, then up to @start. */
		pivot = start > first ? map_align_up(start, mask, offset) : first + step;
		if (map_price(map, cost, first, nr, &best, &best_cost, &priced))
			goto take;
		for (bit = pivot; bit <= last; bit += step)
			if (map_price(map, cost, bit, nr, &best, &best_cost, &priced))
				goto take;
		for (bit = first + step; bit < pivot && bit <= last; bit += step)
			if (map_price(map, cost, bit, nr, &best, &best_cost, &priced))
				goto take;
	}
take:
	if (best >= map->nbits)
		goto unlock;

	bitmap_set(map->bitmap, best, nr);
	map->used += nr;
	map->hint = best + nr < map->nbits ? best + nr : 0;
	*pfn = map->base_pfn + (best << map->order_per_bit);
	ret = 0;
unlock:
	mutex_unlock(&map->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_alloc_cheapest);

/**
 * cma_pool_map_alloc() - place an allocation, next fit
 * @map: the map
 * @nr_pages: pages, rounded up to the map's granule
 * @align_order: the first page frame is a multiple of 1 << @align_order
 * @start: bit to start the search at (wrapping around once), or
 *	CMA_POOL_MAP_HINT for next fit
 * @keep_free: fail rather than leave fewer than this many pages free
 * @pfn: out: first page frame of the placement
 *
 * cma_pool_map_alloc_cheapest() without prices: the first free, aligned
 * run from @start.
 *
 * Context: process; takes and releases @map->lock.
 * Return: as cma_pool_map_alloc_cheapest().
 */
int cma_pool_map_alloc(struct cma_pool_map *map, unsigned long nr_pages,
		       unsigned int align_order, unsigned long start,
		       unsigned long keep_free, unsigned long *pfn)
{
	return cma_pool_map_alloc_cheapest(map, nr_pages, align_order, start,
					   keep_free, NULL, pfn);
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_alloc);

/**
 * cma_pool_map_release() - give back a placement
 * @map: the map
 * @pfn: first page frame, as cma_pool_map_alloc() returned it
 * @nr_pages: pages, as passed to cma_pool_map_alloc()
 *
 * A release that is not inside the map, or of bits that are not set, is
 * a caller bug: it warns and changes nothing.
 *
 * Context: process; takes and releases @map->lock.
 */
void cma_pool_map_release(struct cma_pool_map *map, unsigned long pfn,
			  unsigned long nr_pages)
{
	unsigned long bit, nr = map_bits(map, nr_pages);

	if (WARN_ON(pfn < map->base_pfn || pfn >= map->base_pfn + map->count))
		return;
	bit = (pfn - map->base_pfn) >> map->order_per_bit;
	if (WARN_ON(nr > map->nbits - bit))
		return;

	mutex_lock(&map->lock);
	if (WARN_ON(find_next_zero_bit(map->bitmap, bit + nr, bit) < bit + nr)) {
		mutex_unlock(&map->lock);
		return;
	}
	bitmap_clear(map->bitmap, bit, nr);
	map->used -= nr;
	mutex_unlock(&map->lock);
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_release);

/**
 * cma_pool_map_info() - size, use and largest free run of a map
 * @map: the map
 * @info: out: base_pfn, count, used, max_chunk and max_align are filled
 *
 * Context: process; takes and releases @map->lock.
 */
void cma_pool_map_info(struct cma_pool_map *map, struct cma_pool_info *info)
{
	unsigned long start, end, best = 0;

	mutex_lock(&map->lock);
	for (start = find_first_zero_bit(map->bitmap, map->nbits);
	     start < map->nbits;
	     start = find_next_zero_bit(map->bitmap, map->nbits, end)) {
		end = find_next_bit(map->bitmap, map->nbits, start);
		best = max(best, end - start);
	}
	info->used = map->used << map->order_per_bit;
	mutex_unlock(&map->lock);

	info->base_pfn = map->base_pfn;
	info->count = map->count;
	info->max_chunk = best << map->order_per_bit;
	info->max_align = cma_pool_map_max_align(map);
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_map_info);

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cma_pool internals shared by its source files and its KUnit suites.
 * Not an API: other modules use include/cma_pool.h only.
 */
#ifndef DMASHARE_CMA_POOL_INTERNAL_H
#define DMASHARE_CMA_POOL_INTERNAL_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/types.h>

#include <cma_pool.h>

struct dentry;

/**
 * struct cma_pool_map - bitmap allocator over a range of page frames
 * @lock:	protects @bitmap, @hint and @used; held only for bitmap
 *		work, never across page migration (allocations sleep, so
 *		it is a mutex)
 * @base_pfn:	first page frame of the range
 * @count:	pages in the range, a multiple of 1 << @order_per_bit
 * @order_per_bit: each bit stands for 1 << @order_per_bit pages
 * @nbits:	bits in @bitmap
 * @bitmap:	a set bit is an allocated unit
 * @hint:	bit where the next search starts (next fit)
 * @used:	set bits
 *
 * The map knows nothing of what backs the range: it only places
 * allocations.  Pure, so that KUnit can drive it with any base_pfn.
 */
struct cma_pool_map {
	struct mutex lock;	/* bitmap, hint, used (and the pool's bufs, reserve) */
	unsigned long base_pfn;
	unsigned long count;
	unsigned int order_per_bit;
	unsigned long nbits;
	unsigned long *bitmap;
	unsigned long hint;
	unsigned long used;
};

/* @start for cma_pool_map_alloc(): begin at the next-fit hint. */
#define CMA_POOL_MAP_HINT	ULONG_MAX

int cma_pool_map_init(struct cma_pool_map *map, unsigned long base_pfn,
		      unsigned long count, unsigned int order_per_bit);
void cma_pool_map_destroy(struct cma_pool_map *map);
unsigned int cma_pool_map_max_align(const struct cma_pool_map *map);
/* Most candidates cma_pool_map_alloc_cheapest() prices per call. */
#define CMA_POOL_MAP_CANDIDATES	64

/**
 * struct cma_pool_map_cost - how cma_pool_map_alloc_cheapest() prices
 * candidates
 * @unit:	cost of the unit (one bit's pages) starting at a page frame;
 *		a candidate costs the sum over its units
 * @ctx:	for @unit
 * @memo:	one word per bit of the map, ULONG_MAX where not priced yet;
 *		filled in as units are priced
 * @skip:	one bit per bit of the map: candidates starting there are
 *		not offered; or NULL
 */
struct cma_pool_map_cost {
	unsigned long (*unit)(void *ctx, unsigned long pfn);
	void *ctx;
	unsigned long *memo;
	unsigned long *skip;
};

int cma_pool_map_alloc_cheapest(struct cma_pool_map *map, unsigned long nr_pages,
				unsigned int align_order, unsigned long start,
				unsigned long keep_free,
				const struct cma_pool_map_cost *cost,
				unsigned long *pfn);
int cma_pool_map_alloc(struct cma_pool_map *map, unsigned long nr_pages,
		       unsigned int align_order, unsigned long start,
		       unsigned long keep_free, unsigned long *pfn);
void cma_pool_map_release(struct cma_pool_map *map, unsigned long pfn,
			  unsigned long nr_pages);
void cma_pool_map_info(struct cma_pool_map *map, struct cma_pool_info *info);
unsigned long cma_pool_map_pages(const struct cma_pool_map *map,
				 unsigned long nr_pages);

/* Longest pool name, terminating NUL included. */
#define CMA_POOL_NAME_LEN	24
/* Most pools one pools= string may name. */
#define CMA_POOL_MAX_SPECS	8

/**
 * struct cma_pool_spec - one pool of the pools= module parameter
 * @name:	pool name
 * @size:	bytes, a non-zero multiple of PAGE_SIZE
 * @base:	physical base, or 0 to let the module choose
 */
struct cma_pool_spec {
	char name[CMA_POOL_NAME_LEN];
	phys_addr_t size;
	phys_addr_t base;
};

int cma_pool_parse_specs(const char *str, struct cma_pool_spec *specs,
			 unsigned int max);
bool cma_pool_name_valid(const char *name);

/**
 * struct cma_pool_owner - who allocations are charged to
 * @name:	for logs and debugfs
 * @limit:	most pages the owner may hold over all pools; 0: no limit
 * @used:	pages the owner holds
 * @privileged:	may allocate below a pool's reserve floor
 */
struct cma_pool_owner {
	char name[CMA_POOL_NAME_LEN];
	unsigned long limit;
	atomic_long_t used;
	bool privileged;
};

int cma_pool_owner_charge(struct cma_pool_owner *owner, unsigned long pages);
void cma_pool_owner_uncharge(struct cma_pool_owner *owner,
			     unsigned long pages);

/**
 * struct cma_pool_stats - a pool's event counters
 * @allocs:	successful allocations
 * @fails:	failed allocations (any reason)
 * @quota_fails: failures with -EDQUOT
 * @busy:	candidate ranges that alloc_contig_range() found busy
 * @retries:	sleep-and-retry passes after a pass of busy candidates
 */
struct cma_pool_stats {
	atomic_long_t allocs;
	atomic_long_t fails;
	atomic_long_t quota_fails;
	atomic_long_t busy;
	atomic_long_t retries;
};

/**
 * struct cma_pool - a contiguous physical pool
 * @name:	unique among pools
 * @node:	on cma_pools, under cma_pools_lock
 * @refs:	the creator's reference, plus one per lookup and device
 *		binding; cma_pool_destroy() needs it to be the creator's only
 * @backing:	what holds the range while it is free
 * @map:	placement; its lock also protects @bufs and @reserve
 * @migrate_lock: serialises alloc_contig_range() calls on the pool, whose
 *		pageblock isolations would otherwise collide (-EBUSY)
 * @bufs:	outstanding allocations (struct cma_pool_buf.node)
 * @reserve:	pages kept free for privileged owners
 * @last_free:	reusable: first page frame of the last release, where the
 *		next allocation's search starts (most likely still free
 *		pages); ULONG_MAX before the first.  A hint, read and
 *		written without a lock
 * @vaddr:	carveout: the memremap() of the whole range
 * @stats:	event counters
 * @knob_owner:	owner of the debugfs test-knob allocations
 * @debugfs:	the pool's debugfs directory
 */
struct cma_pool {
	char name[CMA_POOL_NAME_LEN];
	struct list_head node;
	refcount_t refs;
	enum cma_pool_backing backing;
	struct cma_pool_map map;
	struct mutex migrate_lock;	/* held across alloc_contig_range() */
	struct list_head bufs;
	unsigned long reserve;
	unsigned long last_free;
	void *vaddr;
	struct cma_pool_stats stats;
	struct cma_pool_owner knob_owner;
	struct dentry *debugfs;
};

unsigned long cma_pool_system_pages(struct cma_pool *pool);
const char *cma_pool_backing_name(enum cma_pool_backing backing);

void cma_pool_debugfs_init(void);
void cma_pool_debugfs_exit(void);
void cma_pool_debugfs_add(struct cma_pool *pool);
void cma_pool_debugfs_remove(struct cma_pool *pool);

#endif /* DMASHARE_CMA_POOL_INTERNAL_H */

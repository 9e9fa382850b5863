// SPDX-License-Identifier: GPL-2.0
/*
 * cma_pool: contiguous physical memory pools for kernels without CMA.
 *
 * A reusable pool is a range of movable memory that the system keeps
 * using while the pool does not need it.  An allocation picks its place
 * in the pool's map (map.c), then alloc_contig_range() migrates whatever
 * the system has there.  Pages the kernel cannot move make that place
 * busy (-EBUSY): the next aligned candidate is tried, then, after a pass
 * of busy candidates, a bounded number of sleep-and-retry passes.
 *
 * Unlike the kernel's CMA, whose pageblocks are MIGRATE_CMA and serve
 * only movable allocations, a module cannot change pageblock types: the
 * pool's pageblocks stay MIGRATE_MOVABLE, and under memory pressure the
 * page allocator may fall back to them for unmovable allocations, which
 * then stay busy.  A pool in ZONE_MOVABLE (boot with movablecore=) is
 * safe from that; elsewhere the retries above are the remedy.
 *
 * When no movable range is found, a pool is claimed up front (the range
 * taken from the page allocator at creation).  A range outside System
 * RAM, reserved at boot (memmap=nn$ss on x86), is a carveout: memremapped
 * and handed out without touching the page allocator.
 *
 * Locking: cma_pools_lock (a mutex) protects the list of pools, the
 * device bindings and the default pool; each pool's map lock protects its
 * bitmap, its allocations list and its reserve, and is never held across
 * page migration or zeroing.  Each pool's migrate_lock (a mutex, held
 * across alloc_contig_range() and nothing else) serialises migrations in
 * the pool, as the kernel's cma_mutex does: two isolations of one
 * pageblock make each other fail with -EBUSY.  No two pools share a
 * pageblock, so migrations in different pools never meet.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/nodemask.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/page-flags.h>
#include <linux/pageblock-flags.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

static unsigned long default_size = 64;
module_param(default_size, ulong, 0444);
MODULE_PARM_DESC(default_size,
		 "Size of the default pool in MiB (default 64; 0: no default pool unless pools= names one)");

static char *pools;
module_param(pools, charp, 0444);
MODULE_PARM_DESC(pools,
		 "Pools to create: NAME:SIZE[@BASE],... (default none beyond the default pool); a BASE outside System RAM makes a carveout");

static bool reusable = true;
module_param(reusable, bool, 0644);
MODULE_PARM_DESC(reusable,
		 "Let the system use the free part of pools in System RAM when a movable range is found (default Y); N claims such pools up front");

static unsigned int busy_retries = 3;
module_param(busy_retries, uint, 0644);
MODULE_PARM_DESC(busy_retries,
		 "Sleep-and-retry passes after every candidate range was busy (default 3)");

static unsigned int busy_retry_ms = 20;
module_param(busy_retry_ms, uint, 0644);
MODULE_PARM_DESC(busy_retry_ms, "Sleep before each retry pass, in ms (default 20)");

/* Protects cma_pools, cma_pool_bindings and cma_pool_default. */
static DEFINE_MUTEX(cma_pools_lock);
static LIST_HEAD(cma_pools);
static LIST_HEAD(cma_pool_bindings);
static struct cma_pool *cma_pool_default;

/* A device bound to a private pool; holds a reference to the pool. */
struct cma_pool_binding {
	struct list_head node;
	struct device *dev;
	struct cma_pool *pool;
};

static const char *const backing_names[] = {
	[CMA_POOL_REUSABLE] = "reusable",
	[CMA_POOL_CLAIMED] = "claimed",
	[CMA_POOL_CARVEOUT] = "carveout",
};

/**
 * cma_pool_backing_name() - printable name of a backing
 * @backing: enum cma_pool_backing
 *
 * Context: any.
 * Return: a static string.
 */
const char *cma_pool_backing_name(enum cma_pool_backing backing)
{
	return backing < ARRAY_SIZE(backing_names) ? backing_names[backing] : "?";
}

/* --- owners ------------------------------------------------------- */

/**
 * cma_pool_owner_charge() - charge @pages to @owner within its limit
 * @owner: the owner
 * @pages: pages to add
 *
 * Context: any.
 * Return: 0, or -EDQUOT when the owner would go over its limit.
 */
int cma_pool_owner_charge(struct cma_pool_owner *owner, unsigned long pages)
{
	long old = atomic_long_read(&owner->used);
	unsigned long limit = READ_ONCE(owner->limit);

	do {
		if (limit && (pages > limit || old > limit - pages))
			return -EDQUOT;
	} while (!atomic_long_try_cmpxchg(&owner->used, &old, old + pages));
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_owner_charge);

/**
 * cma_pool_owner_uncharge() - give back pages charged to @owner
 * @owner: the owner
 * @pages: pages charged by cma_pool_owner_charge()
 *
 * Context: any.
 */
void cma_pool_owner_uncharge(struct cma_pool_owner *owner, unsigned long pages)
{
	WARN_ON(atomic_long_sub_return(pages, &owner->used) < 0);
}
EXPORT_SYMBOL_IF_KUNIT(cma_pool_owner_uncharge);

/**
 * cma_pool_owner_create() - make an owner token to charge allocations to
 * @name: for logs and debugfs (truncated to 23 characters)
 * @limit: most pages the owner may hold over all pools; 0: no limit
 * @flags: CMA_POOL_OWNER_* (PRIVILEGED: may allocate below a pool's
 *	reserve floor)
 *
 * Context: process; allocates with GFP_KERNEL.
 * Return: the owner, ERR_PTR(-EINVAL) for unknown flags, or
 * ERR_PTR(-ENOMEM).
 */
struct cma_pool_owner *cma_pool_owner_create(const char *name,
					     unsigned long limit,
					     unsigned int flags)
{
	struct cma_pool_owner *owner;

	if (flags & ~CMA_POOL_OWNER_FLAGS)
		return ERR_PTR(-EINVAL);
	owner = kzalloc(sizeof(*owner), GFP_KERNEL);
	if (!owner)
		return ERR_PTR(-ENOMEM);
	strscpy(owner->name, name, sizeof(owner->name));
	owner->limit = limit;
	owner->privileged = flags & CMA_POOL_OWNER_PRIVILEGED;
	atomic_long_set(&owner->used, 0);
	return owner;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_owner_create, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_owner_destroy() - free an owner token
 * @owner: the owner, holding no allocations; NULL is ignored
 *
 * Context: any.
 */
void cma_pool_owner_destroy(struct cma_pool_owner *owner)
{
	if (!owner)
		return;
	WARN(atomic_long_read(&owner->used), "owner %s destroyed holding %ld pages\n",
	     owner->name, atomic_long_read(&owner->used));
	kfree(owner);
}
EXPORT_SYMBOL_NS_GPL(cma_pool_owner_destroy, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_owner_set_limit() - change an owner's limit
 * @owner: the owner
 * @limit: most pages over all pools; 0: no limit.  Pages already held
 *	over a lowered limit stay; new allocations fail until under it.
 *
 * Context: any.
 */
void cma_pool_owner_set_limit(struct cma_pool_owner *owner, unsigned long limit)
{
	WRITE_ONCE(owner->limit, limit);
}
EXPORT_SYMBOL_NS_GPL(cma_pool_owner_set_limit, DMASHARE_NS(CMA_POOL));

/* --- finding a range ---------------------------------------------- */

/* Is the pageblock of @pfn MIGRATE_MOVABLE?  A lockless peek. */
static bool pageblock_movable(unsigned long pfn)
{
#ifdef CONFIG_SPARSEMEM
	unsigned long *usemap = section_to_usemap(__pfn_to_section(pfn));
	unsigned long idx = ((pfn & (PAGES_PER_SECTION - 1)) >> pageblock_order) *
			    NR_PAGEBLOCK_BITS;
	unsigned long word = READ_ONCE(usemap[idx / BITS_PER_LONG]);

	return ((word >> (idx % BITS_PER_LONG)) & MIGRATETYPE_MASK) == MIGRATE_MOVABLE;
#else
	/* Without sparsemem the flags are not reachable: assume not. */
	return false;
#endif
}

/*
 * Could alloc_contig_range() take this page now?  Free pages (buddy or
 * per-CPU lists) and pages on an LRU (page cache, anonymous) yes; any
 * other page in use is the kernel's own and most likely unmovable.  A
 * lockless guess: the range is only a candidate.
 */
static bool page_takeable(struct page *page)
{
	return !page_count(page) || PageLRU(page);
}

/*
 * Highest page frame in [@base, @base + @nr) that disqualifies the range
 * (offline, another zone, reserved, another pool's, or with @movable in a
 * pageblock that is not movable or a page the kernel holds), plus one; 0
 * when none does.
 */
static unsigned long range_bad_pfn(struct zone *zone, unsigned long base,
				   unsigned long nr, bool movable)
{
	unsigned long end = ALIGN(base + nr, pageblock_nr_pages), pfn, bad = 0;
	struct cma_pool *pool;

	/*
	 * Whole pageblocks: alloc_contig_range() isolates every pageblock it
	 * touches and fails on unmovable pages anywhere in them, and two
	 * pools must not share one (see migrate_lock).
	 */
	base = ALIGN_DOWN(base, pageblock_nr_pages);
	lockdep_assert_held(&cma_pools_lock);
	list_for_each_entry(pool, &cma_pools, node) {
		unsigned long lo = ALIGN_DOWN(pool->map.base_pfn, pageblock_nr_pages);
		unsigned long hi = ALIGN(pool->map.base_pfn + pool->map.count,
					 pageblock_nr_pages);

		if (base < hi && lo < end)
			return min(end, hi);
	}
	for (pfn = base; pfn < end; pfn++) {
		struct page *page = pfn_to_online_page(pfn);
		unsigned long order;

		if (!page || page_zone(page) != zone || PageReserved(page) ||
		    (movable && !pageblock_movable(pfn))) {
			bad = pfn + 1;
			continue;
		}
		if (!movable)
			continue;
		if (PageBuddy(page)) {
			/* A free block: skip it (its order, read racily). */
			order = READ_ONCE(page_private(page));
			if (order < BITS_PER_LONG / 2)
				pfn += (1UL << order) - 1;
		} else if (!page_takeable(page)) {
			bad = pfn + 1;
		}
	}
	return bad;
}

/*
 * Zones searched for a pool, in order of preference: ZONE_MOVABLE, then
 * the others from the highest down (on arm64 all of a small machine's
 * memory may be ZONE_DMA).
 */
static enum zone_type search_zone(unsigned int i)
{
	return i ? ZONE_MOVABLE - i : ZONE_MOVABLE;
}

/*
 * The highest zone a device with a 32-bit DMA mask reaches, where pools
 * go first: a pool serves any device, and on a machine with memory above
 * 4 GiB a pool there could not back a buffer for a 32-bit device (the
 * kernel's CMA keeps its default area low for the same reason).
 */
static enum zone_type low_zone(void)
{
#ifdef CONFIG_ZONE_DMA32
	return ZONE_DMA32;
#else
	return ZONE_MOVABLE;	/* no zone boundary at 4 GiB to prefer */
#endif
}

/*
 * Find pageblock-aligned ranges of @nr pages, highest first, in the zones
 * up to @top in search_zone() order, and offer each to @take until it
 * returns 0.
 */
static int range_search_below(struct cma_pool *pool, unsigned long nr, bool movable,
			      enum zone_type top,
			      int (*take)(struct cma_pool *pool, struct zone *zone,
					  unsigned long base, unsigned long nr))
{
	unsigned long align = pageblock_nr_pages;
	unsigned int i;
	int nid;

	for (i = 0; i <= ZONE_MOVABLE; i++) {
		if (search_zone(i) > top)
			continue;
		for_each_online_node(nid) {
			struct zone *zone = &NODE_DATA(nid)->node_zones[search_zone(i)];
			unsigned long start, end, base, bad;

			if (!populated_zone(zone))
				continue;
			start = ALIGN(zone->zone_start_pfn, align);
			end = zone_end_pfn(zone);
			if (end < nr || end - nr < start)
				continue;
			base = ALIGN_DOWN(end - nr, align);
			for (;;) {
				bad = range_bad_pfn(zone, base, nr, movable);
				if (!bad && !take(pool, zone, base, nr))
					return 0;
				/* Next: below the bad page, and always lower. */
				if (!bad || bad > base + nr)
					bad = base + nr;
				if (bad < start + nr + 1)
					break;
				base = min(ALIGN_DOWN(bad - 1 - nr, align), base - align);
				if (base < start)
					break;
				if (fatal_signal_pending(current))
					return -EINTR;
				cond_resched();
			}
		}
	}
	return -ENOSPC;
}

/* range_search_below() in memory 32-bit devices reach first, then anywhere. */
static int range_search(struct cma_pool *pool, unsigned long nr, bool movable,
			int (*take)(struct cma_pool *pool, struct zone *zone,
				    unsigned long base, unsigned long nr))
{
	int ret = range_search_below(pool, nr, movable, low_zone(), take);

	if (ret != -ENOSPC || low_zone() == ZONE_MOVABLE)
		return ret;
	return range_search_below(pool, nr, movable, ZONE_MOVABLE, take);
}

static int take_reusable(struct cma_pool *pool, struct zone *zone,
			 unsigned long base, unsigned long nr)
{
	pool->backing = CMA_POOL_REUSABLE;
	pool->map.base_pfn = base;
	return 0;
}

static int take_claimed(struct cma_pool *pool, struct zone *zone,
			unsigned long base, unsigned long nr)
{
	int ret = alloc_contig_range(base, base + nr, MIGRATE_MOVABLE,
				     GFP_KERNEL | __GFP_NOWARN);

	if (ret)
		return ret;
	pool->backing = CMA_POOL_CLAIMED;
	pool->map.base_pfn = base;
	return 0;
}

/* Place a pool of @nr pages anywhere: reusable if possible, else claimed. */
static int place_anywhere(struct cma_pool *pool, unsigned long nr)
{
	int ret;

	if (READ_ONCE(reusable)) {
		ret = range_search(pool, nr, true, take_reusable);
		if (ret != -ENOSPC)
			return ret;
		pr_warn("pool %s: no %lu MiB range of movable pageblocks; claiming one up front\n",
			pool->name, nr >> (20 - PAGE_SHIFT));
	} else {
		pr_info("pool %s: reusable=N; claiming %lu MiB up front\n",
			pool->name, nr >> (20 - PAGE_SHIFT));
	}
	ret = range_search(pool, nr, false, take_claimed);
	if (ret)
		pr_err("pool %s: no %lu MiB range could be claimed either (%d)\n",
		       pool->name, nr >> (20 - PAGE_SHIFT), ret);
	return ret;
}

/* Place a pool at a fixed range of System RAM. */
static int place_fixed(struct cma_pool *pool, unsigned long pfn, unsigned long nr)
{
	struct page *page = pfn_to_online_page(pfn);
	int ret;

	if (!page) {
		pr_err("pool %s: base pfn %#lx is not online memory\n", pool->name, pfn);
		return -EINVAL;
	}
	if (!READ_ONCE(reusable))
		pr_info("pool %s: reusable=N; claiming the range at pfn %#lx up front\n",
			pool->name, pfn);
	else if (range_bad_pfn(page_zone(page), pfn, nr, true))
		pr_warn("pool %s: range at pfn %#lx is not all movable, in one zone and free of other pools; claiming it up front\n",
			pool->name, pfn);
	else
		return take_reusable(pool, page_zone(page), pfn, nr);
	if (range_bad_pfn(page_zone(page), pfn, nr, false)) {
		pr_err("pool %s: range at pfn %#lx spans zones, holes, reserved pages or another pool\n",
		       pool->name, pfn);
		return -EBUSY;
	}
	ret = take_claimed(pool, page_zone(page), pfn, nr);
	if (ret)
		pr_err("pool %s: range at pfn %#lx could not be claimed (%d)\n",
		       pool->name, pfn, ret);
	return ret;
}

/* A range outside System RAM, reserved at boot. */
static int place_carveout(struct cma_pool *pool, phys_addr_t base, phys_addr_t size)
{
	struct cma_pool *other;

	lockdep_assert_held(&cma_pools_lock);
	list_for_each_entry(other, &cma_pools, node)
		if (PHYS_PFN(base) < other->map.base_pfn + other->map.count &&
		    other->map.base_pfn < PHYS_PFN(base + size)) {
			pr_err("pool %s: carveout overlaps pool %s\n", pool->name, other->name);
			return -EBUSY;
		}
	pool->vaddr = memremap(base, size, MEMREMAP_WB);
	if (!pool->vaddr) {
		pr_err("pool %s: cannot memremap %pa+%pa\n", pool->name, &base, &size);
		return -ENOMEM;
	}
	pool->backing = CMA_POOL_CARVEOUT;
	pool->map.base_pfn = PHYS_PFN(base);
	return 0;
}

/* --- pools --------------------------------------------------------- */

static struct cma_pool *pool_find_locked(const char *name)
{
	struct cma_pool *pool;

	lockdep_assert_held(&cma_pools_lock);
	list_for_each_entry(pool, &cma_pools, node)
		if (!strcmp(pool->name, name))
			return pool;
	return NULL;
}

static struct cma_pool *pool_create_locked(const char *name, phys_addr_t size,
					   phys_addr_t base)
{
	unsigned long nr = size >> PAGE_SHIFT;
	struct cma_pool *pool;
	phys_addr_t start, last;
	int ret;

	lockdep_assert_held(&cma_pools_lock);
	if (!name || !cma_pool_name_valid(name) || !size || !PAGE_ALIGNED(size) ||
	    !PAGE_ALIGNED(base) || base + size < base || nr != size >> PAGE_SHIFT)
		return ERR_PTR(-EINVAL);
	if (pool_find_locked(name))
		return ERR_PTR(-EEXIST);
	if ((!base || region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
					IORES_DESC_NONE) != REGION_DISJOINT) &&
	    (!IS_ALIGNED(nr, pageblock_nr_pages) ||
				!IS_ALIGNED(PHYS_PFN(base), pageblock_nr_pages))) {
		pr_err("pool %s: a pool in System RAM must be whole pageblocks (%lu KiB)\n",
		       name, pageblock_nr_pages << (PAGE_SHIFT - 10));
		return ERR_PTR(-EINVAL);
	}

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	strscpy(pool->name, name, sizeof(pool->name));
	INIT_LIST_HEAD(&pool->bufs);
	pool->last_free = ULONG_MAX;
	mutex_init(&pool->migrate_lock);
	refcount_set(&pool->refs, 1);
	strscpy(pool->knob_owner.name, "debugfs", sizeof(pool->knob_owner.name));
	pool->knob_owner.privileged = true;

	if (!base) {
		ret = place_anywhere(pool, nr);
	} else {
		switch (region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
					  IORES_DESC_NONE)) {
		case REGION_DISJOINT:
			ret = place_carveout(pool, base, size);
			break;
		case REGION_INTERSECTS:
			ret = place_fixed(pool, PHYS_PFN(base), nr);
			break;
		default:
			pr_err("pool %s: %pa+%pa is partly System RAM\n", name, &base, &size);
			ret = -EINVAL;
			break;
		}
	}
	if (ret)
		goto free_pool;

	/*
	 * Reusable pools hand out whole pageblocks: alloc_contig_range()
	 * refuses to isolate a MIGRATE_MOVABLE pageblock holding pages
	 * already allocated (to it they look unmovable; the kernel's CMA
	 * escapes this only because its pageblocks are MIGRATE_CMA), so two
	 * allocations must never share one.
	 */
	ret = cma_pool_map_init(&pool->map, pool->map.base_pfn, nr,
				pool->backing == CMA_POOL_REUSABLE ? pageblock_order : 0);
	if (ret)
		goto release_backing;

	start = PFN_PHYS(pool->map.base_pfn);
	last = start + size - 1;
	pr_info("pool %s: %lu MiB at %pa-%pa, %s%s\n", name, nr >> (20 - PAGE_SHIFT),
		&start, &last, cma_pool_backing_name(pool->backing),
		pool->backing == CMA_POOL_REUSABLE &&
		page_zonenum(pfn_to_page(pool->map.base_pfn)) == ZONE_MOVABLE ?
		" (ZONE_MOVABLE)" : "");
	list_add_tail(&pool->node, &cma_pools);
	cma_pool_debugfs_add(pool);
	return pool;

release_backing:
	if (pool->backing == CMA_POOL_CLAIMED)
		free_contig_range(pool->map.base_pfn, nr);
	if (pool->vaddr)
		memunmap(pool->vaddr);
free_pool:
	mutex_destroy(&pool->migrate_lock);
	kfree(pool);
	return ERR_PTR(ret);
}

/**
 * cma_pool_create() - create a named pool
 * @name: unique, ``[a-z0-9_-]``, at most 23 characters
 * @size: bytes, a non-zero multiple of PAGE_SIZE
 * @base: physical base, or 0 to let cma_pool choose.  A base in System
 *	RAM makes a reusable (or, when that range cannot be reused, claimed)
 *	pool there; a base wholly outside System RAM, reserved at boot,
 *	makes a carveout.
 *
 * Context: process; may sleep (the range is searched, and may be
 * migrated and claimed).
 * Return: the pool, holding the creator's reference; ERR_PTR(-EINVAL)
 * for a bad argument, -EEXIST for a name in use, -EBUSY for a range that
 * cannot be had, -ENOSPC when no range of that size exists, -ENOMEM.
 */
struct cma_pool *cma_pool_create(const char *name, phys_addr_t size,
				 phys_addr_t base)
{
	struct cma_pool *pool;

	mutex_lock(&cma_pools_lock);
	pool = pool_create_locked(name, size, base);
	mutex_unlock(&cma_pools_lock);
	return pool;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_create, DMASHARE_NS(CMA_POOL));

/* Release what the debugfs knobs left allocated. */
static void pool_release_knob_bufs(struct cma_pool *pool)
{
	struct cma_pool_buf *buf;

	for (;;) {
		mutex_lock(&pool->map.lock);
		buf = list_first_entry_or_null(&pool->bufs, struct cma_pool_buf, node);
		mutex_unlock(&pool->map.lock);
		if (!buf)
			return;
		if (WARN_ON(buf->owner != &pool->knob_owner))
			return;
		cma_pool_release(buf);
	}
}

/* Tear down a pool that is off the list and has no users. */
static void pool_free(struct cma_pool *pool)
{
	cma_pool_debugfs_remove(pool);
	pool_release_knob_bufs(pool);
	if (pool->backing == CMA_POOL_CLAIMED)
		free_contig_range(pool->map.base_pfn, pool->map.count);
	if (pool->vaddr)
		memunmap(pool->vaddr);
	cma_pool_map_destroy(&pool->map);
	mutex_destroy(&pool->migrate_lock);
	kfree(pool);
}

static bool pool_has_user_bufs(struct cma_pool *pool)
{
	struct cma_pool_buf *buf;
	bool busy = false;

	mutex_lock(&pool->map.lock);
	list_for_each_entry(buf, &pool->bufs, node)
		busy |= buf->owner != &pool->knob_owner;
	mutex_unlock(&pool->map.lock);
	return busy;
}

/**
 * cma_pool_destroy() - destroy a pool made by cma_pool_create()
 * @pool: the pool, with no allocations, lookups or device bindings
 *	outstanding but the creator's reference
 *
 * Allocations made through the pool's debugfs test knobs are released.
 *
 * Context: process; may sleep.
 * Return: 0, or -EBUSY when the pool is still in use (nothing changes).
 */
int cma_pool_destroy(struct cma_pool *pool)
{
	mutex_lock(&cma_pools_lock);
	if (refcount_read(&pool->refs) != 1 || pool_has_user_bufs(pool)) {
		mutex_unlock(&cma_pools_lock);
		return -EBUSY;
	}
	if (cma_pool_default == pool)
		cma_pool_default = NULL;
	list_del(&pool->node);
	mutex_unlock(&cma_pools_lock);
	pool_free(pool);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_destroy, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_find() - look a pool up by name
 * @name: the pool's name
 *
 * Context: process.
 * Return: the pool with a reference the caller drops with
 * cma_pool_put(), or NULL.
 */
struct cma_pool *cma_pool_find(const char *name)
{
	struct cma_pool *pool;

	mutex_lock(&cma_pools_lock);
	pool = pool_find_locked(name);
	if (pool)
		refcount_inc(&pool->refs);
	mutex_unlock(&cma_pools_lock);
	return pool;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_find, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_put() - drop a reference from cma_pool_find() or
 * cma_pool_lookup_dev()
 * @pool: the pool; NULL is ignored
 *
 * Context: any.
 */
void cma_pool_put(struct cma_pool *pool)
{
	if (pool)
		refcount_dec(&pool->refs);
}
EXPORT_SYMBOL_NS_GPL(cma_pool_put, DMASHARE_NS(CMA_POOL));

static struct cma_pool_binding *binding_find_locked(struct device *dev)
{
	struct cma_pool_binding *b;

	lockdep_assert_held(&cma_pools_lock);
	list_for_each_entry(b, &cma_pool_bindings, node)
		if (b->dev == dev)
			return b;
	return NULL;
}

/**
 * cma_pool_set_dev() - bind a device to a private pool
 * @dev: the device
 * @pool: the pool, or NULL to undo the binding (the device goes back to
 *	the default pool)
 *
 * The binding holds a reference to @pool: undo it before the pool is
 * destroyed and before @dev goes away.
 *
 * Context: process.
 * Return: 0, or -ENOMEM.
 */
int cma_pool_set_dev(struct device *dev, struct cma_pool *pool)
{
	struct cma_pool_binding *b, *new = NULL;

	if (pool) {
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return -ENOMEM;
		new->dev = dev;
		new->pool = pool;
	}
	mutex_lock(&cma_pools_lock);
	b = binding_find_locked(dev);
	if (b) {
		list_del(&b->node);
		refcount_dec(&b->pool->refs);
	}
	if (new) {
		refcount_inc(&pool->refs);
		list_add(&new->node, &cma_pool_bindings);
	}
	mutex_unlock(&cma_pools_lock);
	kfree(b);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_set_dev, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_lookup_dev() - the pool a device allocates from
 * @dev: the device, or NULL for the default pool
 *
 * Like the kernel's dma_alloc_contiguous(): the device's private pool if
 * cma_pool_set_dev() bound one, else the default pool.
 *
 * Context: process.
 * Return: the pool with a reference the caller drops with
 * cma_pool_put(), or NULL when there is no default pool.
 */
struct cma_pool *cma_pool_lookup_dev(struct device *dev)
{
	struct cma_pool_binding *b;
	struct cma_pool *pool;

	mutex_lock(&cma_pools_lock);
	b = dev ? binding_find_locked(dev) : NULL;
	pool = b ? b->pool : cma_pool_default;
	if (pool)
		refcount_inc(&pool->refs);
	mutex_unlock(&cma_pools_lock);
	return pool;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_lookup_dev, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_name() - a pool's name
 * @pool: the pool
 *
 * Context: any.
 * Return: the name, valid as long as the pool.
 */
const char *cma_pool_name(const struct cma_pool *pool)
{
	return pool->name;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_name, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_set_reserve() - set a pool's reserve floor
 * @pool: the pool
 * @pages: free pages that only privileged owners may allocate
 *
 * Context: process.
 * Return: 0, or -EINVAL when @pages is more than the pool has.
 */
int cma_pool_set_reserve(struct cma_pool *pool, unsigned long pages)
{
	if (pages > pool->map.count)
		return -EINVAL;
	mutex_lock(&pool->map.lock);
	pool->reserve = pages;
	mutex_unlock(&pool->map.lock);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_set_reserve, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_get_info() - a pool's size, use and largest free chunk
 * @pool: the pool
 * @info: out
 *
 * Context: process; takes the pool's lock.
 */
void cma_pool_get_info(struct cma_pool *pool, struct cma_pool_info *info)
{
	cma_pool_map_info(&pool->map, info);
	mutex_lock(&pool->map.lock);
	info->reserve = pool->reserve;
	mutex_unlock(&pool->map.lock);
	info->backing = pool->backing;
}
EXPORT_SYMBOL_NS_GPL(cma_pool_get_info, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_system_pages() - pages of a reusable pool's free part that
 * the system is using
 * @pool: the pool
 *
 * A lockless look at the page allocator's state, so only a snapshot:
 * pages on per-CPU free lists count as used.
 *
 * Context: process; takes the pool's lock.
 * Return: a page count; 0 for pools that are not reusable.
 */
unsigned long cma_pool_system_pages(struct cma_pool *pool)
{
	struct cma_pool_map *map = &pool->map;
	unsigned long pfn, end, used = 0;

	if (pool->backing != CMA_POOL_REUSABLE)
		return 0;
	mutex_lock(&map->lock);
	end = map->base_pfn + map->count;
	for (pfn = map->base_pfn; pfn < end;) {
		struct page *page;
		unsigned long order;

		if (test_bit((pfn - map->base_pfn) >> map->order_per_bit, map->bitmap)) {
			pfn = ALIGN(pfn + 1, 1UL << map->order_per_bit);
			continue;
		}
		page = pfn_to_page(pfn);
		if (PageBuddy(page)) {
			order = READ_ONCE(page_private(page));
			pfn += order < BITS_PER_LONG / 2 ? 1UL << order : 1;
			continue;
		}
		used++;
		pfn++;
	}
	mutex_unlock(&map->lock);
	return used;
}

/* --- allocation ----------------------------------------------------- */

static int backing_claim(struct cma_pool *pool, unsigned long pfn, unsigned long nr)
{
	int ret;

	if (pool->backing != CMA_POOL_REUSABLE)
		return 0;
	mutex_lock(&pool->migrate_lock);
	ret = alloc_contig_range(pfn, pfn + nr, MIGRATE_MOVABLE,
				 GFP_KERNEL | __GFP_NOWARN);
	mutex_unlock(&pool->migrate_lock);
	return ret;
}

static void backing_unclaim(struct cma_pool *pool, unsigned long pfn, unsigned long nr)
{
	if (pool->backing == CMA_POOL_REUSABLE)
		free_contig_range(pfn, nr);
}

/*
 * Price of one unit (a pageblock, for reusable pools) as a place to
 * allocate: the pages alloc_contig_range() would have to migrate out of
 * it, and for each page it could not (a page the kernel holds, most
 * likely unmovable) more than a whole unit of movable ones, so that such
 * units are tried last.  Free pages cost nothing, in the buddy lists or
 * on the per-CPU lists (no reference, not PageBuddy: where the pages of
 * a buffer just released are), which alloc_contig_range() drains.  A
 * lockless guess, like range_bad_pfn()'s.
 */
static unsigned long unit_cost(void *ctx, unsigned long pfn)
{
	struct cma_pool *pool = ctx;
	unsigned long unit = 1UL << pool->map.order_per_bit;
	unsigned long end = pfn + unit, cost = 0, order;
	struct page *page;

	for (; pfn < end; pfn++) {
		page = pfn_to_page(pfn);
		if (PageBuddy(page)) {
			order = READ_ONCE(page_private(page));
			if (order < BITS_PER_LONG / 2)
				pfn += (1UL << order) - 1;
			continue;
		}
		if (!page_count(page))
			continue;
		cost += PageLRU(page) ? 1 : unit + 1;
	}
	return cost;
}

/*
 * One pass over the candidate places for @nr pages.  The map reserves
 * @nr rounded up to whole granules (pageblocks, for reusable pools), so
 * no other allocation shares them, but only @nr pages are migrated and
 * taken: the system keeps using the rest.  A reusable pool prices the
 * candidates by what the system holds in them (unit_cost()) and takes
 * the cheapest, best fit among equals (the shortest free run that
 * fits, which keeps long runs for long allocations): migration is most
 * of an allocation's cost, and a place the system is not using needs
 * none.  A
 * busy candidate (-EBUSY) is not offered again in the pass; each place
 * is tried once.  Returns 0 with the range claimed, -EBUSY when
 * candidates existed but all were busy, or the error of the map or of
 * alloc_contig_range().
 */
static int alloc_pass(struct cma_pool *pool, unsigned long nr, unsigned int align,
		      unsigned long keep, struct cma_pool_map_cost *cost,
		      unsigned long *pfn)
{
	struct cma_pool_map *map = &pool->map;
	bool busy = false;
	int ret;

	unsigned long start = CMA_POOL_MAP_HINT, last = READ_ONCE(pool->last_free);

	if (cost) {
		bitmap_zero(cost->skip, map->nbits);
		memset(cost->memo, 0xff, map->nbits * sizeof(*cost->memo));
		/*
		 * The place of the last release is priced right after the
		 * first candidate of its free run: its pages are most
		 * likely still on the free lists (cost 0), and a candidate
		 * of cost 0 ends the search at once, before places the
		 * system has filled are priced page by page.
		 */
		if (last >= map->base_pfn && last < map->base_pfn + map->count)
			start = (last - map->base_pfn) >> map->order_per_bit;
	}
	for (;;) {
		ret = cma_pool_map_alloc_cheapest(map, nr, align, start, keep, cost, pfn);
		if (ret)
			return busy && ret == -ENOMEM ? -EBUSY : ret;
		ret = backing_claim(pool, *pfn, nr);
		if (!ret)
			return 0;
		cma_pool_map_release(map, *pfn, nr);
		if (ret != -EBUSY)
			return ret;
		atomic_long_inc(&pool->stats.busy);
		trace_cma_pool_busy_retry(pool->name, *pfn, nr);
		busy = true;
		/* Only reusable pools can be busy, and they have prices. */
		if (WARN_ON_ONCE(!cost))
			return -EBUSY;
		set_bit((*pfn - map->base_pfn) >> map->order_per_bit, cost->skip);
		if (fatal_signal_pending(current))
			return -EINTR;
	}
}

/*
 * Pools of at most this many map bits (a default pool of 64 MiB has 16
 * on 4 MiB pageblocks, 32 on 2 MiB ones) price their candidates in
 * arrays on the stack (264 bytes) rather than two allocations per call.
 */
#define PRICE_STACK_BITS	32

/*
 * Pages zeroed between two cond_resched() calls: 16 MiB, a few ms of
 * memset() on real hardware.  The kernel's CMA heap clears a whole
 * buffer in one memset() with no scheduling point; with one every 2 MiB,
 * as before, a 32 MiB allocation offered the CPU 16 times, and on a busy
 * machine (the debug kernel's kmemleak scanner, kswapd under memory
 * pressure) each offer taken added a time slice to the allocation.
 */
#define ZERO_BATCH	(SZ_16M >> PAGE_SHIFT)

/*
 * Zero a new buffer.  Memory with a linear mapping (carveouts, lowmem) is
 * cleared with memset() in batches, as the kernel's CMA heap clears its
 * buffers, rather than page by page: one call per batch instead of one
 * per page, which matters most where page clearing is slow (under QEMU
 * TCG clear_page()'s "rep stosq" is emulated one word at a time, about
 * half the speed of memset()'s loop).  Highmem is mapped a page at a time.
 */
static void buf_zero(struct cma_pool_buf *buf)
{
	unsigned long i, j, n;

	for (i = 0; i < buf->count; i += n) {
		n = min_t(unsigned long, buf->count - i, ZERO_BATCH);
		if (buf->vaddr)
			memset(buf->vaddr + (i << PAGE_SHIFT), 0, n << PAGE_SHIFT);
		else
			for (j = i; j < i + n; j++)
				clear_highpage(pfn_to_page(buf->pfn + j));
		cond_resched();
	}
}

static const char *alloc_error(int err)
{
	switch (err) {
	case -ENOMEM:
		return "no free range fits (pool full, fragmented, or at its reserve floor)";
	case -EBUSY:
		return "every candidate range held pages that could not be migrated";
	case -EINTR:
		return "interrupted";
	default:
		return "alloc_contig_range() failed";
	}
}

/**
 * cma_pool_alloc() - allocate physically contiguous, zeroed memory
 * @pool: the pool
 * @count: pages
 * @align_order: the first page frame is a multiple of 1 << @align_order
 *	(at most the order of the pool's size)
 * @owner: who the pages are charged to
 *
 * Unprivileged owners cannot take the pool's last reserve-floor pages.
 * Failures are logged, ratelimited, naming the pool, the size and why.
 *
 * Context: process; sleeps (migration, zeroing, retries).
 * Return: the buffer; ERR_PTR(-EINVAL) for zero pages, more pages than
 * the pool has, or too large an alignment; -EDQUOT when @owner would go
 * over its limit; -ENOMEM when no free range fits (pool full or
 * fragmented, or the reserve floor); -EBUSY when every fitting range
 * held pages that could not be migrated, even after retrying; -EINTR on
 * a fatal signal.
 */
struct cma_pool_buf *cma_pool_alloc(struct cma_pool *pool, unsigned long count,
				    unsigned int align_order,
				    struct cma_pool_owner *owner)
{
	struct cma_pool_map_cost price = { .unit = unit_cost, .ctx = pool }, *cost = NULL;
	unsigned long memo[PRICE_STACK_BITS], skip[BITS_TO_LONGS(PRICE_STACK_BITS)];
	unsigned long pages, keep, pfn;
	struct cma_pool_buf *buf;
	unsigned int pass;
	int ret;

	might_sleep();
	if (!pool || !owner || !count || count > pool->map.count ||
	    align_order > cma_pool_map_max_align(&pool->map))
		return ERR_PTR(-EINVAL);
	pages = cma_pool_map_pages(&pool->map, count);
	trace_cma_pool_alloc_start(pool->name, pages, align_order);

	ret = cma_pool_owner_charge(owner, pages);
	if (ret) {
		atomic_long_inc(&pool->stats.quota_fails);
		atomic_long_inc(&pool->stats.fails);
		pr_warn_ratelimited("pool %s: %lu pages for %s refused: over its limit of %lu pages (holds %ld)\n",
				    pool->name, pages, owner->name, READ_ONCE(owner->limit),
				    atomic_long_read(&owner->used));
		trace_cma_pool_alloc_finish(pool->name, 0, pages, align_order, ret);
		return ERR_PTR(ret);
	}
	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto uncharge;
	}

	if (pool->backing == CMA_POOL_REUSABLE && pool->map.nbits <= PRICE_STACK_BITS) {
		price.memo = memo;
		price.skip = skip;
		cost = &price;
	} else if (pool->backing == CMA_POOL_REUSABLE) {
		price.memo = kmalloc_array(pool->map.nbits, sizeof(*price.memo), GFP_KERNEL);
		price.skip = bitmap_alloc(pool->map.nbits, GFP_KERNEL);
		if (!price.memo || !price.skip) {
			ret = -ENOMEM;
			goto free_price;
		}
		cost = &price;
	}

	keep = owner->privileged ? 0 : READ_ONCE(pool->reserve);
	for (pass = 0;; pass++) {
		ret = alloc_pass(pool, count, align_order, keep, cost, &pfn);
		if (ret != -EBUSY || pass >= READ_ONCE(busy_retries))
			break;
		atomic_long_inc(&pool->stats.retries);
		if (msleep_interruptible(READ_ONCE(busy_retry_ms)) ||
		    fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
	}
	if (price.memo != memo) {
		bitmap_free(price.skip);
		kfree(price.memo);
	}
	if (ret)
		goto free_buf;

	buf->pool = pool;
	buf->owner = owner;
	buf->pfn = pfn;
	buf->count = count;
	if (pool->backing == CMA_POOL_CARVEOUT)
		buf->vaddr = pool->vaddr + ((pfn - pool->map.base_pfn) << PAGE_SHIFT);
	else if (!PageHighMem(pfn_to_page(pfn)))
		buf->vaddr = page_address(pfn_to_page(pfn));
	buf_zero(buf);

	mutex_lock(&pool->map.lock);
	list_add_tail(&buf->node, &pool->bufs);
	mutex_unlock(&pool->map.lock);
	atomic_long_inc(&pool->stats.allocs);
	trace_cma_pool_alloc_finish(pool->name, pfn, pages, align_order, 0);
	return buf;

free_price:
	bitmap_free(price.skip);
	kfree(price.memo);
free_buf:
	kfree(buf);
uncharge:
	cma_pool_owner_uncharge(owner, pages);
	atomic_long_inc(&pool->stats.fails);
	pr_warn_ratelimited("pool %s: %lu pages (align order %u) for %s failed: %s (%d)\n",
			    pool->name, pages, align_order, owner->name,
			    alloc_error(ret), ret);
	trace_cma_pool_alloc_finish(pool->name, 0, pages, align_order, ret);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(cma_pool_alloc, DMASHARE_NS(CMA_POOL));

/**
 * cma_pool_release() - free a buffer from cma_pool_alloc()
 * @buf: the buffer; NULL is ignored
 *
 * Reusable pools give the pages back to the system at once.
 *
 * Context: process.
 */
void cma_pool_release(struct cma_pool_buf *buf)
{
	struct cma_pool *pool;

	if (!buf)
		return;
	pool = buf->pool;
	mutex_lock(&pool->map.lock);
	/* The debugfs free knob may have taken it off already (list_del_init). */
	list_del(&buf->node);
	mutex_unlock(&pool->map.lock);
	trace_cma_pool_release(pool->name, buf->pfn, buf->count);
	/* Back to the system first: the bits may be reused at once. */
	backing_unclaim(pool, buf->pfn, buf->count);
	if (pool->backing == CMA_POOL_REUSABLE)
		WRITE_ONCE(pool->last_free, buf->pfn);
	cma_pool_map_release(&pool->map, buf->pfn, buf->count);
	cma_pool_owner_uncharge(buf->owner, cma_pool_map_pages(&pool->map, buf->count));
	kfree(buf);
}
EXPORT_SYMBOL_NS_GPL(cma_pool_release, DMASHARE_NS(CMA_POOL));

/* --- module --------------------------------------------------------- */

static void pools_destroy_all(void)
{
	struct cma_pool_binding *b, *tmp;
	struct cma_pool *pool;

	/* Importers unbind before they unload; whatever is left is a leak. */
	mutex_lock(&cma_pools_lock);
	list_for_each_entry_safe(b, tmp, &cma_pool_bindings, node) {
		WARN(1, "device %s still bound to pool %s at unload\n",
		     dev_name(b->dev), b->pool->name);
		refcount_dec(&b->pool->refs);
		list_del(&b->node);
		kfree(b);
	}
	mutex_unlock(&cma_pools_lock);

	for (;;) {
		mutex_lock(&cma_pools_lock);
		pool = list_first_entry_or_null(&cma_pools, struct cma_pool, node);
		if (pool)
			list_del(&pool->node);
		cma_pool_default = NULL;
		mutex_unlock(&cma_pools_lock);
		if (!pool)
			return;
		WARN(pool_has_user_bufs(pool) || refcount_read(&pool->refs) != 1,
		     "pool %s still in use at unload\n", pool->name);
		pool_free(pool);
	}
}

/* --- device tree ---------------------------------------------------- */

/* The reserved-memory nodes cma_pool makes pools of. */
#define CMA_POOL_OF_COMPATIBLE	"dmashare,cma-pool"

/*
 * Give the page allocator the pages of a reusable reserved-memory range:
 * the kernel reserved them at boot (PageReserved), so that nothing it
 * cannot move lands there before the pool exists.  Pages not reserved any
 * more (a range given back by an earlier load of the module) are left as
 * they are.  Whole pageblocks in one zone only, as the pool needs.
 *
 * Their pageblocks keep the type struct page initialisation gave them
 * (MIGRATE_UNMOVABLE where it was deferred, as on Debian's arm64 kernel),
 * which a module cannot set, and pages freed onto unmovable free lists
 * would be taken by the kernel's next allocations.  So the pages are
 * first unreserved without being freed: no reference and on no free
 * list, nobody can take them.  alloc_contig_range() isolates them as if
 * free, fails its final check (they are not in the buddy lists) with
 * -EBUSY, and undoing the isolation leaves the pageblocks
 * MIGRATE_MOVABLE.  Only then are the pages freed, onto movable lists.
 */
static int of_release_range(const char *name, unsigned long pfn, unsigned long nr)
{
	struct page *first = pfn_to_online_page(pfn);
	unsigned long i, freed = 0, *limbo;
	int ret;

	if (!IS_ALIGNED(pfn | nr, pageblock_nr_pages) || !first) {
		pr_err("pool %s: a reusable node must be whole pageblocks (%lu KiB) of online memory\n",
		       name, pageblock_nr_pages << (PAGE_SHIFT - 10));
		return -EINVAL;
	}
	for (i = 0; i < nr; i++) {
		struct page *page = pfn_to_online_page(pfn + i);

		if (!page || page_zone(page) != page_zone(first)) {
			pr_err("pool %s: the range spans holes or zones\n", name);
			return -EINVAL;
		}
	}
	limbo = bitmap_zalloc(nr, GFP_KERNEL);
	if (!limbo)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		struct page *page = pfn_to_page(pfn + i);

		if (PageReserved(page)) {
			ClearPageReserved(page);
			set_page_count(page, 0);
			__set_bit(i, limbo);
			freed++;
		}
	}
	if (freed) {
		/* Fails by design, leaving the pageblocks movable. */
		ret = alloc_contig_range(pfn, pfn + nr, MIGRATE_MOVABLE,
					 GFP_KERNEL | __GFP_NOWARN);
		if (ret != -EBUSY)
			pr_warn("pool %s: making the range movable gave %d\n", name, ret);
		for (i = 0; i < nr; i++) {
			if (!test_bit(i, limbo))
				continue;
			init_page_count(pfn_to_page(pfn + i));
			__free_page(pfn_to_page(pfn + i));
			if (!(i % 512))
				cond_resched();
		}
		adjust_managed_page_count(first, freed);
		pr_info("pool %s: %lu reserved pages given to the page allocator\n",
			name, freed);
	}
	bitmap_free(limbo);
	return 0;
}

/*
 * Make a pool of each available reserved-memory node compatible with
 * CMA_POOL_OF_COMPATIBLE, named after the node (its name without the
 * unit address): "reusable" makes a reusable pool at the node's range,
 * "no-map" a carveout.  A node that cannot become a pool is logged and
 * skipped: the module and the other pools still load.
 */
static void pools_from_of(void)
{
	struct device_node *np;

	lockdep_assert_held(&cma_pools_lock);
	for_each_compatible_node(np, NULL, CMA_POOL_OF_COMPATIBLE) {
		struct reserved_mem *rmem;
		char name[CMA_POOL_NAME_LEN];
		struct cma_pool *pool;
		bool reuse, nomap, carveout;
		int ret;

		if (!of_device_is_available(np))
			continue;
		snprintf(name, sizeof(name), "%pOFn", np);
		rmem = of_reserved_mem_lookup(np);
		if (!rmem || !rmem->size) {
			pr_err("%pOF: not a reserved-memory node with a static reg\n", np);
			continue;
		}
		reuse = of_property_read_bool(np, "reusable");
		nomap = of_property_read_bool(np, "no-map");
		if (reuse == nomap) {
			pr_err("%pOF: needs one of \"reusable\" (a reusable pool) or \"no-map\" (a carveout)\n",
			       np);
			continue;
		}
		if (reuse && of_release_range(name, PHYS_PFN(rmem->base),
					      rmem->size >> PAGE_SHIFT))
			continue;
		pool = pool_create_locked(name, rmem->size, rmem->base);
		if (IS_ERR(pool)) {
			ret = PTR_ERR(pool);
			pr_err("%pOF: no pool (%d)\n", np, ret);
			continue;
		}
		carveout = pool->backing == CMA_POOL_CARVEOUT;
		if (nomap != carveout)
			pr_warn("%pOF: pool %s is %s, not as the node says\n", np, name,
				cma_pool_backing_name(pool->backing));
		pr_info("pool %s: from %pOF\n", name, np);
		if (!strcmp(name, "default") && !cma_pool_default)
			cma_pool_default = pool;
	}
}

static int __init cma_pool_init(void)
{
	struct cma_pool_spec specs[CMA_POOL_MAX_SPECS];
	struct cma_pool *pool;
	bool named_default = false;
	int n, i, ret = 0;

	n = cma_pool_parse_specs(pools, specs, ARRAY_SIZE(specs));
	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		named_default |= !strcmp(specs[i].name, "default");
	if (!named_default && default_size > ULONG_MAX >> 20) {
		pr_err("default_size=%lu MiB is too large\n", default_size);
		return -EINVAL;
	}

	cma_pool_debugfs_init();
	mutex_lock(&cma_pools_lock);
	if (!named_default && default_size) {
		pool = pool_create_locked("default", (phys_addr_t)default_size << 20, 0);
		if (IS_ERR(pool)) {
			ret = PTR_ERR(pool);
			pr_err("default pool of %lu MiB: %d\n", default_size, ret);
			goto unlock;
		}
		cma_pool_default = pool;
	}
	for (i = 0; i < n; i++) {
		pool = pool_create_locked(specs[i].name, specs[i].size, specs[i].base);
		if (IS_ERR(pool)) {
			ret = PTR_ERR(pool);
			pr_err("pools=: pool %s: %d\n", specs[i].name, ret);
			goto unlock;
		}
		if (!strcmp(specs[i].name, "default"))
			cma_pool_default = pool;
	}
	pools_from_of();
unlock:
	mutex_unlock(&cma_pools_lock);
	if (ret) {
		pools_destroy_all();
		cma_pool_debugfs_exit();
	}
	return ret;
}
module_init(cma_pool_init);

static void __exit cma_pool_exit(void)
{
	pools_destroy_all();
	cma_pool_debugfs_exit();
}
module_exit(cma_pool_exit);

MODULE_DESCRIPTION("dmashare: contiguous physical memory pools");
MODULE_LICENSE("GPL");

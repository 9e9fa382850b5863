/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cma_pool.h - the whole API of cma_pool.ko: contiguous physical memory
 * pools (namespace CMA_POOL; importers: MODULE_IMPORT_NS(DMASHARE_NS(CMA_POOL))).
 *
 * A pool is a physical range handed out in contiguous pieces.  Reusable
 * pools let the system use their free pages and migrate them away when an
 * allocation needs the place; claimed pools hold their range from
 * creation; carveout pools manage a range reserved at boot that the
 * kernel never used (it may have no struct pages).
 */
#ifndef DMASHARE_CMA_POOL_H
#define DMASHARE_CMA_POOL_H

#include <linux/list.h>
#include <linux/types.h>

struct cma_pool;
struct cma_pool_owner;
struct device;

/**
 * enum cma_pool_backing - what holds a pool's range while it is free
 * @CMA_POOL_REUSABLE: the system's movable pages; migrated on allocation
 * @CMA_POOL_CLAIMED: taken from the page allocator when the pool was made
 * @CMA_POOL_CARVEOUT: reserved at boot, outside System RAM, memremapped
 */
enum cma_pool_backing {
	CMA_POOL_REUSABLE,
	CMA_POOL_CLAIMED,
	CMA_POOL_CARVEOUT,
};

/**
 * struct cma_pool_buf - one contiguous allocation
 * @pool:	the pool it came from
 * @owner:	who it is charged to
 * @pfn:	first page frame
 * @count:	pages, as asked for (the pool reserves them rounded up to
 *		its granule, and charges the owner for that)
 * @vaddr:	kernel mapping of the whole buffer, or NULL (highmem)
 * @node:	private to cma_pool
 *
 * The memory is zeroed when cma_pool_alloc() returns it.  A buffer of a
 * carveout pool may have no struct pages: use @pfn and @vaddr, not
 * pfn_to_page().
 */
struct cma_pool_buf {
	struct cma_pool *pool;
	struct cma_pool_owner *owner;
	unsigned long pfn;
	unsigned long count;
	void *vaddr;
	struct list_head node;
};

/**
 * struct cma_pool_info - a pool's state, in pages
 * @base_pfn:	first page frame
 * @count:	pages in the pool
 * @used:	pages allocated
 * @max_chunk:	largest free run
 * @reserve:	pages only privileged owners may take
 * @max_align:	largest alignment order an allocation may ask for
 * @backing:	enum cma_pool_backing
 */
struct cma_pool_info {
	unsigned long base_pfn;
	unsigned long count;
	unsigned long used;
	unsigned long max_chunk;
	unsigned long reserve;
	unsigned int max_align;
	enum cma_pool_backing backing;
};

/* cma_pool_owner_create() flags */
#define CMA_POOL_OWNER_PRIVILEGED	0x1u	/* may dip into reserve floors */
#define CMA_POOL_OWNER_FLAGS		CMA_POOL_OWNER_PRIVILEGED

struct cma_pool *cma_pool_create(const char *name, phys_addr_t size,
				 phys_addr_t base);
int cma_pool_destroy(struct cma_pool *pool);
struct cma_pool *cma_pool_find(const char *name);
struct cma_pool *cma_pool_lookup_dev(struct device *dev);
void cma_pool_put(struct cma_pool *pool);
int cma_pool_set_dev(struct device *dev, struct cma_pool *pool);
int cma_pool_set_reserve(struct cma_pool *pool, unsigned long pages);
void cma_pool_get_info(struct cma_pool *pool, struct cma_pool_info *info);
const char *cma_pool_name(const struct cma_pool *pool);

struct cma_pool_owner *cma_pool_owner_create(const char *name,
					     unsigned long limit,
					     unsigned int flags);
void cma_pool_owner_destroy(struct cma_pool_owner *owner);
void cma_pool_owner_set_limit(struct cma_pool_owner *owner,
			      unsigned long limit);

struct cma_pool_buf *cma_pool_alloc(struct cma_pool *pool,
				    unsigned long count,
				    unsigned int align_order,
				    struct cma_pool_owner *owner);
void cma_pool_release(struct cma_pool_buf *buf);

#endif /* DMASHARE_CMA_POOL_H */

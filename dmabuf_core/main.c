// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_core: shared buffers on the kernel's dma-buf with late,
 * constraint-driven backing and migration.
 *
 * A buffer is a real struct dma_buf (dma_buf_export(), this module as its
 * owner).  It has no memory until the first map, mmap, vmap or CPU access;
 * then the attached devices' constraints (policy.c) choose scattered
 * system pages or one cma_pool range.  A device attaching later that the
 * backing cannot serve makes the buffer move (data copied, cached device
 * mappings dropped) if nothing is mapped, or is refused with -EBUSY.
 *
 * The exporter has no pin op: importers map it as a static dma-buf.  The
 * core calls map_dma_buf with the reservation lock held from 6.2 and
 * without it before, so the exporter never relies on it: each buffer's
 * own mutex serialises everything, taken inside the reservation lock
 * where the core holds it and never around it.
 *
 * A dynamic importer (importer_ops->move_notify) of a static exporter is
 * mapped by the core once, at attach, and the core hands that mapping
 * out until detach.  Such a mapping does not pin the buffer: a migration
 * rewrites it in place for the new backing, under the reservation lock,
 * and then tells the importer with dma_buf_move_notify() to map again.
 *
 * Lock order: a dma-buf's reservation lock, then dmabuf_core_lock, then a
 * buffer's lock.  dmabuf_core_lock covers the buffer list and every
 * account, so that an export and a release take one module-wide lock
 * each; bytes of backing are counted with atomics, outside any lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/dma-buf.h>
#include <uapi/linux/dma-buf.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/dma-resv.h>
#include <linux/err.h>
#include <linux/highmem.h>
#include <linux/iommu.h>
#include <linux/iosys-map.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/scatterlist.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>

#include <cma_pool.h>
#include <dmabuf_core.h>

#include "internal.h"

#define CREATE_TRACE_POINTS
#include "trace.h"

static unsigned long global_limit_mb;
module_param(global_limit_mb, ulong, 0644);
MODULE_PARM_DESC(global_limit_mb,
		 "Most MiB all buffers together may have, else -ENOMEM (default 0: no limit)");

static unsigned long owner_limit_mb;
module_param(owner_limit_mb, ulong, 0644);
MODULE_PARM_DESC(owner_limit_mb,
		 "Limit in MiB of an owner created without one, else -EDQUOT (default 0: no limit)");

static unsigned long max_buffer_mb = 1024;
module_param(max_buffer_mb, ulong, 0644);
MODULE_PARM_DESC(max_buffer_mb, "Largest buffer in MiB (default 1024)");

/**
 * struct dmabuf_core_owner - who buffers are charged to
 * @ref:	the creator's reference and one per buffer
 * @name:	for debugfs
 * @acct:	bytes and buffers charged; under dmabuf_core_lock
 * @backed:	bytes of backing its buffers hold (atomic)
 * @cma_owner:	what cma_pool charges contiguous backing to
 */
struct dmabuf_core_owner {
	struct kref ref;
	char name[24];
	struct dmabuf_core_account acct;
	atomic64_t backed;
	struct cma_pool_owner *cma_owner;
};

/*
 * Entries of an sg table kept in the structure that holds the table, so
 * that small buffers (up to 4 MiB of system pages, any contiguous one)
 * cost no slab allocation per backing or per device mapping.
 */
#define DMABUF_CORE_INLINE_SG	4

/**
 * struct dmabuf_core_backing - the memory behind a buffer
 * @layout:	what it is (kind NONE: nothing yet)
 * @sgt:	its pages, one entry per physically contiguous piece
 * @cbuf:	the cma_pool allocation of CMA backing
 * @pool:	the pool @cbuf came from, referenced
 * @inl:	@sgt's entries when they are few (sgt_alloc())
 */
struct dmabuf_core_backing {
	struct dmabuf_core_layout layout;
	struct sg_table sgt;
	struct cma_pool_buf *cbuf;
	struct cma_pool *pool;
	struct scatterlist inl[DMABUF_CORE_INLINE_SG];
};

/**
 * struct dmabuf_core_buffer - the exporter's side of one dma-buf
 * @dmabuf:	the dma-buf
 * @lock:	protects everything below except the constant fields
 * @id:		number in debugfs and trace events (constant)
 * @size:	bytes, whole pages (constant)
 * @flags:	DMABUF_CORE_* export flags (constant)
 * @policy:	enum dmabuf_core_policy (constant)
 * @owner:	charged for it, referenced (constant)
 * @pool:	cma_pool for contiguous backing, referenced; NULL: the default
 *		(constant)
 * @back:	the backing
 * @attachments: struct dmabuf_core_attach, one per attached device
 * @mapped:	attachments with a mapping handed out
 * @vmap_count:	outstanding vmaps of @vaddr
 * @vaddr:	kernel mapping while @vmap_count is non-zero
 * @mmap_count:	user mappings (atomic: VMA open/close take no lock)
 * @maps:	map_dma_buf calls that succeeded
 * @migrations:	backing moves
 * @node:	in dmabuf_core_buffers, under dmabuf_core_lock
 */
struct dmabuf_core_buffer {
	struct dma_buf *dmabuf;
	struct mutex lock;	/* see above */
	u64 id;
	u64 size;
	unsigned int flags;
	enum dmabuf_core_policy policy;
	struct dmabuf_core_owner *owner;
	struct cma_pool *pool;
	struct dmabuf_core_backing back;
	struct list_head attachments;
	unsigned int mapped;
	unsigned int vmap_count;
	void *vaddr;
	atomic_t mmap_count;
	u64 maps;
	u64 migrations;
	struct list_head node;
};

/**
 * struct dmabuf_core_attach - one device attached to a buffer
 * @attach:	the core's attachment
 * @caps:	the device's properties at attach time
 * @sgt:	cached mapping for the device (@table), or NULL
 * @table:	storage of @sgt, so that a mapping costs no allocation of it
 * @inl:	@table's entries when they are few (sgt_alloc())
 * @dir:	direction @sgt was mapped for
 * @need_sync:	@sgt needs CPU syncs (dma_need_sync() of an entry: a
 *		non-coherent device or a bounce buffer)
 * @handed_out:	@sgt is mapped by the importer now
 * @dynamic:	a dynamic importer (move_notify): its mapping does not
 *		keep the backing from moving (constant)
 * @node:	in the buffer's attachments
 */
struct dmabuf_core_attach {
	struct dma_buf_attachment *attach;
	struct dmabuf_core_dev_caps caps;
	struct sg_table *sgt;
	struct sg_table table;
	struct scatterlist inl[DMABUF_CORE_INLINE_SG];
	enum dma_data_direction dir;
	bool need_sync;
	bool handed_out;
	bool dynamic;
	struct list_head node;
};

/*
 * Protects dmabuf_core_buffers, dmabuf_core_next_id and every account
 * (bytes and buffers charged, limits).
 */
static DEFINE_MUTEX(dmabuf_core_lock);
static LIST_HEAD(dmabuf_core_buffers);
static u64 dmabuf_core_next_id;
static struct dmabuf_core_account dmabuf_core_global;
/* Bytes of backing all buffers hold. */
static atomic64_t dmabuf_core_backed = ATOMIC64_INIT(0);

/*
 * Devices with DMABUF_CORE_DEV_* flags: changed under
 * dmabuf_core_devs_lock, read under RCU (every attach looks its device up).
 */
struct dmabuf_core_dev_entry {
	struct device *dev;
	unsigned int flags;
	struct list_head node;
	struct rcu_head rcu;
};

static DEFINE_MUTEX(dmabuf_core_devs_lock);
static LIST_HEAD(dmabuf_core_devs);

static struct dentry *dmabuf_core_debugfs;

static const char * const backing_names[] = {
	[DMABUF_CORE_BACKING_NONE] = "none",
	[DMABUF_CORE_BACKING_SYSTEM] = "system",
	[DMABUF_CORE_BACKING_CMA] = "cma",
};

static const struct dma_buf_ops dmabuf_core_ops;

/* --- owners ------------------------------------------------------- */

/**
 * dmabuf_core_owner_create() - make an owner to charge buffers to
 * @name: for debugfs (truncated to 23 characters)
 * @limit: most bytes its buffers may have together, else -EDQUOT; 0: the
 *	owner_limit_mb module parameter (itself 0: no limit)
 *
 * Context: process; allocates with GFP_KERNEL.
 * Return: the owner, holding one reference for the caller
 * (dmabuf_core_owner_put()), or an ERR_PTR.
 */
struct dmabuf_core_owner *dmabuf_core_owner_create(const char *name, u64 limit)
{
	struct dmabuf_core_owner *owner = kzalloc(sizeof(*owner), GFP_KERNEL);

	if (!owner)
		return ERR_PTR(-ENOMEM);
	owner->cma_owner = cma_pool_owner_create(name, 0, 0);
	if (IS_ERR(owner->cma_owner)) {
		int ret = PTR_ERR(owner->cma_owner);

		kfree(owner);
		return ERR_PTR(ret);
	}
	kref_init(&owner->ref);
	strscpy(owner->name, name, sizeof(owner->name));
	owner->acct.limit = limit ?: (u64)READ_ONCE(owner_limit_mb) * SZ_1M;
	return owner;
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_owner_create, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_owner_set_limit() - change an owner's byte limit
 * @owner: the owner
 * @limit: most bytes; 0: no limit.  Buffers over a lowered limit stay.
 *
 * Context: process.
 */
void dmabuf_core_owner_set_limit(struct dmabuf_core_owner *owner, u64 limit)
{
	mutex_lock(&dmabuf_core_lock);
	owner->acct.limit = limit;
	mutex_unlock(&dmabuf_core_lock);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_owner_set_limit, DMASHARE_NS(DMABUF_CORE));

static void owner_free(struct kref *ref)
{
	struct dmabuf_core_owner *owner = container_of(ref, struct dmabuf_core_owner, ref);

	cma_pool_owner_destroy(owner->cma_owner);
	kfree(owner);
}

/**
 * dmabuf_core_owner_put() - drop a reference to an owner
 * @owner: the owner; NULL is ignored.  Its buffers keep it alive.
 *
 * Context: process.
 */
void dmabuf_core_owner_put(struct dmabuf_core_owner *owner)
{
	if (owner)
		kref_put(&owner->ref, owner_free);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_owner_put, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_owner_stats() - what an owner's buffers hold
 * @owner: the owner
 * @st: filled
 *
 * Context: process.
 */
void dmabuf_core_owner_stats(struct dmabuf_core_owner *owner, struct dmabuf_core_stats *st)
{
	mutex_lock(&dmabuf_core_lock);
	st->buffers = owner->acct.buffers;
	st->bytes = owner->acct.bytes;
	mutex_unlock(&dmabuf_core_lock);
	st->backed = atomic64_read(&owner->backed);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_owner_stats, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_get_stats() - what all buffers hold
 * @st: filled
 *
 * Context: process.
 */
void dmabuf_core_get_stats(struct dmabuf_core_stats *st)
{
	mutex_lock(&dmabuf_core_lock);
	st->buffers = dmabuf_core_global.buffers;
	st->bytes = dmabuf_core_global.bytes;
	mutex_unlock(&dmabuf_core_lock);
	st->backed = atomic64_read(&dmabuf_core_backed);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_get_stats, DMASHARE_NS(DMABUF_CORE));

static void account_backed(struct dmabuf_core_owner *owner, u64 bytes, bool add)
{
	s64 delta = add ? (s64)bytes : -(s64)bytes;

	atomic64_add(delta, &owner->backed);
	atomic64_add(delta, &dmabuf_core_backed);
}

/* --- device flags ------------------------------------------------- */

/* @dev's entry; under dmabuf_core_devs_lock or rcu_read_lock(). */
static struct dmabuf_core_dev_entry *dev_entry(struct device *dev)
{
	struct dmabuf_core_dev_entry *e;

	list_for_each_entry_rcu(e, &dmabuf_core_devs, node,
				lockdep_is_held(&dmabuf_core_devs_lock))
		if (e->dev == dev)
			return e;
	return NULL;
}

/**
 * dmabuf_core_set_dev_flags() - say what a device needs that the DMA API
 * cannot tell
 * @dev: the device
 * @flags: DMABUF_CORE_DEV_* (CONTIGUOUS: it takes a buffer only as one
 *	physical range); 0 forgets the device
 *
 * Applies to attaches after the call.  The entry holds a reference to
 * @dev: clear it (flags 0) before the device goes.
 *
 * Context: process.
 * Return: 0, -EINVAL for unknown flags, or -ENOMEM.
 */
int dmabuf_core_set_dev_flags(struct device *dev, unsigned int flags)
{
	struct dmabuf_core_dev_entry *e, *add = NULL;

	if (flags & ~DMABUF_CORE_DEV_FLAGS)
		return -EINVAL;
	if (flags) {
		add = kzalloc(sizeof(*add), GFP_KERNEL);
		if (!add)
			return -ENOMEM;
	}
	mutex_lock(&dmabuf_core_devs_lock);
	e = dev_entry(dev);
	if (e && flags) {
		WRITE_ONCE(e->flags, flags);
	} else if (e) {
		/* Readers compare e->dev, never use it: it may go now. */
		list_del_rcu(&e->node);
		put_device(e->dev);
		kfree_rcu(e, rcu);
	} else if (add) {
		add->dev = get_device(dev);
		add->flags = flags;
		list_add_rcu(&add->node, &dmabuf_core_devs);
		add = NULL;
	}
	mutex_unlock(&dmabuf_core_devs_lock);
	kfree(add);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_set_dev_flags, DMASHARE_NS(DMABUF_CORE));

static void dev_caps(struct device *dev, struct dmabuf_core_dev_caps *caps)
{
	struct iommu_domain *domain = iommu_get_domain_for_dev(dev);
	struct dmabuf_core_dev_entry *e;

	caps->dma_mask = dma_get_mask(dev);
	caps->max_seg = dma_get_max_seg_size(dev);
	caps->seg_boundary = dma_get_seg_boundary(dev);
	caps->iommu = domain && (domain->type & __IOMMU_DOMAIN_PAGING);
	caps->coherent = dev_is_dma_coherent(dev);
	rcu_read_lock();
	e = dev_entry(dev);
	caps->contiguous = e && (READ_ONCE(e->flags) & DMABUF_CORE_DEV_CONTIGUOUS);
	rcu_read_unlock();
}

/* --- backings ----------------------------------------------------- */

/*
 * sg_alloc_table() of @n entries, in @inl (DMABUF_CORE_INLINE_SG
 * entries, or NULL: none) when they fit.
 */
static int sgt_alloc(struct sg_table *sgt, unsigned int n, struct scatterlist *inl)
{
	if (!inl || n > DMABUF_CORE_INLINE_SG)
		return sg_alloc_table(sgt, n, GFP_KERNEL);
	sg_init_table(inl, n);
	sgt->sgl = inl;
	sgt->nents = n;
	sgt->orig_nents = n;
	return 0;
}

/* Undo sgt_alloc() with the same @inl. */
static void sgt_free(struct sg_table *sgt, struct scatterlist *inl)
{
	if (sgt->sgl == inl)
		memset(sgt, 0, sizeof(*sgt));
	else
		sg_free_table(sgt);
}

static const unsigned int system_orders[] = { DMABUF_CORE_SYSTEM_MAX_ORDER, 4, 0 };

static gfp_t system_gfp(u64 dma_mask, unsigned int order)
{
	gfp_t gfp;

	if (dma_mask < DMA_BIT_MASK(32))
		gfp = GFP_KERNEL | GFP_DMA;
	else if (dma_mask < U64_MAX && dma_mask < DMA_BIT_MASK(64))
		gfp = GFP_KERNEL | GFP_DMA32;
	else
		gfp = GFP_HIGHUSER;
	gfp |= __GFP_ZERO;
	/* High orders are a bonus: no reclaim, no retries, no warnings. */
	if (order)
		gfp = (gfp | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_RECLAIM;
	return gfp;
}

static void layout_add(struct dmabuf_core_layout *l, phys_addr_t phys, u64 len)
{
	if (!l->chunks || phys < l->min_phys)
		l->min_phys = phys;
	l->max_phys = max_t(u64, l->max_phys, phys + len - 1);
	l->max_chunk = max(l->max_chunk, len);
	l->chunks++;
}

static void free_pages_list(struct list_head *pages)
{
	struct page *page, *tmp;

	list_for_each_entry_safe(page, tmp, pages, lru) {
		unsigned int order = page_private(page);

		list_del(&page->lru);
		set_page_private(page, 0);
		__free_pages(page, order);
	}
}

static int backing_alloc_system(struct dmabuf_core_backing *b, u64 size,
				const struct dmabuf_core_choice *ch)
{
	unsigned long left = size >> PAGE_SHIFT;
	unsigned int i, top = 0, n = 0;
	struct scatterlist *sg;
	struct page *page, *tmp;
	LIST_HEAD(pages);
	int ret;

	while (left) {
		page = NULL;
		/*
		 * From the order that worked last, as the system heap does:
		 * an order that failed once is not tried again for every
		 * later piece.
		 */
		for (i = top; i < ARRAY_SIZE(system_orders); i++) {
			unsigned int order = system_orders[i];

			if (order > ch->max_order || order > DMASHARE_MAX_PAGE_ORDER ||
			    left < (1UL << order))
				continue;
			page = alloc_pages(system_gfp(ch->dma_mask, order), order);
			if (page) {
				set_page_private(page, order);
				top = i;
				break;
			}
		}
		if (!page) {
			ret = -ENOMEM;
			goto free_pages;
		}
		list_add_tail(&page->lru, &pages);
		n++;
		left -= 1UL << page_private(page);
		if (page_to_phys(page) + (PAGE_SIZE << page_private(page)) - 1 > ch->dma_mask) {
			ret = -ENOMEM;	/* the zone was not enough */
			goto free_pages;
		}
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			goto free_pages;
		}
	}
	ret = sgt_alloc(&b->sgt, n, b->inl);
	if (ret)
		goto free_pages;
	memset(&b->layout, 0, sizeof(b->layout));
	sg = b->sgt.sgl;
	list_for_each_entry_safe(page, tmp, &pages, lru) {
		u64 len = PAGE_SIZE << page_private(page);

		layout_add(&b->layout, page_to_phys(page), len);
		sg_set_page(sg, page, len, 0);
		sg = sg_next(sg);
		list_del(&page->lru);
		set_page_private(page, 0);	/* the order lives in sg->length now */
	}
	b->layout.kind = DMABUF_CORE_BACKING_SYSTEM;
	return 0;

free_pages:
	free_pages_list(&pages);
	return ret;
}

static int backing_alloc_cma(struct dmabuf_core_backing *b, struct dmabuf_core_buffer *buf,
			     const struct dmabuf_core_choice *ch)
{
	struct cma_pool *pool = buf->pool;
	phys_addr_t phys;
	int ret;

	/* The backing's own reference, whether named or the default. */
	if (pool)
		pool = cma_pool_find(cma_pool_name(pool));
	else
		pool = cma_pool_lookup_dev(NULL);
	if (!pool)
		return -ENODEV;
	b->cbuf = cma_pool_alloc(pool, buf->size >> PAGE_SHIFT, 0, buf->owner->cma_owner);
	if (IS_ERR(b->cbuf)) {
		ret = PTR_ERR(b->cbuf);
		goto put_pool;
	}
	phys = PFN_PHYS(b->cbuf->pfn);
	/* Carveouts may have no struct pages: they cannot back a dma-buf here. */
	ret = -ENODEV;
	if (!pfn_valid(b->cbuf->pfn) || !pfn_valid(b->cbuf->pfn + b->cbuf->count - 1))
		goto release;
	ret = -ENOMEM;
	if (phys + buf->size - 1 > ch->dma_mask)
		goto release;
	ret = sgt_alloc(&b->sgt, 1, b->inl);
	if (ret)
		goto release;
	sg_set_page(b->sgt.sgl, pfn_to_page(b->cbuf->pfn), buf->size, 0);
	memset(&b->layout, 0, sizeof(b->layout));
	layout_add(&b->layout, phys, buf->size);
	b->layout.kind = DMABUF_CORE_BACKING_CMA;
	b->pool = pool;
	return 0;

release:
	cma_pool_release(b->cbuf);
put_pool:
	b->cbuf = NULL;
	cma_pool_put(pool);
	return ret;
}

static int backing_alloc(struct dmabuf_core_backing *b, struct dmabuf_core_buffer *buf,
			 const struct dmabuf_core_choice *ch)
{
	int ret;

	memset(b, 0, sizeof(*b));
	if (ch->kind == DMABUF_CORE_BACKING_CMA)
		ret = backing_alloc_cma(b, buf, ch);
	else
		ret = backing_alloc_system(b, buf->size, ch);
	if (!ret)
		account_backed(buf->owner, buf->size, true);
	return ret;
}

static void backing_free(struct dmabuf_core_backing *b, struct dmabuf_core_buffer *buf)
{
	struct scatterlist *sg;
	unsigned int i;

	switch (b->layout.kind) {
	case DMABUF_CORE_BACKING_NONE:
		return;
	case DMABUF_CORE_BACKING_SYSTEM:
		for_each_sgtable_sg(&b->sgt, sg, i)
			__free_pages(sg_page(sg), get_order(sg->length));
		break;
	case DMABUF_CORE_BACKING_CMA:
		cma_pool_release(b->cbuf);
		cma_pool_put(b->pool);
		break;
	}
	sgt_free(&b->sgt, b->inl);
	account_backed(buf->owner, buf->size, false);
	memset(b, 0, sizeof(*b));
}

/* Move backing @from (a local variable, say) into @to, emptied before. */
static void backing_move(struct dmabuf_core_backing *to, struct dmabuf_core_backing *from)
{
	*to = *from;
	/* Inline entries were copied with it: the table must point at the copy. */
	if (from->sgt.sgl == from->inl)
		to->sgt.sgl = to->inl;
	memset(from, 0, sizeof(*from));
}

/* Copy every page of @from into @to (same size). */
static void backing_copy(struct dmabuf_core_backing *to, struct dmabuf_core_backing *from)
{
	struct sg_page_iter src, dst;

	__sg_page_iter_start(&dst, to->sgt.sgl, to->sgt.orig_nents, 0);
	for_each_sgtable_page(&from->sgt, &src, 0) {
		void *s, *d;

		if (WARN_ON(!__sg_page_iter_next(&dst)))
			return;
		d = kmap_local_page(sg_page_iter_page(&dst));
		s = kmap_local_page(sg_page_iter_page(&src));
		memcpy(d, s, PAGE_SIZE);
		kunmap_local(s);
		kunmap_local(d);
		cond_resched();
	}
}

/* --- buffers ------------------------------------------------------ */

static void collate_all(struct dmabuf_core_buffer *buf, struct dmabuf_core_constraints *c)
{
	struct dmabuf_core_attach *a;

	lockdep_assert_held(&buf->lock);
	dmabuf_core_constraints_init(c);
	list_for_each_entry(a, &buf->attachments, node)
		dmabuf_core_collate(c, &a->caps);
}

/* Late allocation: back @buf for the devices attached now. */
static int ensure_backing(struct dmabuf_core_buffer *buf)
{
	struct dmabuf_core_constraints c;
	struct dmabuf_core_choice ch;
	int ret;

	lockdep_assert_held(&buf->lock);
	if (buf->back.layout.kind != DMABUF_CORE_BACKING_NONE)
		return 0;
	collate_all(buf, &c);
	ret = dmabuf_core_choose(&c, buf->policy, buf->flags, buf->size, &ch);
	if (ret)
		return ret;
	return backing_alloc(&buf->back, buf, &ch);
}

static bool buffer_in_use(struct dmabuf_core_buffer *buf)
{
	struct dmabuf_core_attach *a;
	unsigned int pinned = 0;

	lockdep_assert_held(&buf->lock);
	list_for_each_entry(a, &buf->attachments, node)
		if (a->handed_out && !a->dynamic)
			pinned++;
	return dmabuf_core_busy(pinned, buf->vmap_count, atomic_read(&buf->mmap_count));
}

/*
 * CONFIG_DMABUF_DEBUG: the core scrambles the page links of every table
 * it hands an importer (and unscrambles them before giving it back to
 * unmap_dma_buf).  A handed-out table rewritten in place is unscrambled
 * first and scrambled again after, so the core finds it as it left it.
 */
static void sgt_scramble(struct sg_table *sgt)
{
	struct scatterlist *sg;
	unsigned int i;

	if (!IS_ENABLED(CONFIG_DMABUF_DEBUG))
		return;
	for_each_sgtable_sg(sgt, sg, i)
		sg->page_link ^= ~0xffUL;
}

static void attach_drop_cache(struct dmabuf_core_attach *a)
{
	if (!a->sgt)
		return;
	dma_unmap_sgtable(a->attach->dev, a->sgt, a->dir, 0);
	sgt_free(a->sgt, a->inl);
	a->sgt = NULL;
}

static int dup_sgt(struct sg_table *from, struct device *dev, struct sg_table *sgt,
		   struct scatterlist *inl);

/*
 * Does a mapping need CPU syncs at all?  Not for a cache-coherent device
 * whose entries no bounce buffer stands in for (dma_need_sync(), as
 * page_pool asks it): its syncs would do nothing but, under DMA-API
 * debug, look every entry up again.
 */
static bool sgt_need_sync(struct device *dev, struct sg_table *sgt)
{
	struct scatterlist *sg;
	unsigned int i;

	for_each_sgtable_dma_sg(sgt, sg, i)
		if (dma_need_sync(dev, sg_dma_address(sg)))
			return true;
	return false;
}

/*
 * Map a device's copy of the page list.  Several devices map the same
 * pages at once, which is what a shared buffer is for: the CPU sync is
 * done apart (DMA_ATTR_SKIP_CPU_SYNC, as DRM's PRIME exporters do), so
 * that DMA-API debug does not take the overlap for a driver bug, and
 * only where the mapping needs one (*@need_sync).
 */
static int dma_map_buffer(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir,
			  bool *need_sync)
{
	int ret = dma_map_sgtable(dev, sgt, dir, DMA_ATTR_SKIP_CPU_SYNC);

	if (ret)
		return ret;
	*need_sync = sgt_need_sync(dev, sgt);
	if (*need_sync)
		dma_sync_sgtable_for_device(dev, sgt, dir);
	return 0;
}

/* A mapping of backing @b for @a's device, in @a's direction. */
static struct sg_table *map_for(struct dmabuf_core_attach *a, struct dmabuf_core_backing *b)
{
	struct sg_table *sgt = kzalloc(sizeof(*sgt), GFP_KERNEL);
	bool need_sync;

	if (!sgt)
		return ERR_PTR(-ENOMEM);
	if (dup_sgt(&b->sgt, a->attach->dev, sgt, NULL)) {
		kfree(sgt);
		return ERR_PTR(-ENOMEM);
	}
	if (dma_map_buffer(a->attach->dev, sgt, a->dir, &need_sync)) {
		sg_free_table(sgt);
		kfree(sgt);
		return ERR_PTR(-ENOMEM);
	}
	return sgt;
}

static void free_mapping(struct device *dev, struct sg_table *sgt, enum dma_data_direction dir)
{
	dma_unmap_sgtable(dev, sgt, dir, 0);
	sg_free_table(sgt);
	kfree(sgt);
}

/*
 * Move @buf to a backing made per @ch; nothing but dynamic importers'
 * mappings may be in use.  Those are rewritten in place (the core keeps
 * handing out the same table); *@notify tells the caller to send
 * dma_buf_move_notify() once the buffer's lock is dropped.
 */
static int migrate(struct dmabuf_core_buffer *buf, const struct dmabuf_core_choice *ch,
		   bool *notify)
{
	unsigned int from = buf->back.layout.kind;
	struct dmabuf_core_backing nb;
	struct dmabuf_core_attach *a;
	struct sg_table **fresh;
	unsigned int n = 0, i;
	int ret;

	lockdep_assert_held(&buf->lock);
	list_for_each_entry(a, &buf->attachments, node)
		n += a->handed_out;
	/* Only dynamic mappings can be out here: the reservation lock guards them. */
	if (n)
		dma_resv_assert_held(buf->dmabuf->resv);
	/* The new tables, in the order of the handed-out attachments. */
	fresh = kcalloc(max(n, 1u), sizeof(*fresh), GFP_KERNEL);
	if (!fresh) {
		ret = -ENOMEM;
		goto out;
	}
	ret = backing_alloc(&nb, buf, ch);
	if (ret)
		goto free_fresh;
	i = 0;
	list_for_each_entry(a, &buf->attachments, node) {
		if (!a->handed_out)
			continue;
		fresh[i] = map_for(a, &nb);
		if (IS_ERR(fresh[i])) {
			ret = PTR_ERR(fresh[i]);
			goto unmap_fresh;
		}
		i++;
	}
	backing_copy(&nb, &buf->back);
	/* Device mappings point at the old pages. */
	i = 0;
	list_for_each_entry(a, &buf->attachments, node) {
		struct device *dev = a->attach->dev;

		if (!a->handed_out) {
			attach_drop_cache(a);
			continue;
		}
		/* Same table, new contents. */
		sgt_scramble(a->sgt);
		dma_unmap_sgtable(dev, a->sgt, a->dir, 0);
		sgt_free(a->sgt, a->inl);
		*a->sgt = *fresh[i];
		kfree(fresh[i++]);
		a->need_sync = sgt_need_sync(dev, a->sgt);
		sgt_scramble(a->sgt);
	}
	*notify = n;
	backing_free(&buf->back, buf);
	backing_move(&buf->back, &nb);
	buf->migrations++;
	goto free_fresh;

unmap_fresh:
	n = i;
	i = 0;
	list_for_each_entry(a, &buf->attachments, node)
		if (a->handed_out && i < n)
			free_mapping(a->attach->dev, fresh[i++], a->dir);
	backing_free(&nb, buf);
free_fresh:
	kfree(fresh);
out:
	trace_dmabuf_core_migrate(buf->id, from, ch->kind, buf->size, ret);
	return ret;
}

/* What attaching @a's device does to @buf as it is now. */
static enum dmabuf_core_attach_action
attach_decide(struct dmabuf_core_buffer *buf, struct dmabuf_core_attach *a,
	      struct dmabuf_core_choice *ch)
{
	struct dmabuf_core_constraints c;

	collate_all(buf, &c);
	dmabuf_core_collate(&c, &a->caps);
	return dmabuf_core_attach_action(&buf->back.layout, &c, buf->policy, buf->flags,
					 buf->size, buffer_in_use(buf), ch);
}

static int dmabuf_core_attach_op(struct dma_buf *dmabuf, struct dma_buf_attachment *attach)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;
	enum dmabuf_core_attach_action action;
	bool notify = false, resv_held = false;
	struct dmabuf_core_choice ch;
	struct dmabuf_core_attach *a;
	int ret = 0;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	a->attach = attach;
	a->dynamic = dma_buf_attachment_is_dynamic(attach);
	dev_caps(attach->dev, &a->caps);

	/*
	 * The core calls attach without the reservation lock; a migration
	 * rewrites dynamic importers' mappings and notifies them under it.
	 * Most attaches keep the backing and need only the buffer's lock:
	 * the reservation lock is taken (before the buffer's, the lock
	 * order) when the decision is to move, and the decision made again
	 * under both, for the buffer may have changed in between.
	 */
	mutex_lock(&buf->lock);
	action = attach_decide(buf, a, &ch);
	if (action == DMABUF_CORE_ATTACH_MIGRATE) {
		mutex_unlock(&buf->lock);
		dma_resv_lock(dmabuf->resv, NULL);
		resv_held = true;
		mutex_lock(&buf->lock);
		action = attach_decide(buf, a, &ch);
	}
	if (action == DMABUF_CORE_ATTACH_REFUSE)
		ret = -EBUSY;
	else if (action == DMABUF_CORE_ATTACH_MIGRATE)
		ret = migrate(buf, &ch, &notify);
	if (!ret) {
		list_add_tail(&a->node, &buf->attachments);
		attach->priv = a;
	}
	mutex_unlock(&buf->lock);
	/* Not yet on the core's list: the new attachment is not told. */
	if (notify)
		dma_buf_move_notify(dmabuf);
	if (resv_held)
		dma_resv_unlock(dmabuf->resv);
	trace_dmabuf_core_attach(buf->id, dev_name(attach->dev), action, ret);
	if (ret)
		kfree(a);
	return ret;
}

static void dmabuf_core_detach_op(struct dma_buf *dmabuf, struct dma_buf_attachment *attach)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;
	struct dmabuf_core_attach *a = attach->priv;

	mutex_lock(&buf->lock);
	if (WARN_ON(a->handed_out))
		buf->mapped--;
	attach_drop_cache(a);
	list_del(&a->node);
	mutex_unlock(&buf->lock);
	kfree(a);
}

/* Bytes from @phys that one DMA segment of @dev may take, at most @len. */
static u64 seg_piece(struct device *dev, phys_addr_t phys, u64 len)
{
	u64 max = max_t(u64, dma_get_max_seg_size(dev) & PAGE_MASK, PAGE_SIZE);
	unsigned long boundary = dma_get_seg_boundary(dev);

	len = min(len, max);
	if (boundary != ULONG_MAX)
		len = min_t(u64, len, (u64)boundary + 1 - (phys & boundary));
	return len;
}

/*
 * Cut the physically contiguous run of @len bytes at @page into pieces
 * @dev takes as single segments; write them from *@d on (when @d is not
 * NULL, advancing it) and return how many there are.
 */
static unsigned int run_pieces(struct device *dev, struct page *page, u64 len,
			       struct sg_table *sgt, struct scatterlist **d)
{
	phys_addr_t phys = page_to_phys(page);
	unsigned int n = 0;
	u64 off, piece;

	for (off = 0; off < len; off += piece, n++) {
		piece = seg_piece(dev, phys + off, len - off);
		if (!d)
			continue;
		*d = *d ? sg_next(*d) : sgt->sgl;
		sg_set_page(*d, nth_page(page, off >> PAGE_SHIFT), piece, 0);
	}
	return n;
}

/*
 * Walk @from as runs of physically contiguous memory, entries that
 * follow each other in memory joined (the page allocator often hands out
 * neighbouring blocks), and cut each run for @dev with run_pieces().
 */
static unsigned int dup_walk(struct sg_table *from, struct device *dev, struct sg_table *sgt,
			     struct scatterlist **d)
{
	struct page *run = NULL;
	struct scatterlist *s;
	unsigned int i, n = 0;
	u64 len = 0;

	for_each_sgtable_sg(from, s, i) {
		if (run && sg_phys(s) == page_to_phys(run) + len) {
			len += s->length;
			continue;
		}
		if (run)
			n += run_pieces(dev, run, len, sgt, d);
		run = sg_page(s);
		len = s->length;
	}
	if (run)
		n += run_pieces(dev, run, len, sgt, d);
	return n;
}

/*
 * A copy of the backing's page list for one device: physically
 * contiguous memory in as few entries as the device's maximum segment
 * and segment boundary allow, as the DMA API wants of the lists it maps.
 * Each entry costs the DMA layer work at map and unmap (and a lookup
 * under DMA-API debug), so neighbouring pieces of the backing are joined.
 */
static int dup_sgt(struct sg_table *from, struct device *dev, struct sg_table *sgt,
		   struct scatterlist *inl)
{
	struct scatterlist *d = NULL;
	int ret;

	ret = sgt_alloc(sgt, dup_walk(from, dev, NULL, NULL), inl);
	if (ret)
		return ret;
	dup_walk(from, dev, sgt, &d);
	return 0;
}

static struct sg_table *dmabuf_core_map(struct dma_buf_attachment *attach,
					enum dma_data_direction dir)
{
	struct dmabuf_core_buffer *buf = attach->dmabuf->priv;
	struct dmabuf_core_attach *a = attach->priv;
	int ret;

	mutex_lock(&buf->lock);
	ret = -EBUSY;	/* one mapping per attachment at a time */
	if (a->handed_out)
		goto unlock;
	ret = ensure_backing(buf);
	if (ret)
		goto unlock;
	if (a->sgt && a->dir != dir)
		attach_drop_cache(a);
	if (!a->sgt) {
		ret = dup_sgt(&buf->back.sgt, attach->dev, &a->table, a->inl);
		if (ret)
			goto unlock;
		ret = dma_map_buffer(attach->dev, &a->table, dir, &a->need_sync);
		if (ret) {
			sgt_free(&a->table, a->inl);
			goto unlock;
		}
		a->sgt = &a->table;
		a->dir = dir;
	} else if (a->need_sync) {
		/* The cache may hold stale CPU writes for the device. */
		dma_sync_sgtable_for_device(attach->dev, a->sgt, dir);
	}
	a->handed_out = true;
	buf->mapped++;
	buf->maps++;
	ret = 0;
unlock:
	trace_dmabuf_core_map(buf->id, dev_name(attach->dev), dir,
			      ret ? 0 : a->sgt->nents, ret);
	mutex_unlock(&buf->lock);
	return ret ? ERR_PTR(ret) : a->sgt;
}

static void dmabuf_core_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
			      enum dma_data_direction dir)
{
	struct dmabuf_core_buffer *buf = attach->dmabuf->priv;
	struct dmabuf_core_attach *a = attach->priv;

	mutex_lock(&buf->lock);
	if (!WARN_ON(!a->handed_out || sgt != a->sgt)) {
		/* Kept mapped as the cache; hand the bytes to the CPU side. */
		if (a->need_sync)
			dma_sync_sgtable_for_cpu(attach->dev, sgt, dir);
		a->handed_out = false;
		buf->mapped--;
	}
	mutex_unlock(&buf->lock);
}

static int cpu_access(struct dma_buf *dmabuf, enum dma_data_direction dir, bool begin)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;
	struct dmabuf_core_attach *a;
	int ret;

	mutex_lock(&buf->lock);
	ret = ensure_backing(buf);
	if (!ret) {
		list_for_each_entry(a, &buf->attachments, node) {
			if (!a->handed_out || !a->need_sync)
				continue;
			/* In the mapping's own direction, as the DMA API wants. */
			if (begin)
				dma_sync_sgtable_for_cpu(a->attach->dev, a->sgt, a->dir);
			else
				dma_sync_sgtable_for_device(a->attach->dev, a->sgt, a->dir);
		}
	}
	mutex_unlock(&buf->lock);
	return ret;
}

static int dmabuf_core_begin_cpu(struct dma_buf *dmabuf, enum dma_data_direction dir)
{
	return cpu_access(dmabuf, dir, true);
}

static int dmabuf_core_end_cpu(struct dma_buf *dmabuf, enum dma_data_direction dir)
{
	return cpu_access(dmabuf, dir, false);
}

static void dmabuf_core_vm_open(struct vm_area_struct *vma)
{
	struct dmabuf_core_buffer *buf = vma->vm_private_data;

	atomic_inc(&buf->mmap_count);
}

static void dmabuf_core_vm_close(struct vm_area_struct *vma)
{
	struct dmabuf_core_buffer *buf = vma->vm_private_data;

	atomic_dec(&buf->mmap_count);
}

static const struct vm_operations_struct dmabuf_core_vm_ops = {
	.open = dmabuf_core_vm_open,
	.close = dmabuf_core_vm_close,
};

/*
 * The core checked that the range lies inside the buffer.  Each
 * physically contiguous piece goes in with one remap_pfn_range(), so a
 * contiguous backing is one large mapping.
 */
static int dmabuf_core_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;
	unsigned long addr = vma->vm_start;
	u64 skip = (u64)vma->vm_pgoff << PAGE_SHIFT;
	struct scatterlist *sg;
	unsigned int i;
	int ret;

	mutex_lock(&buf->lock);
	ret = ensure_backing(buf);
	if (ret)
		goto unlock;
	for_each_sgtable_sg(&buf->back.sgt, sg, i) {
		u64 len = sg->length;
		unsigned long pfn = page_to_pfn(sg_page(sg));

		if (skip >= len) {
			skip -= len;
			continue;
		}
		pfn += skip >> PAGE_SHIFT;
		len = min_t(u64, len - skip, vma->vm_end - addr);
		skip = 0;
		ret = remap_pfn_range(vma, addr, pfn, len, vma->vm_page_prot);
		if (ret)
			goto unlock;
		addr += len;
		if (addr >= vma->vm_end)
			break;
	}
	vma->vm_ops = &dmabuf_core_vm_ops;
	vma->vm_private_data = buf;
	atomic_inc(&buf->mmap_count);
unlock:
	mutex_unlock(&buf->lock);
	return ret;
}

static int dmabuf_core_vmap(struct dma_buf *dmabuf, struct iosys_map *map)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;
	unsigned long n = buf->size >> PAGE_SHIFT, i = 0;
	struct sg_page_iter it;
	struct page **pages;
	int ret;

	mutex_lock(&buf->lock);
	ret = ensure_backing(buf);
	if (ret || buf->vmap_count)
		goto done;
	if (buf->back.cbuf && buf->back.cbuf->vaddr) {
		buf->vaddr = buf->back.cbuf->vaddr;
		goto done;
	}
	ret = -ENOMEM;
	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		goto done;
	for_each_sgtable_page(&buf->back.sgt, &it, 0)
		pages[i++] = sg_page_iter_page(&it);
	buf->vaddr = vmap(pages, n, VM_MAP, PAGE_KERNEL);
	kvfree(pages);
	if (buf->vaddr)
		ret = 0;
done:
	if (!ret) {
		buf->vmap_count++;
		iosys_map_set_vaddr(map, buf->vaddr);
	}
	mutex_unlock(&buf->lock);
	return ret;
}

static void dmabuf_core_vunmap(struct dma_buf *dmabuf, struct iosys_map *map)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;

	mutex_lock(&buf->lock);
	if (!WARN_ON(!buf->vmap_count) && !--buf->vmap_count) {
		if (!buf->back.cbuf || buf->vaddr != buf->back.cbuf->vaddr)
			vunmap(buf->vaddr);
		buf->vaddr = NULL;
	}
	mutex_unlock(&buf->lock);
}

static void dmabuf_core_release(struct dma_buf *dmabuf)
{
	struct dmabuf_core_buffer *buf = dmabuf->priv;

	mutex_lock(&dmabuf_core_lock);
	list_del(&buf->node);
	dmabuf_core_uncharge(&buf->owner->acct, &dmabuf_core_global, buf->size);
	mutex_unlock(&dmabuf_core_lock);

	trace_dmabuf_core_release(buf->id, buf->size, buf->migrations);
	WARN_ON(!list_empty(&buf->attachments) || buf->vmap_count);
	backing_free(&buf->back, buf);
	cma_pool_put(buf->pool);
	dmabuf_core_owner_put(buf->owner);
	mutex_destroy(&buf->lock);
	kfree(buf);
}

static const struct dma_buf_ops dmabuf_core_ops = {
	.attach = dmabuf_core_attach_op,
	.detach = dmabuf_core_detach_op,
	.map_dma_buf = dmabuf_core_map,
	.unmap_dma_buf = dmabuf_core_unmap,
	.release = dmabuf_core_release,
	.begin_cpu_access = dmabuf_core_begin_cpu,
	.end_cpu_access = dmabuf_core_end_cpu,
	.mmap = dmabuf_core_mmap,
	.vmap = dmabuf_core_vmap,
	.vunmap = dmabuf_core_vunmap,
};

/**
 * dmabuf_core_export() - make a buffer and its dma-buf
 * @info: size, name, flags, policy, owner and pool of the buffer
 *
 * No memory is allocated here: the backing comes at the first map, mmap,
 * vmap or CPU access (DMA_BUF_IOCTL_SYNC), chosen for the devices attached
 * then.  The owner is charged the size now.  Make an fd with dma_buf_fd()
 * (its flags decide O_CLOEXEC); drop the reference with dma_buf_put().
 *
 * The buffer takes its own reference to @info->pool: the caller must
 * keep the pool alive only for the call.
 *
 * Context: process; allocates with GFP_KERNEL.
 * Return: the dma-buf, or ERR_PTR(-EINVAL) for a zero size, a size over
 * max_buffer_mb, unknown flags, an unknown policy or no owner;
 * ERR_PTR(-ENODEV) when @info->pool is being destroyed;
 * ERR_PTR(-EDQUOT) when the owner's limit would be exceeded;
 * ERR_PTR(-ENOMEM) when the global limit would be, or memory is short.
 */
struct dma_buf *dmabuf_core_export(const struct dmabuf_core_export_info *info)
{
	DEFINE_DMA_BUF_EXPORT_INFO(exp);
	struct dmabuf_core_buffer *buf;
	struct dma_buf *dmabuf;
	char *name = NULL;
	u64 size;
	int ret;

	if (!info->size || info->size > (u64)READ_ONCE(max_buffer_mb) * SZ_1M ||
	    info->flags & ~DMABUF_CORE_EXPORT_FLAGS ||
	    (unsigned int)info->policy >= DMABUF_CORE_POLICY_COUNT || !info->owner)
		return ERR_PTR(-EINVAL);
	size = PAGE_ALIGN(info->size);

	buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (info->name) {
		name = kstrndup(info->name, DMA_BUF_NAME_LEN - 1, GFP_KERNEL);
		if (!name) {
			ret = -ENOMEM;
			goto free_buf;
		}
	}
	if (info->pool) {
		/* A reference of our own: the name is the pool's handle. */
		buf->pool = cma_pool_find(cma_pool_name(info->pool));
		if (buf->pool != info->pool) {
			ret = -ENODEV;
			goto put_pool;
		}
	}
	mutex_init(&buf->lock);
	INIT_LIST_HEAD(&buf->attachments);
	atomic_set(&buf->mmap_count, 0);
	buf->size = size;
	buf->flags = info->flags;
	buf->policy = info->policy;
	buf->owner = info->owner;

	/*
	 * Charged and listed in one go; the debugfs list skips the buffer
	 * until its dma-buf is published below.
	 */
	mutex_lock(&dmabuf_core_lock);
	dmabuf_core_global.limit = (u64)READ_ONCE(global_limit_mb) * SZ_1M;
	ret = dmabuf_core_charge(&buf->owner->acct, &dmabuf_core_global, size);
	if (!ret) {
		buf->id = ++dmabuf_core_next_id;
		list_add_tail(&buf->node, &dmabuf_core_buffers);
	}
	mutex_unlock(&dmabuf_core_lock);
	if (ret)
		goto put_pool;

	exp.ops = &dmabuf_core_ops;
	exp.size = size;
	exp.flags = O_RDWR;
	exp.priv = buf;
	dmabuf = dma_buf_export(&exp);
	if (IS_ERR(dmabuf)) {
		ret = PTR_ERR(dmabuf);
		goto uncharge;
	}
	kref_get(&buf->owner->ref);
	if (name) {
		spin_lock(&dmabuf->name_lock);
		dmabuf->name = name;
		spin_unlock(&dmabuf->name_lock);
	}
	/* Pairs with buffers_show(): a listed buffer's dma-buf, complete. */
	smp_store_release(&buf->dmabuf, dmabuf);
	trace_dmabuf_core_export(buf->id, size, buf->policy, buf->flags);
	return dmabuf;

uncharge:
	mutex_lock(&dmabuf_core_lock);
	list_del(&buf->node);
	dmabuf_core_uncharge(&buf->owner->acct, &dmabuf_core_global, size);
	mutex_unlock(&dmabuf_core_lock);
put_pool:
	cma_pool_put(buf->pool);
	kfree(name);
free_buf:
	kfree(buf);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_export, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_is_ours() - was a dma-buf made by dmabuf_core_export()?
 * @dmabuf: any dma-buf
 *
 * Context: any.
 * Return: true if it was.
 */
bool dmabuf_core_is_ours(const struct dma_buf *dmabuf)
{
	return dmabuf->ops == &dmabuf_core_ops;
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_is_ours, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_get_info() - a buffer's state
 * @dmabuf: a dma-buf made by dmabuf_core_export()
 * @info: filled
 *
 * Context: process.
 * Return: 0, or -EINVAL for a foreign dma-buf.
 */
int dmabuf_core_get_info(struct dma_buf *dmabuf, struct dmabuf_core_info *info)
{
	struct dmabuf_core_buffer *buf;
	struct dmabuf_core_attach *a;

	if (!dmabuf_core_is_ours(dmabuf))
		return -EINVAL;
	buf = dmabuf->priv;
	memset(info, 0, sizeof(*info));
	mutex_lock(&buf->lock);
	info->size = buf->size;
	info->backing = buf->back.layout.kind;
	info->backed = info->backing == DMABUF_CORE_BACKING_NONE ? 0 : buf->size;
	info->chunks = buf->back.layout.chunks;
	list_for_each_entry(a, &buf->attachments, node)
		info->attachments++;
	info->mapped = buf->mapped;
	info->vmaps = buf->vmap_count;
	info->mmaps = atomic_read(&buf->mmap_count);
	info->maps = buf->maps;
	info->migrations = buf->migrations;
	if (info->backing != DMABUF_CORE_BACKING_NONE) {
		info->min_phys = buf->back.layout.min_phys;
		info->max_phys = buf->back.layout.max_phys;
	}
	mutex_unlock(&buf->lock);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_get_info, DMASHARE_NS(DMABUF_CORE));

/* --- import helpers ----------------------------------------------- */

/**
 * dmabuf_core_import() - attach a device to any dma-buf fd
 * @fd: a dma-buf file descriptor of the calling process (any exporter)
 * @dev: the importing device
 *
 * Context: process.
 * Return: the attachment, holding a reference to the dma-buf until
 * dmabuf_core_import_release(); or an ERR_PTR: -EBADF or -EINVAL for an
 * fd that is not a dma-buf, -EBUSY when the exporter cannot serve @dev.
 */
struct dma_buf_attachment *dmabuf_core_import(int fd, struct device *dev)
{
	struct dma_buf_attachment *attach;
	struct dma_buf *dmabuf;

	dmabuf = dma_buf_get(fd);
	if (IS_ERR(dmabuf))
		return ERR_CAST(dmabuf);
	attach = dma_buf_attach(dmabuf, dev);
	if (IS_ERR(attach))
		dma_buf_put(dmabuf);
	return attach;
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_import, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_import_release() - detach and drop the dma-buf reference
 * @attach: from dmabuf_core_import(), not mapped
 *
 * Context: process.
 */
void dmabuf_core_import_release(struct dma_buf_attachment *attach)
{
	struct dma_buf *dmabuf = attach->dmabuf;

	dma_buf_detach(dmabuf, attach);
	dma_buf_put(dmabuf);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_import_release, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_import_map() - map an imported dma-buf for its device
 * @attach: from dmabuf_core_import()
 * @dir: the direction of the device's DMA
 *
 * Takes the reservation lock where the kernel wants it held (6.2+).
 *
 * Context: process; the reservation lock not held.
 * Return: the device's scatterlist, or an ERR_PTR.
 */
struct sg_table *dmabuf_core_import_map(struct dma_buf_attachment *attach,
					enum dma_data_direction dir)
{
	return dmashare_dma_buf_map(attach, dir);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_import_map, DMASHARE_NS(DMABUF_CORE));

/**
 * dmabuf_core_import_unmap() - undo dmabuf_core_import_map()
 * @attach: the attachment
 * @sgt: what dmabuf_core_import_map() returned
 * @dir: the direction it was mapped for
 *
 * Context: process; the reservation lock not held.
 */
void dmabuf_core_import_unmap(struct dma_buf_attachment *attach, struct sg_table *sgt,
			      enum dma_data_direction dir)
{
	dmashare_dma_buf_unmap(attach, sgt, dir);
}
EXPORT_SYMBOL_NS_GPL(dmabuf_core_import_unmap, DMASHARE_NS(DMABUF_CORE));

/* --- debugfs ------------------------------------------------------ */

static int buffers_show(struct seq_file *s, void *unused)
{
	struct dmabuf_core_buffer *buf;
	struct dmabuf_core_attach *a;

	seq_puts(s, "id size backing chunks owner mapped vmaps mmaps maps migrations name\n");
	mutex_lock(&dmabuf_core_lock);
	list_for_each_entry(buf, &dmabuf_core_buffers, node) {
		/* Pairs with the export's release: a complete dma-buf, or NULL. */
		struct dma_buf *dmabuf = smp_load_acquire(&buf->dmabuf);

		if (!dmabuf)
			continue;	/* still being exported */
		mutex_lock(&buf->lock);
		spin_lock(&dmabuf->name_lock);
		seq_printf(s, "%llu %llu %s %u %s %u %u %d %llu %llu %s\n",
			   buf->id, buf->size, backing_names[buf->back.layout.kind],
			   buf->back.layout.chunks, buf->owner->name, buf->mapped,
			   buf->vmap_count, atomic_read(&buf->mmap_count), buf->maps,
			   buf->migrations, dmabuf->name ?: "-");
		spin_unlock(&dmabuf->name_lock);
		list_for_each_entry(a, &buf->attachments, node)
			seq_printf(s, "  attach %s %s%s\n", dev_name(a->attach->dev),
				   a->handed_out ? "mapped" : a->sgt ? "cached" : "unmapped",
				   a->caps.iommu ? " iommu" : "");
		mutex_unlock(&buf->lock);
	}
	mutex_unlock(&dmabuf_core_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(buffers);

static int stats_show(struct seq_file *s, void *unused)
{
	struct dmabuf_core_stats st;

	dmabuf_core_get_stats(&st);
	seq_printf(s, "buffers %llu\nbytes %llu\nbacked %llu\n", st.buffers, st.bytes, st.backed);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static int __init dmabuf_core_init(void)
{
	dmabuf_core_debugfs = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("buffers", 0400, dmabuf_core_debugfs, NULL, &buffers_fops);
	debugfs_create_file("stats", 0400, dmabuf_core_debugfs, NULL, &stats_fops);
	return 0;
}
module_init(dmabuf_core_init);

static void __exit dmabuf_core_exit(void)
{
	struct dmabuf_core_dev_entry *e, *tmp;

	debugfs_remove_recursive(dmabuf_core_debugfs);
	/* Buffers hold a module reference: none can be left. */
	list_for_each_entry_safe(e, tmp, &dmabuf_core_devs, node) {
		list_del(&e->node);
		put_device(e->dev);
		kfree(e);
	}
}
module_exit(dmabuf_core_exit);

MODULE_IMPORT_NS(DMASHARE_NS(DMA_BUF));
MODULE_IMPORT_NS(DMASHARE_NS(CMA_POOL));
MODULE_DESCRIPTION("dmashare: shared buffers on the kernel's dma-buf, late backing and migration");
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/*
 * mapping.c - mappings, device attachment and the dma_map_ops of
 * iommu_mapper.
 *
 * A mapping owns a paging domain and an IOVA window (iova.c).  Attaching a
 * device moves it into the domain with iommu_attach_device() and points
 * its DMA API at a copy of mapper_dma_ops of its own, by which the ops
 * find the mapping (compat.h says how, per kernel); detach undoes both.
 * Physically contiguous runs are mapped with one iommu_map() call each
 * (a scatterlist with one iommu_map_sg()), so the IOMMU core uses the
 * largest page sizes that the run's alignment allows;
 * IOVA ranges are size-aligned up to the domain's largest page for the
 * same reason.
 *
 * Unmapping defers the IOTLB flush, as dma-iommu's flush queue does:
 * page-table entries go at once (iommu_unmap_fast() with a gather marked
 * queued, so the driver does not flush), the range waits in the mapping's
 * flush queue, and one flush of the whole domain (flush_iotlb_all) retires
 * the queue when it is full or 10 ms after its first entry.  Only then are
 * the IOVA ranges freed, so no IOVA is reused while the IOTLB may still
 * translate it.  Page-table pages the driver unlinked while unmapping
 * wait in the queue too, and that flush is then the driver's own sync
 * over the queued ranges (only it may free them).  A device may read a
 * buffer it no longer owns until then, as with dma-iommu's lazy mode;
 * IOMMU_MAPPER_STRICT (or strict=1) flushes on every unmap.
 *
 * Devices that do not snoop the CPU caches get their maintenance through
 * cache.c on every map, unmap and sync, non-cacheable IOMMU mappings, and
 * non-cacheable kernel and user mappings of dma_alloc_attrs() buffers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/bitops.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/hashtable.h>
#include <linux/iommu.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include <cma_pool.h>
#include <iommu_mapper.h>

#include "iova.h"
#include "mapping.h"

MODULE_IMPORT_NS(DMASHARE_NS(CMA_POOL));

static bool strict;
module_param(strict, bool, 0644);
MODULE_PARM_DESC(strict,
		 "flush the IOTLB on every unmap in mappings created from now on (default: N, batched in a flush queue)");

/* Ranges a flush queue holds before it flushes, and its longest wait. */
#define MAPPER_FQ_SIZE		256
#define MAPPER_FQ_TIMEOUT_MS	10

/*
 * A mapping's counters, per CPU so that the DMA ops never share a cache
 * line (or a locked instruction) for them; summed by
 * iommu_mapper_get_stats().  @mapped may go negative on one CPU and
 * positive on another.
 */
struct mapper_pcpu_stats {
	u64 maps, map_failures, unmaps, flushes, cache_syncs;
	s64 mapped;
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS];
};

/* An unmapped range waiting for the IOTLB flush. */
struct mapper_fq_entry {
	dma_addr_t iova;
	size_t span;
};

/**
 * struct mapper_fq - a mapping's deferred IOTLB flushes
 * @mapping:	the mapping it belongs to
 * @lock:	protects @n, @ent, @start, @end and @freelist; taken with
 *		interrupts off (unmaps come from any context)
 * @n:		entries in @ent
 * @start:	lowest IOVA in @ent, when @freelist is not empty
 * @end:	last byte of the highest range in @ent, likewise
 * @freelist:	page-table pages the driver unlinked while unmapping the
 *		ranges in @ent (intel-iommu, AMD), freed by the flush
 * @ent:	ranges unmapped but not yet flushed
 * @timer:	flushes a queue that does not fill up
 */
struct mapper_fq {
	struct iommu_mapper *mapping;
	spinlock_t lock;	/* see @lock above */
	unsigned int n;
	unsigned long start, end;
	struct list_head freelist;
	struct mapper_fq_entry ent[MAPPER_FQ_SIZE];
	struct timer_list timer;
};

/**
 * struct iommu_mapper - an IOVA window in a paging domain
 * @kref:	one reference for the creator, one per attached device
 * @domain:	the paging domain, from the device's IOMMU driver or the caller
 * @own_domain:	@domain is ours: allocated by iommu_mapper_create(),
 *		attached to devices with iommu_attach_device(), freed with us
 * @iova:	the window's allocator
 * @granule:	the domain's smallest page; IOVA space is handed out in it
 * @fq:		the flush queue, or NULL when every unmap flushes (strict)
 * @stats:	per-CPU counters, see struct iommu_mapper_stats
 * @buffers:	dma_alloc_attrs() buffers by device address
 */
struct iommu_mapper {
	struct kref kref;
	struct iommu_domain *domain;
	bool own_domain;
	struct mapper_iova iova;
	size_t granule;
	struct mapper_fq *fq;
	struct mapper_pcpu_stats __percpu *stats;
	struct xarray buffers;
};

/* How a dma_alloc_attrs() buffer was made. */
enum mapper_buf_kind {
	MAPPER_BUF_PAGES,	/* separate blocks, vmap()ed */
	MAPPER_BUF_ATOMIC,	/* one block, without sleeping; the linear map */
	MAPPER_BUF_CONTIG,	/* DMA_ATTR_FORCE_CONTIGUOUS, from cma_pool */
};

/*
 * A dma_alloc_attrs() buffer: its pages (NULL for a cma_pool carveout
 * without struct pages), mapped in order at one IOVA range.
 */
struct mapper_buf {
	enum mapper_buf_kind kind;
	struct page **pages;
	unsigned int count;
	void *vaddr;
	bool vmapped;
	struct cma_pool_buf *cma;
};

/*
 * An attached device: what it had before, to put back on detach, and the
 * dma_map_ops it has now, a copy of mapper_dma_ops of its own, so that
 * the DMA ops find their mapping from dev->dma_ops alone.
 */
struct mapper_attachment {
	struct hlist_node node;
	struct device *dev;
	struct iommu_mapper *mapping;
	const struct dma_map_ops *old_ops;
	bool old_dma_iommu;
	const struct dma_map_ops ops;
};

/*
 * Attached devices, hashed by their struct device address, for attach
 * and detach, which change it under mapper_attach_lock.  The DMA ops do
 * not look here (see dev_mapping()).
 */
static DEFINE_HASHTABLE(mapper_attached, 6);
static DEFINE_MUTEX(mapper_attach_lock);

/* Who DMA_ATTR_FORCE_CONTIGUOUS buffers are charged to in cma_pool. */
static struct cma_pool_owner *mapper_cma_owner;

static const struct dma_map_ops mapper_dma_ops;

/* Under RCU or mapper_attach_lock. */
static struct mapper_attachment *mapper_find(struct device *dev)
{
	struct mapper_attachment *a;

	hash_for_each_possible_rcu(mapper_attached, a, node, (unsigned long)dev,
				   lockdep_is_held(&mapper_attach_lock))
		if (a->dev == dev)
			return a;
	return NULL;
}

/*
 * The mapping of a device whose DMA ops are the mapper's: its ops are its
 * attachment's own, so no lookup (no hash walk, no RCU read section on
 * every map and unmap, where dma-iommu reads one pointer).  The caller of
 * the DMA API keeps the device attached meanwhile, as with any DMA path.
 */
static struct iommu_mapper *dev_mapping(struct device *dev)
{
	return container_of(get_dma_ops(dev), struct mapper_attachment, ops)->mapping;
}

static bool mapper_coherent(struct device *dev)
{
	return dev_is_dma_coherent(dev);
}

static bool mapper_cpu_sync(struct device *dev, unsigned long attrs)
{
	return !mapper_coherent(dev) && !(attrs & DMA_ATTR_SKIP_CPU_SYNC);
}

static int mapper_prot(struct device *dev, enum dma_data_direction dir, unsigned long attrs)
{
	int prot = mapper_coherent(dev) ? IOMMU_CACHE : 0;

	if (attrs & DMA_ATTR_PRIVILEGED)
		prot |= IOMMU_PRIV;
	if (dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL)
		prot |= IOMMU_READ;
	if (dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL)
		prot |= IOMMU_WRITE;
	return prot;
}

/* Offset of @addr in its granule, and the granule-rounded span of a range. */
static size_t gran_off(struct iommu_mapper *m, u64 addr)
{
	return addr & (m->granule - 1);
}

static size_t gran_span(struct iommu_mapper *m, u64 addr, size_t len)
{
	return ALIGN(gran_off(m, addr) + len, m->granule);
}

/**
 * mapper_pgsize() - the largest IOMMU page that fits
 * @pgsizes: the domain's page sizes (pgsize_bitmap)
 * @addr_bits: IOVA | physical address of the place to map
 * @len: bytes left to map from there
 *
 * Context: any.
 * Return: the largest page size in @pgsizes to which both addresses are
 * aligned and that is no longer than @len; 0 when even the smallest does
 * not fit.
 */
VISIBLE_IF_KUNIT size_t mapper_pgsize(unsigned long pgsizes, u64 addr_bits, size_t len)
{
	unsigned long fits;

	if (!len)
		return 0;
	fits = pgsizes & (len >= BIT(BITS_PER_LONG - 1) ?
					~0UL : GENMASK(__fls(len), 0));

	if (addr_bits)
		fits &= GENMASK_ULL(__ffs64(addr_bits), 0);
	return fits ? BIT(__fls(fits)) : 0;
}
EXPORT_SYMBOL_IF_KUNIT(mapper_pgsize);

/* The smallest page size of @pgsizes larger than @pg, or 0 if none. */
static u64 mapper_next_pgsize(unsigned long pgsizes, u64 pg)
{
	unsigned long larger = pgsizes & ~(2 * pg - 1);

	return larger ? BIT_ULL(__ffs(larger)) : 0;
}

/**
 * mapper_count_pages() - the IOMMU pages a physically contiguous run takes
 * @pgsizes: the domain's page sizes
 * @iova: where the run is mapped
 * @phys: where it is
 * @len: its length, a multiple of the smallest page
 * @pages: counters to add to, @pages[i] for pages of 4 KiB << i (larger
 *	sizes count in the last)
 *
 * The IOMMU core splits a run the same way: at each place the largest
 * page that both addresses are aligned to and that the rest of the run
 * fills.
 *
 * Context: any.
 */
VISIBLE_IF_KUNIT void mapper_count_pages(unsigned long pgsizes, u64 iova, u64 phys, size_t len,
					 u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS])
{
	while (len) {
		size_t pg = mapper_pgsize(pgsizes, iova | phys, len);
		u64 next = mapper_next_pgsize(pgsizes, pg);
		size_t n = len;
		unsigned int i;

		if (WARN_ON_ONCE(pg < SZ_4K))
			return;
		/*
		 * Pages of this size follow one another up to the next
		 * boundary of the next larger size (none can start before
		 * it), or to the end if the two addresses never share one:
		 * counted in one step, not page by page.
		 */
		if (next && !((iova ^ phys) & (next - 1)))
			n = min_t(u64, len, next - (iova & (next - 1)));
		n &= ~(pg - 1);
		i = min_t(unsigned int, __ffs(pg) - 12, IOMMU_MAPPER_PGSIZE_ORDERS - 1);
		pages[i] += n >> __ffs(pg);
		iova += n;
		phys += n;
		len -= n;
	}
}
EXPORT_SYMBOL_IF_KUNIT(mapper_count_pages);

/**
 * mapper_alloc_orders() - page orders worth allocating for a domain
 * @pgsizes: the domain's page sizes
 * @max_order: the largest order the page allocator gives
 *
 * Context: any.
 * Return: a mask with bit N set for each order N whose block is an IOMMU
 * page of its own; order 0 always.
 */
VISIBLE_IF_KUNIT unsigned long mapper_alloc_orders(unsigned long pgsizes, unsigned int max_order)
{
	unsigned long orders = pgsizes >> PAGE_SHIFT;

	return (orders & GENMASK(max_order, 0)) | 1;
}
EXPORT_SYMBOL_IF_KUNIT(mapper_alloc_orders);

/*
 * The length from which a run may take a page larger than a granule: the
 * domain's second smallest page size (SIZE_MAX if it has one size only).
 */
static size_t mapper_large_run(struct iommu_mapper *m, unsigned long pgsizes)
{
	return mapper_next_pgsize(pgsizes, m->granule) ?: SIZE_MAX;
}

/*
 * mapper_count_pages() for a mapped run, with a shortcut for the commonest
 * runs (shorter than @large, see mapper_large_run(): a few physically
 * contiguous order-0 pages), which take 4 KiB granules only: no call
 * and no page-size search per run in mapper_map_sg()'s last pass.
 */
static __always_inline void mapper_count_run(struct iommu_mapper *m, unsigned long pgsizes,
					     size_t large, u64 iova, u64 phys, size_t len,
					     u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS])
{
	if (len < large && m->granule == SZ_4K)
		pages[0] += len >> 12;
	else
		mapper_count_pages(pgsizes, iova, phys, len, pages);
}

static void mapper_account(struct iommu_mapper *m, const u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS])
{
	unsigned int i;

	for (i = 0; i < IOMMU_MAPPER_PGSIZE_ORDERS; i++)
		if (pages[i])
			this_cpu_add(m->stats->pages[i], pages[i]);
}

/* ---- the flush queue ---- */

/*
 * Flush the IOTLB, then free what waited for it.  With page-table pages
 * waiting, the flush is the driver's own sync over every queued range
 * (which also invalidates its paging-structure caches, and is the only
 * way to free those pages); else one flush of the whole domain.
 */
static void mapper_fq_flush_locked(struct iommu_mapper *m)
{
	struct mapper_fq *fq = m->fq;
	unsigned int i;

	lockdep_assert_held(&fq->lock);
	if (!fq->n)
		return;
	if (list_empty(&fq->freelist)) {
		iommu_flush_iotlb_all(m->domain);
	} else {
		struct iommu_iotlb_gather gather;

		iommu_iotlb_gather_init(&gather);
		gather.start = fq->start;
		gather.end = fq->end;
		gather.pgsize = m->granule;
		list_splice_init(&fq->freelist, &gather.freelist);
		iommu_iotlb_sync(m->domain, &gather);
	}
	this_cpu_inc(m->stats->flushes);
	for (i = 0; i < fq->n; i++)
		mapper_iova_free(&m->iova, fq->ent[i].iova, fq->ent[i].span);
	fq->n = 0;
}

static void mapper_fq_flush(struct iommu_mapper *m)
{
	unsigned long flags;

	if (!m->fq)
		return;
	spin_lock_irqsave(&m->fq->lock, flags);
	mapper_fq_flush_locked(m);
	spin_unlock_irqrestore(&m->fq->lock, flags);
}

static void mapper_fq_timeout(struct timer_list *t)
{
	struct mapper_fq *fq = from_timer(fq, t, timer);

	mapper_fq_flush(fq->mapping);
}

/*
 * Queue an unmapped range and the page-table pages its unmap unlinked
 * (@freelist, emptied); a full queue is flushed first.
 */
static void mapper_fq_add(struct iommu_mapper *m, dma_addr_t iova, size_t span,
			  struct list_head *freelist)
{
	struct mapper_fq *fq = m->fq;
	struct mapper_fq_entry *e;
	unsigned long flags;

	spin_lock_irqsave(&fq->lock, flags);
	if (fq->n == MAPPER_FQ_SIZE)
		mapper_fq_flush_locked(m);
	if (!fq->n) {
		fq->start = ULONG_MAX;
		fq->end = 0;
	}
	fq->start = min_t(unsigned long, fq->start, iova);
	fq->end = max_t(unsigned long, fq->end, iova + span - 1);
	list_splice_tail_init(freelist, &fq->freelist);
	e = &fq->ent[fq->n++];
	e->iova = iova;
	e->span = span;
	if (!timer_pending(&fq->timer))
		mod_timer(&fq->timer, jiffies + msecs_to_jiffies(MAPPER_FQ_TIMEOUT_MS));
	spin_unlock_irqrestore(&fq->lock, flags);
}

static unsigned int mapper_fq_pending(struct iommu_mapper *m)
{
	unsigned long flags;
	unsigned int n;

	if (!m->fq)
		return 0;
	spin_lock_irqsave(&m->fq->lock, flags);
	n = m->fq->n;
	spin_unlock_irqrestore(&m->fq->lock, flags);
	return n;
}

/* ---- map and unmap ---- */

/*
 * IOVA space for a map: when the window is full, ranges waiting in the
 * flush queue are retired first (a flush now rather than a failure).
 */
static dma_addr_t mapper_alloc_iova(struct iommu_mapper *m, size_t size, gfp_t gfp)
{
	dma_addr_t iova = mapper_iova_alloc(&m->iova, size, gfp);

	/* Even with the queue empty: its timer may have just retired it. */
	if (iova == DMA_MAPPING_ERROR && m->fq) {
		mapper_fq_flush(m);
		iova = mapper_iova_alloc(&m->iova, size, gfp);
	}
	return iova;
}

/* Map [@phys, +@size) at a fresh IOVA; returns the IOVA of @phys. */
static dma_addr_t mapper_map_phys(struct iommu_mapper *m, phys_addr_t phys, size_t size,
				  int prot, gfp_t gfp)
{
	size_t off = gran_off(m, phys), span = gran_span(m, phys, size);
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS] = { };
	dma_addr_t iova;

	iova = mapper_alloc_iova(m, span, gfp);
	if (iova == DMA_MAPPING_ERROR)
		goto fail;
	if (dmashare_iommu_map(m->domain, iova, phys - off, span, prot, gfp)) {
		mapper_iova_free(&m->iova, iova, span);
		goto fail;
	}
	mapper_count_pages(m->domain->pgsize_bitmap, iova, phys - off, span, pages);
	mapper_account(m, pages);
	this_cpu_inc(m->stats->maps);
	this_cpu_add(m->stats->mapped, span);
	return iova + off;

fail:
	this_cpu_inc(m->stats->map_failures);
	return DMA_MAPPING_ERROR;
}

/*
 * Undo a successful map of @span bytes at granule-aligned @iova: at once
 * when strict, else through the flush queue.
 */
static void mapper_unmap_range(struct iommu_mapper *m, dma_addr_t iova, size_t span)
{
	struct iommu_iotlb_gather gather;

	if (m->fq) {
		iommu_iotlb_gather_init(&gather);
		/* Queued: the driver leaves the IOTLB to our flush. */
		gather.queued = true;
		iommu_unmap_fast(m->domain, iova, span, &gather);
		/*
		 * Page-table pages the driver unlinked (intel-iommu, a
		 * range covering whole tables) wait in the queue too, as
		 * with dma-iommu: only the flush may free them.
		 */
		mapper_fq_add(m, iova, span, &gather.freelist);
	} else {
		iommu_unmap(m->domain, iova, span);
		mapper_iova_free(&m->iova, iova, span);
	}
	this_cpu_inc(m->stats->unmaps);
	this_cpu_add(m->stats->mapped, -(s64)span);
}

static void mapper_unmap_iova(struct iommu_mapper *m, dma_addr_t addr, size_t size)
{
	mapper_unmap_range(m, addr - gran_off(m, addr), gran_span(m, addr, size));
}

/* Cache maintenance over a mapped IOVA range, granule by granule. */
static void mapper_sync_iova(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir, bool for_cpu)
{
	struct iommu_mapper *m = dev_mapping(dev);

	while (size) {
		size_t len = min_t(size_t, size, m->granule - gran_off(m, addr));
		phys_addr_t phys = iommu_iova_to_phys(m->domain, addr);

		if (WARN_ON_ONCE(!phys))
			return;
		if (for_cpu)
			mapper_cache_for_cpu(phys, len, dir);
		else
			mapper_cache_for_device(phys, len, dir);
		addr += len;
		size -= len;
	}
	this_cpu_inc(m->stats->cache_syncs);
}

static dma_addr_t mapper_map_page(struct device *dev, struct page *page, unsigned long offset,
				  size_t size, enum dma_data_direction dir, unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	phys_addr_t phys = page_to_phys(page) + offset;

	if (mapper_cpu_sync(dev, attrs)) {
		mapper_cache_for_device(phys, size, dir);
		this_cpu_inc(m->stats->cache_syncs);
	}
	return mapper_map_phys(m, phys, size, mapper_prot(dev, dir, attrs), GFP_ATOMIC);
}

static void mapper_unmap_page(struct device *dev, dma_addr_t addr, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	if (mapper_cpu_sync(dev, attrs))
		mapper_sync_iova(dev, addr, size, dir, true);
	mapper_unmap_iova(dev_mapping(dev), addr, size);
}

static dma_addr_t mapper_map_resource(struct device *dev, phys_addr_t phys, size_t size,
				      enum dma_data_direction dir, unsigned long attrs)
{
	/* MMIO: uncached and never cache-maintained. */
	return mapper_map_phys(dev_mapping(dev), phys, size,
			       mapper_prot(dev, dir, attrs) | IOMMU_MMIO, GFP_ATOMIC);
}

static void mapper_unmap_resource(struct device *dev, dma_addr_t addr, size_t size,
				  enum dma_data_direction dir, unsigned long attrs)
{
	mapper_unmap_iova(dev_mapping(dev), addr, size);
}

/*
 * Lay out one entry of a list at its place in the IOVA range (see
 * mapper_sg_layout()); @st carries the state from entry to entry.
 */
struct mapper_sg_state {
	struct scatterlist *out;	/* the DMA segment being built */
	dma_addr_t iova;		/* where the range starts */
	size_t pos;			/* bytes of the range laid out so far */
	bool prev_ends_aligned;
	int count;			/* DMA segments so far */
};

static __always_inline void mapper_sg_place(struct mapper_sg_state *st, struct scatterlist *s,
					    phys_addr_t phys, size_t granule,
					    unsigned int max_seg, unsigned long boundary)
{
	size_t off = phys & (granule - 1);
	dma_addr_t start = st->iova + st->pos + off;
	struct scatterlist *out = st->out;

	if (out && st->prev_ends_aligned && !off &&
	    sg_dma_len(out) + s->length <= max_seg &&
	    !((sg_dma_address(out) ^ (start + s->length - 1)) & ~boundary)) {
		sg_dma_len(out) += s->length;
	} else {
		out = out ? sg_next(out) : s;
		st->out = out;
		sg_dma_address(out) = start;
		sg_dma_len(out) = s->length;
		st->count++;
	}
	/* Entries past the last DMA segment end up with no DMA address. */
	if (s != out) {
		sg_dma_address(s) = DMA_MAPPING_ERROR;
		sg_dma_len(s) = 0;
	}
	st->prev_ends_aligned = !((phys + s->length) & (granule - 1));
	st->pos += ALIGN(off + s->length, granule);
}

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * mapper_sg_layout() - the DMA segments of a list laid out at one IOVA range
 * @sgl: the list; its DMA address and length fields are written
 * @nents: entries in @sgl
 * @iova: start of the range, granule-aligned
 * @granule: the IOMMU's smallest page
 * @max_seg: the device's max_segment_size
 * @boundary: the device's segment boundary mask
 *
 * Segments are laid out one after the other, each at its own offset within
 * its first granule and taking whole granules, as mapper_map_sg() maps
 * them.  A segment that starts on a granule boundary right after one that
 * ended on one is IOVA-contiguous with it and joins its DMA segment, as
 * long as the result stays within @max_seg and does not cross a
 * (@boundary + 1) boundary.  Segments that do not start or end on a
 * boundary keep their own DMA segment.  Entries past the last DMA segment
 * get DMA_MAPPING_ERROR and length 0.  mapper_map_sg() does the same in
 * the pass that also restores the entries and counts IOMMU pages.
 *
 * Context: any.
 * Return: the number of DMA segments.
 */
VISIBLE_IF_KUNIT int mapper_sg_layout(struct scatterlist *sgl, int nents, dma_addr_t iova,
				      size_t granule, unsigned int max_seg,
				      unsigned long boundary)
{
	struct mapper_sg_state st = { .iova = iova };
	struct scatterlist *s;
	int i;

	for_each_sg(sgl, s, nents, i)
		mapper_sg_place(&st, s, sg_phys(s), granule, max_seg, boundary);
	return st.count;
}
EXPORT_SYMBOL_IF_KUNIT(mapper_sg_layout);
#endif

/*
 * Whether mapper_map_sg() maps the whole list with one iommu_map_sg()
 * call, each entry widened to whole granules for it: not when an entry
 * cannot be widened below its page, nor on 6.1, which has no exported
 * atomic iommu_map_sg().
 */
static bool mapper_sg_widen(struct iommu_mapper *m)
{
	return m->granule <= PAGE_SIZE && DMASHARE_IOMMU_MAP_SG_ATOMIC;
}

/* Undo the widening of every entry (their offset and length parked in the DMA fields). */
static void mapper_sg_unwiden(struct scatterlist *sgl, int nents)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sgl, s, nents, i) {
		s->offset = sg_dma_address(s);
		s->length = sg_dma_len(s);
	}
}

/*
 * Map every segment of @sgl, granule-rounded, one after the other from
 * @iova: in one iommu_map_sg() call when mapper_sg_widen() (the entries
 * are widened already), else one call each.  Returns 0 or a negative
 * errno, with nothing left mapped.
 */
static int mapper_map_sg_entries(struct iommu_mapper *m, struct scatterlist *sgl, int nents,
				 dma_addr_t iova, size_t span, int prot, bool widened)
{
	struct scatterlist *s;
	ssize_t mapped;
	size_t pos = 0;
	int i;

	if (!widened) {
		for_each_sg(sgl, s, nents, i) {
			phys_addr_t phys = sg_phys(s);
			size_t sspan = gran_span(m, phys, s->length);

			if (dmashare_iommu_map(m->domain, iova + pos, phys - gran_off(m, phys),
					       sspan, prot, GFP_ATOMIC)) {
				if (pos)
					iommu_unmap(m->domain, iova, pos);
				return -ENOMEM;
			}
			pos += sspan;
		}
		return 0;
	}

	mapped = dmashare_iommu_map_sg(m->domain, iova, sgl, nents, prot, GFP_ATOMIC);
	if (mapped < 0 || (size_t)mapped != span) {
		if (mapped > 0)
			iommu_unmap(m->domain, iova, mapped);
		return mapped < 0 ? mapped : -ENOMEM;
	}
	return 0;
}

/*
 * One IOVA allocation for the whole list.  Three passes over it, as
 * dma-iommu makes: one to size it (widening the entries for
 * iommu_map_sg()), the map, and one that restores the entries, lays out
 * the DMA segments (mapper_sg_layout()) and counts the IOMMU pages of the
 * physically contiguous runs.
 */
static int mapper_map_sg(struct device *dev, struct scatterlist *sgl, int nents,
			 enum dma_data_direction dir, unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	unsigned long pgsizes = m->domain->pgsize_bitmap;
	size_t large = mapper_large_run(m, pgsizes);
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS] = { };
	bool widen = mapper_sg_widen(m), sync = mapper_cpu_sync(dev, attrs);
	unsigned int max_seg = dma_get_max_seg_size(dev);
	unsigned long boundary = dma_get_seg_boundary(dev);
	struct mapper_sg_state st = { };
	phys_addr_t run_phys = 0;
	dma_addr_t run_iova;
	struct scatterlist *s;
	size_t span = 0, run = 0;
	dma_addr_t iova;
	int ret, i;

	for_each_sg(sgl, s, nents, i) {
		size_t off = gran_off(m, sg_phys(s));

		if (sync)
			mapper_cache_for_device(sg_phys(s), s->length, dir);
		span += ALIGN(off + s->length, m->granule);
		if (widen) {
			sg_dma_address(s) = s->offset;
			sg_dma_len(s) = s->length;
			s->offset -= off;
			s->length = ALIGN(off + s->length, m->granule);
		}
	}
	if (sync)
		this_cpu_inc(m->stats->cache_syncs);

	iova = mapper_alloc_iova(m, span, GFP_ATOMIC);
	if (iova == DMA_MAPPING_ERROR) {
		ret = -ENOMEM;
		goto fail;
	}
	ret = mapper_map_sg_entries(m, sgl, nents, iova, span, mapper_prot(dev, dir, attrs),
				    widen);
	if (ret) {
		mapper_iova_free(&m->iova, iova, span);
		goto fail;
	}

	st.iova = iova;
	run_iova = iova;
	for_each_sg(sgl, s, nents, i) {
		phys_addr_t phys, first;

		if (widen) {
			s->offset = sg_dma_address(s);
			s->length = sg_dma_len(s);
		}
		phys = sg_phys(s);
		first = phys & ~(phys_addr_t)(m->granule - 1);
		if (run && first != run_phys + run) {
			mapper_count_run(m, pgsizes, large, run_iova, run_phys, run, pages);
			run_iova += run;
			run = 0;
		}
		if (!run)
			run_phys = first;
		run += ALIGN(phys - first + s->length, m->granule);
		mapper_sg_place(&st, s, phys, m->granule, max_seg, boundary);
	}
	if (run)
		mapper_count_run(m, pgsizes, large, run_iova, run_phys, run, pages);
	mapper_account(m, pages);
	this_cpu_inc(m->stats->maps);
	this_cpu_add(m->stats->mapped, span);
	return st.count;

fail:
	if (widen)
		mapper_sg_unwiden(sgl, nents);
	this_cpu_inc(m->stats->map_failures);
	return ret;
}

/*
 * The IOVA range of a mapped list, from its DMA segments alone (as
 * dma-iommu finds it): from the first segment's granule to the end of the
 * last one, rounded up.  mapper_sg_place() lays the entries out
 * back to back from a granule boundary, so that is the span mapped;
 * the walk stops at the first entry past the last segment.
 */
static void mapper_unmap_sg(struct device *dev, struct scatterlist *sgl, int nents,
			    enum dma_data_direction dir, unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	dma_addr_t start, end;
	struct scatterlist *s;
	int i;

	if (mapper_cpu_sync(dev, attrs)) {
		for_each_sg(sgl, s, nents, i)
			mapper_cache_for_cpu(sg_phys(s), s->length, dir);
		this_cpu_inc(m->stats->cache_syncs);
	}
	start = sg_dma_address(sgl) - gran_off(m, sg_dma_address(sgl));
	end = start;
	for_each_sg(sgl, s, nents, i) {
		if (sg_dma_address(s) == DMA_MAPPING_ERROR)
			break;
		end = max_t(dma_addr_t, end, sg_dma_address(s) + sg_dma_len(s));
	}
	mapper_unmap_range(m, start, ALIGN(end - start, m->granule));
}

#if MAPPER_NONCOHERENT
static void mapper_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
				       enum dma_data_direction dir)
{
	if (!mapper_coherent(dev))
		mapper_sync_iova(dev, addr, size, dir, true);
}

static void mapper_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
					  enum dma_data_direction dir)
{
	if (!mapper_coherent(dev))
		mapper_sync_iova(dev, addr, size, dir, false);
}

static void mapper_sync_sg(struct device *dev, struct scatterlist *sgl, int nents,
			   enum dma_data_direction dir, bool for_cpu)
{
	struct iommu_mapper *m = dev_mapping(dev);
	struct scatterlist *s;
	int i;

	if (mapper_coherent(dev))
		return;
	for_each_sg(sgl, s, nents, i) {
		if (for_cpu)
			mapper_cache_for_cpu(sg_phys(s), s->length, dir);
		else
			mapper_cache_for_device(sg_phys(s), s->length, dir);
	}
	this_cpu_inc(m->stats->cache_syncs);
}

static void mapper_sync_sg_for_cpu(struct device *dev, struct scatterlist *sgl, int nents,
				   enum dma_data_direction dir)
{
	mapper_sync_sg(dev, sgl, nents, dir, true);
}

static void mapper_sync_sg_for_device(struct device *dev, struct scatterlist *sgl, int nents,
				      enum dma_data_direction dir)
{
	mapper_sync_sg(dev, sgl, nents, dir, false);
}
#endif

/* ---- dma_alloc_attrs() ---- */

static void mapper_free_pages(struct page **pages, unsigned int count)
{
	while (count--)
		__free_page(pages[count]);
	kvfree(pages);
}

/*
 * @count pages, in the largest blocks the domain's page sizes reward:
 * __GFP_NORETRY above order 0 so a fragmented system falls back to smaller
 * blocks instead of reclaiming hard.  Blocks are split so that each page
 * can be mapped to userspace on its own.
 */
static struct page **mapper_alloc_pages(struct iommu_mapper *m, unsigned int count, gfp_t gfp)
{
	unsigned long orders = mapper_alloc_orders(m->domain->pgsize_bitmap,
						   DMASHARE_MAX_PAGE_ORDER);
	struct page **pages;
	unsigned int i = 0, j;

	pages = kvcalloc(count, sizeof(*pages), gfp);
	if (!pages)
		return NULL;
	while (i < count) {
		unsigned int order = __fls(orders);
		struct page *page = NULL;

		for (;;) {
			if ((1U << order) <= count - i) {
				gfp_t g = gfp | __GFP_ZERO;

				if (order)
					g |= __GFP_NORETRY | __GFP_NOWARN;
				page = alloc_pages(g, order);
				if (page || !order)
					break;
			}
			order = __fls(orders & ((1UL << order) - 1));
		}
		if (!page) {
			mapper_free_pages(pages, i);
			return NULL;
		}
		if (order)
			split_page(page, order);
		for (j = 0; j < (1U << order); j++)
			pages[i++] = page + j;
	}
	return pages;
}

/* @count pages in one block, without sleeping (a non-blocking @gfp). */
static struct page **mapper_alloc_pages_atomic(unsigned int count, gfp_t gfp)
{
	unsigned int order = get_order((size_t)count << PAGE_SHIFT), i;
	struct page **pages, *page;

	if (order > DMASHARE_MAX_PAGE_ORDER)
		return NULL;
	pages = kcalloc(count, sizeof(*pages), gfp);
	if (!pages)
		return NULL;
	page = alloc_pages(gfp | __GFP_ZERO | (order ? __GFP_NOWARN : 0), order);
	if (!page) {
		kfree(pages);
		return NULL;
	}
	split_page(page, order);
	/* The tail beyond @count goes back at once. */
	for (i = count; i < (1U << order); i++)
		__free_page(page + i);
	for (i = 0; i < count; i++)
		pages[i] = page + i;
	return pages;
}

/* DMA_ATTR_FORCE_CONTIGUOUS: from the device's cma_pool pool. */
static int mapper_alloc_contig(struct device *dev, struct iommu_mapper *m,
			       struct mapper_buf *buf)
{
	unsigned int align = min_t(unsigned int, get_order((size_t)buf->count << PAGE_SHIFT),
				   __fls(m->domain->pgsize_bitmap) - PAGE_SHIFT);
	struct cma_pool *pool = cma_pool_lookup_dev(dev);
	struct cma_pool_buf *cb;
	unsigned int i;

	if (!pool || !mapper_cma_owner) {
		cma_pool_put(pool);
		return -ENOMEM;
	}
	/* Aligned so that the IOMMU can use its large pages on it. */
	cb = cma_pool_alloc(pool, buf->count, align, mapper_cma_owner);
	if (IS_ERR(cb) && align)
		cb = cma_pool_alloc(pool, buf->count, 0, mapper_cma_owner);
	cma_pool_put(pool);
	if (IS_ERR(cb))
		return PTR_ERR(cb);
	buf->cma = cb;
	if (!pfn_valid(cb->pfn) || !pfn_valid(cb->pfn + buf->count - 1))
		return 0;	/* a carveout without struct pages: no page list */
	buf->pages = kvcalloc(buf->count, sizeof(*buf->pages), GFP_KERNEL);
	if (!buf->pages) {
		cma_pool_release(cb);
		buf->cma = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < buf->count; i++)
		buf->pages[i] = pfn_to_page(cb->pfn + i);
	return 0;
}

static void mapper_buf_free_memory(struct mapper_buf *buf)
{
	switch (buf->kind) {
	case MAPPER_BUF_CONTIG:
		kvfree(buf->pages);
		cma_pool_release(buf->cma);
		break;
	case MAPPER_BUF_ATOMIC:
		mapper_free_pages(buf->pages, buf->count);
		break;
	case MAPPER_BUF_PAGES:
		mapper_free_pages(buf->pages, buf->count);
		break;
	}
}

/* Map @buf at one IOVA range, physically contiguous runs in one call. */
static int mapper_map_buf(struct iommu_mapper *m, dma_addr_t iova, struct mapper_buf *buf,
			  int prot, gfp_t gfp)
{
	unsigned long pgsizes = m->domain->pgsize_bitmap;
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS] = { };
	unsigned int i = 0, n, count = buf->count;

	if (!buf->pages) {
		size_t size = (size_t)count << PAGE_SHIFT;

		if (dmashare_iommu_map(m->domain, iova, PFN_PHYS(buf->cma->pfn), size, prot, gfp))
			return -ENOMEM;
		mapper_count_pages(pgsizes, iova, PFN_PHYS(buf->cma->pfn), size, pages);
		mapper_account(m, pages);
		return 0;
	}
	while (i < count) {
		dma_addr_t at = iova + ((dma_addr_t)i << PAGE_SHIFT);
		phys_addr_t phys = page_to_phys(buf->pages[i]);

		for (n = 1; i + n < count; n++)
			if (page_to_pfn(buf->pages[i + n]) != page_to_pfn(buf->pages[i]) + n)
				break;
		if (dmashare_iommu_map(m->domain, at, phys, (size_t)n << PAGE_SHIFT, prot, gfp)) {
			if (i)
				iommu_unmap(m->domain, iova, (size_t)i << PAGE_SHIFT);
			return -ENOMEM;
		}
		mapper_count_pages(pgsizes, at, phys, (size_t)n << PAGE_SHIFT, pages);
		i += n;
	}
	mapper_account(m, pages);
	return 0;
}

/*
 * The kernel mapping of @buf: cacheable for a coherent device, else a
 * non-cacheable one over pages cleaned out of the caches.
 */
static int mapper_buf_vmap(struct device *dev, struct mapper_buf *buf, unsigned long attrs)
{
	pgprot_t prot = PAGE_KERNEL;
	unsigned int i;

	if (!mapper_coherent(dev)) {
		if (!buf->pages)
			return -EINVAL;
		for (i = 0; i < buf->count; i++)
			mapper_cache_prepare(page_to_phys(buf->pages[i]), PAGE_SIZE);
		prot = pgprot_dmacoherent(prot);
	} else if (buf->kind == MAPPER_BUF_ATOMIC) {
		buf->vaddr = page_address(buf->pages[0]);
		return 0;
	} else if (buf->kind == MAPPER_BUF_CONTIG && buf->cma->vaddr) {
		buf->vaddr = buf->cma->vaddr;
		return 0;
	}
	if (attrs & DMA_ATTR_NO_KERNEL_MAPPING)
		return 0;
	if (!buf->pages)
		return -EINVAL;
	buf->vaddr = vmap(buf->pages, buf->count, VM_MAP, prot);
	if (!buf->vaddr)
		return -ENOMEM;
	buf->vmapped = true;
	return 0;
}

static void *mapper_alloc(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp,
			  unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	unsigned int count = PAGE_ALIGN(size) >> PAGE_SHIFT;
	bool blocking = gfpflags_allow_blocking(gfp);
	size_t span = (size_t)count << PAGE_SHIFT;
	struct mapper_buf *buf;
	dma_addr_t iova;

	/* Zone modifiers make no sense behind an IOMMU. */
	gfp &= ~(__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM);
	if (!count)
		return NULL;
	/*
	 * Without sleeping there is neither cma_pool (it migrates) nor a new
	 * non-cacheable kernel mapping: those fail rather than sleep.
	 */
	if (!blocking && ((attrs & DMA_ATTR_FORCE_CONTIGUOUS) || !mapper_coherent(dev)))
		goto fail;

	buf = kzalloc(sizeof(*buf), gfp);
	if (!buf)
		goto fail;
	buf->count = count;
	if (attrs & DMA_ATTR_FORCE_CONTIGUOUS) {
		buf->kind = MAPPER_BUF_CONTIG;
		if (mapper_alloc_contig(dev, m, buf))
			goto free_buf;
	} else if (!blocking) {
		buf->kind = MAPPER_BUF_ATOMIC;
		buf->pages = mapper_alloc_pages_atomic(count, gfp);
		if (!buf->pages)
			goto free_buf;
	} else {
		buf->kind = MAPPER_BUF_PAGES;
		buf->pages = mapper_alloc_pages(m, count, gfp);
		if (!buf->pages)
			goto free_buf;
	}
	iova = mapper_alloc_iova(m, span, gfp);
	if (iova == DMA_MAPPING_ERROR)
		goto free_memory;
	if (mapper_map_buf(m, iova, buf, mapper_prot(dev, DMA_BIDIRECTIONAL, attrs), gfp))
		goto free_iova;
	if (mapper_buf_vmap(dev, buf, attrs))
		goto unmap;
	if (xa_insert(&m->buffers, iova, buf, gfp))
		goto vunmap;
	this_cpu_inc(m->stats->maps);
	this_cpu_add(m->stats->mapped, span);
	*handle = iova;
	/* Without a kernel mapping the cookie is the buffer record. */
	return buf->vaddr ?: buf;

vunmap:
	if (buf->vmapped)
		vunmap(buf->vaddr);
unmap:
	iommu_unmap(m->domain, iova, span);
free_iova:
	mapper_iova_free(&m->iova, iova, span);
free_memory:
	mapper_buf_free_memory(buf);
free_buf:
	kfree(buf);
fail:
	this_cpu_inc(m->stats->map_failures);
	return NULL;
}

static void mapper_free(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle,
			unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	struct mapper_buf *buf = xa_erase(&m->buffers, handle);

	if (WARN_ONCE(!buf, "freeing unknown DMA buffer %pad\n", &handle))
		return;
	if (buf->vmapped)
		vunmap(buf->vaddr);
	mapper_unmap_iova(m, handle, (size_t)buf->count << PAGE_SHIFT);
	/* The pages may go back only once the device can no longer reach them. */
	mapper_fq_flush(m);
	mapper_buf_free_memory(buf);
	kfree(buf);
}

static struct mapper_buf *mapper_find_buf(struct device *dev, dma_addr_t handle)
{
	return xa_load(&dev_mapping(dev)->buffers, handle);
}

static int mapper_mmap(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
		       dma_addr_t handle, size_t size, unsigned long attrs)
{
	struct mapper_buf *buf = mapper_find_buf(dev, handle);
	unsigned long pages;

	if (!buf)
		return -ENXIO;
	if (!mapper_coherent(dev))
		vma->vm_page_prot = pgprot_dmacoherent(vma->vm_page_prot);
	if (buf->pages)
		/* vm_map_pages() checks the vma's size and offset against count. */
		return vm_map_pages(vma, buf->pages, buf->count);
	pages = vma_pages(vma);
	if (vma->vm_pgoff >= buf->count || pages > buf->count - vma->vm_pgoff)
		return -ENXIO;
	return remap_pfn_range(vma, vma->vm_start, buf->cma->pfn + vma->vm_pgoff,
			       pages << PAGE_SHIFT, vma->vm_page_prot);
}

static int mapper_get_sgtable(struct device *dev, struct sg_table *sgt, void *cpu_addr,
			      dma_addr_t handle, size_t size, unsigned long attrs)
{
	struct mapper_buf *buf = mapper_find_buf(dev, handle);

	if (!buf || !buf->pages || PAGE_ALIGN(size) > ((size_t)buf->count << PAGE_SHIFT))
		return -ENXIO;
	return sg_alloc_table_from_pages(sgt, buf->pages, buf->count, 0, size, GFP_KERNEL);
}

static const struct dma_map_ops mapper_dma_ops = {
	.alloc = mapper_alloc,
	.free = mapper_free,
	.mmap = mapper_mmap,
	.get_sgtable = mapper_get_sgtable,
	.map_page = mapper_map_page,
	.unmap_page = mapper_unmap_page,
	.map_sg = mapper_map_sg,
	.unmap_sg = mapper_unmap_sg,
	.map_resource = mapper_map_resource,
	.unmap_resource = mapper_unmap_resource,
#if MAPPER_NONCOHERENT
	.sync_single_for_cpu = mapper_sync_single_for_cpu,
	.sync_single_for_device = mapper_sync_single_for_device,
	.sync_sg_for_cpu = mapper_sync_sg_for_cpu,
	.sync_sg_for_device = mapper_sync_sg_for_device,
#endif
};

/**
 * mapper_contig_init() - the cma_pool owner of DMA_ATTR_FORCE_CONTIGUOUS
 *
 * Context: module init.
 * Return: 0 or a negative errno.
 */
int mapper_contig_init(void)
{
	mapper_cma_owner = cma_pool_owner_create(KBUILD_MODNAME, 0, 0);
	if (IS_ERR(mapper_cma_owner)) {
		int ret = PTR_ERR(mapper_cma_owner);

		mapper_cma_owner = NULL;
		return ret;
	}
	return 0;
}

/**
 * mapper_contig_exit() - drop the owner again
 *
 * Context: module exit, after every mapping is gone.
 */
void mapper_contig_exit(void)
{
	cma_pool_owner_destroy(mapper_cma_owner);
}

/* The IOVA alignment cap: the domain's largest page, in granules (log2). */
static unsigned int mapper_align_cap(struct iommu_domain *domain)
{
	return min(__fls(domain->pgsize_bitmap) - __ffs(domain->pgsize_bitmap),
		   BITS_PER_LONG - 2UL);
}

/* A mapping around @domain; the caller frees @domain if this fails. */
static struct iommu_mapper *mapper_new(struct iommu_domain *domain, bool own_domain,
				       dma_addr_t base, u64 size, unsigned int flags)
{
	struct iommu_mapper *m;
	unsigned int shift;
	int ret;

	if (!domain->pgsize_bitmap)
		return ERR_PTR(-EINVAL);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->domain = domain;
	m->own_domain = own_domain;
	shift = __ffs(domain->pgsize_bitmap);
	m->granule = 1UL << shift;
	m->stats = alloc_percpu(struct mapper_pcpu_stats);
	if (!m->stats) {
		ret = -ENOMEM;
		goto free_mapping;
	}
	ret = mapper_iova_init(&m->iova, base, size, shift, mapper_align_cap(domain));
	if (ret)
		goto free_stats;
	/* A flush queue needs a driver that can flush the whole domain. */
	if (!(flags & IOMMU_MAPPER_STRICT) && !READ_ONCE(strict) &&
	    domain->ops->flush_iotlb_all) {
		m->fq = kzalloc(sizeof(*m->fq), GFP_KERNEL);
		if (!m->fq) {
			ret = -ENOMEM;
			goto destroy_iova;
		}
		m->fq->mapping = m;
		spin_lock_init(&m->fq->lock);
		INIT_LIST_HEAD(&m->fq->freelist);
		timer_setup(&m->fq->timer, mapper_fq_timeout, 0);
	}
	kref_init(&m->kref);
	xa_init(&m->buffers);
	return m;

destroy_iova:
	mapper_iova_destroy(&m->iova);
free_stats:
	free_percpu(m->stats);
free_mapping:
	kfree(m);
	return ERR_PTR(ret);
}

/**
 * iommu_mapper_create() - an IOVA window in a new paging domain
 * @dev: a device behind the IOMMU whose domain type to use
 * @base: first IOVA of the window
 * @size: bytes in the window
 * @flags: IOMMU_MAPPER_* bits (IOMMU_MAPPER_STRICT: flush the IOTLB on
 *	every unmap; without it, and without the strict module parameter,
 *	flushes are batched where the IOMMU driver can flush a whole domain)
 *
 * The window is handed out in the domain's smallest page; allocations
 * are aligned to their size up to the domain's largest page.
 *
 * Context: process; may sleep.
 * Return: the mapping, holding one reference, or an ERR_PTR: -EINVAL for
 * bad arguments, -ENODEV when @dev has no IOMMU, -ENOMEM.
 */
struct iommu_mapper *iommu_mapper_create(struct device *dev, dma_addr_t base, u64 size,
					 unsigned int flags)
{
	struct iommu_domain *domain;
	struct iommu_mapper *m;

	if ((flags & ~IOMMU_MAPPER_FLAGS) || !size)
		return ERR_PTR(-EINVAL);
	if (!device_iommu_mapped(dev))
		return ERR_PTR(-ENODEV);
	domain = dmashare_paging_domain_alloc(dev);
	if (IS_ERR(domain))
		return ERR_CAST(domain);
	m = mapper_new(domain, true, base, size, flags);
	if (IS_ERR(m))
		iommu_domain_free(domain);
	return m;
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_create, DMASHARE_NS(IOMMU_MAPPER));

/**
 * iommu_mapper_create_for_domain() - an IOVA window in a caller's domain
 * @domain: a paging domain the caller allocated and attaches its devices
 *	to itself (a master behind an IOMMU the core does not probe, such as
 *	an exynos_sysmmu model instance); it must outlive the mapping
 * @base: first IOVA of the window
 * @size: bytes in the window
 * @flags: IOMMU_MAPPER_* bits, as for iommu_mapper_create()
 *
 * iommu_mapper_attach() then only routes a device's DMA API through the
 * mapping; the device must already translate through @domain.
 *
 * Context: process; may sleep.
 * Return: the mapping, holding one reference, or an ERR_PTR: -EINVAL for
 * bad arguments, -ENOMEM.
 */
struct iommu_mapper *iommu_mapper_create_for_domain(struct iommu_domain *domain, dma_addr_t base,
						    u64 size, unsigned int flags)
{
	if (!domain || (flags & ~IOMMU_MAPPER_FLAGS) || !size)
		return ERR_PTR(-EINVAL);
	return mapper_new(domain, false, base, size, flags);
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_create_for_domain, DMASHARE_NS(IOMMU_MAPPER));

static void mapper_destroy(struct kref *kref)
{
	struct iommu_mapper *m = container_of(kref, struct iommu_mapper, kref);

	if (m->fq) {
		del_timer_sync(&m->fq->timer);
		mapper_fq_flush(m);
		kfree(m->fq);
	}
	WARN_ONCE(!xa_empty(&m->buffers), "mapping released with DMA buffers allocated\n");
	xa_destroy(&m->buffers);
	mapper_iova_destroy(&m->iova);
	if (m->own_domain)
		iommu_domain_free(m->domain);
	free_percpu(m->stats);
	kfree(m);
}

/**
 * iommu_mapper_release() - drop the creator's reference to a mapping
 * @mapping: from iommu_mapper_create(); NULL or an ERR_PTR is ignored
 *
 * The mapping goes when its last attached device is detached.
 *
 * Context: process.
 */
void iommu_mapper_release(struct iommu_mapper *mapping)
{
	if (!IS_ERR_OR_NULL(mapping))
		kref_put(&mapping->kref, mapper_destroy);
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_release, DMASHARE_NS(IOMMU_MAPPER));

/**
 * iommu_mapper_attach() - route a device's DMA through a mapping
 * @dev: a device alone in its IOMMU group (for a mapping from
 *	iommu_mapper_create()), with no DMA mapped through its current path
 *	(the caller's responsibility, as for any domain change); coherent or
 *	not (dev_is_dma_coherent() is read on every operation)
 * @mapping: the mapping; takes a reference
 *
 * The window must lie inside the device's DMA mask.
 *
 * Context: process; may sleep.
 * Return: 0; -EBUSY when @dev is attached already; -EINVAL when the
 * window exceeds the DMA mask or the group has other devices;
 * -EOPNOTSUPP for a kernel whose DMA API cannot be routed through a
 * module (no ARCH_HAS_DMA_OPS); or what iommu_attach_device() returned.
 */
int iommu_mapper_attach(struct device *dev, struct iommu_mapper *mapping)
{
	u64 last = mapping->iova.base + ((u64)mapping->iova.window << mapping->iova.shift) - 1;
	struct mapper_attachment *a;
	int ret;

	if (!DMASHARE_DMA_OPS_SETTABLE) {
		dev_warn_once(dev, "this kernel cannot route the DMA API through a module's dma_map_ops (no ARCH_HAS_DMA_OPS)\n");
		return -EOPNOTSUPP;
	}
	if (!dev->dma_mask || last > min_not_zero(*dev->dma_mask, dev->bus_dma_limit))
		return -EINVAL;
	/* Its ops are set once, from the template, when it is made. */
	a = kmemdup(&(const struct mapper_attachment){ .ops = mapper_dma_ops }, sizeof(*a),
		    GFP_KERNEL);
	if (!a)
		return -ENOMEM;

	mutex_lock(&mapper_attach_lock);
	if (mapper_find(dev)) {
		ret = -EBUSY;
		goto unlock;
	}
	if (mapping->own_domain) {
		ret = iommu_attach_device(mapping->domain, dev);
		if (ret)
			goto unlock;
	}
	a->dev = dev;
	a->mapping = mapping;
	a->old_ops = get_dma_ops(dev);
	a->old_dma_iommu = dmashare_dev_dma_iommu(dev);
	hash_add_rcu(mapper_attached, &a->node, (unsigned long)dev);
	/*
	 * Some drivers (intel-iommu from 6.x) add their large pages to the
	 * domain only when the first device attaches: align to them from now.
	 */
	WRITE_ONCE(mapping->iova.align_cap,
		   max(READ_ONCE(mapping->iova.align_cap), mapper_align_cap(mapping->domain)));
	kref_get(&mapping->kref);
	set_dma_ops(dev, &a->ops);
	dmashare_set_dev_dma_iommu(dev, false);
	mutex_unlock(&mapper_attach_lock);
	dev_info(dev, "DMA through iommu_mapper, IOVA %pad..%#llx\n", &mapping->iova.base, last);
	return 0;

unlock:
	mutex_unlock(&mapper_attach_lock);
	kfree(a);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_attach, DMASHARE_NS(IOMMU_MAPPER));

/**
 * iommu_mapper_detach() - give a device its previous domain and DMA path
 * @dev: an attached device with nothing mapped through the mapper
 *
 * Context: process; may sleep.
 */
void iommu_mapper_detach(struct device *dev)
{
	struct mapper_attachment *a;

	mutex_lock(&mapper_attach_lock);
	a = mapper_find(dev);
	if (a) {
		hash_del_rcu(&a->node);
		set_dma_ops(dev, a->old_ops);
		dmashare_set_dev_dma_iommu(dev, a->old_dma_iommu);
		/* Nothing this device unmapped may stay in the IOTLB. */
		mapper_fq_flush(a->mapping);
		if (a->mapping->own_domain)
			iommu_detach_device(a->mapping->domain, dev);
	}
	mutex_unlock(&mapper_attach_lock);
	if (!a)
		return;
	/*
	 * A DMA op called with preemption or interrupts off that read the
	 * old dev->dma_ops may still be running: an RCU grace period waits
	 * for it.  (Ops that may sleep run only while the caller keeps the
	 * device attached.)
	 */
	synchronize_rcu();
	kref_put(&a->mapping->kref, mapper_destroy);
	kfree(a);
	dev_info(dev, "DMA back on its own path\n");
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_detach, DMASHARE_NS(IOMMU_MAPPER));

/**
 * iommu_mapper_get_stats() - read a mapping's counters
 * @mapping: the mapping
 * @st: filled in
 *
 * Context: any.
 */
void iommu_mapper_get_stats(struct iommu_mapper *mapping, struct iommu_mapper_stats *st)
{
	unsigned long pgsizes = mapping->domain->pgsize_bitmap;
	struct mapper_iova_stats is;
	unsigned int i;

	struct mapper_pcpu_stats sum = { };
	unsigned int cpu;

	mapper_iova_get_stats(&mapping->iova, &is);
	for_each_possible_cpu(cpu) {
		const struct mapper_pcpu_stats *pc = per_cpu_ptr(mapping->stats, cpu);

		sum.maps += READ_ONCE(pc->maps);
		sum.map_failures += READ_ONCE(pc->map_failures);
		sum.unmaps += READ_ONCE(pc->unmaps);
		sum.mapped += READ_ONCE(pc->mapped);
		sum.flushes += READ_ONCE(pc->flushes);
		sum.cache_syncs += READ_ONCE(pc->cache_syncs);
		for (i = 0; i < IOMMU_MAPPER_PGSIZE_ORDERS; i++)
			sum.pages[i] += READ_ONCE(pc->pages[i]);
	}
	*st = (struct iommu_mapper_stats) {
		.maps = sum.maps,
		.map_failures = sum.map_failures,
		.unmaps = sum.unmaps,
		.mapped = sum.mapped,
		.iova_window = (u64)is.window << mapping->iova.shift,
		.iova_peak = (u64)is.peak << mapping->iova.shift,
		.iova_largest_free = (u64)is.largest_free << mapping->iova.shift,
		.iotlb_flushes = sum.flushes,
		.deferred = mapper_fq_pending(mapping),
		.cache_syncs = sum.cache_syncs,
		.pgsize_bitmap = pgsizes,
	};
	memcpy(st->pages, sum.pages, sizeof(st->pages));
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_get_stats, DMASHARE_NS(IOMMU_MAPPER));

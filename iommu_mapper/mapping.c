// SPDX-License-Identifier: GPL-2.0
/*
 * mapping.c - mappings, device attachment and the dma_map_ops of
 * iommu_mapper.
 *
 * A mapping owns a paging domain and an IOVA window (iova.c).  Attaching a
 * device moves it into the domain with iommu_attach_device() and points
 * its DMA API at mapper_dma_ops (compat.h says how, per kernel); detach
 * undoes both.  Physically contiguous runs are mapped with one
 * iommu_map() call each, so the IOMMU core uses the largest page sizes
 * that the run's alignment allows; IOVA ranges are size-aligned up to the
 * domain's largest page for the same reason.
 *
 * Only coherent devices are accepted for now: the cache maintenance a
 * non-coherent device needs is not reachable from a module on every
 * supported kernel, and a mapper that silently skipped it would corrupt
 * data.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/kref.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include <iommu_mapper.h>

#include "iova.h"
#include "mapping.h"

/**
 * struct iommu_mapper - an IOVA window in a paging domain
 * @kref:	one reference for the creator, one per attached device
 * @domain:	the paging domain, from the device's IOMMU driver
 * @iova:	the window's allocator
 * @granule:	the domain's smallest page; IOVA space is handed out in it
 * @maps:	counters, see struct iommu_mapper_stats
 * @map_failures: see struct iommu_mapper_stats
 * @unmaps:	see struct iommu_mapper_stats
 * @mapped:	see struct iommu_mapper_stats
 * @buffers:	dma_alloc_attrs() buffers by device address
 */
struct iommu_mapper {
	struct kref kref;
	struct iommu_domain *domain;
	struct mapper_iova iova;
	size_t granule;
	atomic64_t maps, map_failures, unmaps, mapped;
	struct xarray buffers;
};

/* A dma_alloc_attrs() buffer: its pages, each mapped in order. */
struct mapper_buf {
	struct page **pages;
	unsigned int count;
	void *vaddr;
};

/* What a device had before it was attached, to put back on detach. */
struct mapper_attachment {
	struct iommu_mapper *mapping;
	const struct dma_map_ops *old_ops;
	bool old_dma_iommu;
};

/*
 * Attached devices, indexed by their struct device address.  Readers (the
 * DMA ops) use xa_load() under RCU; attach and detach also hold
 * mapper_attach_lock so that they cannot race each other.
 */
static DEFINE_XARRAY(mapper_attached);
static DEFINE_MUTEX(mapper_attach_lock);

static const struct dma_map_ops mapper_dma_ops;

static struct iommu_mapper *dev_mapping(struct device *dev)
{
	struct mapper_attachment *a = xa_load(&mapper_attached, (unsigned long)dev);

	return a ? a->mapping : NULL;
}

static int mapper_prot(enum dma_data_direction dir, unsigned long attrs)
{
	int prot = IOMMU_CACHE;		/* coherent devices only, see above */

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

/* Map [@phys, +@size) at a fresh IOVA; returns the IOVA of @phys. */
static dma_addr_t mapper_map_phys(struct iommu_mapper *m, phys_addr_t phys, size_t size,
				  int prot, gfp_t gfp)
{
	size_t off = gran_off(m, phys), span = gran_span(m, phys, size);
	dma_addr_t iova;

	iova = mapper_iova_alloc(&m->iova, span, gfp);
	if (iova == DMA_MAPPING_ERROR)
		goto fail;
	if (dmashare_iommu_map(m->domain, iova, phys - off, span, prot, gfp)) {
		mapper_iova_free(&m->iova, iova, span);
		goto fail;
	}
	atomic64_inc(&m->maps);
	atomic64_add(span, &m->mapped);
	return iova + off;

fail:
	atomic64_inc(&m->map_failures);
	return DMA_MAPPING_ERROR;
}

/* Undo a successful map of @span bytes at granule-aligned @iova. */
static void mapper_unmap_range(struct iommu_mapper *m, dma_addr_t iova, size_t span)
{
	iommu_unmap(m->domain, iova, span);
	mapper_iova_free(&m->iova, iova, span);
	atomic64_inc(&m->unmaps);
	atomic64_sub(span, &m->mapped);
}

static void mapper_unmap_iova(struct iommu_mapper *m, dma_addr_t addr, size_t size)
{
	mapper_unmap_range(m, addr - gran_off(m, addr), gran_span(m, addr, size));
}

static dma_addr_t mapper_map_page(struct device *dev, struct page *page, unsigned long offset,
				  size_t size, enum dma_data_direction dir, unsigned long attrs)
{
	return mapper_map_phys(dev_mapping(dev), page_to_phys(page) + offset, size,
			       mapper_prot(dir, attrs), GFP_ATOMIC);
}

static void mapper_unmap_page(struct device *dev, dma_addr_t addr, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	mapper_unmap_iova(dev_mapping(dev), addr, size);
}

static dma_addr_t mapper_map_resource(struct device *dev, phys_addr_t phys, size_t size,
				      enum dma_data_direction dir, unsigned long attrs)
{
	return mapper_map_phys(dev_mapping(dev), phys, size,
			       mapper_prot(dir, attrs) | IOMMU_MMIO, GFP_ATOMIC);
}

/* IOVA space a scatterlist takes: every segment granule-rounded. */
static size_t mapper_sg_span(struct iommu_mapper *m, struct scatterlist *sgl, int nents)
{
	struct scatterlist *s;
	size_t span = 0;
	int i;

	for_each_sg(sgl, s, nents, i)
		span += gran_span(m, sg_phys(s), s->length);
	return span;
}

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
 * get DMA_MAPPING_ERROR and length 0.
 *
 * Context: any.
 * Return: the number of DMA segments.
 */
VISIBLE_IF_KUNIT int mapper_sg_layout(struct scatterlist *sgl, int nents, dma_addr_t iova,
				      size_t granule, unsigned int max_seg,
				      unsigned long boundary)
{
	struct scatterlist *s, *out = NULL;
	bool prev_ends_aligned = false;
	size_t pos = 0;
	int i, count = 0;

	for_each_sg(sgl, s, nents, i) {
		phys_addr_t phys = sg_phys(s);
		size_t off = phys & (granule - 1);
		dma_addr_t start = iova + pos + off;

		if (out && prev_ends_aligned && !off &&
		    sg_dma_len(out) + s->length <= max_seg &&
		    !((sg_dma_address(out) ^ (start + s->length - 1)) & ~boundary)) {
			sg_dma_len(out) += s->length;
		} else {
			out = out ? sg_next(out) : sgl;
			sg_dma_address(out) = start;
			sg_dma_len(out) = s->length;
			count++;
		}
		prev_ends_aligned = !((phys + s->length) & (granule - 1));
		pos += ALIGN(off + s->length, granule);
	}
	for (s = out ? sg_next(out) : NULL; s; s = sg_next(s)) {
		sg_dma_address(s) = DMA_MAPPING_ERROR;
		sg_dma_len(s) = 0;
	}
	return count;
}
EXPORT_SYMBOL_IF_KUNIT(mapper_sg_layout);

/* One IOVA allocation for the whole list, laid out by mapper_sg_layout(). */
static int mapper_map_sg(struct device *dev, struct scatterlist *sgl, int nents,
			 enum dma_data_direction dir, unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	size_t span = mapper_sg_span(m, sgl, nents), pos = 0;
	int prot = mapper_prot(dir, attrs), i;
	struct scatterlist *s;
	dma_addr_t iova;

	iova = mapper_iova_alloc(&m->iova, span, GFP_ATOMIC);
	if (iova == DMA_MAPPING_ERROR) {
		atomic64_inc(&m->map_failures);
		return -ENOMEM;
	}

	for_each_sg(sgl, s, nents, i) {
		phys_addr_t phys = sg_phys(s);
		size_t off = gran_off(m, phys), sspan = gran_span(m, phys, s->length);

		if (dmashare_iommu_map(m->domain, iova + pos, phys - off, sspan, prot,
				       GFP_ATOMIC))
			goto unmap;
		pos += sspan;
	}
	atomic64_inc(&m->maps);
	atomic64_add(span, &m->mapped);
	return mapper_sg_layout(sgl, nents, iova, m->granule, dma_get_max_seg_size(dev),
				dma_get_seg_boundary(dev));

unmap:
	if (pos)
		iommu_unmap(m->domain, iova, pos);
	mapper_iova_free(&m->iova, iova, span);
	atomic64_inc(&m->map_failures);
	return -ENOMEM;
}

static void mapper_unmap_sg(struct device *dev, struct scatterlist *sgl, int nents,
			    enum dma_data_direction dir, unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);

	mapper_unmap_range(m, sg_dma_address(sgl) - gran_off(m, sg_phys(sgl)),
			   mapper_sg_span(m, sgl, nents));
}

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
	unsigned long orders = m->domain->pgsize_bitmap >> PAGE_SHIFT;
	struct page **pages;
	unsigned int i = 0, j;

	orders &= (2UL << DMASHARE_MAX_PAGE_ORDER) - 1;
	orders |= 1;
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

/* Map @pages at one IOVA range, physically contiguous runs in one call. */
static int mapper_map_pages(struct iommu_mapper *m, dma_addr_t iova, struct page **pages,
			    unsigned int count, int prot, gfp_t gfp)
{
	unsigned int i = 0, n;

	while (i < count) {
		dma_addr_t at = iova + ((dma_addr_t)i << PAGE_SHIFT);

		for (n = 1; i + n < count; n++)
			if (page_to_pfn(pages[i + n]) != page_to_pfn(pages[i]) + n)
				break;
		if (dmashare_iommu_map(m->domain, at, page_to_phys(pages[i]),
				       (size_t)n << PAGE_SHIFT, prot, gfp)) {
			if (i)
				iommu_unmap(m->domain, iova, (size_t)i << PAGE_SHIFT);
			return -ENOMEM;
		}
		i += n;
	}
	return 0;
}

static void *mapper_alloc(struct device *dev, size_t size, dma_addr_t *handle, gfp_t gfp,
			  unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	unsigned int count = PAGE_ALIGN(size) >> PAGE_SHIFT;
	struct mapper_buf *buf;
	dma_addr_t iova;

	/* Zone modifiers make no sense behind an IOMMU. */
	gfp &= ~(__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM);
	if (!gfpflags_allow_blocking(gfp) || (attrs & DMA_ATTR_FORCE_CONTIGUOUS))
		return NULL;	/* needs cma_pool; not yet */

	buf = kzalloc(sizeof(*buf), gfp);
	if (!buf)
		return NULL;
	buf->count = count;
	buf->pages = mapper_alloc_pages(m, count, gfp);
	if (!buf->pages)
		goto free_buf;
	iova = mapper_iova_alloc(&m->iova, (size_t)count << PAGE_SHIFT, gfp);
	if (iova == DMA_MAPPING_ERROR)
		goto free_pages;
	if (mapper_map_pages(m, iova, buf->pages, count,
			     mapper_prot(DMA_BIDIRECTIONAL, attrs), gfp))
		goto free_iova;
	if (!(attrs & DMA_ATTR_NO_KERNEL_MAPPING)) {
		buf->vaddr = vmap(buf->pages, count, VM_MAP, PAGE_KERNEL);
		if (!buf->vaddr)
			goto unmap;
	}
	if (xa_insert(&m->buffers, iova, buf, gfp))
		goto vunmap;
	atomic64_inc(&m->maps);
	atomic64_add((size_t)count << PAGE_SHIFT, &m->mapped);
	*handle = iova;
	/* Without a kernel mapping the cookie is the buffer record. */
	return buf->vaddr ?: buf;

vunmap:
	if (buf->vaddr)
		vunmap(buf->vaddr);
unmap:
	iommu_unmap(m->domain, iova, (size_t)count << PAGE_SHIFT);
free_iova:
	mapper_iova_free(&m->iova, iova, (size_t)count << PAGE_SHIFT);
free_pages:
	mapper_free_pages(buf->pages, count);
free_buf:
	kfree(buf);
	atomic64_inc(&m->map_failures);
	return NULL;
}

static void mapper_free(struct device *dev, size_t size, void *cpu_addr, dma_addr_t handle,
			unsigned long attrs)
{
	struct iommu_mapper *m = dev_mapping(dev);
	struct mapper_buf *buf = xa_erase(&m->buffers, handle);

	if (WARN_ONCE(!buf, "freeing unknown DMA buffer %pad\n", &handle))
		return;
	if (buf->vaddr)
		vunmap(buf->vaddr);
	mapper_unmap_iova(m, handle, (size_t)buf->count << PAGE_SHIFT);
	mapper_free_pages(buf->pages, buf->count);
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

	if (!buf)
		return -ENXIO;
	/* vm_map_pages() checks the vma's size and offset against count. */
	return vm_map_pages(vma, buf->pages, buf->count);
}

static int mapper_get_sgtable(struct device *dev, struct sg_table *sgt, void *cpu_addr,
			      dma_addr_t handle, size_t size, unsigned long attrs)
{
	struct mapper_buf *buf = mapper_find_buf(dev, handle);

	if (!buf || PAGE_ALIGN(size) > ((size_t)buf->count << PAGE_SHIFT))
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
	.unmap_resource = mapper_unmap_page,
};

/**
 * iommu_mapper_create() - an IOVA window in a new paging domain
 * @dev: a device behind the IOMMU whose domain type to use
 * @base: first IOVA of the window
 * @size: bytes in the window
 * @flags: none defined yet; must be 0
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
	struct iommu_mapper *m;
	unsigned int shift;
	int ret;

	if (flags || !size)
		return ERR_PTR(-EINVAL);
	if (!device_iommu_mapped(dev))
		return ERR_PTR(-ENODEV);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->domain = dmashare_paging_domain_alloc(dev);
	if (IS_ERR(m->domain)) {
		ret = PTR_ERR(m->domain);
		goto free_mapping;
	}
	shift = __ffs(m->domain->pgsize_bitmap);
	m->granule = 1UL << shift;
	ret = mapper_iova_init(&m->iova, base, size, shift,
			       __fls(m->domain->pgsize_bitmap) - shift);
	if (ret)
		goto free_domain;
	kref_init(&m->kref);
	xa_init(&m->buffers);
	return m;

free_domain:
	iommu_domain_free(m->domain);
free_mapping:
	kfree(m);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_create, DMASHARE_NS(IOMMU_MAPPER));

static void mapper_destroy(struct kref *kref)
{
	struct iommu_mapper *m = container_of(kref, struct iommu_mapper, kref);

	WARN_ONCE(!xa_empty(&m->buffers), "mapping released with DMA buffers allocated\n");
	xa_destroy(&m->buffers);
	mapper_iova_destroy(&m->iova);
	iommu_domain_free(m->domain);
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
 * @dev: a device alone in its IOMMU group, coherent, with no DMA mapped
 *	through its current path (the caller's responsibility, as for any
 *	domain change)
 * @mapping: the mapping; takes a reference
 *
 * The window must lie inside the device's DMA mask.
 *
 * Context: process; may sleep.
 * Return: 0; -EBUSY when @dev is attached already; -EINVAL when the
 * window exceeds the DMA mask or the group has other devices;
 * -EOPNOTSUPP for a non-coherent device or a kernel whose DMA API cannot
 * be routed through a module (no ARCH_HAS_DMA_OPS); or what
 * iommu_attach_device() returned.
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
	if (!dev_is_dma_coherent(dev))
		return -EOPNOTSUPP;
	if (!dev->dma_mask || last > min_not_zero(*dev->dma_mask, dev->bus_dma_limit))
		return -EINVAL;
	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return -ENOMEM;

	mutex_lock(&mapper_attach_lock);
	if (xa_load(&mapper_attached, (unsigned long)dev)) {
		ret = -EBUSY;
		goto unlock;
	}
	ret = iommu_attach_device(mapping->domain, dev);
	if (ret)
		goto unlock;
	a->mapping = mapping;
	a->old_ops = get_dma_ops(dev);
	a->old_dma_iommu = dmashare_dev_dma_iommu(dev);
	ret = xa_err(xa_store(&mapper_attached, (unsigned long)dev, a, GFP_KERNEL));
	if (ret) {
		iommu_detach_device(mapping->domain, dev);
		goto unlock;
	}
	kref_get(&mapping->kref);
	set_dma_ops(dev, &mapper_dma_ops);
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
	a = xa_erase(&mapper_attached, (unsigned long)dev);
	if (a) {
		set_dma_ops(dev, a->old_ops);
		dmashare_set_dev_dma_iommu(dev, a->old_dma_iommu);
		iommu_detach_device(a->mapping->domain, dev);
	}
	mutex_unlock(&mapper_attach_lock);
	if (!a)
		return;
	/* The DMA ops may still be reading the attachment under RCU. */
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
	struct mapper_iova_stats is;

	mapper_iova_get_stats(&mapping->iova, &is);
	*st = (struct iommu_mapper_stats) {
		.maps = atomic64_read(&mapping->maps),
		.map_failures = atomic64_read(&mapping->map_failures),
		.unmaps = atomic64_read(&mapping->unmaps),
		.mapped = atomic64_read(&mapping->mapped),
		.iova_window = (u64)is.window << mapping->iova.shift,
		.iova_peak = (u64)is.peak << mapping->iova.shift,
		.iova_largest_free = (u64)is.largest_free << mapping->iova.shift,
	};
}
EXPORT_SYMBOL_NS_GPL(iommu_mapper_get_stats, DMASHARE_NS(IOMMU_MAPPER));

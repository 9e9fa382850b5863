// SPDX-License-Identifier: GPL-2.0
/*
 * The Exynos SYSMMU page-table format.
 *
 * Two levels over a 32-bit IOVA space: an lv1 table of 4096 entries, each
 * a 1 MiB section, a link to an lv2 table, or a fault; lv2 tables of 256
 * entries, each a 4 KiB small page, one of the 16 identical copies of a
 * 64 KiB large page, or a fault.  From v5 every stored address is shifted
 * right by 4, which makes 36-bit physical addresses fit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/bitfield.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "pgtable.h"

/*
 * v1-v3 protection: AP0 grants access, APX makes it read-only; write-only
 * cannot be expressed and becomes read/write.
 */
static u32 sysmmu_v1_prot_enc(bool sect, int prot)
{
	u32 ap0 = sect ? SYSMMU_V1_SECT_AP0 : SYSMMU_V1_PAGE_AP0;
	u32 apx = sect ? SYSMMU_V1_SECT_APX : SYSMMU_V1_PAGE_APX;

	if (!(prot & (IOMMU_READ | IOMMU_WRITE)))
		return 0;
	return prot & IOMMU_WRITE ? ap0 : ap0 | apx;
}

static int sysmmu_v1_prot_dec(bool sect, u32 val)
{
	u32 ap0 = sect ? SYSMMU_V1_SECT_AP0 : SYSMMU_V1_PAGE_AP0;
	u32 apx = sect ? SYSMMU_V1_SECT_APX : SYSMMU_V1_PAGE_APX;

	if (!(val & ap0))
		return 0;
	return val & apx ? IOMMU_READ : IOMMU_READ | IOMMU_WRITE;
}

/* v5+: one two-bit field per level. */
static u32 sysmmu_v5_prot_enc(bool sect, int prot)
{
	u32 v = SYSMMU_V5_PROT_NONE;

	if ((prot & IOMMU_READ) && (prot & IOMMU_WRITE))
		v = SYSMMU_V5_PROT_RW;
	else if (prot & IOMMU_READ)
		v = SYSMMU_V5_PROT_READ;
	else if (prot & IOMMU_WRITE)
		v = SYSMMU_V5_PROT_WRITE;
	return sect ? FIELD_PREP(SYSMMU_V5_SECT_PROT, v) :
		      FIELD_PREP(SYSMMU_V5_PAGE_PROT, v);
}

static int sysmmu_v5_prot_dec(bool sect, u32 val)
{
	u32 v = sect ? FIELD_GET(SYSMMU_V5_SECT_PROT, val) :
		       FIELD_GET(SYSMMU_V5_PAGE_PROT, val);

	return (v & SYSMMU_V5_PROT_READ ? IOMMU_READ : 0) |
	       (v & SYSMMU_V5_PROT_WRITE ? IOMMU_WRITE : 0);
}

const struct sysmmu_pt_fmt sysmmu_fmt_v1 = {
	.name = "v1",
	.pte_shift = 0,
	.pa_bits = 32,
	.zero_lv2 = false,
	.prot_enc = sysmmu_v1_prot_enc,
	.prot_dec = sysmmu_v1_prot_dec,
};

const struct sysmmu_pt_fmt sysmmu_fmt_v33 = {
	.name = "v3.3",
	.pte_shift = 0,
	.pa_bits = 32,
	.zero_lv2 = true,
	.prot_enc = sysmmu_v1_prot_enc,
	.prot_dec = sysmmu_v1_prot_dec,
};

const struct sysmmu_pt_fmt sysmmu_fmt_v5 = {
	.name = "v5",
	.pte_shift = 4,
	.pa_bits = 36,
	.zero_lv2 = true,
	.prot_enc = sysmmu_v5_prot_enc,
	.prot_dec = sysmmu_v5_prot_dec,
};

/* lv2 tables: 1 KiB, 1 KiB aligned, below 4 GiB where that zone exists. */
static struct kmem_cache *sysmmu_lv2_cache;

static u32 sysmmu_pa_field(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa,
			   u64 mask)
{
	return (u32)(((u64)pa & mask) >> fmt->pte_shift);
}

static phys_addr_t sysmmu_field_pa(const struct sysmmu_pt_fmt *fmt, u32 val,
				   u64 mask)
{
	return (phys_addr_t)(((u64)val << fmt->pte_shift) & mask);
}

/**
 * sysmmu_mk_sect() - encode a 1 MiB section entry
 * @fmt: table format
 * @pa: 1 MiB aligned physical address
 * @prot: IOMMU_READ and/or IOMMU_WRITE
 *
 * Context: any.
 * Return: the entry.
 */
u32 sysmmu_mk_sect(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa, int prot)
{
	return sysmmu_pa_field(fmt, pa, SYSMMU_SECT_PA) |
	       fmt->prot_enc(true, prot) |
	       FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV1_SECT);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_mk_sect);

/**
 * sysmmu_mk_lv2_link() - encode an lv1 entry linking an lv2 table
 * @fmt: table format
 * @pa: 1 KiB aligned physical address of the lv2 table
 *
 * Context: any.
 * Return: the entry.
 */
u32 sysmmu_mk_lv2_link(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa)
{
	return sysmmu_pa_field(fmt, pa, SYSMMU_LV2_TABLE_PA) |
	       FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV1_LV2);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_mk_lv2_link);

/**
 * sysmmu_mk_lpage() - encode one of the 16 entries of a 64 KiB page
 * @fmt: table format
 * @pa: 64 KiB aligned physical address
 * @prot: IOMMU_READ and/or IOMMU_WRITE
 *
 * Context: any.
 * Return: the entry.
 */
u32 sysmmu_mk_lpage(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa, int prot)
{
	return sysmmu_pa_field(fmt, pa, SYSMMU_LPAGE_PA) |
	       fmt->prot_enc(false, prot) |
	       FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV2_LPAGE);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_mk_lpage);

/**
 * sysmmu_mk_spage() - encode a 4 KiB page entry
 * @fmt: table format
 * @pa: 4 KiB aligned physical address
 * @prot: IOMMU_READ and/or IOMMU_WRITE
 *
 * Context: any.
 * Return: the entry.
 */
u32 sysmmu_mk_spage(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa, int prot)
{
	return sysmmu_pa_field(fmt, pa, SYSMMU_SPAGE_PA) |
	       fmt->prot_enc(false, prot) |
	       FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV2_SPAGE);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_mk_spage);

/**
 * sysmmu_decode_lv1() - decode an lv1 entry
 * @fmt: table format
 * @val: the entry, CPU byte order
 * @ent: result
 *
 * A link to the shared zero lv2 table decodes as a link: only the table
 * knows which table that is.
 *
 * Context: any.
 */
void sysmmu_decode_lv1(const struct sysmmu_pt_fmt *fmt, u32 val,
		       struct sysmmu_ent *ent)
{
	ent->prot = 0;
	ent->pa = 0;
	switch (FIELD_GET(SYSMMU_PTE_TYPE, val)) {
	case SYSMMU_LV1_LV2:
		ent->type = SYSMMU_ENT_LV2;
		ent->pa = sysmmu_field_pa(fmt, val, SYSMMU_LV2_TABLE_PA);
		break;
	case SYSMMU_LV1_SECT:
		ent->type = SYSMMU_ENT_SECT;
		ent->pa = sysmmu_field_pa(fmt, val, SYSMMU_SECT_PA);
		ent->prot = fmt->prot_dec(true, val);
		break;
	default:
		ent->type = SYSMMU_ENT_FAULT;
		break;
	}
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_decode_lv1);

/**
 * sysmmu_decode_lv2() - decode an lv2 entry
 * @fmt: table format
 * @val: the entry, CPU byte order
 * @ent: result
 *
 * Context: any.
 */
void sysmmu_decode_lv2(const struct sysmmu_pt_fmt *fmt, u32 val,
		       struct sysmmu_ent *ent)
{
	ent->prot = 0;
	ent->pa = 0;
	switch (FIELD_GET(SYSMMU_PTE_TYPE, val)) {
	case SYSMMU_LV2_FAULT:
		ent->type = SYSMMU_ENT_FAULT;
		return;
	case SYSMMU_LV2_LPAGE:
		ent->type = SYSMMU_ENT_LPAGE;
		ent->pa = sysmmu_field_pa(fmt, val, SYSMMU_LPAGE_PA);
		break;
	default:
		ent->type = SYSMMU_ENT_SPAGE;
		ent->pa = sysmmu_field_pa(fmt, val, SYSMMU_SPAGE_PA);
		break;
	}
	ent->prot = fmt->prot_dec(false, val);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_decode_lv2);

/*
 * The one place that writes an entry: entry @nr of @table.
 */
static void sysmmu_set_pte(struct sysmmu_pgtable *pt, sysmmu_pte_t *table,
			   unsigned int nr, u32 val)
{
	/*
	 * dma_wmb(): whatever was written to the tables before this entry
	 * (the zeroing of a new lv2 table before the link to it, the
	 * clearing of entries before a table is unlinked) must be visible to
	 * a walker that is not this CPU before this entry is.
	 */
	dma_wmb();
	WRITE_ONCE(table[nr], cpu_to_le32(val));
	if (pt->dma_dev)
		dma_sync_single_for_device(pt->dma_dev,
					   virt_to_phys(&table[nr]),
					   sizeof(table[nr]), DMA_TO_DEVICE);
}

static u32 sysmmu_get_pte(const sysmmu_pte_t *table, unsigned int nr)
{
	return le32_to_cpu(READ_ONCE(table[nr]));
}

static unsigned int sysmmu_lv1_idx(unsigned long iova)
{
	return FIELD_GET(SYSMMU_IOVA_LV1_IDX, iova);
}

static unsigned int sysmmu_lv2_idx(unsigned long iova)
{
	return FIELD_GET(SYSMMU_IOVA_LV2_IDX, iova);
}

/* What an unmapped lv1 entry holds. */
static u32 sysmmu_lv1_empty(struct sysmmu_pgtable *pt)
{
	if (pt->zero_lv2)
		return sysmmu_mk_lv2_link(pt->fmt, virt_to_phys(pt->zero_lv2));
	return FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV1_FAULT);
}

/* lv1 entry @idx decoded, with a link to the zero table seen as a fault. */
static void sysmmu_lv1_get(struct sysmmu_pgtable *pt, unsigned int idx,
			   struct sysmmu_ent *ent)
{
	sysmmu_decode_lv1(pt->fmt, sysmmu_get_pte(pt->lv1, idx), ent);
	if (ent->type == SYSMMU_ENT_LV2 && pt->zero_lv2 &&
	    ent->pa == virt_to_phys(pt->zero_lv2))
		ent->type = SYSMMU_ENT_FAULT;
}

static sysmmu_pte_t *sysmmu_lv2_table(phys_addr_t pa)
{
	return phys_to_virt(pa);
}

static void sysmmu_set_lv1(struct sysmmu_pgtable *pt, unsigned int idx, u32 val,
			   bool was_empty)
{
	sysmmu_set_pte(pt, pt->lv1, idx, val);
	/*
	 * With the descriptor cache (v3.3+) the old lv1 entry, even the
	 * zero link that stands for a fault, may be cached: drop it.
	 */
	if (pt->fmt->zero_lv2 || !was_empty)
		pt->flush->inv_lv1(pt->cookie, (u32)idx << SYSMMU_SECT_ORDER);
}

static sysmmu_pte_t *sysmmu_lv2_alloc(struct sysmmu_pgtable *pt, gfp_t gfp)
{
	sysmmu_pte_t *table;

	table = kmem_cache_zalloc(sysmmu_lv2_cache, gfp);
	if (!table)
		return NULL;
	/* The table is reached only by its physical address, from lv1. */
	kmemleak_ignore(table);
	if (virt_to_phys(table) + SYSMMU_LV2_SIZE - 1 >
	    DMA_BIT_MASK(pt->fmt->pa_bits)) {
		kmem_cache_free(sysmmu_lv2_cache, table);
		return NULL;
	}
	if (pt->dma_dev) {
		dma_addr_t dma = dma_map_single(pt->dma_dev, table,
						SYSMMU_LV2_SIZE, DMA_TO_DEVICE);

		/* The walker reads tables by physical address. */
		if (dma_mapping_error(pt->dma_dev, dma) ||
		    dma != virt_to_phys(table)) {
			if (!dma_mapping_error(pt->dma_dev, dma))
				dma_unmap_single(pt->dma_dev, dma,
						 SYSMMU_LV2_SIZE, DMA_TO_DEVICE);
			kmem_cache_free(sysmmu_lv2_cache, table);
			return NULL;
		}
	}
	return table;
}

static void sysmmu_lv2_free(struct sysmmu_pgtable *pt, sysmmu_pte_t *table)
{
	if (pt->dma_dev)
		dma_unmap_single(pt->dma_dev, virt_to_phys(table),
				 SYSMMU_LV2_SIZE, DMA_TO_DEVICE);
	kmem_cache_free(sysmmu_lv2_cache, table);
}

/**
 * sysmmu_pgtable_alloc() - allocate an empty I/O address space
 * @fmt: table format
 * @flush: TLB maintenance the table asks for
 * @cookie: passed to @flush
 * @dma_dev: device whose DMA mapping covers a non-coherent walker, or NULL
 *
 * Context: process context, may sleep.
 * Return: the table, or NULL without memory (or with memory only beyond
 * what @fmt can address).
 */
struct sysmmu_pgtable *
sysmmu_pgtable_alloc(const struct sysmmu_pt_fmt *fmt,
		     const struct sysmmu_pt_flush_ops *flush, void *cookie,
		     struct device *dma_dev)
{
	struct sysmmu_pgtable *pt;
	unsigned int i;
	gfp_t gfp = GFP_KERNEL | __GFP_ZERO;

	if (fmt->pa_bits <= 32 && IS_ENABLED(CONFIG_ZONE_DMA32))
		gfp |= GFP_DMA32;

	pt = kzalloc(sizeof(*pt), GFP_KERNEL);
	if (!pt)
		return NULL;
	pt->fmt = fmt;
	pt->flush = flush;
	pt->cookie = cookie;
	pt->dma_dev = dma_dev;
	spin_lock_init(&pt->lock);

	/* Order 2: 16 KiB, and naturally 16 KiB aligned. */
	pt->lv1 = (sysmmu_pte_t *)__get_free_pages(gfp, get_order(SYSMMU_LV1_SIZE));
	if (!pt->lv1)
		goto free_pt;
	if (virt_to_phys(pt->lv1) + SYSMMU_LV1_SIZE - 1 > DMA_BIT_MASK(fmt->pa_bits))
		goto free_lv1;
	pt->lv2_used = kcalloc(SYSMMU_LV1_ENTRIES, sizeof(*pt->lv2_used),
			       GFP_KERNEL);
	if (!pt->lv2_used)
		goto free_lv1;
	if (fmt->zero_lv2) {
		pt->zero_lv2 = sysmmu_lv2_alloc(pt, GFP_KERNEL);
		if (!pt->zero_lv2)
			goto free_used;
	}
	if (dma_dev) {
		dma_addr_t dma = dma_map_single(dma_dev, pt->lv1, SYSMMU_LV1_SIZE,
						DMA_TO_DEVICE);

		if (dma_mapping_error(dma_dev, dma))
			goto free_zero;
		if (dma != virt_to_phys(pt->lv1))
			goto unmap_lv1;
	}
	for (i = 0; i < SYSMMU_LV1_ENTRIES; i++)
		sysmmu_set_pte(pt, pt->lv1, i,
			       sysmmu_lv1_empty(pt));
	return pt;

unmap_lv1:
	dma_unmap_single(dma_dev, virt_to_phys(pt->lv1), SYSMMU_LV1_SIZE,
			 DMA_TO_DEVICE);
free_zero:
	if (pt->zero_lv2)
		sysmmu_lv2_free(pt, pt->zero_lv2);
free_used:
	kfree(pt->lv2_used);
free_lv1:
	free_pages((unsigned long)pt->lv1, get_order(SYSMMU_LV1_SIZE));
free_pt:
	kfree(pt);
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_pgtable_alloc);

/**
 * sysmmu_pgtable_free() - free an address space and every lv2 table
 * @pt: the table; no walker may use it any more
 *
 * Context: may sleep.
 */
void sysmmu_pgtable_free(struct sysmmu_pgtable *pt)
{
	struct sysmmu_ent ent;
	unsigned int i;

	if (!pt)
		return;
	for (i = 0; i < SYSMMU_LV1_ENTRIES; i++) {
		sysmmu_lv1_get(pt, i, &ent);
		if (ent.type == SYSMMU_ENT_LV2)
			sysmmu_lv2_free(pt, sysmmu_lv2_table(ent.pa));
	}
	if (pt->dma_dev)
		dma_unmap_single(pt->dma_dev, virt_to_phys(pt->lv1),
				 SYSMMU_LV1_SIZE, DMA_TO_DEVICE);
	if (pt->zero_lv2)
		sysmmu_lv2_free(pt, pt->zero_lv2);
	if (pt->spare_lv2)
		sysmmu_lv2_free(pt, pt->spare_lv2);
	kfree(pt->lv2_used);
	free_pages((unsigned long)pt->lv1, get_order(SYSMMU_LV1_SIZE));
	kfree(pt);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_pgtable_free);

/**
 * sysmmu_pgtable_base() - physical address of the lv1 table
 * @pt: the table
 *
 * Context: any.
 * Return: what the page-table base register takes.
 */
phys_addr_t sysmmu_pgtable_base(struct sysmmu_pgtable *pt)
{
	return virt_to_phys(pt->lv1);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_pgtable_base);

/*
 * Map one page of @pgsize.  Returns 0, -EEXIST when anything is mapped in
 * the range, or -EAGAIN when an lv2 table is needed and *@spare is NULL
 * (the caller allocates one outside the lock and retries).
 */
static int sysmmu_map_one(struct sysmmu_pgtable *pt, unsigned long iova,
			  phys_addr_t pa, size_t pgsize, int prot,
			  sysmmu_pte_t **spare)
{
	const struct sysmmu_pt_fmt *fmt = pt->fmt;
	unsigned int idx = sysmmu_lv1_idx(iova);
	unsigned int first, n, i;
	struct sysmmu_ent ent;
	sysmmu_pte_t *lv2;
	u32 val;

	lockdep_assert_held(&pt->lock);
	sysmmu_lv1_get(pt, idx, &ent);
	if (pgsize == SYSMMU_SECT_SIZE) {
		if (ent.type != SYSMMU_ENT_FAULT)
			return -EEXIST;
		sysmmu_set_lv1(pt, idx, sysmmu_mk_sect(fmt, pa, prot), true);
		return 0;
	}
	if (ent.type == SYSMMU_ENT_SECT)
		return -EEXIST;
	if (ent.type == SYSMMU_ENT_FAULT) {
		if (!*spare) {
			*spare = pt->spare_lv2;
			pt->spare_lv2 = NULL;
		}
		if (!*spare)
			return -EAGAIN;
		lv2 = *spare;
		*spare = NULL;
		pt->lv2_used[idx] = 0;
		sysmmu_set_lv1(pt, idx, sysmmu_mk_lv2_link(fmt, virt_to_phys(lv2)),
			       true);
	} else {
		lv2 = sysmmu_lv2_table(ent.pa);
	}

	first = sysmmu_lv2_idx(iova);
	n = pgsize >> SYSMMU_SPAGE_ORDER;
	for (i = first; i < first + n; i++)
		if (FIELD_GET(SYSMMU_PTE_TYPE, sysmmu_get_pte(lv2, i)) !=
		    SYSMMU_LV2_FAULT)
			return -EEXIST;
	if (pgsize == SYSMMU_LPAGE_SIZE)
		val = sysmmu_mk_lpage(fmt, pa, prot);
	else
		val = sysmmu_mk_spage(fmt, pa, prot);
	for (i = first; i < first + n; i++)
		sysmmu_set_pte(pt, lv2, i, val);
	pt->lv2_used[idx] += n;
	return 0;
}

/**
 * sysmmu_map_pages() - map @pgcount pages of @pgsize
 * @pt: the table
 * @iova: first IOVA, aligned to @pgsize
 * @paddr: first physical address, aligned to @pgsize
 * @pgsize: SZ_4K, SZ_64K or SZ_1M
 * @pgcount: number of pages, at least 1
 * @prot: IOMMU_READ and/or IOMMU_WRITE; other bits are ignored
 * @gfp: for lv2 tables
 * @mapped: incremented by the bytes mapped, also on failure
 *
 * Mapping over anything already mapped is refused; the pages before it
 * stay mapped (and counted in @mapped) for the caller to unmap.
 *
 * Context: any, as @gfp allows.
 * Return: 0, -EINVAL for a bad size, alignment, range or @prot, -EEXIST
 * on overlap, -ENOMEM.
 */
int sysmmu_map_pages(struct sysmmu_pgtable *pt, unsigned long iova,
		     phys_addr_t paddr, size_t pgsize, size_t pgcount, int prot,
		     gfp_t gfp, size_t *mapped)
{
	sysmmu_pte_t *spare = NULL;
	unsigned long flags;
	int ret = 0;

	if ((pgsize != SZ_4K && pgsize != SZ_64K && pgsize != SZ_1M) ||
	    !pgcount || !IS_ALIGNED(iova, pgsize) || !IS_ALIGNED(paddr, pgsize) ||
	    !(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	if ((u64)iova + (u64)pgsize * pgcount > SYSMMU_IOVA_SPACE ||
	    (u64)paddr + (u64)pgsize * pgcount - 1 > DMA_BIT_MASK(pt->fmt->pa_bits))
		return -EINVAL;

	spin_lock_irqsave(&pt->lock, flags);
	while (pgcount) {
		ret = sysmmu_map_one(pt, iova, paddr, pgsize, prot, &spare);
		if (ret == -EAGAIN) {
			/* Allocate with @gfp's full power, outside the lock. */
			spin_unlock_irqrestore(&pt->lock, flags);
			spare = sysmmu_lv2_alloc(pt, gfp);
			spin_lock_irqsave(&pt->lock, flags);
			if (!spare) {
				ret = -ENOMEM;
				break;
			}
			continue;
		}
		if (ret)
			break;
		iova += pgsize;
		paddr += pgsize;
		*mapped += pgsize;
		pgcount--;
	}
	if (spare && !pt->spare_lv2) {
		pt->spare_lv2 = spare;
		spare = NULL;
	}
	spin_unlock_irqrestore(&pt->lock, flags);
	if (spare)
		sysmmu_lv2_free(pt, spare);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_map_pages);

/*
 * Unmap whatever is mapped in [@iova, @iova + @pgsize) (one lv1 entry at
 * most).  Returns @pgsize, or 0 when nothing is mapped there or when a
 * mapping reaches outside the range (a larger page is never split).
 */
static size_t sysmmu_unmap_one(struct sysmmu_pgtable *pt, unsigned long iova,
			       size_t pgsize)
{
	unsigned int idx = sysmmu_lv1_idx(iova);
	unsigned int first, n, i, cleared = 0;
	struct sysmmu_ent ent;
	sysmmu_pte_t *lv2;
	u32 val;

	lockdep_assert_held(&pt->lock);
	sysmmu_lv1_get(pt, idx, &ent);
	switch (ent.type) {
	case SYSMMU_ENT_FAULT:
		return 0;
	case SYSMMU_ENT_SECT:
		if (pgsize != SYSMMU_SECT_SIZE)
			return 0;
		sysmmu_set_lv1(pt, idx, sysmmu_lv1_empty(pt), false);
		pt->flush->inv_range(pt->cookie, iova, SYSMMU_SECT_SIZE);
		return pgsize;
	default:
		break;
	}

	lv2 = sysmmu_lv2_table(ent.pa);
	first = sysmmu_lv2_idx(iova);
	n = pgsize >> SYSMMU_SPAGE_ORDER;
	/* A large page may only go whole: its copies all lie in range. */
	if (n < SYSMMU_SPAGES_PER_LPAGE &&
	    FIELD_GET(SYSMMU_PTE_TYPE, sysmmu_get_pte(lv2, first)) == SYSMMU_LV2_LPAGE)
		return 0;
	for (i = first; i < first + n; i++) {
		val = sysmmu_get_pte(lv2, i);
		if (FIELD_GET(SYSMMU_PTE_TYPE, val) == SYSMMU_LV2_FAULT)
			continue;
		sysmmu_set_pte(pt, lv2, i,
			       FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV2_FAULT));
		cleared++;
	}
	if (!cleared)
		return 0;
	pt->flush->inv_range(pt->cookie, iova, pgsize);
	pt->lv2_used[idx] -= cleared;
	if (!pt->lv2_used[idx]) {
		/*
		 * Unlink the empty table, and drop the cached link, before
		 * freeing it: a walker must never read freed memory.
		 */
		sysmmu_set_lv1(pt, idx, sysmmu_lv1_empty(pt), false);
		/* Every entry is a fault, 0: as good as a new table. */
		if (!pt->spare_lv2)
			pt->spare_lv2 = lv2;
		else
			sysmmu_lv2_free(pt, lv2);
	}
	return pgsize;
}

/**
 * sysmmu_unmap_pages() - unmap @pgcount pages of @pgsize
 * @pt: the table
 * @iova: first IOVA, aligned to @pgsize
 * @pgsize: SZ_4K, SZ_64K or SZ_1M
 * @pgcount: number of pages
 *
 * Stops at the first page of @pgsize with nothing mapped in it, or at one
 * that would split a larger mapping (which stays mapped).  The TLBs are
 * invalidated before this returns; empty lv2 tables are freed.
 *
 * Context: any.
 * Return: bytes unmapped, from @iova on.
 */
size_t sysmmu_unmap_pages(struct sysmmu_pgtable *pt, unsigned long iova,
			  size_t pgsize, size_t pgcount)
{
	unsigned long flags;
	size_t done = 0, one;

	if ((pgsize != SZ_4K && pgsize != SZ_64K && pgsize != SZ_1M) ||
	    !IS_ALIGNED(iova, pgsize) ||
	    (u64)iova + (u64)pgsize * pgcount > SYSMMU_IOVA_SPACE)
		return 0;

	spin_lock_irqsave(&pt->lock, flags);
	while (pgcount--) {
		one = sysmmu_unmap_one(pt, iova, pgsize);
		if (!one)
			break;
		done += one;
		iova += pgsize;
	}
	spin_unlock_irqrestore(&pt->lock, flags);
	return done;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_unmap_pages);

/**
 * sysmmu_iova_to_phys() - translate an IOVA as the table says
 * @pt: the table
 * @iova: any IOVA
 *
 * Context: any.
 * Return: the physical address, or 0 when @iova is not mapped.
 */
phys_addr_t sysmmu_iova_to_phys(struct sysmmu_pgtable *pt, unsigned long iova)
{
	struct sysmmu_ent ent;
	unsigned long flags;
	phys_addr_t pa = 0;

	if ((u64)iova >= SYSMMU_IOVA_SPACE)
		return 0;
	spin_lock_irqsave(&pt->lock, flags);
	sysmmu_lv1_get(pt, sysmmu_lv1_idx(iova), &ent);
	if (ent.type == SYSMMU_ENT_SECT) {
		pa = ent.pa + (iova & (SYSMMU_SECT_SIZE - 1));
	} else if (ent.type == SYSMMU_ENT_LV2) {
		sysmmu_decode_lv2(pt->fmt,
				  sysmmu_get_pte(sysmmu_lv2_table(ent.pa),
						 sysmmu_lv2_idx(iova)), &ent);
		if (ent.type == SYSMMU_ENT_LPAGE)
			pa = ent.pa + (iova & (SYSMMU_LPAGE_SIZE - 1));
		else if (ent.type == SYSMMU_ENT_SPAGE)
			pa = ent.pa + (iova & (SYSMMU_SPAGE_SIZE - 1));
	}
	spin_unlock_irqrestore(&pt->lock, flags);
	return pa;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_iova_to_phys);

/**
 * sysmmu_pgtable_lv2_count() - number of lv2 tables linked
 * @pt: the table
 *
 * Context: any.
 * Return: lv2 tables in use, the shared zero table not counted.
 */
unsigned int sysmmu_pgtable_lv2_count(struct sysmmu_pgtable *pt)
{
	struct sysmmu_ent ent;
	unsigned int i, n = 0;
	unsigned long flags;

	spin_lock_irqsave(&pt->lock, flags);
	for (i = 0; i < SYSMMU_LV1_ENTRIES; i++) {
		sysmmu_lv1_get(pt, i, &ent);
		n += ent.type == SYSMMU_ENT_LV2;
	}
	spin_unlock_irqrestore(&pt->lock, flags);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_pgtable_lv2_count);

/**
 * sysmmu_pgtable_lv1_raw() - the lv1 entry translating @iova, as stored
 * @pt: the table
 * @iova: any 32-bit IOVA
 *
 * Context: any.
 * Return: the entry in CPU byte order.
 */
u32 sysmmu_pgtable_lv1_raw(struct sysmmu_pgtable *pt, unsigned long iova)
{
	return sysmmu_get_pte(pt->lv1, sysmmu_lv1_idx(iova));
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_pgtable_lv1_raw);

/**
 * sysmmu_pgtable_lv2_raw() - the lv2 entry translating @iova, as stored
 * @pt: the table
 * @iova: any 32-bit IOVA
 *
 * Context: any; the caller keeps the table from changing.
 * Return: the entry in CPU byte order, or 0 when lv1 holds no link.
 */
u32 sysmmu_pgtable_lv2_raw(struct sysmmu_pgtable *pt, unsigned long iova)
{
	struct sysmmu_ent ent;

	sysmmu_decode_lv1(pt->fmt, sysmmu_get_pte(pt->lv1, sysmmu_lv1_idx(iova)),
			  &ent);
	if (ent.type != SYSMMU_ENT_LV2)
		return 0;
	return sysmmu_get_pte(sysmmu_lv2_table(ent.pa), sysmmu_lv2_idx(iova));
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_pgtable_lv2_raw);

/**
 * sysmmu_pgtable_entries() - the entries translating @iova, for messages
 * @pt: the table
 * @iova: any 32-bit IOVA
 * @lv1: the lv1 entry
 * @lv2: the lv2 entry, or 0 when lv1 holds no link
 *
 * Context: any; takes the table's lock.
 */
void sysmmu_pgtable_entries(struct sysmmu_pgtable *pt, unsigned long iova,
			    u32 *lv1, u32 *lv2)
{
	unsigned long flags;

	spin_lock_irqsave(&pt->lock, flags);
	*lv1 = sysmmu_pgtable_lv1_raw(pt, iova);
	*lv2 = sysmmu_pgtable_lv2_raw(pt, iova);
	spin_unlock_irqrestore(&pt->lock, flags);
}

int sysmmu_pgtable_init(void)
{
	slab_flags_t flags = 0;

	if (IS_ENABLED(CONFIG_ZONE_DMA32))
		flags |= SLAB_CACHE_DMA32;
	sysmmu_lv2_cache = kmem_cache_create("exynos_sysmmu_lv2", SYSMMU_LV2_SIZE,
					     SYSMMU_LV2_SIZE, flags, NULL);
	return sysmmu_lv2_cache ? 0 : -ENOMEM;
}

void sysmmu_pgtable_exit(void)
{
	kmem_cache_destroy(sysmmu_lv2_cache);
}

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

/* struct sysmmu_pgtable's @tmpl is indexed by these two bits. */
static_assert((IOMMU_READ | IOMMU_WRITE) == 3);

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
 * Every entry write ends here: a walker that does not snoop the CPU's
 * caches (@pt->dma_dev) must see the entries in memory.  One sync covers
 * a run of entries (cache maintenance per run, not per entry).
 */
static void sysmmu_sync_ptes(struct sysmmu_pgtable *pt, sysmmu_pte_t *pte,
			     unsigned int count)
{
	if (pt->dma_dev)
		dma_sync_single_for_device(pt->dma_dev, virt_to_phys(pte),
					   count * sizeof(*pte), DMA_TO_DEVICE);
}

/*
 * The one place that stores entries: @count entries of @table from @nr
 * on, entry @nr + i taking @val + (i >> @order) * @step (a run of pages
 * @step apart in the address field, each 1 << @order copies).
 */
static void sysmmu_set_ptes(struct sysmmu_pgtable *pt, sysmmu_pte_t *table,
			    unsigned int nr, unsigned int count, u32 val,
			    unsigned int order, u32 step)
{
	unsigned int i;

	/*
	 * dma_wmb(): whatever was written to the tables before these entries
	 * (the zeroing of a new lv2 table before the link to it, the
	 * clearing of entries before a table is unlinked) must be visible to
	 * a walker that is not this CPU before they are.  The entries of one
	 * run need no order among themselves.
	 */
	dma_wmb();
	for (i = 0; i < count; i++)
		WRITE_ONCE(table[nr + i], cpu_to_le32(val + (i >> order) * step));
	sysmmu_sync_ptes(pt, &table[nr], count);
}

static void sysmmu_set_pte(struct sysmmu_pgtable *pt, sysmmu_pte_t *table,
			   unsigned int nr, u32 val)
{
	sysmmu_set_ptes(pt, table, nr, 1, val, 0, 0);
}

/*
 * The one place that replaces an entry only if it still holds @old (lv1
 * entries, which map and unmap change without a lock).
 * Returns whether it did.
 */
static bool sysmmu_xchg_pte(struct sysmmu_pgtable *pt, sysmmu_pte_t *table,
			    unsigned int nr, u32 old, u32 val)
{
	u32 *p = (__force u32 *)&table[nr];

	/* A fully ordered cmpxchg also orders what came before (dma_wmb). */
	if (cmpxchg(p, (__force u32)cpu_to_le32(old),
		    (__force u32)cpu_to_le32(val)) != (__force u32)cpu_to_le32(old))
		return false;
	sysmmu_sync_ptes(pt, &table[nr], 1);
	return true;
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

/* lv1 entry @raw decoded, with a link to the zero table seen as a fault. */
static void sysmmu_lv1_decode(struct sysmmu_pgtable *pt, u32 raw,
			      struct sysmmu_ent *ent)
{
	if (raw == pt->lv1_empty) {
		ent->type = SYSMMU_ENT_FAULT;
		ent->pa = 0;
		ent->prot = 0;
		return;
	}
	sysmmu_decode_lv1(pt->fmt, raw, ent);
}

static void sysmmu_lv1_get(struct sysmmu_pgtable *pt, unsigned int idx,
			   struct sysmmu_ent *ent)
{
	sysmmu_lv1_decode(pt, sysmmu_get_pte(pt->lv1, idx), ent);
}

static sysmmu_pte_t *sysmmu_lv2_table(phys_addr_t pa)
{
	return phys_to_virt(pa);
}

/*
 * The lv2 table lv1 entry @raw links, or NULL (the map and unmap paths:
 * nothing on the stack, which the debug kernels make costly).
 */
static sysmmu_pte_t *sysmmu_lv1_to_lv2(struct sysmmu_pgtable *pt, u32 raw)
{
	if (raw == pt->lv1_empty ||
	    FIELD_GET(SYSMMU_PTE_TYPE, raw) != SYSMMU_LV1_LV2)
		return NULL;
	return sysmmu_lv2_table(sysmmu_field_pa(pt->fmt, raw, SYSMMU_LV2_TABLE_PA));
}

static bool sysmmu_lv1_is_sect(u32 raw)
{
	return FIELD_GET(SYSMMU_PTE_TYPE, raw) == SYSMMU_LV1_SECT;
}

/*
 * With the descriptor cache (v3.3+) the old lv1 entry, even the zero link
 * that stands for a fault, may be cached: drop it.  Without it, only a
 * valid old entry can be cached (in the TLB, as a section or a walk).
 */
static void sysmmu_lv1_changed(struct sysmmu_pgtable *pt, unsigned int idx,
			       bool was_empty)
{
	if (pt->fmt->zero_lv2 || !was_empty)
		pt->flush->inv_lv1(pt->cookie, (u32)idx << SYSMMU_SECT_ORDER);
}

/* Replace lv1 entry @idx if it still holds @old, and drop what is cached. */
static bool sysmmu_xchg_lv1(struct sysmmu_pgtable *pt, unsigned int idx,
			    u32 old, u32 val)
{
	if (!sysmmu_xchg_pte(pt, pt->lv1, idx, old, val))
		return false;
	sysmmu_lv1_changed(pt, idx, old == pt->lv1_empty);
	return true;
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

/*
 * Spare lv2 tables: emptied (every entry a fault, 0), unlinked and
 * flushed, kept for the next section that needs a table, in up to
 * SYSMMU_SPARE_MAX slots taken and filled with atomic exchanges; the rest
 * are freed.  @pt->spare_hint says where the filled slots end: without
 * concurrent callers slots [0, hint) are filled and the others empty, so
 * a take or a give touches one slot.  Concurrent callers may leave a
 * table above the hint, where only the next give finds it (and moves the
 * hint past it): a take that misses a spare allocates, which is slower,
 * never wrong.
 */
static sysmmu_pte_t *sysmmu_spare_take(struct sysmmu_pgtable *pt)
{
	unsigned int i = min_t(unsigned int, READ_ONCE(pt->spare_hint),
			       SYSMMU_SPARE_MAX);
	sysmmu_pte_t *lv2;

	while (i--) {
		if (!READ_ONCE(pt->spare_lv2[i]))
			continue;
		lv2 = xchg(&pt->spare_lv2[i], NULL);
		if (lv2) {
			WRITE_ONCE(pt->spare_hint, i);
			return lv2;
		}
	}
	return NULL;
}

/* Keep emptied @lv2 if a slot is free; false if not (free it then). */
static bool sysmmu_spare_give(struct sysmmu_pgtable *pt, sysmmu_pte_t *lv2)
{
	unsigned int i;

	for (i = READ_ONCE(pt->spare_hint); i < SYSMMU_SPARE_MAX; i++)
		if (!READ_ONCE(pt->spare_lv2[i]) &&
		    !cmpxchg(&pt->spare_lv2[i], NULL, lv2)) {
			WRITE_ONCE(pt->spare_hint, i + 1);
			return true;
		}
	return false;
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
	pt->lv2_gen = kcalloc(SYSMMU_LV1_ENTRIES, sizeof(*pt->lv2_gen), GFP_KERNEL);
	if (!pt->lv2_gen)
		goto free_used;
	pt->spare_lv2 = kcalloc(SYSMMU_SPARE_MAX, sizeof(*pt->spare_lv2),
				GFP_KERNEL);
	if (!pt->spare_lv2)
		goto free_gen;
	for (i = 0; i < ARRAY_SIZE(pt->tmpl[0]); i++) {
		pt->tmpl[SYSMMU_TMPL_SECT][i] = sysmmu_mk_sect(fmt, 0, i);
		pt->tmpl[SYSMMU_TMPL_LPAGE][i] = sysmmu_mk_lpage(fmt, 0, i);
		pt->tmpl[SYSMMU_TMPL_SPAGE][i] = sysmmu_mk_spage(fmt, 0, i);
	}
	pt->lv1_empty = FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV1_FAULT);
	if (fmt->zero_lv2) {
		pt->zero_lv2 = sysmmu_lv2_alloc(pt, GFP_KERNEL);
		if (!pt->zero_lv2)
			goto free_spares;
		pt->lv1_empty = sysmmu_mk_lv2_link(fmt, virt_to_phys(pt->zero_lv2));
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
		sysmmu_set_pte(pt, pt->lv1, i, pt->lv1_empty);
	return pt;

unmap_lv1:
	dma_unmap_single(dma_dev, virt_to_phys(pt->lv1), SYSMMU_LV1_SIZE,
			 DMA_TO_DEVICE);
free_zero:
	if (pt->zero_lv2)
		sysmmu_lv2_free(pt, pt->zero_lv2);
free_spares:
	kfree(pt->spare_lv2);
free_gen:
	kfree(pt->lv2_gen);
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
	sysmmu_pte_t *lv2;
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
	for (i = 0; i < SYSMMU_SPARE_MAX; i++) {
		lv2 = pt->spare_lv2[i];
		if (lv2)
			sysmmu_lv2_free(pt, lv2);
	}
	kfree(pt->spare_lv2);
	kfree(pt->lv2_gen);
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
 * lv2 tables without a lock.
 *
 * @pt->lv2_used[idx] counts the valid entries of the lv2 table linked at
 * lv1 entry idx (a large page counts 16) plus the references map, unmap
 * and lookups hold while they work in it.  It is raised before a table
 * is linked (the linker's entries to come) and only ever from a positive
 * value otherwise (sysmmu_lv2_tryget()), so a linked table whose count is
 * 0 is empty, and nobody can start using it.  Whoever brings the count to
 * 0 releases the section (sysmmu_lv2_release()): it claims it by turning
 * the 0 (or, the last one out, its own last references) into
 * SYSMMU_USED_DEAD, unlinks the table, drops the cached link,
 * then gives the count back and the table to the spares.  Additions that
 * meet a dead count are taken back, and nothing is linked while it is
 * dead (else the release could take a new table, maybe its own old one
 * from the spares, for the one it unlinks).  Dead lasts the short window
 * of a release, which runs with interrupts off, so a map that has to
 * wait for it (sysmmu_lv2_wait()) waits for another CPU, briefly.
 */
#define SYSMMU_USED_DEAD	(INT_MIN / 2)
static int sysmmu_used_dead __read_mostly = SYSMMU_USED_DEAD;

/*
 * Unlink and free the table of section @idx, whose count is @from: 0
 * (it fell to 0), or the references and entries the caller drops with
 * it.  Returns false, doing nothing, when the count is something else.
 */
static bool sysmmu_lv2_release(struct sysmmu_pgtable *pt, unsigned int idx,
			       int from)
{
	atomic_t *used = &pt->lv2_used[idx];
	/* Not a constant: arm64's cmpxchg() casts its value to every size. */
	int dead = READ_ONCE(sysmmu_used_dead);
	sysmmu_pte_t *lv2 = NULL;
	unsigned long flags;
	u32 raw;

	local_irq_save(flags);
	/* Raised again (a new reference or link) since it fell: not ours. */
	if (atomic_cmpxchg(used, from, dead) != from) {
		local_irq_restore(flags);
		return false;
	}
	raw = sysmmu_get_pte(pt->lv1, idx);
	/*
	 * Odd from before the unlink (whose cmpxchg orders it) to after it:
	 * an unmap reading the section's table without a reference sees the
	 * release under way, or that the count moved (only the claimer
	 * writes it).
	 */
	WRITE_ONCE(pt->lv2_gen[idx], pt->lv2_gen[idx] + 1);
	/*
	 * Unlink the empty table, and drop the cached link, before it is
	 * reused or freed: a walker must never read a table that is not
	 * this section's.  (Nothing links anything here while the count is
	 * dead: a linker raises the count first.)
	 */
	if (sysmmu_lv1_to_lv2(pt, raw) && sysmmu_xchg_lv1(pt, idx, raw, pt->lv1_empty))
		lv2 = sysmmu_lv1_to_lv2(pt, raw);
	/* Even again, after the unlink (the cmpxchg above is fully ordered). */
	WRITE_ONCE(pt->lv2_gen[idx], pt->lv2_gen[idx] + 1);
	/* Back to 0, plus whatever was added (and will be taken back) meanwhile. */
	atomic_sub(SYSMMU_USED_DEAD, used);
	local_irq_restore(flags);
	if (lv2 && !sysmmu_spare_give(pt, lv2))
		sysmmu_lv2_free(pt, lv2);
	return true;
}

/*
 * Drop @n references (or entries) of the table at @idx.  The last ones
 * out claim the section for its release with the same atomic that drops
 * them (one atomic less per emptied section); the others drop theirs,
 * and release the section if the count fell to 0 meanwhile.
 */
static void sysmmu_lv2_put(struct sysmmu_pgtable *pt, unsigned int idx, int n)
{
	if (!n)
		return;
	if (atomic_read(&pt->lv2_used[idx]) == n && sysmmu_lv2_release(pt, idx, n))
		return;
	if (!atomic_sub_return(n, &pt->lv2_used[idx]))
		sysmmu_lv2_release(pt, idx, 0);
}

/*
 * @n references on the table linked at @idx, which was seen as @raw: the
 * table, or NULL when there is none or it is empty (count 0) or being
 * released.
 */
static sysmmu_pte_t *sysmmu_lv2_tryget_raw(struct sysmmu_pgtable *pt,
					   unsigned int idx, u32 raw, int n)
{
	sysmmu_pte_t *lv2 = sysmmu_lv1_to_lv2(pt, raw);
	atomic_t *used = &pt->lv2_used[idx];
	int old;

	if (!lv2)
		return NULL;
	old = atomic_fetch_add_unless(used, n, 0);
	if (!old)
		return NULL;
	/*
	 * The atomic that took the references is fully ordered: if the
	 * count was live and the link is still @raw, it is the table they
	 * hold.  Otherwise give them back.
	 */
	if (old < 0 || sysmmu_get_pte(pt->lv1, idx) != raw) {
		sysmmu_lv2_put(pt, idx, n);
		return NULL;
	}
	return lv2;
}

/* The same, reading the link itself. */
static sysmmu_pte_t *sysmmu_lv2_tryget(struct sysmmu_pgtable *pt,
				       unsigned int idx, int n)
{
	return sysmmu_lv2_tryget_raw(pt, idx, sysmmu_get_pte(pt->lv1, idx), n);
}

/* The section's table is being released on another CPU: let it finish. */
static void sysmmu_lv2_wait(struct sysmmu_pgtable *pt, unsigned int idx)
{
	while (atomic_read(&pt->lv2_used[idx]) < 0)
		cpu_relax();
}

/*
 * @n references on the table at @idx, linking a spare or new one into an
 * empty section: the slow path of map, kept out of line.  Returns the
 * table, ERR_PTR(-EEXIST) for a section, ERR_PTR(-ENOMEM).
 */
static noinline sysmmu_pte_t *sysmmu_lv2_get_slow(struct sysmmu_pgtable *pt,
						  unsigned int idx, int n,
						  gfp_t gfp)
{
	sysmmu_pte_t *lv2, *spare = NULL;
	u32 raw;

	for (;;) {
		lv2 = sysmmu_lv2_tryget(pt, idx, n);
		if (lv2)
			break;
		raw = sysmmu_get_pte(pt->lv1, idx);
		if (sysmmu_lv1_is_sect(raw)) {
			lv2 = ERR_PTR(-EEXIST);
			break;
		}
		if (raw != pt->lv1_empty) {
			/*
			 * Linked but empty: release it ourselves (whoever
			 * emptied it may be slow to), or let the release under
			 * way on another CPU finish.
			 */
			if (atomic_read(&pt->lv2_used[idx]) < 0)
				sysmmu_lv2_wait(pt, idx);
			else
				sysmmu_lv2_release(pt, idx, 0);
			continue;
		}
		if (!spare)
			spare = sysmmu_spare_take(pt);
		if (!spare)
			spare = sysmmu_lv2_alloc(pt, gfp);
		if (!spare) {
			lv2 = ERR_PTR(-ENOMEM);
			break;
		}
		/*
		 * Raised first: a linked table's count covers what is to come.
		 * Never link while a release holds the section (count dead): it
		 * could take the new table for the one it unlinks.
		 */
		if (atomic_fetch_add(n, &pt->lv2_used[idx]) < 0) {
			sysmmu_lv2_put(pt, idx, n);
			sysmmu_lv2_wait(pt, idx);
			continue;
		}
		if (sysmmu_xchg_lv1(pt, idx, raw,
				    sysmmu_mk_lv2_link(pt->fmt, virt_to_phys(spare)))) {
			lv2 = spare;
			spare = NULL;
			break;
		}
		/* Someone else linked one (or mapped a section): use theirs. */
		sysmmu_lv2_put(pt, idx, n);
	}
	if (spare && !sysmmu_spare_give(pt, spare))
		sysmmu_lv2_free(pt, spare);
	return lv2;
}

/* log2 of @pgsize, one of the three page sizes. */
static unsigned int sysmmu_pg_order(size_t pgsize)
{
	return pgsize == SYSMMU_SPAGE_SIZE ? SYSMMU_SPAGE_ORDER :
	       pgsize == SYSMMU_LPAGE_SIZE ? SYSMMU_LPAGE_ORDER : SYSMMU_SECT_ORDER;
}

/*
 * Pages of @pgsize from @iova to the end of its section: a shift, not a
 * division (which costs a helper call per map and unmap under QEMU's
 * TCG).
 */
static unsigned int sysmmu_pages_left(unsigned long iova, size_t pgsize)
{
	return (SYSMMU_SECT_SIZE - (iova & (SYSMMU_SECT_SIZE - 1))) >>
	       sysmmu_pg_order(pgsize);
}

/*
 * Map @count pages of @pgsize (4 KiB or 64 KiB), all inside one section,
 * @tmpl being their entry with a zero address.  Returns 0, -EEXIST or
 * -ENOMEM; *@mapped counts what was mapped.
 */
static int sysmmu_map_lv2(struct sysmmu_pgtable *pt, unsigned long iova,
			  phys_addr_t pa, size_t pgsize, unsigned int count,
			  u32 tmpl, gfp_t gfp, size_t *mapped)
{
	const struct sysmmu_pt_fmt *fmt = pt->fmt;
	unsigned int idx = sysmmu_lv1_idx(iova);
	/* lv2 entries per page: 1 << order */
	unsigned int order = sysmmu_pg_order(pgsize) - SYSMMU_SPAGE_ORDER;
	unsigned int first = sysmmu_lv2_idx(iova);
	unsigned int end = first + (count << order);
	unsigned int done, i;
	sysmmu_pte_t *lv2;

	lv2 = sysmmu_lv2_tryget(pt, idx, count << order);
	if (!lv2)
		lv2 = sysmmu_lv2_get_slow(pt, idx, count << order, gfp);
	if (IS_ERR(lv2))
		return PTR_ERR(lv2);
	/* Over faults only: the pages before the first entry in use. */
	for (i = first; i < end; i++)
		if (FIELD_GET(SYSMMU_PTE_TYPE, sysmmu_get_pte(lv2, i)) !=
		    SYSMMU_LV2_FAULT)
			break;
	done = (i - first) >> order;
	if (done)
		sysmmu_set_ptes(pt, lv2, first, done << order,
				tmpl | sysmmu_pa_field(fmt, pa, order ? SYSMMU_LPAGE_PA :
								      SYSMMU_SPAGE_PA),
				order, pgsize >> fmt->pte_shift);
	*mapped += (size_t)done * pgsize;
	/* The references taken for pages not mapped. */
	sysmmu_lv2_put(pt, idx, (count - done) << order);
	return done < count ? -EEXIST : 0;
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
 * stay mapped (and counted in @mapped) for the caller to unmap.  Callers
 * may map and unmap disjoint ranges concurrently; nothing takes a lock
 * (interrupts go off only while a table is unlinked).
 *
 * Context: any, as @gfp allows.
 * Return: 0, -EINVAL for a bad size, alignment, range or @prot, -EEXIST
 * on overlap, -ENOMEM.
 */
int sysmmu_map_pages(struct sysmmu_pgtable *pt, unsigned long iova,
		     phys_addr_t paddr, size_t pgsize, size_t pgcount, int prot,
		     gfp_t gfp, size_t *mapped)
{
	const struct sysmmu_pt_fmt *fmt = pt->fmt;
	size_t count, done = 0, bytes = 0;
	u32 tmpl;
	int ret = 0;

	if ((pgsize != SZ_4K && pgsize != SZ_64K && pgsize != SZ_1M) ||
	    !pgcount || !IS_ALIGNED(iova, pgsize) || !IS_ALIGNED(paddr, pgsize) ||
	    !(prot & (IOMMU_READ | IOMMU_WRITE)))
		return -EINVAL;
	if ((u64)iova + (u64)pgsize * pgcount > SYSMMU_IOVA_SPACE ||
	    (u64)paddr + (u64)pgsize * pgcount - 1 > DMA_BIT_MASK(fmt->pa_bits))
		return -EINVAL;

	/* The entry with a zero address: ORed with each page's address. */
	prot &= IOMMU_READ | IOMMU_WRITE;
	if (pgsize == SYSMMU_SECT_SIZE) {
		tmpl = pt->tmpl[SYSMMU_TMPL_SECT][prot];
		for (; done < pgcount; done++, iova += pgsize, paddr += pgsize)
			/* Over a fault entry only: anything else is a mapping. */
			if (!sysmmu_xchg_lv1(pt, sysmmu_lv1_idx(iova), pt->lv1_empty,
					     tmpl | sysmmu_pa_field(fmt, paddr,
								    SYSMMU_SECT_PA))) {
				ret = -EEXIST;
				break;
			}
		*mapped += done * pgsize;
		return ret;
	}

	tmpl = pt->tmpl[pgsize == SYSMMU_SPAGE_SIZE ? SYSMMU_TMPL_SPAGE :
						     SYSMMU_TMPL_LPAGE][prot];
	while (pgcount && !ret) {
		/* The pages of this call inside this section. */
		count = min_t(size_t, pgcount, sysmmu_pages_left(iova, pgsize));
		ret = sysmmu_map_lv2(pt, iova, paddr, pgsize, count, tmpl, gfp,
				     &bytes);
		iova += count * pgsize;
		paddr += count * pgsize;
		pgcount -= count;
	}
	*mapped += bytes;
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_map_pages);

/*
 * Unmap up to @count pages of @pgsize inside the section at @iova, whose
 * lv1 entry was seen as @raw, not a section mapping: stops at a page with nothing mapped or at a
 * large page that @pgsize would split.  Returns the bytes unmapped, with
 * the TLBs invalidated.
 */
static size_t sysmmu_unmap_lv2(struct sysmmu_pgtable *pt, unsigned long iova,
			       u32 raw, size_t pgsize, unsigned int count)
{
	unsigned int idx = sysmmu_lv1_idx(iova);
	/* lv2 entries per page (a 1 MiB page: the whole table): 1 << order */
	unsigned int order = sysmmu_pg_order(pgsize) - SYSMMU_SPAGE_ORDER;
	unsigned int first = sysmmu_lv2_idx(iova);
	unsigned int cleared = 0, page, i, end, c;
	sysmmu_pte_t *lv2 = sysmmu_lv1_to_lv2(pt, raw);
	int ref = 0;
	u32 gen;

	if (!lv2)
		return 0;
	/*
	 * The caller's own entries keep the table linked (the count covers
	 * them): when its first page is mapped, no reference is needed.
	 * Whether it is can be read without one.  lv2 tables are
	 * SLAB_TYPESAFE_BY_RCU, so with preemption off a table is still an
	 * lv2 table when read, even one released and freed meanwhile.  If
	 * no release of the section was under way or ran (its sequence
	 * count was even and did not move) and the link was @raw before and
	 * after, the entry read is in this section's table, and a mapped
	 * one is the caller's: nobody maps into a range while its owner
	 * unmaps it.  Otherwise one reference keeps the table while its
	 * entries are cleared (no table, or an empty one: nothing mapped).
	 */
	c = SYSMMU_LV2_FAULT;
	preempt_disable();
	gen = READ_ONCE(pt->lv2_gen[idx]);
	smp_rmb();	/* the count before the link and the entry */
	if (!(gen & 1) && sysmmu_get_pte(pt->lv1, idx) == raw) {
		c = FIELD_GET(SYSMMU_PTE_TYPE, sysmmu_get_pte(lv2, first));
		smp_rmb();	/* the entry before the link again */
		if (sysmmu_get_pte(pt->lv1, idx) != raw)
			c = SYSMMU_LV2_FAULT;
		smp_rmb();	/* a link changed by a release before its count */
		if (READ_ONCE(pt->lv2_gen[idx]) != gen)
			c = SYSMMU_LV2_FAULT;
	}
	preempt_enable();
	if (c == SYSMMU_LV2_FAULT) {
		lv2 = sysmmu_lv2_tryget_raw(pt, idx, raw, 1);
		if (!lv2)
			return 0;
		ref = 1;
	}
	for (page = 0, i = first; page < count; page++) {
		/* A large page may only go whole: its copies all lie in range. */
		if (order < SYSMMU_LPAGE_ORDER - SYSMMU_SPAGE_ORDER &&
		    FIELD_GET(SYSMMU_PTE_TYPE, sysmmu_get_pte(lv2, i)) ==
		    SYSMMU_LV2_LPAGE)
			break;
		for (end = i + (1U << order), c = 0; i < end; i++)
			c += FIELD_GET(SYSMMU_PTE_TYPE, sysmmu_get_pte(lv2, i)) !=
			     SYSMMU_LV2_FAULT;
		if (!c)
			break;
		cleared += c;
	}
	/*
	 * One run of fault entries over the pages found (entries that were
	 * faults already stay faults), then, before the table can go, one
	 * invalidation: no walker may still use what was cleared.
	 */
	if (page) {
		sysmmu_set_ptes(pt, lv2, first, page << order,
				FIELD_PREP(SYSMMU_PTE_TYPE, SYSMMU_LV2_FAULT), 0, 0);
		pt->flush->inv_range(pt->cookie, iova, (size_t)page * pgsize);
	}
	sysmmu_lv2_put(pt, idx, cleared + ref);
	return (size_t)page * pgsize;
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
	size_t done = 0, one, want;
	unsigned long sect_start = 0;
	size_t sect_len = 0;
	unsigned int idx, count;
	u32 raw;

	if ((pgsize != SZ_4K && pgsize != SZ_64K && pgsize != SZ_1M) ||
	    !IS_ALIGNED(iova, pgsize) ||
	    (u64)iova + (u64)pgsize * pgcount > SYSMMU_IOVA_SPACE)
		return 0;

	while (pgcount) {
		idx = sysmmu_lv1_idx(iova);
		raw = sysmmu_get_pte(pt->lv1, idx);
		if (sysmmu_lv1_is_sect(raw)) {
			if (pgsize != SYSMMU_SECT_SIZE ||
			    !sysmmu_xchg_lv1(pt, idx, raw, pt->lv1_empty))
				break;
			/* Sections free no table: one invalidation for the run. */
			if (sect_len && sect_start + sect_len != iova) {
				pt->flush->inv_range(pt->cookie, sect_start, sect_len);
				sect_len = 0;
			}
			if (!sect_len)
				sect_start = iova;
			sect_len += SYSMMU_SECT_SIZE;
			one = SYSMMU_SECT_SIZE;
			count = 1;
		} else {
			count = min_t(size_t, pgcount, sysmmu_pages_left(iova, pgsize));
			want = (size_t)count * pgsize;
			one = sysmmu_unmap_lv2(pt, iova, raw, pgsize, count);
			done += one;
			if (one < want)
				break;
			iova += one;
			pgcount -= count;
			continue;
		}
		done += one;
		iova += one;
		pgcount -= count;
	}
	if (sect_len)
		pt->flush->inv_range(pt->cookie, sect_start, sect_len);
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
	unsigned int idx = sysmmu_lv1_idx(iova);
	struct sysmmu_ent ent;
	sysmmu_pte_t *lv2;
	phys_addr_t pa = 0;
	u32 raw;

	if ((u64)iova >= SYSMMU_IOVA_SPACE)
		return 0;
	raw = sysmmu_get_pte(pt->lv1, idx);
	if (sysmmu_lv1_is_sect(raw)) {
		sysmmu_decode_lv1(pt->fmt, raw, &ent);
		return ent.pa + (iova & (SYSMMU_SECT_SIZE - 1));
	}
	/* A reference keeps the table from going while it is read. */
	lv2 = sysmmu_lv2_tryget(pt, idx, 1);
	if (!lv2)
		return 0;
	sysmmu_decode_lv2(pt->fmt, sysmmu_get_pte(lv2, sysmmu_lv2_idx(iova)), &ent);
	if (ent.type == SYSMMU_ENT_LPAGE)
		pa = ent.pa + (iova & (SYSMMU_LPAGE_SIZE - 1));
	else if (ent.type == SYSMMU_ENT_SPAGE)
		pa = ent.pa + (iova & (SYSMMU_SPAGE_SIZE - 1));
	sysmmu_lv2_put(pt, idx, 1);
	return pa;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_iova_to_phys);

/**
 * sysmmu_pgtable_lv2_count() - number of lv2 tables linked
 * @pt: the table
 *
 * Context: any; a snapshot only while nothing maps or unmaps.
 * Return: lv2 tables in use, the shared zero table not counted.
 */
unsigned int sysmmu_pgtable_lv2_count(struct sysmmu_pgtable *pt)
{
	struct sysmmu_ent ent;
	unsigned int i, n = 0;

	for (i = 0; i < SYSMMU_LV1_ENTRIES; i++) {
		sysmmu_lv1_get(pt, i, &ent);
		n += ent.type == SYSMMU_ENT_LV2;
	}
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
 * Context: any; holds a reference on the lv2 table while reading it.
 */
void sysmmu_pgtable_entries(struct sysmmu_pgtable *pt, unsigned long iova,
			    u32 *lv1, u32 *lv2)
{
	unsigned int idx = sysmmu_lv1_idx(iova);
	sysmmu_pte_t *table;

	*lv1 = sysmmu_get_pte(pt->lv1, idx);
	*lv2 = 0;
	table = sysmmu_lv2_tryget(pt, idx, 1);
	if (!table)
		return;
	*lv2 = sysmmu_get_pte(table, sysmmu_lv2_idx(iova));
	sysmmu_lv2_put(pt, idx, 1);
}

int sysmmu_pgtable_init(void)
{
	/* Unmap reads a table it holds no reference on: see sysmmu_unmap_lv2(). */
	slab_flags_t flags = SLAB_TYPESAFE_BY_RCU;

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

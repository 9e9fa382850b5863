/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Exynos SYSMMU page-table format, as a self-contained part: encoding
 * and decoding of entries per hardware version, and a two-level table
 * with map, unmap and translate.  TLB maintenance is the caller's, through
 * struct sysmmu_pt_flush_ops.  Internal to exynos_sysmmu.ko.
 */
#ifndef DMASHARE_EXYNOS_SYSMMU_PGTABLE_H
#define DMASHARE_EXYNOS_SYSMMU_PGTABLE_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/sizes.h>
#include <linux/types.h>

/* Orders of the three page sizes; IOVAs are 32 bits wide. */
#define SYSMMU_SECT_ORDER	20
#define SYSMMU_LPAGE_ORDER	16
#define SYSMMU_SPAGE_ORDER	12
#define SYSMMU_SECT_SIZE	SZ_1M
#define SYSMMU_LPAGE_SIZE	SZ_64K
#define SYSMMU_SPAGE_SIZE	SZ_4K
#define SYSMMU_PGSIZES		(SZ_1M | SZ_64K | SZ_4K)
#define SYSMMU_IOVA_SPACE	BIT_ULL(32)

#define SYSMMU_LV1_ENTRIES	4096
#define SYSMMU_LV2_ENTRIES	256
/*
 * Emptied lv2 tables kept for reuse, at most: 256 KiB, the tables of
 * 256 MiB mapped with small pages (mainline's exynos-iommu and io-pgtable
 * keep every table until the domain goes).
 */
#define SYSMMU_SPARE_MAX	256
#define SYSMMU_LV1_SIZE		(SYSMMU_LV1_ENTRIES * sizeof(sysmmu_pte_t))
#define SYSMMU_LV2_SIZE		(SYSMMU_LV2_ENTRIES * sizeof(sysmmu_pte_t))
#define SYSMMU_SPAGES_PER_LPAGE	(SYSMMU_LPAGE_SIZE / SYSMMU_SPAGE_SIZE)

/* Entry kinds of struct sysmmu_pgtable's @tmpl. */
#define SYSMMU_TMPL_SECT	0
#define SYSMMU_TMPL_LPAGE	1
#define SYSMMU_TMPL_SPAGE	2

/* IOVA fields: which lv1 and lv2 entry translate an address. */
#define SYSMMU_IOVA_LV1_IDX	GENMASK(31, 20)
#define SYSMMU_IOVA_LV2_IDX	GENMASK(19, 12)

/*
 * An entry as stored in memory: 32 bits, little-endian, read by the SYSMMU's
 * table walker.  Decoded values are plain u32.
 */
typedef __le32 sysmmu_pte_t;

/* Both levels: the entry type in bits 1:0. */
#define SYSMMU_PTE_TYPE		GENMASK(1, 0)
/* lv1 types */
#define  SYSMMU_LV1_FAULT	0
#define  SYSMMU_LV1_LV2		1	/* link to an lv2 table */
#define  SYSMMU_LV1_SECT	2	/* 1 MiB section */
#define  SYSMMU_LV1_RESERVED	3	/* faults */
/* lv2 types; bit 0 of a small page is don't-care */
#define  SYSMMU_LV2_FAULT	0
#define  SYSMMU_LV2_LPAGE	1	/* one of 16 copies of a 64 KiB page */
#define  SYSMMU_LV2_SPAGE	2	/* 4 KiB page (3 also decodes as one) */

/*
 * Addresses are stored as (PA & mask) >> pte_shift: pte_shift is 0 up to
 * v3 (32-bit PA) and 4 from v5 (36-bit PA).  The masks are on the PA side.
 */
#define SYSMMU_SECT_PA		GENMASK_ULL(35, 20)
#define SYSMMU_LV2_TABLE_PA	GENMASK_ULL(35, 10)
#define SYSMMU_LPAGE_PA		GENMASK_ULL(35, 16)
#define SYSMMU_SPAGE_PA		GENMASK_ULL(35, 12)

/* v1-v3 protection: ARM-style AP0 (access allowed) and APX (read only). */
#define SYSMMU_V1_SECT_AP0	BIT(10)
#define SYSMMU_V1_SECT_APX	BIT(15)
#define SYSMMU_V1_PAGE_AP0	BIT(4)
#define SYSMMU_V1_PAGE_APX	BIT(9)
/* v5+ protection, one field per level */
#define SYSMMU_V5_SECT_PROT	GENMASK(5, 4)
#define SYSMMU_V5_PAGE_PROT	GENMASK(3, 2)
#define  SYSMMU_V5_PROT_NONE	0
#define  SYSMMU_V5_PROT_READ	1
#define  SYSMMU_V5_PROT_WRITE	2
#define  SYSMMU_V5_PROT_RW	3

/**
 * struct sysmmu_pt_fmt - what differs in the table format between versions
 * @name:	for messages
 * @pte_shift:	PA bits dropped when an address is stored (0 or 4)
 * @pa_bits:	physical address width (32 or 36)
 * @zero_lv2:	the first-level descriptor cache (v3.3+) also caches fault
 *		entries: unmapped sections link a shared zeroed lv2 table
 *		instead, and a changed lv1 entry needs flush_ops->inv_lv1()
 * @prot_enc:	protection bits of a section (@sect) or an lv2 page for
 *		IOMMU_READ/IOMMU_WRITE @prot
 * @prot_dec:	the IOMMU_READ/IOMMU_WRITE that @val's protection bits grant
 */
struct sysmmu_pt_fmt {
	const char *name;
	unsigned int pte_shift;
	unsigned int pa_bits;
	bool zero_lv2;
	u32 (*prot_enc)(bool sect, int prot);
	int (*prot_dec)(bool sect, u32 val);
};

extern const struct sysmmu_pt_fmt sysmmu_fmt_v1;	/* v1.0 - v3.2 */
extern const struct sysmmu_pt_fmt sysmmu_fmt_v33;	/* v3.3 */
extern const struct sysmmu_pt_fmt sysmmu_fmt_v5;	/* v5, v7 */

/* A decoded entry. */
enum sysmmu_ent_type {
	SYSMMU_ENT_FAULT,
	SYSMMU_ENT_LV2,
	SYSMMU_ENT_SECT,
	SYSMMU_ENT_LPAGE,
	SYSMMU_ENT_SPAGE,
};

/**
 * struct sysmmu_ent - an entry decoded
 * @type:	what the entry is
 * @pa:		address it maps (page or section), or of its lv2 table
 * @prot:	IOMMU_READ/IOMMU_WRITE it grants (0 for links and faults)
 */
struct sysmmu_ent {
	enum sysmmu_ent_type type;
	phys_addr_t pa;
	int prot;
};

u32 sysmmu_mk_sect(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa, int prot);
u32 sysmmu_mk_lv2_link(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa);
u32 sysmmu_mk_lpage(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa, int prot);
u32 sysmmu_mk_spage(const struct sysmmu_pt_fmt *fmt, phys_addr_t pa, int prot);
void sysmmu_decode_lv1(const struct sysmmu_pt_fmt *fmt, u32 val,
		       struct sysmmu_ent *ent);
void sysmmu_decode_lv2(const struct sysmmu_pt_fmt *fmt, u32 val,
		       struct sysmmu_ent *ent);

/**
 * struct sysmmu_pt_flush_ops - TLB maintenance a table change needs
 * @inv_range:	translations of [@iova, @iova + @size) changed from valid to
 *		something else: drop them from every TLB walking this table
 * @inv_lv1:	the lv1 entry translating @iova changed in a way the first-
 *		level descriptor cache must see (formats with @zero_lv2)
 *
 * Both are called after the entries are written, from any context map
 * and unmap are called from (inv_lv1 also with interrupts off), and must
 * have taken effect when they return: the table relies on it before it
 * frees or reuses an lv2 table.  They must not sleep.
 */
struct sysmmu_pt_flush_ops {
	void (*inv_range)(void *cookie, u32 iova, size_t size);
	void (*inv_lv1)(void *cookie, u32 iova);
};

/**
 * struct sysmmu_pgtable - one I/O address space
 * @fmt:	its format
 * @lv1:	the first-level table, 16 KiB, 16 KiB aligned
 * @lv2_used:	per lv1 entry: valid entries in its lv2 table (a large page
 *		counts 16) plus references held by map, unmap and lookups at
 *		work in it; the table is unlinked and freed when this drops
 *		to 0 (see sysmmu_lv2_release()); no lock: see pgtable.c
 * @tmpl:	per entry kind (section, large page, small page) and
 *		IOMMU_READ | IOMMU_WRITE combination: the entry with a zero
 *		address, encoded once here rather than on every map
 * @lv2_gen:	per lv1 entry: a sequence count, odd while a release of the
 *		section (which holds it alone) unlinks its table: unmap reads
 *		an entry without a reference only if it was even and did not
 *		move (see sysmmu_unmap_lv2())
 * @lv1_empty:	the lv1 entry of an empty section: a fault, or the link to
 *		@zero_lv2
 * @zero_lv2:	the shared zeroed lv2 table (@fmt->zero_lv2), or NULL
 * @spare_lv2:	SYSMMU_SPARE_MAX slots of emptied, unlinked (and flushed)
 *		lv2 tables kept for the next sections that need one: a table
 *		is freed when its section empties unless a slot takes it
 * @spare_hint:	where the filled slots end, as last seen: a hint only
 *		(see sysmmu_spare_take())
 * @flush:	TLB maintenance, with @cookie
 * @cookie:	passed to @flush
 * @dma_dev:	for page-table walkers that are not cache coherent: the
 *		tables are kept mapped for it and every entry write is synced;
 *		NULL when the walker sees the CPU's writes (model, coherent)
 */
struct sysmmu_pgtable {
	const struct sysmmu_pt_fmt *fmt;
	sysmmu_pte_t *lv1;
	atomic_t *lv2_used;
	u32 tmpl[3][4];
	u32 *lv2_gen;
	u32 lv1_empty;
	sysmmu_pte_t *zero_lv2;
	sysmmu_pte_t **spare_lv2;
	unsigned int spare_hint;
	const struct sysmmu_pt_flush_ops *flush;
	void *cookie;
	struct device *dma_dev;
};

struct sysmmu_pgtable *sysmmu_pgtable_alloc(const struct sysmmu_pt_fmt *fmt,
					    const struct sysmmu_pt_flush_ops *flush,
					    void *cookie, struct device *dma_dev);
void sysmmu_pgtable_free(struct sysmmu_pgtable *pt);
phys_addr_t sysmmu_pgtable_base(struct sysmmu_pgtable *pt);
int sysmmu_map_pages(struct sysmmu_pgtable *pt, unsigned long iova,
		     phys_addr_t paddr, size_t pgsize, size_t pgcount,
		     int prot, gfp_t gfp, size_t *mapped);
size_t sysmmu_unmap_pages(struct sysmmu_pgtable *pt, unsigned long iova,
			  size_t pgsize, size_t pgcount);
phys_addr_t sysmmu_iova_to_phys(struct sysmmu_pgtable *pt, unsigned long iova);
unsigned int sysmmu_pgtable_lv2_count(struct sysmmu_pgtable *pt);
u32 sysmmu_pgtable_lv1_raw(struct sysmmu_pgtable *pt, unsigned long iova);
u32 sysmmu_pgtable_lv2_raw(struct sysmmu_pgtable *pt, unsigned long iova);
void sysmmu_pgtable_entries(struct sysmmu_pgtable *pt, unsigned long iova,
			    u32 *lv1, u32 *lv2);

int sysmmu_pgtable_init(void);
void sysmmu_pgtable_exit(void);

#endif /* DMASHARE_EXYNOS_SYSMMU_PGTABLE_H */

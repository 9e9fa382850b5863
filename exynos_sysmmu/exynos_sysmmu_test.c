// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of exynos_sysmmu:
 *   exynos_sysmmu_pte     - entry encoding and decoding, per version
 *   exynos_sysmmu_pgtable - map, unmap, translate, lv2 lifetime, the TLB
 *                           maintenance every change asks for, and a random
 *                           sequence checked against a reference model
 *   exynos_sysmmu_model   - the driver's hardware layer on the model, per
 *                           version: device DMA through scattered pages,
 *                           sections and large pages, stale TLB entries
 *                           (and that the model catches a skipped flush),
 *                           the v3.3+ descriptor-cache workaround, faults
 *                           reported through the interrupt path, multi-hit
 *                           after a skipped flush, flushes
 *                           only ever issued blocked
 *
 * Every pgtable case runs for each table format (v1, v3.3, v5).  The
 * flush callbacks are a recording fake: each case checks that every entry
 * that stopped being valid was invalidated before map/unmap returned.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/dma-direction.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/iommu.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pgtable.h"
#include "sysmmu.h"

static unsigned int seed;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "seed of the random map/unmap case (default 0: pick one and log it)");

/* A hardware version, standing for the table format it uses. */
struct sysmmu_test_ver {
	u8 major;
	u8 minor;
};

static const struct sysmmu_pt_fmt *sysmmu_test_ver_fmt(const struct sysmmu_test_ver *v)
{
	return sysmmu_variant_find(SYSMMU_MKVER(v->major, v->minor))->fmt;
}

/* One per table format: v1 (v1.0-v3.2), v3.3, v5 (v5, v7). */
static const struct sysmmu_test_ver sysmmu_test_fmts[] = {
	{ 3, 1 }, { 3, 3 }, { 5, 0 },
};

static void sysmmu_test_fmt_desc(const struct sysmmu_test_ver *v, char *desc)
{
	strscpy(desc, sysmmu_test_ver_fmt(v)->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sysmmu_test_fmt, sysmmu_test_fmts, sysmmu_test_fmt_desc);

/* ---- exynos_sysmmu_pte ---- */

struct sysmmu_pte_case {
	const char *name;
	struct sysmmu_test_ver ver;
	enum sysmmu_ent_type type;
	phys_addr_t pa;
	int prot;
	u32 raw;	/* the entry the hardware manual gives */
	int prot_back;	/* what decoding gives back */
};

#define RW (IOMMU_READ | IOMMU_WRITE)

static const struct sysmmu_pte_case sysmmu_pte_cases[] = {
	{ "v1 section rw", { 3, 1 }, SYSMMU_ENT_SECT, 0x40100000, RW,
	  0x40100402, RW },
	{ "v1 section ro", { 3, 1 }, SYSMMU_ENT_SECT, 0xfff00000, IOMMU_READ,
	  0xfff08402, IOMMU_READ },
	{ "v1 section wo is rw", { 3, 1 }, SYSMMU_ENT_SECT, 0x00000000,
	  IOMMU_WRITE, 0x00000402, RW },
	{ "v1 lv2 link", { 3, 1 }, SYSMMU_ENT_LV2, 0x5a5a5c00, 0,
	  0x5a5a5c01, 0 },
	{ "v1 large page rw", { 3, 1 }, SYSMMU_ENT_LPAGE, 0x12340000, RW,
	  0x12340011, RW },
	{ "v1 large page ro", { 3, 1 }, SYSMMU_ENT_LPAGE, 0x12340000,
	  IOMMU_READ, 0x12340211, IOMMU_READ },
	{ "v1 small page rw", { 3, 1 }, SYSMMU_ENT_SPAGE, 0xabcde000, RW,
	  0xabcde012, RW },
	{ "v1 small page ro", { 3, 1 }, SYSMMU_ENT_SPAGE, 0xabcde000,
	  IOMMU_READ, 0xabcde212, IOMMU_READ },
	{ "v3.3 section rw", { 3, 3 }, SYSMMU_ENT_SECT, 0x40100000, RW,
	  0x40100402, RW },
	{ "v3.3 small page ro", { 3, 3 }, SYSMMU_ENT_SPAGE, 0xabcde000,
	  IOMMU_READ, 0xabcde212, IOMMU_READ },
	{ "v5 section rw, 36-bit", { 5, 0 }, SYSMMU_ENT_SECT, 0x840100000ULL,
	  RW, 0x84010032, RW },
	{ "v5 section ro", { 5, 0 }, SYSMMU_ENT_SECT, 0x40100000,
	  IOMMU_READ, 0x04010012, IOMMU_READ },
	{ "v5 section wo", { 5, 0 }, SYSMMU_ENT_SECT, 0x40100000,
	  IOMMU_WRITE, 0x04010022, IOMMU_WRITE },
	{ "v5 lv2 link, 36-bit", { 5, 0 }, SYSMMU_ENT_LV2, 0xf5a5a5c00ULL, 0,
	  0xf5a5a5c1, 0 },
	{ "v5 large page rw, 36-bit", { 5, 0 }, SYSMMU_ENT_LPAGE,
	  0xf12340000ULL, RW, 0xf123400d, RW },
	{ "v5 large page wo", { 5, 0 }, SYSMMU_ENT_LPAGE, 0x12340000,
	  IOMMU_WRITE, 0x01234009, IOMMU_WRITE },
	{ "v5 small page rw, 36-bit", { 5, 0 }, SYSMMU_ENT_SPAGE,
	  0xfabcde000ULL, RW, 0xfabcde0e, RW },
	{ "v5 small page ro", { 5, 0 }, SYSMMU_ENT_SPAGE, 0xabcde000,
	  IOMMU_READ, 0x0abcde06, IOMMU_READ },
};

static void sysmmu_pte_case_desc(const struct sysmmu_pte_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sysmmu_pte, sysmmu_pte_cases, sysmmu_pte_case_desc);

static void sysmmu_pte_test(struct kunit *test)
{
	const struct sysmmu_pte_case *c = test->param_value;
	const struct sysmmu_pt_fmt *fmt = sysmmu_test_ver_fmt(&c->ver);
	struct sysmmu_ent ent;
	u32 raw = 0;

	switch (c->type) {
	case SYSMMU_ENT_SECT:
		raw = sysmmu_mk_sect(fmt, c->pa, c->prot);
		sysmmu_decode_lv1(fmt, raw, &ent);
		break;
	case SYSMMU_ENT_LV2:
		raw = sysmmu_mk_lv2_link(fmt, c->pa);
		sysmmu_decode_lv1(fmt, raw, &ent);
		break;
	case SYSMMU_ENT_LPAGE:
		raw = sysmmu_mk_lpage(fmt, c->pa, c->prot);
		sysmmu_decode_lv2(fmt, raw, &ent);
		break;
	case SYSMMU_ENT_SPAGE:
		raw = sysmmu_mk_spage(fmt, c->pa, c->prot);
		sysmmu_decode_lv2(fmt, raw, &ent);
		break;
	default:
		KUNIT_FAIL(test, "bad case");
		return;
	}
	KUNIT_EXPECT_EQ(test, raw, c->raw);
	KUNIT_EXPECT_EQ(test, ent.type, c->type);
	KUNIT_EXPECT_EQ(test, (u64)ent.pa, (u64)c->pa);
	KUNIT_EXPECT_EQ(test, ent.prot, c->prot_back);
}

/* Faults: type 0 at both levels, and type 3 at lv1; small page also 3. */
static void sysmmu_pte_fault_test(struct kunit *test)
{
	const struct sysmmu_pt_fmt *fmt = sysmmu_test_ver_fmt(test->param_value);
	struct sysmmu_ent ent;

	sysmmu_decode_lv1(fmt, 0, &ent);
	KUNIT_EXPECT_EQ(test, ent.type, SYSMMU_ENT_FAULT);
	sysmmu_decode_lv1(fmt, 0xfffffffc, &ent);
	KUNIT_EXPECT_EQ(test, ent.type, SYSMMU_ENT_FAULT);
	sysmmu_decode_lv1(fmt, 0x12345673, &ent);
	KUNIT_EXPECT_EQ(test, ent.type, SYSMMU_ENT_FAULT);
	sysmmu_decode_lv2(fmt, 0xfffffffc, &ent);
	KUNIT_EXPECT_EQ(test, ent.type, SYSMMU_ENT_FAULT);
	sysmmu_decode_lv2(fmt, 0x12345003, &ent);
	KUNIT_EXPECT_EQ(test, ent.type, SYSMMU_ENT_SPAGE);
	KUNIT_EXPECT_EQ(test, (u64)ent.pa, (u64)0x12345000 << fmt->pte_shift);
}

static struct kunit_case sysmmu_pte_test_cases[] = {
	KUNIT_CASE_PARAM(sysmmu_pte_test, sysmmu_pte_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pte_fault_test, sysmmu_test_fmt_gen_params),
	{}
};

static struct kunit_suite sysmmu_pte_suite = {
	.name = "exynos_sysmmu_pte",
	.test_cases = sysmmu_pte_test_cases,
};

/* ---- exynos_sysmmu_pgtable ---- */

#define SYSMMU_TEST_MAX_EVENTS	1024

/* One call of a flush callback, with the lv1 entry as it was then. */
struct sysmmu_flush_event {
	bool lv1;
	u32 iova;
	size_t size;
	u32 lv1_raw;
};

struct sysmmu_test_ctx {
	struct kunit *test;
	const struct sysmmu_pt_fmt *fmt;
	struct sysmmu_pgtable *pt;
	struct sysmmu_flush_event *ev;
	unsigned int nr_ev;
	bool overflow;
};

static void sysmmu_test_record(struct sysmmu_test_ctx *ctx, bool lv1, u32 iova,
			       size_t size)
{
	struct sysmmu_flush_event *e;

	if (ctx->nr_ev == SYSMMU_TEST_MAX_EVENTS) {
		ctx->overflow = true;
		return;
	}
	e = &ctx->ev[ctx->nr_ev++];
	e->lv1 = lv1;
	e->iova = iova;
	e->size = size;
	/* Called with the lock held: read the entry raw. */
	e->lv1_raw = sysmmu_pgtable_lv1_raw(ctx->pt, iova);
}

static void sysmmu_test_inv_range(void *cookie, u32 iova, size_t size)
{
	sysmmu_test_record(cookie, false, iova, size);
}

static void sysmmu_test_inv_lv1(void *cookie, u32 iova)
{
	sysmmu_test_record(cookie, true, iova, SYSMMU_SECT_SIZE);
}

static const struct sysmmu_pt_flush_ops sysmmu_test_flush_ops = {
	.inv_range = sysmmu_test_inv_range,
	.inv_lv1 = sysmmu_test_inv_lv1,
};

static int sysmmu_pgtable_test_init(struct kunit *test)
{
	struct sysmmu_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->ev = kunit_kcalloc(test, SYSMMU_TEST_MAX_EVENTS, sizeof(*ctx->ev),
				GFP_KERNEL);
	if (!ctx->ev)
		return -ENOMEM;
	ctx->test = test;
	test->priv = ctx;
	return 0;
}

static void sysmmu_pgtable_test_exit(struct kunit *test)
{
	struct sysmmu_test_ctx *ctx = test->priv;

	sysmmu_pgtable_free(ctx->pt);
}

/* The table of this case's format; freed by the exit hook. */
static struct sysmmu_pgtable *sysmmu_test_pt(struct kunit *test)
{
	struct sysmmu_test_ctx *ctx = test->priv;

	ctx->fmt = sysmmu_test_ver_fmt(test->param_value);
	ctx->pt = sysmmu_pgtable_alloc(ctx->fmt, &sysmmu_test_flush_ops, ctx,
				       NULL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->pt);
	return ctx->pt;
}

static int sysmmu_test_map(struct sysmmu_pgtable *pt, unsigned long iova,
			   phys_addr_t pa, size_t pgsize, size_t count)
{
	size_t mapped = 0;
	int ret;

	ret = sysmmu_map_pages(pt, iova, pa, pgsize, count, RW, GFP_KERNEL,
			       &mapped);
	if (!ret && mapped != pgsize * count)
		return -EIO;
	return ret;
}

/*
 * Did an inv_range event after event @from cover [@iova, @iova + @size)?
 * (The events need not be aligned to anything.)
 */
static bool sysmmu_test_flushed(struct sysmmu_test_ctx *ctx, unsigned int from,
				u32 iova, size_t size, bool lv1)
{
	u64 end = (u64)iova + size;
	unsigned int i;

	for (i = from; i < ctx->nr_ev; i++) {
		const struct sysmmu_flush_event *e = &ctx->ev[i];

		if (e->lv1 != lv1)
			continue;
		if (e->iova <= iova && (u64)e->iova + e->size >= end)
			return true;
	}
	return false;
}

static void sysmmu_pgtable_empty_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	u64 iova;

	for (iova = 0; iova < SYSMMU_IOVA_SPACE; iova += SZ_64M + SZ_4K + 42)
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova), 0ULL);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, 0, SZ_4K, 1), 0UL);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, SZ_1G, SZ_1M, 4), 0UL);
	KUNIT_EXPECT_EQ(test, ctx->nr_ev, 0U);
	/* The base register takes it: 16 KiB aligned. */
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(sysmmu_pgtable_base(pt), SZ_16K));
	/* v3.3+: unmapped lv1 entries link the zero table, never fault. */
	if (ctx->fmt->zero_lv2) {
		struct sysmmu_ent ent;

		sysmmu_decode_lv1(ctx->fmt, sysmmu_pgtable_lv1_raw(pt, 0), &ent);
		KUNIT_EXPECT_EQ(test, ent.type, SYSMMU_ENT_LV2);
		KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv1_raw(pt, 0),
				sysmmu_pgtable_lv1_raw(pt, 0xfff00000));
		KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_raw(pt, 0x12345678), 0U);
	} else {
		KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv1_raw(pt, 0), 0U);
	}
}

static const size_t sysmmu_test_sizes[] = { SZ_4K, SZ_64K, SZ_1M };

static void sysmmu_pgtable_sizes_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	unsigned long iova = 0x20000000;
	phys_addr_t pa = 0x40000000;
	unsigned int i, ev;

	for (i = 0; i < ARRAY_SIZE(sysmmu_test_sizes); i++) {
		size_t sz = sysmmu_test_sizes[i];

		KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, iova, pa, sz, 1), 0);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova + 42),
				(u64)pa + 42);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova + sz - 1),
				(u64)pa + sz - 1);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova + sz), 0ULL);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova - 1), 0ULL);

		ev = ctx->nr_ev;
		KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, iova, sz, 1), sz);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova + 42), 0ULL);
		KUNIT_EXPECT_TRUE(test, sysmmu_test_flushed(ctx, ev, iova, sz, false));
		/* Unmapping again finds nothing. */
		KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, iova, sz, 1), 0UL);

		iova += SZ_16M;
		pa += SZ_16M;
	}
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
}

static void sysmmu_pgtable_bad_args_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	size_t mapped = 0;

	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, 0, 0, SZ_8K, 1, RW,
					       GFP_KERNEL, &mapped), -EINVAL);
	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, SZ_4K, 0, SZ_64K, 1, RW,
					       GFP_KERNEL, &mapped), -EINVAL);
	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, 0, SZ_4K, SZ_1M, 1, RW,
					       GFP_KERNEL, &mapped), -EINVAL);
	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, 0, 0, SZ_4K, 0, RW,
					       GFP_KERNEL, &mapped), -EINVAL);
	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, 0, 0, SZ_4K, 1, 0,
					       GFP_KERNEL, &mapped), -EINVAL);
	/* Past the end of the 4 GiB space. */
	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, 0xfffff000, 0, SZ_4K, 2, RW,
					       GFP_KERNEL, &mapped), -EINVAL);
	KUNIT_EXPECT_EQ(test, mapped, 0UL);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
}

static void sysmmu_pgtable_last_page_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);

	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, 0xfffff000, 0x7ffff000, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, 0xffffffff), 0x7fffffffULL);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, 0xffffefff), 0ULL);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, 0xfffff000, SZ_4K, 1), (size_t)SZ_4K);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, 0xfff00000, 0x80000000, SZ_1M, 1), 0);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, 0xffffffff), 0x800fffffULL);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, 0xfff00000, SZ_1M, 1), (size_t)SZ_1M);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, 0xffffffff), 0ULL);
}

static void sysmmu_pgtable_overlap_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	const unsigned long s = 0x30000000, p = s + SZ_1M;
	size_t mapped = 0;

	/* Nothing fits inside a section. */
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, s, 0x1000000, SZ_1M, 1), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, s, 0, SZ_1M, 1), -EEXIST);
	KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, s + SZ_64K, 0, SZ_64K, 1), -EEXIST);
	KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, s + SZ_1M - SZ_4K, 0, SZ_4K, 1),
			-EEXIST);
	/* A section does not go over pages. */
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, p + 5 * SZ_4K, 0x2000000, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, p, 0, SZ_1M, 1), -EEXIST);
	/* Nor a large page over a small one, nor a small one into a large one. */
	KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, p, 0, SZ_64K, 1), -EEXIST);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, p + SZ_64K, 0x3000000, SZ_64K, 1), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, p + SZ_64K + 15 * SZ_4K, 0, SZ_4K, 1),
			-EEXIST);
	/* A run stops at the overlap and reports what it mapped before it. */
	KUNIT_EXPECT_EQ(test, sysmmu_map_pages(pt, p + 3 * SZ_4K, 0x4000000, SZ_4K, 4,
					       RW, GFP_KERNEL, &mapped), -EEXIST);
	KUNIT_EXPECT_EQ(test, mapped, 2 * (size_t)SZ_4K);
	/* The refused maps changed nothing. */
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, s + 42), 0x1000000ULL + 42);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, p + 5 * SZ_4K + 1),
			0x2000001ULL);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, p + SZ_64K + 15 * SZ_4K),
			0x3000000ULL + 15 * SZ_4K);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, p + 4 * SZ_4K),
			0x4000000ULL + SZ_4K);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, p), 0ULL);
}

static void sysmmu_pgtable_partial_unmap_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	const unsigned long base = 0x40000000;
	unsigned int i, ev;

	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base, 0x10000000, SZ_4K, 16), 0);
	ev = ctx->nr_ev;
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base + 4 * SZ_4K, SZ_4K, 4),
			4 * (size_t)SZ_4K);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, sysmmu_test_flushed(ctx, ev,
							    base + (4 + i) * SZ_4K,
							    SZ_4K, false));
	for (i = 0; i < 16; i++) {
		u64 want = (i >= 4 && i < 8) ? 0 : 0x10000000ULL + i * SZ_4K + 42;

		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, base + i * SZ_4K + 42),
				want);
	}
	/* A run of unmaps stops at the hole. */
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base + 2 * SZ_4K, SZ_4K, 4),
			2 * (size_t)SZ_4K);
	/* A 64 KiB unmap takes whatever small pages are left in it. */
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base, SZ_64K, 1), (size_t)SZ_64K);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);

	/* Large pages and sections are never split. */
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base, 0x10000000, SZ_64K, 1), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base + SZ_4K, SZ_4K, 1), 0UL);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base, SZ_4K, 1), 0UL);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, base + SZ_4K),
			0x10000000ULL + SZ_4K);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base + SZ_1M, 0x20000000, SZ_1M, 1), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base + SZ_1M, SZ_64K, 1), 0UL);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, base + SZ_1M),
			0x20000000ULL);
	/* A 1 MiB unmap over a section holding a large page takes it. */
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base, SZ_1M, 2), 2 * (size_t)SZ_1M);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, base + SZ_4K), 0ULL);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, base + SZ_1M), 0ULL);
}

static void sysmmu_pgtable_lv2_free_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	const unsigned long base = 0x50000000;
	u32 empty = sysmmu_pgtable_lv1_raw(pt, base);
	unsigned int ev;

	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base, 0x10000000, SZ_4K, 1), 0);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base + SZ_1M - SZ_64K, 0x10010000,
					      SZ_64K, 1), 0);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base + SZ_1M, 0x10100000, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 2U);
	KUNIT_EXPECT_NE(test, sysmmu_pgtable_lv1_raw(pt, base), empty);

	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base, SZ_4K, 1), (size_t)SZ_4K);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 2U);
	ev = ctx->nr_ev;
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base + SZ_1M - SZ_64K, SZ_64K, 1),
			(size_t)SZ_64K);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 1U);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv1_raw(pt, base), empty);
	/* The unlinked table was dropped from the descriptor cache. */
	KUNIT_EXPECT_TRUE(test, sysmmu_test_flushed(ctx, ev, base, SZ_1M, true));
	KUNIT_EXPECT_EQ(test, sysmmu_unmap_pages(pt, base + SZ_1M, SZ_4K, 1),
			(size_t)SZ_4K);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
	/* And a new table comes when needed again. */
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(pt, base + SZ_4K, 0x10000000, SZ_4K, 1), 0);
	KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, base + SZ_4K + 42),
			0x10000000ULL + 42);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 1U);
}

/* A 36-bit physical address: v5 keeps it, v1 and v3.3 refuse it. */
static void sysmmu_pgtable_pa36_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	const phys_addr_t high = 0xf00000000ULL;
	unsigned long iova = 0x60000000;
	unsigned int i;

	if (!IS_ENABLED(CONFIG_PHYS_ADDR_T_64BIT))
		kunit_skip(test, "phys_addr_t is 32 bits");
	for (i = 0; i < ARRAY_SIZE(sysmmu_test_sizes); i++) {
		size_t sz = sysmmu_test_sizes[i];
		phys_addr_t pa = high + 0x7ff00000ULL;
		int ret = sysmmu_test_map(pt, iova, pa, sz, 1);

		if (ctx->fmt->pa_bits < 36) {
			KUNIT_EXPECT_EQ(test, ret, -EINVAL);
			continue;
		}
		KUNIT_ASSERT_EQ(test, ret, 0);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova + 42),
				(u64)pa + 42);
		iova += SZ_16M;
	}
	/* The largest 36-bit address; one past it is refused. */
	if (ctx->fmt->pa_bits == 36) {
		KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, iova, 0xffffff000ULL, SZ_4K, 1), 0);
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, iova + 0xfff),
				0xfffffffffULL);
		KUNIT_EXPECT_EQ(test, sysmmu_test_map(pt, iova + SZ_4K, 0x1000000000ULL,
						      SZ_4K, 1), -EINVAL);
	}
}

/*
 * The recording fake of the flush path: after each of a sequence of maps
 * and unmaps, every 4 KiB page whose translation was valid and changed has
 * been invalidated, and every lv1 entry that changed and may be cached
 * (any non-empty one; any at all with the descriptor cache) has been
 * dropped, each after the entry was written.
 */
struct sysmmu_flush_step {
	bool map;
	unsigned long iova;
	size_t pgsize;
	size_t count;
};

#define FLUSH_WIN	0x70000000UL
#define FLUSH_WIN_SIZE	(4 * SZ_1M)
#define FLUSH_PAGES	(FLUSH_WIN_SIZE / SZ_4K)

static const struct sysmmu_flush_step sysmmu_flush_steps[] = {
	{ true, FLUSH_WIN, SZ_1M, 1 },
	{ true, FLUSH_WIN + SZ_1M, SZ_4K, 3 },
	{ true, FLUSH_WIN + SZ_1M + SZ_64K, SZ_64K, 2 },
	{ true, FLUSH_WIN + 3 * SZ_1M + SZ_64K, SZ_4K, 1 },
	{ false, FLUSH_WIN + SZ_1M + SZ_4K, SZ_4K, 1 },
	{ false, FLUSH_WIN, SZ_1M, 1 },
	{ true, FLUSH_WIN, SZ_64K, 1 },
	{ false, FLUSH_WIN + SZ_1M + SZ_64K, SZ_64K, 1 },
	{ false, FLUSH_WIN + SZ_1M, SZ_1M, 1 },
	{ false, FLUSH_WIN + 3 * SZ_1M + SZ_64K, SZ_64K, 1 },
	{ true, FLUSH_WIN + 2 * SZ_1M, SZ_1M, 1 },
	{ false, FLUSH_WIN, SZ_1M, 1 },
	{ false, FLUSH_WIN + 2 * SZ_1M, SZ_1M, 1 },
};

static void sysmmu_pgtable_flush_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	phys_addr_t *before;
	u32 lv1_before[FLUSH_WIN_SIZE / SZ_1M], empty;
	unsigned int s, i, ev;

	before = kunit_kcalloc(test, FLUSH_PAGES, sizeof(*before), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, before);
	empty = sysmmu_pgtable_lv1_raw(pt, FLUSH_WIN);

	for (s = 0; s < ARRAY_SIZE(sysmmu_flush_steps); s++) {
		const struct sysmmu_flush_step *st = &sysmmu_flush_steps[s];

		for (i = 0; i < FLUSH_PAGES; i++)
			before[i] = sysmmu_iova_to_phys(pt, FLUSH_WIN + i * SZ_4K);
		for (i = 0; i < ARRAY_SIZE(lv1_before); i++)
			lv1_before[i] = sysmmu_pgtable_lv1_raw(pt, FLUSH_WIN + i * SZ_1M);
		ev = ctx->nr_ev;
		if (st->map)
			KUNIT_ASSERT_EQ_MSG(test, sysmmu_test_map(pt, st->iova,
								  0x10000000 + st->iova % SZ_16M,
								  st->pgsize, st->count), 0,
					    "step %u", s);
		else
			KUNIT_ASSERT_EQ_MSG(test, sysmmu_unmap_pages(pt, st->iova,
								     st->pgsize, st->count),
					    st->pgsize * st->count, "step %u", s);
		KUNIT_ASSERT_FALSE(test, ctx->overflow);

		for (i = 0; i < FLUSH_PAGES; i++) {
			unsigned long iova = FLUSH_WIN + i * SZ_4K;

			if (!before[i] || before[i] == sysmmu_iova_to_phys(pt, iova))
				continue;
			KUNIT_EXPECT_TRUE_MSG(test, sysmmu_test_flushed(ctx, ev, iova,
									SZ_4K, false),
					      "step %u: iova %#lx changed, not invalidated",
					      s, iova);
		}
		for (i = 0; i < ARRAY_SIZE(lv1_before); i++) {
			unsigned long iova = FLUSH_WIN + i * SZ_1M;
			u32 now = sysmmu_pgtable_lv1_raw(pt, iova);
			unsigned int e;
			bool seen = false;

			if (now == lv1_before[i] ||
			    (lv1_before[i] == empty && !ctx->fmt->zero_lv2))
				continue;
			/* Dropped, and only once the new entry was in place. */
			for (e = ev; e < ctx->nr_ev; e++)
				if (ctx->ev[e].lv1 && ctx->ev[e].iova == iova &&
				    ctx->ev[e].lv1_raw == now)
					seen = true;
			KUNIT_EXPECT_TRUE_MSG(test, seen,
					      "step %u: lv1 of %#lx changed %#x -> %#x, not dropped",
					      s, iova, lv1_before[i], now);
		}
	}
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
}

/*
 * Random maps and unmaps in a 16 MiB window, against a reference that
 * knows, per 4 KiB page, the physical address and the size of the page
 * mapping it.
 */
#define RND_WIN		0x80000000UL
#define RND_SECTS	16
#define RND_PAGES	(RND_SECTS * SZ_1M / SZ_4K)
#define RND_OPS		3000

struct sysmmu_rnd_ref {
	phys_addr_t pa[RND_PAGES];
	u32 size[RND_PAGES];
};

static void sysmmu_rnd_check(struct kunit *test, struct sysmmu_pgtable *pt,
			     struct sysmmu_rnd_ref *ref, unsigned int first,
			     unsigned int n, unsigned int op)
{
	unsigned int i;

	for (i = first; i < first + n && i < RND_PAGES; i++) {
		phys_addr_t want = ref->pa[i] ? ref->pa[i] + 42 : 0;
		phys_addr_t got = sysmmu_iova_to_phys(pt, RND_WIN + i * SZ_4K + 42);

		if (want != got) {
			KUNIT_FAIL(test, "op %u: iova %#lx: %pa, reference %pa", op,
				   RND_WIN + i * SZ_4K + 42, &got, &want);
			return;
		}
	}
}

static void sysmmu_pgtable_random_test(struct kunit *test)
{
	struct sysmmu_pgtable *pt = sysmmu_test_pt(test);
	struct sysmmu_test_ctx *ctx = test->priv;
	struct sysmmu_rnd_ref *ref;
	struct rnd_state rnd;
	unsigned int op, i, maps = 0, unmaps = 0, refused = 0;
	u32 s = seed ? seed : get_random_u32();

	kunit_info(test, "seed %u (reload with seed=%u to repeat)\n", s, s);
	prandom_seed_state(&rnd, s);
	ref = kunit_kzalloc(test, sizeof(*ref), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ref);

	for (op = 0; op < RND_OPS; op++) {
		size_t sz = sysmmu_test_sizes[prandom_u32_state(&rnd) % 3];
		unsigned int per = sz / SZ_4K;
		unsigned int slots = RND_PAGES / per;
		unsigned int count = 1 + prandom_u32_state(&rnd) % 4;
		unsigned int first = (prandom_u32_state(&rnd) % slots) * per;
		unsigned long iova = RND_WIN + first * SZ_4K;
		bool map = prandom_u32_state(&rnd) % 2;
		unsigned int c, want_chunks = 0;

		count = min(count, slots - first / per);
		if (map) {
			u64 pa_space = ctx->fmt->pa_bits == 36 &&
				       IS_ENABLED(CONFIG_PHYS_ADDR_T_64BIT) ?
				       1ULL << 36 : 1ULL << 32;
			/* Never 0: the reference takes 0 for unmapped. */
			phys_addr_t pa = sz + (prandom_u32_state(&rnd) * (u64)sz) %
					 (pa_space - (u64)sz * (count + 1));
			size_t mapped = 0;
			int ret, want = 0;

			pa = ALIGN_DOWN(pa, sz);
			for (c = 0; c < count && !want; c++) {
				for (i = 0; i < per; i++)
					if (ref->pa[first + c * per + i])
						want = -EEXIST;
				if (!want)
					want_chunks++;
			}
			ret = sysmmu_map_pages(pt, iova, pa, sz, count, RW,
					       GFP_KERNEL, &mapped);
			KUNIT_ASSERT_EQ_MSG(test, ret, want, "op %u: map %#lx+%zx*%u",
					    op, iova, sz, count);
			KUNIT_ASSERT_EQ_MSG(test, mapped, want_chunks * sz, "op %u", op);
			for (i = 0; i < want_chunks * per; i++) {
				ref->pa[first + i] = pa + (phys_addr_t)i * SZ_4K;
				ref->size[first + i] = sz;
			}
			maps += want_chunks;
			refused += !!want;
		} else {
			size_t got;

			for (c = 0; c < count; c++) {
				bool any = false, straddle = false;

				for (i = 0; i < per; i++) {
					unsigned int p = first + c * per + i;

					if (!ref->pa[p])
						continue;
					any = true;
					if (ref->size[p] > sz)
						straddle = true;
				}
				if (!any || straddle)
					break;
				want_chunks++;
			}
			got = sysmmu_unmap_pages(pt, iova, sz, count);
			KUNIT_ASSERT_EQ_MSG(test, got, want_chunks * sz,
					    "op %u: unmap %#lx+%zx*%u", op, iova, sz, count);
			for (i = 0; i < want_chunks * per; i++) {
				ref->pa[first + i] = 0;
				ref->size[first + i] = 0;
			}
			unmaps += want_chunks;
		}
		sysmmu_rnd_check(test, pt, ref, first, count * per, op);
		if (op % 256 == 0)
			sysmmu_rnd_check(test, pt, ref, 0, RND_PAGES, op);
		/* Events only matter to the flush case. */
		ctx->nr_ev = 0;
	}
	sysmmu_rnd_check(test, pt, ref, 0, RND_PAGES, op);
	kunit_info(test, "%u pages (of any size) mapped, %u unmapped, %u maps refused\n",
		   maps, unmaps, refused);
	KUNIT_EXPECT_GT(test, maps, 100U);
	KUNIT_EXPECT_GT(test, refused, 10U);

	/* Everything off again: no lv2 table may remain. */
	for (i = 0; i < RND_SECTS; i++)
		sysmmu_unmap_pages(pt, RND_WIN + i * SZ_1M, SZ_1M, 1);
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
	memset(ref, 0, sizeof(*ref));
	sysmmu_rnd_check(test, pt, ref, 0, RND_PAGES, op);
}

static void sysmmu_conc_inv_range(void *cookie, u32 iova, size_t size)
{
}

static void sysmmu_conc_inv_lv1(void *cookie, u32 iova)
{
}

/*
 * Concurrency: two threads map and unmap their own pages (even and odd)
 * of the same 8 sections, 4 pages each, so that sections empty and fill
 * again all the time and lv2 tables are linked, released and reused
 * under each other's feet; a third translates anything in the range.
 * Every answer must be the page's own address or nothing; at the end
 * every table is gone.  (KASAN watches for a table read after its free.)
 */
#define CONC_SECTIONS	8
#define CONC_PER_SECT	4
#define CONC_PAGES	(CONC_SECTIONS * CONC_PER_SECT)
#define CONC_OPS	100000
#define CONC_IOVA	0x60000000UL
#define CONC_PA		0x10000000ULL

struct sysmmu_conc {
	struct sysmmu_pgtable *pt;
	unsigned int parity;	/* 0, 1: mapper of even/odd pages; 2: reader */
	u32 seed;
	unsigned int errors;
	unsigned int ops;
	atomic_t *running;
	struct completion done;
};

static unsigned long conc_iova(unsigned int page)
{
	return CONC_IOVA + (page / CONC_PER_SECT) * SZ_1M +
	       (page % CONC_PER_SECT) * SZ_4K;
}

static phys_addr_t conc_pa(unsigned int page)
{
	return CONC_PA + (phys_addr_t)page * SZ_4K;
}

static int sysmmu_conc_thread(void *data)
{
	struct sysmmu_conc *c = data;
	bool mapped[CONC_PAGES] = { };
	struct rnd_state rnd;
	unsigned int op, page;
	phys_addr_t got;
	size_t done;

	prandom_seed_state(&rnd, c->seed);
	for (op = 0; op < CONC_OPS; op++) {
		page = prandom_u32_state(&rnd) % CONC_PAGES;
		if (c->parity == 2) {
			/* The reader: until both mappers are done. */
			if (!atomic_read(c->running))
				break;
			got = sysmmu_iova_to_phys(c->pt, conc_iova(page) + 42);
			c->errors += got && got != conc_pa(page) + 42;
			op = 0;
			c->ops++;
			continue;
		}
		page = (page & ~1u) | c->parity;
		if (!mapped[page]) {
			done = 0;
			if (sysmmu_map_pages(c->pt, conc_iova(page), conc_pa(page), SZ_4K,
					     1, RW, GFP_KERNEL, &done) || done != SZ_4K)
				c->errors++;
			mapped[page] = true;
			c->errors += sysmmu_iova_to_phys(c->pt, conc_iova(page) + 42) !=
				     conc_pa(page) + 42;
		} else {
			c->errors += sysmmu_unmap_pages(c->pt, conc_iova(page), SZ_4K,
							1) != SZ_4K;
			mapped[page] = false;
			c->errors += sysmmu_iova_to_phys(c->pt, conc_iova(page)) != 0;
		}
		c->ops++;
		cond_resched();
	}
	for (page = 0; page < CONC_PAGES; page++)
		if (mapped[page])
			c->errors += sysmmu_unmap_pages(c->pt, conc_iova(page), SZ_4K,
							1) != SZ_4K;
	if (c->parity != 2)
		atomic_dec(c->running);
	complete(&c->done);
	return 0;
}

static void sysmmu_pgtable_concurrent_test(struct kunit *test)
{
	static const struct sysmmu_pt_flush_ops nop_flush = {
		.inv_range = sysmmu_conc_inv_range,
		.inv_lv1 = sysmmu_conc_inv_lv1,
	};
	const struct sysmmu_pt_fmt *fmt = sysmmu_test_ver_fmt(test->param_value);
	u32 s = seed ? seed : get_random_u32();
	struct sysmmu_conc c[3];
	struct task_struct *t;
	struct sysmmu_pgtable *pt;
	atomic_t running = ATOMIC_INIT(2);
	unsigned int i, started = 0;

	kunit_info(test, "seed %u (reload with seed=%u to repeat)\n", s, s);
	pt = sysmmu_pgtable_alloc(fmt, &nop_flush, NULL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, pt);
	for (i = 0; i < 3; i++) {
		c[i] = (struct sysmmu_conc){ .pt = pt, .parity = i, .seed = s + i,
					     .running = &running };
		init_completion(&c[i].done);
	}
	for (i = 0; i < 3; i++) {
		t = kthread_run(sysmmu_conc_thread, &c[i], "sysmmu_conc/%u", i);
		if (IS_ERR(t))
			break;
		started++;
	}
	if (started < 3)
		atomic_set(&running, 0);
	for (i = 0; i < started; i++)
		wait_for_completion(&c[i].done);
	KUNIT_EXPECT_EQ(test, started, 3U);
	for (i = 0; i < started; i++) {
		kunit_info(test, "thread %u: %u operations\n", i, c[i].ops);
		KUNIT_EXPECT_EQ(test, c[i].errors, 0U);
	}
	KUNIT_EXPECT_EQ(test, sysmmu_pgtable_lv2_count(pt), 0U);
	for (i = 0; i < CONC_PAGES; i++)
		KUNIT_EXPECT_EQ(test, (u64)sysmmu_iova_to_phys(pt, conc_iova(i)), 0ULL);
	sysmmu_pgtable_free(pt);
}

static struct kunit_case sysmmu_pgtable_test_cases[] = {
	KUNIT_CASE_PARAM(sysmmu_pgtable_empty_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_sizes_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_bad_args_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_last_page_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_overlap_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_partial_unmap_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_lv2_free_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_pa36_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_flush_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_random_test, sysmmu_test_fmt_gen_params),
	KUNIT_CASE_PARAM(sysmmu_pgtable_concurrent_test, sysmmu_test_fmt_gen_params),
	{}
};

static struct kunit_suite sysmmu_pgtable_suite = {
	.name = "exynos_sysmmu_pgtable",
	.init = sysmmu_pgtable_test_init,
	.exit = sysmmu_pgtable_test_exit,
	.test_cases = sysmmu_pgtable_test_cases,
};

/* ---- exynos_sysmmu_model ---- */

struct sysmmu_model_case {
	const char *name;
	u8 major;
	u8 minor;
	const char *variant;
	u32 caps;
};

static const struct sysmmu_model_case sysmmu_model_cases[] = {
	{ "v3.1", 3, 1, "v1" },
	{ "v3.3", 3, 3, "v3.3" },
	{ "v5.0", 5, 0, "v5" },
	{ "v7.0", 7, 0, "v7" },
	{ "v7.0 VM", 7, 0, "v7-vm", SYSMMU_MODEL_VM },
};

static void sysmmu_model_case_desc(const struct sysmmu_model_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sysmmu_model, sysmmu_model_cases, sysmmu_model_case_desc);

struct sysmmu_model_ctx {
	struct sysmmu smmu;
	struct sysmmu_pgtable *pt;
	struct iommu_domain domain;
	struct device *master;
	unsigned int nr_faults;
	unsigned long fault_iova;
	int fault_flags;
	int fault_ret;
};

static int sysmmu_model_fault_handler(struct iommu_domain *domain,
				      struct device *dev, unsigned long iova,
				      int flags, void *token)
{
	struct sysmmu_model_ctx *ctx = token;

	ctx->nr_faults++;
	ctx->fault_iova = iova;
	ctx->fault_flags = flags;
	return ctx->fault_ret;
}

/* Small TLB (16 entries, 2 ways), so that evictions happen. */
static int sysmmu_model_test_init(struct kunit *test)
{
	const struct sysmmu_model_case *c = test->param_value;
	struct sysmmu_model_ctx *ctx;
	struct sysmmu_model *m;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	test->priv = ctx;
	m = sysmmu_model_create(SYSMMU_MKVER(c->major, c->minor), c->caps, 16, 2);
	if (IS_ERR(m))
		return PTR_ERR(m);
	sysmmu_model_bind(&ctx->smmu, m);
	ctx->smmu.dev = kunit_device_register(test, "exynos_sysmmu_test_sysmmu");
	if (IS_ERR(ctx->smmu.dev))
		return PTR_ERR(ctx->smmu.dev);
	if (sysmmu_hw_init(&ctx->smmu))
		return -ENODEV;
	ctx->pt = sysmmu_hw_pgtable_alloc(&ctx->smmu);
	if (!ctx->pt)
		return -ENOMEM;
	ctx->master = kunit_device_register(test, "exynos_sysmmu_test_master");
	if (IS_ERR(ctx->master))
		return PTR_ERR(ctx->master);
	iommu_set_fault_handler(&ctx->domain, sysmmu_model_fault_handler, ctx);
	ctx->smmu.domain = &ctx->domain;
	ctx->smmu.master = ctx->master;
	sysmmu_hw_enable(&ctx->smmu, ctx->pt);
	return 0;
}

static void sysmmu_model_test_exit(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;

	if (!ctx)
		return;
	if (ctx->smmu.variant)
		sysmmu_hw_disable(&ctx->smmu);
	sysmmu_pgtable_free(ctx->pt);
	sysmmu_model_destroy(ctx->smmu.model);
}

static void sysmmu_test_free_pages(void *p)
{
	struct page *page = p;

	__free_pages(page, page_private(page));
}

/* 2^@order pages below 4 GiB (every version can map them), freed at exit. */
static struct page *sysmmu_test_pages(struct kunit *test, unsigned int order)
{
	struct page *page = alloc_pages(GFP_KERNEL | GFP_DMA32 | __GFP_ZERO, order);

	KUNIT_ASSERT_NOT_NULL(test, page);
	set_page_private(page, order);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, sysmmu_test_free_pages,
							page), 0);
	return page;
}

static void sysmmu_test_pattern(u8 *buf, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = seed + i * 7 + (i >> 12);
}

static int sysmmu_test_dma(struct sysmmu_model_ctx *ctx, u32 iova, void *buf,
			   size_t len, enum dma_data_direction dir)
{
	return sysmmu_model_access(&ctx->smmu, iova, buf, len, dir);
}

static void sysmmu_model_expect_clean(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct sysmmu_model_stats st;

	sysmmu_model_stats(ctx->smmu.model, &st);
	KUNIT_EXPECT_EQ(test, st.violations, 0ULL);
}

static void sysmmu_model_version_test(struct kunit *test)
{
	const struct sysmmu_model_case *c = test->param_value;
	struct sysmmu_model_ctx *ctx = test->priv;

	KUNIT_EXPECT_EQ(test, SYSMMU_VER_MAJ(ctx->smmu.version), (unsigned long)c->major);
	KUNIT_EXPECT_EQ(test, SYSMMU_VER_MIN(ctx->smmu.version), (unsigned long)c->minor);
	KUNIT_EXPECT_STREQ(test, ctx->smmu.variant->name, c->variant);
	KUNIT_EXPECT_NULL(test, sysmmu_variant_find(SYSMMU_MKVER(8, 0)));
	KUNIT_EXPECT_NULL(test, sysmmu_variant_find(SYSMMU_MKVER(0, 9)));
	/* VM capability is a v7 thing only. */
	KUNIT_EXPECT_TRUE(test, IS_ERR(sysmmu_model_create(SYSMMU_MKVER(5, 0),
							   SYSMMU_MODEL_VM, 16, 2)));
}

#define SCATTER_PAGES	8
#define SCATTER_IOVA	0x10000000

/* Scattered pages mapped contiguously: the device's bytes land in each. */
static void sysmmu_model_scatter_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct page *pages[SCATTER_PAGES];
	const size_t off = 100, len = SCATTER_PAGES * PAGE_SIZE - 2 * off;
	struct sysmmu_model_stats st;
	u8 *src, *back;
	unsigned int i;

	src = kunit_kmalloc(test, len, GFP_KERNEL);
	back = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	KUNIT_ASSERT_NOT_NULL(test, back);
	sysmmu_test_pattern(src, len, 0x5a);

	/* Map in reverse order, so that no two neighbours are contiguous. */
	for (i = 0; i < SCATTER_PAGES; i++) {
		pages[i] = sysmmu_test_pages(test, 0);
		KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, SCATTER_IOVA +
						      (SCATTER_PAGES - 1 - i) * PAGE_SIZE,
						      page_to_phys(pages[i]), SZ_4K, 1), 0);
	}
	KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, SCATTER_IOVA + off, src, len,
					      DMA_FROM_DEVICE), 0);
	for (i = 0; i < SCATTER_PAGES; i++) {
		unsigned int slot = SCATTER_PAGES - 1 - i;
		u8 *p = page_address(pages[i]);
		size_t from = slot ? 0 : off;
		size_t to = slot == SCATTER_PAGES - 1 ? PAGE_SIZE - off : PAGE_SIZE;

		KUNIT_EXPECT_MEMEQ(test, p + from, src + slot * PAGE_SIZE + from - off,
				   to - from);
		if (!slot)
			KUNIT_EXPECT_EQ(test, p[off - 1], 0);
	}
	KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, SCATTER_IOVA + off, back, len,
					      DMA_TO_DEVICE), 0);
	KUNIT_EXPECT_MEMEQ(test, back, src, len);
	sysmmu_model_stats(ctx->smmu.model, &st);
	KUNIT_EXPECT_GE(test, st.walks, (u64)SCATTER_PAGES);
	KUNIT_EXPECT_GT(test, st.hits, 0ULL);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 0U);
	sysmmu_model_expect_clean(test);
}

/* A 1 MiB section and a 64 KiB large page, each crossed by one transfer. */
static void sysmmu_model_big_pages_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct page *sect = sysmmu_test_pages(test, get_order(SZ_1M));
	struct page *large = sysmmu_test_pages(test, get_order(SZ_64K));
	const u32 iova = 0x30000000;
	const size_t len = SZ_64K;
	u8 *src, *p;

	src = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, src);
	sysmmu_test_pattern(src, len, 3);
	KUNIT_ASSERT_TRUE(test, IS_ALIGNED(page_to_phys(sect), SZ_1M));
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova, page_to_phys(sect),
					      SZ_1M, 1), 0);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova + SZ_1M,
					      page_to_phys(large), SZ_64K, 1), 0);
	/* The last 32 KiB of the section, then the first 32 KiB of the page. */
	KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, iova + SZ_1M - len / 2, src, len,
					      DMA_FROM_DEVICE), 0);
	p = page_address(sect);
	KUNIT_EXPECT_MEMEQ(test, p + SZ_1M - len / 2, src, len / 2);
	p = page_address(large);
	KUNIT_EXPECT_MEMEQ(test, p, src + len / 2, len / 2);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 0U);
	sysmmu_model_expect_clean(test);
}

/*
 * Remap an IOVA to another page: the device must see the new page.  With
 * the flush skipped the model must show the stale page, or it would not
 * catch the driver forgetting.
 */
static void sysmmu_model_stale_tlb_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct page *a = sysmmu_test_pages(test, 0);
	struct page *b = sysmmu_test_pages(test, 0);
	const u32 iova = 0x40000000;
	u8 buf[64], *pa = page_address(a), *pb = page_address(b);
	int skip;

	for (skip = 0; skip <= 1; skip++) {
		memset(pa, 0, PAGE_SIZE);
		memset(pb, 0, PAGE_SIZE);
		ctx->smmu.skip_flush = skip;
		KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova, page_to_phys(a),
						      SZ_4K, 1), 0);
		KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, iova, buf, sizeof(buf),
						      DMA_TO_DEVICE), 0);
		KUNIT_ASSERT_EQ(test, sysmmu_unmap_pages(ctx->pt, iova, SZ_4K, 1),
				(size_t)SZ_4K);
		KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova, page_to_phys(b),
						      SZ_4K, 1), 0);
		memset(buf, 0xa5, sizeof(buf));
		KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, iova, buf, sizeof(buf),
						      DMA_FROM_DEVICE), 0);
		if (!skip) {
			KUNIT_EXPECT_EQ(test, pb[0], 0xa5);
			KUNIT_EXPECT_EQ(test, pa[0], 0);
		} else {
			/* The model kept the stale translation: the test sees it. */
			KUNIT_EXPECT_EQ(test, pa[0], 0xa5);
			KUNIT_EXPECT_EQ(test, pb[0], 0);
		}
		ctx->smmu.skip_flush = false;
		KUNIT_ASSERT_EQ(test, sysmmu_unmap_pages(ctx->pt, iova, SZ_4K, 1),
				(size_t)SZ_4K);
	}
	sysmmu_model_expect_clean(test);
}

/*
 * v3.3+: a transfer into an unmapped section caches its lv1 entry (the
 * zero lv2 link); mapping the section must drop it.  Skipping that flush
 * leaves the device faulting on a mapped section.
 */
static void sysmmu_model_lv1_cache_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct page *page = sysmmu_test_pages(test, 0);
	const u32 iova = 0x50000000;
	u8 buf[16] = { 1, 2, 3 };
	int skip;

	if (!ctx->smmu.variant->fmt->zero_lv2)
		kunit_skip(test, "no first-level descriptor cache workaround before v3.3");
	for (skip = 0; skip <= 1; skip++) {
		ctx->nr_faults = 0;
		KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, iova, buf, sizeof(buf),
						      DMA_TO_DEVICE), -EFAULT);
		ctx->smmu.skip_flush = skip;
		KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova, page_to_phys(page),
						      SZ_4K, 1), 0);
		ctx->smmu.skip_flush = false;
		KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova, buf, sizeof(buf),
						      DMA_FROM_DEVICE),
				skip ? -EFAULT : 0);
		KUNIT_EXPECT_EQ(test, ctx->nr_faults, skip ? 2U : 1U);
		KUNIT_ASSERT_EQ(test, sysmmu_unmap_pages(ctx->pt, iova, SZ_4K, 1),
				(size_t)SZ_4K);
	}
	sysmmu_model_expect_clean(test);
}

/*
 * Stricter than the hardware: a skipped flush that leaves a 4 KiB entry
 * under a new 64 KiB page makes two TLB entries match, a multi-hit fault.
 */
static void sysmmu_model_multihit_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct page *small = sysmmu_test_pages(test, 0);
	struct page *large = sysmmu_test_pages(test, get_order(SZ_64K));
	const u32 iova = 0x58000000;
	u8 buf[8];

	KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova, page_to_phys(small),
					      SZ_4K, 1), 0);
	KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, iova, buf, sizeof(buf),
					      DMA_TO_DEVICE), 0);
	ctx->smmu.skip_flush = true;
	KUNIT_ASSERT_EQ(test, sysmmu_unmap_pages(ctx->pt, iova, SZ_4K, 1),
			(size_t)SZ_4K);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, iova, page_to_phys(large),
					      SZ_64K, 1), 0);
	ctx->smmu.skip_flush = false;
	/* Another page of the large one brings its 64 KiB entry in. */
	KUNIT_ASSERT_EQ(test, sysmmu_test_dma(ctx, iova + SZ_4K, buf, sizeof(buf),
					      DMA_TO_DEVICE), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova + 4, buf, sizeof(buf),
					      DMA_TO_DEVICE), -EFAULT);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 1U);
	KUNIT_EXPECT_EQ(test, ctx->fault_iova, (unsigned long)iova + 4);
	/* Flushed, the device sees only the large page. */
	sysmmu_hw_flush_all(&ctx->smmu);
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova + 4, buf, sizeof(buf),
					      DMA_TO_DEVICE), 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 1U);
	sysmmu_model_expect_clean(test);
}

/* Faults reach the domain's handler with the address and direction. */
static void sysmmu_model_fault_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct page *page = sysmmu_test_pages(test, 0);
	const u32 iova = 0x60000000;
	size_t mapped = 0;
	u8 buf[32] = { 7 };

	/* Read from nothing. */
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova + 0x1234, buf, sizeof(buf),
					      DMA_TO_DEVICE), -EFAULT);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 1U);
	KUNIT_EXPECT_EQ(test, ctx->fault_iova, (unsigned long)iova + 0x1234);
	KUNIT_EXPECT_EQ(test, ctx->fault_flags, IOMMU_FAULT_READ);

	/* Write to a read-only page. */
	KUNIT_ASSERT_EQ(test, sysmmu_map_pages(ctx->pt, iova, page_to_phys(page),
					       SZ_4K, 1, IOMMU_READ, GFP_KERNEL,
					       &mapped), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova + 8, buf, sizeof(buf),
					      DMA_TO_DEVICE), 0);
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova + 8, buf, sizeof(buf),
					      DMA_FROM_DEVICE), -EFAULT);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 2U);
	KUNIT_EXPECT_EQ(test, ctx->fault_iova, (unsigned long)iova + 8);
	KUNIT_EXPECT_EQ(test, ctx->fault_flags, IOMMU_FAULT_WRITE);
	KUNIT_EXPECT_EQ(test, ((u8 *)page_address(page))[8], 0);

	/* Nobody handles it: logged, recovered, and the device goes on. */
	ctx->fault_ret = -EAGAIN;
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova + SZ_64K, buf, sizeof(buf),
					      DMA_TO_DEVICE), -EFAULT);
	KUNIT_EXPECT_EQ(test, ctx->nr_faults, 3U);
	KUNIT_EXPECT_EQ(test, sysmmu_test_dma(ctx, iova, buf, sizeof(buf),
					      DMA_TO_DEVICE), 0);
	KUNIT_EXPECT_EQ(test, buf[0], 0);
	KUNIT_EXPECT_EQ(test, sysmmu_read(&ctx->smmu, ctx->smmu.variant->int_status), 0U);
	sysmmu_model_expect_clean(test);
}

/* Each version invalidates the way it should, and always blocked. */
static void sysmmu_model_flush_kind_test(struct kunit *test)
{
	struct sysmmu_model_ctx *ctx = test->priv;
	struct sysmmu_model_stats before, after;

	sysmmu_model_stats(ctx->smmu.model, &before);
	KUNIT_ASSERT_EQ(test, sysmmu_test_map(ctx->pt, 0x70000000, 0x10000000,
					      SZ_4K, 4), 0);
	KUNIT_ASSERT_EQ(test, sysmmu_unmap_pages(ctx->pt, 0x70000000, SZ_4K, 4),
			4 * (size_t)SZ_4K);
	sysmmu_model_stats(ctx->smmu.model, &after);
	if (ctx->smmu.variant->flush_range) {
		KUNIT_EXPECT_GT(test, after.flush_range, before.flush_range);
		KUNIT_EXPECT_EQ(test, after.flush_entry, before.flush_entry);
	} else {
		KUNIT_EXPECT_GE(test, after.flush_entry, before.flush_entry + 4);
		KUNIT_EXPECT_EQ(test, after.flush_range, 0ULL);
	}
	sysmmu_model_expect_clean(test);
}

static struct kunit_case sysmmu_model_test_cases[] = {
	KUNIT_CASE_PARAM(sysmmu_model_version_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_scatter_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_big_pages_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_stale_tlb_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_lv1_cache_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_fault_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_multihit_test, sysmmu_model_gen_params),
	KUNIT_CASE_PARAM(sysmmu_model_flush_kind_test, sysmmu_model_gen_params),
	{}
};

static struct kunit_suite sysmmu_model_suite = {
	.name = "exynos_sysmmu_model",
	.init = sysmmu_model_test_init,
	.exit = sysmmu_model_test_exit,
	.test_cases = sysmmu_model_test_cases,
};

kunit_test_suites(&sysmmu_pte_suite, &sysmmu_pgtable_suite, &sysmmu_model_suite);

MODULE_DESCRIPTION("dmashare: KUnit suites of exynos_sysmmu");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(DMASHARE_NS(EXPORTED_FOR_KUNIT_TESTING));

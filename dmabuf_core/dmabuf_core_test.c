// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of dmabuf_core:
 *   dmabuf_core_policy     - constraint collation and backing choice, one
 *                            table row per case
 *   dmabuf_core_migration  - what an attach does (keep, migrate, refuse)
 *                            per backing and use, and a buffer's life as
 *                            a sequence of attaches
 *   dmabuf_core_accounting - owner and global limits: EDQUOT vs ENOMEM,
 *                            nothing charged on failure, back to zero;
 *                            a real export charged, backed late, freed
 */
#include <kunit/test.h>
#include <linux/dma-buf.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/file.h>
#include <linux/iosys-map.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include <dmabuf_core.h>

#include "internal.h"

#define NO_LIMIT	U64_MAX

/* Devices the tables use. */
static const struct dmabuf_core_dev_caps dev_iommu = {
	.dma_mask = DMA_BIT_MASK(28), .max_seg = SZ_64K, .seg_boundary = NO_LIMIT,
	.iommu = true, .coherent = true,
};

static const struct dmabuf_core_dev_caps dev_contig = {
	.dma_mask = DMA_BIT_MASK(32), .max_seg = UINT_MAX, .seg_boundary = NO_LIMIT,
	.contiguous = true, .coherent = true,
};

static const struct dmabuf_core_dev_caps dev_direct64k = {
	.dma_mask = DMA_BIT_MASK(64), .max_seg = SZ_64K, .seg_boundary = NO_LIMIT,
	.coherent = true,
};

static const struct dmabuf_core_dev_caps dev_direct28 = {
	.dma_mask = DMA_BIT_MASK(28), .max_seg = SZ_1M, .seg_boundary = SZ_256K - 1,
	.coherent = false,
};

static const struct dmabuf_core_dev_caps dev_contig_small = {
	.dma_mask = DMA_BIT_MASK(32), .max_seg = SZ_1M, .seg_boundary = NO_LIMIT,
	.contiguous = true, .coherent = true,
};

struct policy_case {
	const char *name;
	const struct dmabuf_core_dev_caps *devs[3];
	enum dmabuf_core_policy policy;
	unsigned int flags;
	u64 size;
	int err;
	enum dmabuf_core_backing_kind kind;
	unsigned int max_order;
	u64 dma_mask;
};

static const struct policy_case policy_cases[] = {
	{ "no device: system pages, top order", {}, DMABUF_CORE_POLICY_AUTO, 0, SZ_4M,
	  0, DMABUF_CORE_BACKING_SYSTEM, DMABUF_CORE_SYSTEM_MAX_ORDER, NO_LIMIT },
	{ "IOMMU device: no restriction", { &dev_iommu }, DMABUF_CORE_POLICY_AUTO, 0, SZ_4M,
	  0, DMABUF_CORE_BACKING_SYSTEM, DMABUF_CORE_SYSTEM_MAX_ORDER, NO_LIMIT },
	{ "direct 64 KiB segments: order 4", { &dev_direct64k }, DMABUF_CORE_POLICY_AUTO, 0,
	  SZ_4M, 0, DMABUF_CORE_BACKING_SYSTEM, 4, DMA_BIT_MASK(64) },
	{ "direct 28-bit, 256 KiB boundary: order 6 below 256 MiB", { &dev_direct28 },
	  DMABUF_CORE_POLICY_AUTO, 0, SZ_4M, 0, DMABUF_CORE_BACKING_SYSTEM, 6,
	  DMA_BIT_MASK(28) },
	{ "IOMMU + direct: the direct one decides", { &dev_iommu, &dev_direct64k },
	  DMABUF_CORE_POLICY_AUTO, 0, SZ_4M, 0, DMABUF_CORE_BACKING_SYSTEM, 4,
	  DMA_BIT_MASK(64) },
	{ "contiguous device: cma", { &dev_contig }, DMABUF_CORE_POLICY_AUTO, 0, SZ_4M,
	  0, DMABUF_CORE_BACKING_CMA, 0, DMA_BIT_MASK(32) },
	{ "contiguous device, one page: a system page will do", { &dev_contig },
	  DMABUF_CORE_POLICY_AUTO, 0, PAGE_SIZE, 0, DMABUF_CORE_BACKING_SYSTEM,
	  DMABUF_CORE_SYSTEM_MAX_ORDER, DMA_BIT_MASK(32) },
	{ "contiguous + IOMMU: cma", { &dev_iommu, &dev_contig }, DMABUF_CORE_POLICY_AUTO, 0,
	  SZ_4M, 0, DMABUF_CORE_BACKING_CMA, 0, DMA_BIT_MASK(32) },
	{ "contiguous, larger than its segments: refused", { &dev_contig_small },
	  DMABUF_CORE_POLICY_AUTO, 0, SZ_4M, -EBUSY },
	{ "contiguous + 64 KiB segments elsewhere: refused", { &dev_contig, &dev_direct64k },
	  DMABUF_CORE_POLICY_AUTO, 0, SZ_1M, -EBUSY },
	{ "contiguous + 256 KiB boundary elsewhere: refused", { &dev_contig, &dev_direct28 },
	  DMABUF_CORE_POLICY_AUTO, 0, SZ_1M, -EBUSY },
	{ "contiguous within the boundary: cma below 256 MiB", { &dev_contig, &dev_direct28 },
	  DMABUF_CORE_POLICY_AUTO, 0, SZ_128K, 0, DMABUF_CORE_BACKING_CMA, 0,
	  DMA_BIT_MASK(28) },
	{ "SYSTEM policy, contiguous device: refused", { &dev_contig },
	  DMABUF_CORE_POLICY_SYSTEM, 0, SZ_4M, -EBUSY },
	{ "SYSTEM policy, IOMMU device", { &dev_iommu }, DMABUF_CORE_POLICY_SYSTEM, 0, SZ_4M,
	  0, DMABUF_CORE_BACKING_SYSTEM, DMABUF_CORE_SYSTEM_MAX_ORDER, NO_LIMIT },
	{ "CONTIG policy, no device: cma", {}, DMABUF_CORE_POLICY_CONTIG, 0, SZ_4M,
	  0, DMABUF_CORE_BACKING_CMA, 0, NO_LIMIT },
	{ "CONTIG policy, 64 KiB segments: refused", { &dev_direct64k },
	  DMABUF_CORE_POLICY_CONTIG, 0, SZ_4M, -EBUSY },
	{ "DMA32 flag: mask 4 GiB", { &dev_iommu }, DMABUF_CORE_POLICY_AUTO, DMABUF_CORE_DMA32,
	  SZ_4M, 0, DMABUF_CORE_BACKING_SYSTEM, DMABUF_CORE_SYSTEM_MAX_ORDER,
	  DMA_BIT_MASK(32) },
	{ "DMA32 flag with a 28-bit device: 28 bits", { &dev_direct28 },
	  DMABUF_CORE_POLICY_AUTO, DMABUF_CORE_DMA32, SZ_4M, 0, DMABUF_CORE_BACKING_SYSTEM,
	  6, DMA_BIT_MASK(28) },
};

static void policy_case_desc(const struct policy_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(policy, policy_cases, policy_case_desc);

static void collate(struct dmabuf_core_constraints *c,
		    const struct dmabuf_core_dev_caps *const *devs, unsigned int n)
{
	unsigned int i;

	dmabuf_core_constraints_init(c);
	for (i = 0; i < n && devs[i]; i++)
		dmabuf_core_collate(c, devs[i]);
}

static void policy_choose(struct kunit *test)
{
	const struct policy_case *pc = test->param_value;
	struct dmabuf_core_constraints c;
	struct dmabuf_core_choice ch;
	int ret;

	collate(&c, pc->devs, ARRAY_SIZE(pc->devs));
	ret = dmabuf_core_choose(&c, pc->policy, pc->flags, pc->size, &ch);
	KUNIT_ASSERT_EQ(test, ret, pc->err);
	if (ret)
		return;
	KUNIT_EXPECT_EQ(test, ch.kind, pc->kind);
	if (pc->kind == DMABUF_CORE_BACKING_SYSTEM)
		KUNIT_EXPECT_EQ(test, ch.max_order, pc->max_order);
	KUNIT_EXPECT_EQ(test, ch.dma_mask, pc->dma_mask);
}

static void policy_collate_counts(struct kunit *test)
{
	static const struct dmabuf_core_dev_caps *const devs[] = {
		&dev_iommu, &dev_direct28, &dev_contig,
	};
	struct dmabuf_core_constraints c;

	collate(&c, devs, ARRAY_SIZE(devs));
	KUNIT_EXPECT_EQ(test, c.devices, 3);
	KUNIT_EXPECT_TRUE(test, c.contiguous);
	KUNIT_EXPECT_TRUE(test, c.noncoherent);
	KUNIT_EXPECT_EQ(test, c.dma_mask, DMA_BIT_MASK(28));
	KUNIT_EXPECT_EQ(test, c.max_seg, (u64)SZ_1M);
	KUNIT_EXPECT_EQ(test, c.seg_boundary, (u64)SZ_256K - 1);
}

static void policy_iommu_alone_unrestricted(struct kunit *test)
{
	struct dmabuf_core_constraints c;

	collate(&c, (const struct dmabuf_core_dev_caps *const []){ &dev_iommu }, 1);
	KUNIT_EXPECT_EQ(test, c.dma_mask, NO_LIMIT);
	KUNIT_EXPECT_EQ(test, c.max_seg, NO_LIMIT);
	KUNIT_EXPECT_FALSE(test, c.contiguous);
}

static struct kunit_case policy_test_cases[] = {
	KUNIT_CASE_PARAM(policy_choose, policy_gen_params),
	KUNIT_CASE(policy_collate_counts),
	KUNIT_CASE(policy_iommu_alone_unrestricted),
	{}
};

static struct kunit_suite policy_suite = {
	.name = "dmabuf_core_policy",
	.test_cases = policy_test_cases,
};

/* Backings the migration tables start from. */
static const struct dmabuf_core_layout lay_none = { .kind = DMABUF_CORE_BACKING_NONE };

static const struct dmabuf_core_layout lay_scattered = {
	.kind = DMABUF_CORE_BACKING_SYSTEM, .max_chunk = SZ_1M, .chunks = 6,
	.min_phys = SZ_64M, .max_phys = SZ_1G - 1,
};

static const struct dmabuf_core_layout lay_high = {
	.kind = DMABUF_CORE_BACKING_SYSTEM, .max_chunk = SZ_64K, .chunks = 64,
	.min_phys = SZ_512M, .max_phys = SZ_1G - 1,
};

static const struct dmabuf_core_layout lay_cma = {
	.kind = DMABUF_CORE_BACKING_CMA, .max_chunk = SZ_4M, .chunks = 1,
	.min_phys = SZ_16M, .max_phys = SZ_16M + SZ_4M - 1,
};

struct migration_case {
	const char *name;
	const struct dmabuf_core_layout *layout;
	const struct dmabuf_core_dev_caps *devs[3];
	enum dmabuf_core_policy policy;
	bool in_use;
	enum dmabuf_core_attach_action action;
	enum dmabuf_core_backing_kind to;
};

static const struct migration_case migration_cases[] = {
	{ "unbacked, any satisfiable device: keep", &lay_none, { &dev_contig },
	  DMABUF_CORE_POLICY_AUTO, false, DMABUF_CORE_ATTACH_KEEP },
	{ "unbacked, unsatisfiable: refuse", &lay_none, { &dev_contig, &dev_direct64k },
	  DMABUF_CORE_POLICY_AUTO, false, DMABUF_CORE_ATTACH_REFUSE },
	{ "scattered, IOMMU device: keep", &lay_scattered, { &dev_iommu },
	  DMABUF_CORE_POLICY_AUTO, true, DMABUF_CORE_ATTACH_KEEP },
	{ "scattered, contiguous device, idle: migrate to cma", &lay_scattered,
	  { &dev_iommu, &dev_contig }, DMABUF_CORE_POLICY_AUTO, false,
	  DMABUF_CORE_ATTACH_MIGRATE, DMABUF_CORE_BACKING_CMA },
	{ "scattered, contiguous device, in use: refuse", &lay_scattered,
	  { &dev_iommu, &dev_contig }, DMABUF_CORE_POLICY_AUTO, true,
	  DMABUF_CORE_ATTACH_REFUSE },
	{ "1 MiB pieces, 64 KiB-segment device, idle: migrate to smaller pieces",
	  &lay_scattered, { &dev_direct64k }, DMABUF_CORE_POLICY_AUTO, false,
	  DMABUF_CORE_ATTACH_MIGRATE, DMABUF_CORE_BACKING_SYSTEM },
	{ "pages above 256 MiB, 28-bit direct device, idle: migrate", &lay_high,
	  { &dev_direct28 }, DMABUF_CORE_POLICY_AUTO, false, DMABUF_CORE_ATTACH_MIGRATE,
	  DMABUF_CORE_BACKING_SYSTEM },
	{ "pages above 256 MiB, 28-bit device behind an IOMMU: keep", &lay_high,
	  { &dev_iommu }, DMABUF_CORE_POLICY_AUTO, true, DMABUF_CORE_ATTACH_KEEP },
	{ "cma, contiguous device: keep", &lay_cma, { &dev_contig },
	  DMABUF_CORE_POLICY_AUTO, true, DMABUF_CORE_ATTACH_KEEP },
	{ "cma, 64 KiB-segment device: migrate to system", &lay_cma, { &dev_direct64k },
	  DMABUF_CORE_POLICY_AUTO, false, DMABUF_CORE_ATTACH_MIGRATE,
	  DMABUF_CORE_BACKING_SYSTEM },
	{ "cma crossing a 256 KiB boundary, such a device: refuse (4 MiB never fits)",
	  &lay_cma, { &dev_direct28 }, DMABUF_CORE_POLICY_CONTIG, false,
	  DMABUF_CORE_ATTACH_REFUSE },
	{ "SYSTEM policy, contiguous device: refuse even idle", &lay_scattered,
	  { &dev_contig }, DMABUF_CORE_POLICY_SYSTEM, false, DMABUF_CORE_ATTACH_REFUSE },
};

static void migration_case_desc(const struct migration_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(migration, migration_cases, migration_case_desc);

static void migration_action(struct kunit *test)
{
	const struct migration_case *mc = test->param_value;
	struct dmabuf_core_constraints c;
	struct dmabuf_core_choice ch = { };
	enum dmabuf_core_attach_action a;

	collate(&c, mc->devs, ARRAY_SIZE(mc->devs));
	a = dmabuf_core_attach_action(mc->layout, &c, mc->policy, 0, SZ_4M, mc->in_use, &ch);
	KUNIT_EXPECT_EQ(test, a, mc->action);
	if (a == DMABUF_CORE_ATTACH_MIGRATE)
		KUNIT_EXPECT_EQ(test, ch.kind, mc->to);
}

/* The layout a choice would produce, as the allocators report it. */
static void layout_of(const struct dmabuf_core_choice *ch, u64 size,
		      struct dmabuf_core_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->kind = ch->kind;
	l->min_phys = SZ_16M;
	if (ch->kind == DMABUF_CORE_BACKING_CMA) {
		l->chunks = 1;
		l->max_chunk = size;
	} else {
		l->max_chunk = PAGE_SIZE << ch->max_order;
		l->chunks = DIV_ROUND_UP(size, l->max_chunk);
	}
	l->max_phys = l->min_phys + size * 2 - 1;
}

/* One buffer's life: attach, back, map, attach stricter, unmap, migrate. */
static void migration_sequence(struct kunit *test)
{
	struct dmabuf_core_layout l = lay_none;
	struct dmabuf_core_constraints c;
	struct dmabuf_core_choice ch;
	u64 size = SZ_2M + SZ_64K;

	dmabuf_core_constraints_init(&c);
	dmabuf_core_collate(&c, &dev_iommu);
	KUNIT_EXPECT_EQ(test, dmabuf_core_attach_action(&l, &c, DMABUF_CORE_POLICY_AUTO, 0,
							size, false, &ch),
			DMABUF_CORE_ATTACH_KEEP);
	/* First map: late allocation for the IOMMU device. */
	KUNIT_ASSERT_EQ(test, dmabuf_core_choose(&c, DMABUF_CORE_POLICY_AUTO, 0, size, &ch), 0);
	KUNIT_EXPECT_EQ(test, ch.kind, DMABUF_CORE_BACKING_SYSTEM);
	layout_of(&ch, size, &l);
	KUNIT_EXPECT_GT(test, l.chunks, 1);

	dmabuf_core_collate(&c, &dev_contig);
	/* Mapped: the stricter device is refused, the state unchanged. */
	KUNIT_EXPECT_EQ(test, dmabuf_core_attach_action(&l, &c, DMABUF_CORE_POLICY_AUTO, 0,
							size, true, &ch),
			DMABUF_CORE_ATTACH_REFUSE);
	KUNIT_EXPECT_EQ(test, l.kind, DMABUF_CORE_BACKING_SYSTEM);
	/* Unmapped: it migrates, and then serves both. */
	KUNIT_ASSERT_EQ(test, dmabuf_core_attach_action(&l, &c, DMABUF_CORE_POLICY_AUTO, 0,
							size, false, &ch),
			DMABUF_CORE_ATTACH_MIGRATE);
	KUNIT_EXPECT_EQ(test, ch.kind, DMABUF_CORE_BACKING_CMA);
	layout_of(&ch, size, &l);
	KUNIT_EXPECT_TRUE(test, dmabuf_core_layout_serves(&l, &c, DMABUF_CORE_POLICY_AUTO, size));
	/* A third device it already suits: kept, even in use. */
	dmabuf_core_collate(&c, &dev_iommu);
	KUNIT_EXPECT_EQ(test, dmabuf_core_attach_action(&l, &c, DMABUF_CORE_POLICY_AUTO, 0,
							size, true, &ch),
			DMABUF_CORE_ATTACH_KEEP);
	/* One that no backing can serve with the others: refused. */
	dmabuf_core_collate(&c, &dev_direct64k);
	KUNIT_EXPECT_EQ(test, dmabuf_core_attach_action(&l, &c, DMABUF_CORE_POLICY_AUTO, 0,
							size, false, &ch),
			DMABUF_CORE_ATTACH_REFUSE);
}

static void migration_serves_boundary(struct kunit *test)
{
	struct dmabuf_core_layout l = lay_cma;
	struct dmabuf_core_constraints c;

	dmabuf_core_constraints_init(&c);
	c.seg_boundary = SZ_8M - 1;
	/* 16 MiB + 4 MiB stays inside one 8 MiB window. */
	KUNIT_EXPECT_TRUE(test, dmabuf_core_layout_serves(&l, &c, DMABUF_CORE_POLICY_AUTO, SZ_4M));
	l.min_phys = SZ_16M + SZ_8M - SZ_1M;
	l.max_phys = l.min_phys + SZ_4M - 1;
	KUNIT_EXPECT_FALSE(test, dmabuf_core_layout_serves(&l, &c, DMABUF_CORE_POLICY_AUTO,
							   SZ_4M));
}

/*
 * What keeps the backing in place: static importers' mappings, vmaps and
 * mmaps.  Dynamic importers' mappings are not counted by the caller
 * (move_notify takes them back), so none at all is not busy.
 */
static void migration_busy(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, dmabuf_core_busy(0, 0, 0));
	KUNIT_EXPECT_TRUE(test, dmabuf_core_busy(1, 0, 0));
	KUNIT_EXPECT_TRUE(test, dmabuf_core_busy(0, 1, 0));
	KUNIT_EXPECT_TRUE(test, dmabuf_core_busy(0, 0, 1));
	KUNIT_EXPECT_TRUE(test, dmabuf_core_busy(UINT_MAX, UINT_MAX, UINT_MAX));
}

static struct kunit_case migration_test_cases[] = {
	KUNIT_CASE_PARAM(migration_action, migration_gen_params),
	KUNIT_CASE(migration_sequence),
	KUNIT_CASE(migration_serves_boundary),
	KUNIT_CASE(migration_busy),
	{}
};

static struct kunit_suite migration_suite = {
	.name = "dmabuf_core_migration",
	.test_cases = migration_test_cases,
};

static void accounting_limits(struct kunit *test)
{
	struct dmabuf_core_account a = { .limit = SZ_4M }, b = { }, g = { .limit = SZ_8M };

	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, SZ_2M), 0);
	/* A is full: EDQUOT, and nothing moves. */
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, PAGE_SIZE), -EDQUOT);
	KUNIT_EXPECT_EQ(test, a.bytes, (u64)SZ_4M);
	KUNIT_EXPECT_EQ(test, a.buffers, 2);
	KUNIT_EXPECT_EQ(test, g.bytes, (u64)SZ_4M);
	/* B has no limit of its own; the global one gives ENOMEM. */
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&b, &g, SZ_4M), 0);
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&b, &g, PAGE_SIZE), -ENOMEM);
	KUNIT_EXPECT_EQ(test, b.bytes, (u64)SZ_4M);
	KUNIT_EXPECT_EQ(test, g.buffers, 3);
	/* Both limits hit: the owner's comes first. */
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, PAGE_SIZE), -EDQUOT);

	dmabuf_core_uncharge(&a, &g, SZ_2M);
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, SZ_4M), -EDQUOT);
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&b, &g, SZ_4M), -ENOMEM);
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, SZ_2M), 0);
	dmabuf_core_uncharge(&b, &g, SZ_4M);
	dmabuf_core_uncharge(&a, &g, SZ_2M);
	dmabuf_core_uncharge(&a, &g, SZ_2M);
	KUNIT_EXPECT_EQ(test, a.bytes + a.buffers + b.bytes + b.buffers + g.bytes + g.buffers, 0);
}

static void accounting_overflow(struct kunit *test)
{
	struct dmabuf_core_account a = { .limit = SZ_4M }, g = { };

	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, U64_MAX), -EDQUOT);
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, SZ_4M + 1), -EDQUOT);
	a.limit = 0;
	g.limit = SZ_1G;
	KUNIT_EXPECT_EQ(test, dmabuf_core_charge(&a, &g, U64_MAX - 1), -ENOMEM);
	KUNIT_EXPECT_EQ(test, a.bytes + g.bytes, 0);
}

/* A real export: charged at once, backed only at the first vmap, freed. */
static void accounting_export(struct kunit *test)
{
	struct dmabuf_core_export_info info = {
		.size = SZ_1M + 1, .name = "kunit", .policy = DMABUF_CORE_POLICY_AUTO,
	};
	struct dmabuf_core_stats st0, st;
	struct dmabuf_core_info bi;
	struct dma_buf *dmabuf;
	struct iosys_map map;

	dmabuf_core_get_stats(&st0);
	info.owner = dmabuf_core_owner_create("kunit", SZ_2M);
	KUNIT_ASSERT_FALSE(test, IS_ERR(info.owner));
	dmabuf = dmabuf_core_export(&info);
	KUNIT_ASSERT_FALSE(test, IS_ERR(dmabuf));
	KUNIT_EXPECT_EQ(test, dmabuf->size, (size_t)SZ_1M + PAGE_SIZE);
	dmabuf_core_owner_stats(info.owner, &st);
	KUNIT_EXPECT_EQ(test, st.bytes, (u64)SZ_1M + PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, st.backed, 0);
	/* A second one would exceed the 2 MiB limit. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(dmabuf_core_export(&info)), -EDQUOT);

	KUNIT_EXPECT_EQ(test, dmashare_dma_buf_vmap(dmabuf, &map), 0);
	KUNIT_EXPECT_EQ(test, dmabuf_core_get_info(dmabuf, &bi), 0);
	KUNIT_EXPECT_EQ(test, bi.backing, DMABUF_CORE_BACKING_SYSTEM);
	KUNIT_EXPECT_EQ(test, bi.vmaps, 1);
	dmabuf_core_owner_stats(info.owner, &st);
	KUNIT_EXPECT_EQ(test, st.backed, (u64)SZ_1M + PAGE_SIZE);
	dmashare_dma_buf_vunmap(dmabuf, &map);

	/* The owner's creator lets go first; the buffer keeps it. */
	dmabuf_core_owner_put(info.owner);
	dma_buf_put(dmabuf);
	/* A kthread's last fput is deferred: run it now. */
	flush_delayed_fput();
	dmabuf_core_get_stats(&st);
	KUNIT_EXPECT_EQ(test, st.buffers, st0.buffers);
	KUNIT_EXPECT_EQ(test, st.bytes, st0.bytes);
	KUNIT_EXPECT_EQ(test, st.backed, st0.backed);
}

static struct kunit_case accounting_test_cases[] = {
	KUNIT_CASE(accounting_limits),
	KUNIT_CASE(accounting_overflow),
	KUNIT_CASE(accounting_export),
	{}
};

static struct kunit_suite accounting_suite = {
	.name = "dmabuf_core_accounting",
	.test_cases = accounting_test_cases,
};

kunit_test_suites(&policy_suite, &migration_suite, &accounting_suite);

MODULE_IMPORT_NS(DMASHARE_NS(EXPORTED_FOR_KUNIT_TESTING));
MODULE_IMPORT_NS(DMASHARE_NS(DMABUF_CORE));
MODULE_IMPORT_NS(DMASHARE_NS(DMA_BUF));
MODULE_DESCRIPTION("KUnit tests for dmashare's dmabuf_core");
MODULE_LICENSE("GPL");

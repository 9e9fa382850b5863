// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of iommu_mapper:
 *   iommu_mapper_iova - the IOVA allocator
 *   iommu_mapper_sg   - how map_sg lays a list out and merges it
 *   iommu_mapper_pgsize - which IOMMU page sizes a mapping takes
 *
 * Random cases log their seed; load with seed=N to repeat one.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/kthread.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "iova.h"
#include "mapping.h"

static unsigned int seed;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "seed of the random cases (default 0: a random seed, logged)");

#define G	SZ_4K		/* the granule of every window here */
#define BASE	0x100000ULL	/* a window not starting at 0 */

static u32 test_seed(struct kunit *test)
{
	u32 s = seed ?: get_random_u32();

	kunit_info(test, "seed=%u\n", s);
	return s;
}

static struct mapper_iova *new_iova(struct kunit *test, u64 size, unsigned int cap)
{
	struct mapper_iova *iv = kunit_kzalloc(test, sizeof(*iv), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, iv);
	KUNIT_ASSERT_EQ(test, mapper_iova_init(iv, BASE, size, 12, cap), 0);
	return iv;
}

static unsigned long granule_of(dma_addr_t a)
{
	return (a - BASE) / G;
}

/* Every granule once, then nothing: the window is exactly full. */
static void iova_fill_exact(struct kunit *test)
{
	const unsigned long n = 256;
	struct mapper_iova *iv = new_iova(test, n * G, 8);
	struct mapper_iova_stats st;
	unsigned long *seen = kunit_kzalloc(test, BITS_TO_LONGS(n) * sizeof(long), GFP_KERNEL);
	unsigned long i;
	dma_addr_t a;

	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (i = 0; i < n; i++) {
		a = mapper_iova_alloc(iv, G, GFP_KERNEL);
		KUNIT_ASSERT_NE(test, a, DMA_MAPPING_ERROR);
		KUNIT_ASSERT_GE(test, a, BASE);
		KUNIT_ASSERT_LT(test, granule_of(a), n);
		KUNIT_ASSERT_FALSE(test, test_and_set_bit(granule_of(a), seen));
	}
	KUNIT_EXPECT_EQ(test, mapper_iova_alloc(iv, G, GFP_KERNEL), DMA_MAPPING_ERROR);
	KUNIT_EXPECT_EQ(test, mapper_iova_alloc(iv, 1, GFP_KERNEL), DMA_MAPPING_ERROR);
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.used, n);
	KUNIT_EXPECT_EQ(test, st.largest_free, 0);
	KUNIT_EXPECT_EQ(test, st.fails, 2);
	KUNIT_EXPECT_EQ(test, st.peak, n);
	for (i = 0; i < n; i++)
		mapper_iova_free(iv, BASE + i * G, G);
	mapper_iova_destroy(iv);
}

/* Sizes in granules, for the alignment cases. */
static const unsigned long iova_sizes[] = { 1, 2, 3, 4, 5, 16, 17, 255, 256, 257, 1024 };

static void iova_size_desc(const unsigned long *sz, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%lu granules", *sz);
}

KUNIT_ARRAY_PARAM(iova_size, iova_sizes, iova_size_desc);

/* The IOVA, not its offset in the window, is aligned: a base off by a granule. */
static void iova_alignment_absolute(struct kunit *test)
{
	struct mapper_iova *iv = kunit_kzalloc(test, sizeof(*iv), GFP_KERNEL);
	dma_addr_t a, b;

	KUNIT_ASSERT_NOT_NULL(test, iv);
	KUNIT_ASSERT_EQ(test, mapper_iova_init(iv, BASE + G, SZ_16M, 12, 9), 0);
	a = mapper_iova_alloc(iv, 4 * G, GFP_KERNEL);
	b = mapper_iova_alloc(iv, SZ_2M, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, a % (4 * G), 0);
	KUNIT_EXPECT_EQ(test, b % SZ_2M, 0);
	KUNIT_EXPECT_GE(test, a, BASE + G);
	KUNIT_EXPECT_LE(test, b + SZ_2M, BASE + G + SZ_16M);
	mapper_iova_free(iv, a, 4 * G);
	mapper_iova_free(iv, b, SZ_2M);
	mapper_iova_destroy(iv);
}

/* Aligned to the size rounded up to a power of two, capped at 2^8. */
static void iova_alignment(struct kunit *test)
{
	const unsigned long count = *(const unsigned long *)test->param_value;
	const unsigned int cap = 8;
	struct mapper_iova *iv = new_iova(test, SZ_64M, cap);
	unsigned long align = 1UL << min_t(unsigned int, order_base_2(count), cap);
	dma_addr_t first, a;
	int i;

	/* Knock the allocator off any natural alignment first. */
	first = mapper_iova_alloc(iv, G, GFP_KERNEL);
	KUNIT_ASSERT_NE(test, first, DMA_MAPPING_ERROR);
	for (i = 0; i < 3; i++) {
		a = mapper_iova_alloc(iv, count * G, GFP_KERNEL);
		KUNIT_ASSERT_NE(test, a, DMA_MAPPING_ERROR);
		KUNIT_EXPECT_EQ_MSG(test, granule_of(a) % align, 0,
				    "%lu granules at granule %lu", count, granule_of(a));
		mapper_iova_free(iv, a, count * G);
	}
	mapper_iova_free(iv, first, G);
	mapper_iova_destroy(iv);
}

/* The bitmap starts small and grows to the whole window on demand. */
static void iova_grow(struct kunit *test)
{
	const unsigned long n = SZ_64M / G;
	struct mapper_iova *iv = new_iova(test, SZ_64M, 4);
	struct mapper_iova_stats st;
	dma_addr_t a, big;

	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_LT(test, st.nbits, n);
	KUNIT_EXPECT_EQ(test, st.largest_free, n);

	a = mapper_iova_alloc(iv, SZ_16M, GFP_KERNEL);
	KUNIT_ASSERT_NE(test, a, DMA_MAPPING_ERROR);
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_GT(test, st.grows, 0);
	KUNIT_EXPECT_GE(test, st.nbits, SZ_16M / G);
	KUNIT_EXPECT_EQ(test, st.used, SZ_16M / G);

	/* The rest of the window still serves one large request... */
	big = mapper_iova_alloc(iv, SZ_32M, GFP_KERNEL);
	KUNIT_ASSERT_NE(test, big, DMA_MAPPING_ERROR);
	KUNIT_EXPECT_EQ(test, (big - BASE) % (16 * G), 0);
	mapper_iova_free(iv, big, SZ_32M);
	mapper_iova_free(iv, a, SZ_16M);
	/* ...and once empty, the whole window is one range. */
	a = mapper_iova_alloc(iv, SZ_64M, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, a, BASE);
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.nbits, n);
	mapper_iova_free(iv, a, SZ_64M);
	mapper_iova_destroy(iv);
}

/* A freed small range is handed out again from this CPU's cache. */
static void iova_cache_reuse(struct kunit *test)
{
	struct mapper_iova *iv = new_iova(test, SZ_1M, 8);
	struct mapper_iova_stats st;
	dma_addr_t a, b;

	a = mapper_iova_alloc(iv, 2 * G, GFP_KERNEL);
	KUNIT_ASSERT_NE(test, a, DMA_MAPPING_ERROR);
	mapper_iova_free(iv, a, 2 * G);
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.cached, 2);
	migrate_disable();	/* the cache is per CPU: stay on this one */
	b = mapper_iova_alloc(iv, 2 * G, GFP_KERNEL);
	migrate_enable();
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.cache_hits, 1);
	KUNIT_EXPECT_EQ(test, b, a);
	mapper_iova_free(iv, b, 2 * G);
	mapper_iova_destroy(iv);
}

/* Parked ranges are drained back when the window would otherwise fail. */
static void iova_drain_on_exhaustion(struct kunit *test)
{
	const unsigned long n = 64;
	struct mapper_iova *iv = new_iova(test, n * G, 8);
	struct mapper_iova_stats st;
	unsigned long i;
	dma_addr_t a;

	for (i = 0; i < n; i++)
		KUNIT_ASSERT_NE(test, mapper_iova_alloc(iv, G, GFP_KERNEL), DMA_MAPPING_ERROR);
	for (i = 0; i < n; i++)
		mapper_iova_free(iv, BASE + i * G, G);
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_GT(test, st.cached, 0);
	a = mapper_iova_alloc(iv, n * G, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, a, BASE);
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.cached, 0);
	KUNIT_EXPECT_EQ(test, st.used, n);
	mapper_iova_free(iv, a, n * G);
	mapper_iova_destroy(iv);
}

/* Random allocations and frees against a reference of what is taken. */
static void iova_churn(struct kunit *test)
{
	const unsigned long n = 4096, max_live = 256;
	struct mapper_iova *iv = new_iova(test, n * G, 6);
	unsigned long *ref = kunit_kzalloc(test, BITS_TO_LONGS(n) * sizeof(long), GFP_KERNEL);
	dma_addr_t *live = kunit_kcalloc(test, max_live, sizeof(*live), GFP_KERNEL);
	unsigned long *len = kunit_kcalloc(test, max_live, sizeof(*len), GFP_KERNEL);
	struct rnd_state rnd;
	struct mapper_iova_stats st;
	unsigned long nlive = 0, i, fails = 0, align;
	int op;

	KUNIT_ASSERT_TRUE(test, ref && live && len);
	prandom_seed_state(&rnd, test_seed(test));
	for (op = 0; op < 20000; op++) {
		if (nlive && (nlive == max_live || prandom_u32_state(&rnd) % 2)) {
			i = prandom_u32_state(&rnd) % nlive;
			mapper_iova_free(iv, live[i], len[i] * G);
			bitmap_clear(ref, granule_of(live[i]), len[i]);
			live[i] = live[--nlive];
			len[i] = len[nlive];
			continue;
		}
		len[nlive] = 1 + prandom_u32_state(&rnd) % 64;
		live[nlive] = mapper_iova_alloc(iv, len[nlive] * G, GFP_KERNEL);
		if (live[nlive] == DMA_MAPPING_ERROR) {
			fails++;
			continue;
		}
		i = granule_of(live[nlive]);
		KUNIT_ASSERT_LE_MSG(test, i + len[nlive], n, "op %d out of the window", op);
		KUNIT_ASSERT_EQ_MSG(test, find_next_bit(ref, i + len[nlive], i), i + len[nlive],
				    "op %d: %lu granules at %lu overlap a live range",
				    op, len[nlive], i);
		align = 1UL << min_t(unsigned int, order_base_2(len[nlive]), 6);
		KUNIT_ASSERT_EQ(test, i % align, 0);
		bitmap_set(ref, i, len[nlive]);
		nlive++;
	}
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.used - st.cached, bitmap_weight(ref, n));
	kunit_info(test, "%lu refused of 20000 ops, peak %lu of %lu granules\n",
		   fails, st.peak, n);
	while (nlive--)
		mapper_iova_free(iv, live[nlive], len[nlive] * G);
	mapper_iova_destroy(iv);
}

struct iova_worker {
	struct mapper_iova *iv;
	unsigned long *owner;	/* one bit per granule: taken by someone */
	u32 seed;
	int overlaps;
	int fails;
	struct completion done;
};

static int iova_worker_fn(void *data)
{
	struct iova_worker *w = data;
	struct rnd_state rnd;
	unsigned long i, k, count;
	dma_addr_t a;

	prandom_seed_state(&rnd, w->seed);
	for (i = 0; i < 20000; i++) {
		count = 1UL << (prandom_u32_state(&rnd) % 4);
		a = mapper_iova_alloc(w->iv, count * G, GFP_KERNEL);
		if (a == DMA_MAPPING_ERROR) {
			w->fails++;
			continue;
		}
		for (k = 0; k < count; k++)
			if (test_and_set_bit(granule_of(a) + k, w->owner))
				w->overlaps++;
		for (k = 0; k < count; k++)
			clear_bit(granule_of(a) + k, w->owner);
		mapper_iova_free(w->iv, a, count * G);
	}
	complete(&w->done);
	return 0;
}

/* Two threads allocate and free at once: never the same granule twice. */
static void iova_concurrent(struct kunit *test)
{
	const unsigned long n = 1024;
	struct mapper_iova *iv = new_iova(test, n * G, 8);
	unsigned long *owner = kunit_kzalloc(test, BITS_TO_LONGS(n) * sizeof(long), GFP_KERNEL);
	struct iova_worker w[2];
	struct mapper_iova_stats st;
	u32 s = test_seed(test);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, owner);
	for (i = 0; i < 2; i++) {
		struct task_struct *t;

		w[i] = (struct iova_worker) { .iv = iv, .owner = owner, .seed = s + i };
		init_completion(&w[i].done);
		t = kthread_run(iova_worker_fn, &w[i], "iova_test/%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < 2; i++) {
		wait_for_completion(&w[i].done);
		KUNIT_EXPECT_EQ(test, w[i].overlaps, 0);
		KUNIT_EXPECT_EQ(test, w[i].fails, 0);
	}
	mapper_iova_get_stats(iv, &st);
	KUNIT_EXPECT_EQ(test, st.used, st.cached);
	KUNIT_EXPECT_EQ(test, st.allocs, 40000);
	mapper_iova_destroy(iv);
}

struct iova_bad_window {
	const char *name;
	dma_addr_t base;
	u64 size;
	unsigned int shift;
};

static const struct iova_bad_window iova_bad_windows[] = {
	{ "empty", BASE, 0, 12 },
	{ "unaligned base", BASE + 1, SZ_1M, 12 },
	{ "unaligned size", BASE, SZ_1M + 1, 12 },
	{ "granule too small", BASE, SZ_1M, 11 },
	{ "granule too large", BASE, SZ_1M, 31 },
	{ "wraps", (dma_addr_t)-SZ_1M, SZ_2M, 12 },
};

static void iova_bad_window_desc(const struct iova_bad_window *w, char *desc)
{
	strscpy(desc, w->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(iova_bad_window, iova_bad_windows, iova_bad_window_desc);

static void iova_init_refused(struct kunit *test)
{
	const struct iova_bad_window *w = test->param_value;
	struct mapper_iova iv;

	KUNIT_EXPECT_EQ(test, mapper_iova_init(&iv, w->base, w->size, w->shift, 8), -EINVAL);
}

static struct kunit_case iova_cases[] = {
	KUNIT_CASE(iova_fill_exact),
	KUNIT_CASE_PARAM(iova_alignment, iova_size_gen_params),
	KUNIT_CASE(iova_alignment_absolute),
	KUNIT_CASE(iova_grow),
	KUNIT_CASE(iova_cache_reuse),
	KUNIT_CASE(iova_drain_on_exhaustion),
	KUNIT_CASE(iova_churn),
	KUNIT_CASE(iova_concurrent),
	KUNIT_CASE_PARAM(iova_init_refused, iova_bad_window_gen_params),
	{}
};

static struct kunit_suite iova_suite = {
	.name = "iommu_mapper_iova",
	.test_cases = iova_cases,
};

#define SG_MAX	4

struct sg_case {
	const char *name;
	unsigned int max_seg;
	unsigned long boundary;
	int nin;
	struct { unsigned int off, len; } in[SG_MAX];
	int nout;
	struct { u64 at; unsigned int len; } out[SG_MAX];	/* at: from BASE */
};

static const struct sg_case sg_cases[] = {
	{ "two whole pages merge", SZ_64K, ~0UL,
	  2, { { 0, G }, { 0, G } }, 1, { { 0, 2 * G } } },
	{ "first ends mid-page", SZ_64K, ~0UL,
	  2, { { 0, 2048 }, { 0, G } }, 2, { { 0, 2048 }, { G, G } } },
	{ "second starts mid-page", SZ_64K, ~0UL,
	  2, { { 0, G }, { 100, 1000 } }, 2, { { 0, G }, { G + 100, 1000 } } },
	{ "unaligned start, aligned end merges", SZ_64K, ~0UL,
	  2, { { 2048, 2048 }, { 0, G } }, 1, { { 2048, 2048 + G } } },
	{ "max_segment_size splits", 2 * G, ~0UL,
	  3, { { 0, G }, { 0, G }, { 0, G } }, 2, { { 0, 2 * G }, { 2 * G, G } } },
	{ "segment boundary splits", SZ_64K, G - 1,
	  2, { { 0, G }, { 0, G } }, 2, { { 0, G }, { G, G } } },
	{ "a segment over three granules", SZ_64K, ~0UL,
	  2, { { 512, 8000 }, { 0, G } }, 2, { { 512, 8000 }, { 3 * G, G } } },
	{ "four pages, the last two merge", SZ_64K, ~0UL,
	  4, { { 0, 100 }, { 8, 100 }, { 0, G }, { 0, G } },
	  3, { { 0, 100 }, { G + 8, 100 }, { 2 * G, 2 * G } } },
};

static void sg_case_desc(const struct sg_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sg, sg_cases, sg_case_desc);

/* Each entry gets 16 KiB of its own, so any offset and length fits. */
static void sg_layout_test(struct kunit *test)
{
	const struct sg_case *c = test->param_value;
	struct scatterlist sgl[SG_MAX], *s;
	struct page *pages[SG_MAX] = {};
	int i, n;

	sg_init_table(sgl, c->nin);
	for (i = 0; i < c->nin; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 2);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
		sg_set_page(&sgl[i], pages[i], c->in[i].len, c->in[i].off);
	}
	n = mapper_sg_layout(sgl, c->nin, BASE, G, c->max_seg, c->boundary);
	KUNIT_EXPECT_EQ(test, n, c->nout);
	for_each_sg(sgl, s, c->nin, i) {
		if (i < c->nout) {
			KUNIT_EXPECT_EQ_MSG(test, sg_dma_address(s), BASE + c->out[i].at,
					    "segment %d", i);
			KUNIT_EXPECT_EQ_MSG(test, sg_dma_len(s), c->out[i].len, "segment %d", i);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, sg_dma_address(s), DMA_MAPPING_ERROR,
					    "entry %d", i);
			KUNIT_EXPECT_EQ_MSG(test, sg_dma_len(s), 0, "entry %d", i);
		}
	}
	for (i = 0; i < c->nin; i++)
		__free_pages(pages[i], 2);
}

static struct kunit_case sg_test_cases[] = {
	KUNIT_CASE_PARAM(sg_layout_test, sg_gen_params),
	{}
};

static struct kunit_suite sg_suite = {
	.name = "iommu_mapper_sg",
	.test_cases = sg_test_cases,
};

/* ---- page-size selection ---- */

/* intel-iommu and SMMUv3 with 4 KiB granules; the Exynos SYSMMU. */
#define PG_INTEL	(SZ_4K | SZ_2M | SZ_1G)
#define PG_SYSMMU	(SZ_4K | SZ_64K | SZ_1M)

struct pgsize_case {
	const char *name;
	unsigned long pgsizes;
	u64 iova, phys;
	size_t len;
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS];	/* [i]: pages of 4 KiB << i */
};

static const struct pgsize_case pgsize_cases[] = {
	{ "intel: one 4 KiB page", PG_INTEL, 0x100000, 0x7000, SZ_4K, { [0] = 1 } },
	{ "intel: 2 MiB aligned both sides is one 2 MiB page", PG_INTEL,
	  0x200000, 0x40000000, SZ_2M, { [9] = 1 } },
	{ "intel: 4 MiB aligned is two 2 MiB pages", PG_INTEL,
	  0x400000, 0x40200000, SZ_4M, { [9] = 2 } },
	{ "intel: physical address off by 4 KiB takes 4 KiB pages only", PG_INTEL,
	  0x200000, 0x40001000, SZ_2M, { [0] = 512 } },
	{ "intel: IOVA off by 4 KiB takes 4 KiB pages only", PG_INTEL,
	  0x201000, 0x40000000, SZ_2M, { [0] = 512 } },
	{ "intel: 2 MiB + 8 KiB: a 2 MiB page, then two 4 KiB", PG_INTEL,
	  0x200000, 0x40000000, SZ_2M + SZ_8K, { [0] = 2, [9] = 1 } },
	{ "intel: 4 KiB lead-in up to the 2 MiB boundary", PG_INTEL,
	  0x1ff000, 0x401ff000, SZ_4K + SZ_2M, { [0] = 1, [9] = 1 } },
	{ "intel: 1 GiB aligned is one 1 GiB page", PG_INTEL,
	  0x40000000, 0x80000000, SZ_1G, { [18] = 1 } },
	{ "every power of two (intel-iommu on 6.1): 4 MiB aligned is one 4 MiB page",
	  ~0xfffUL, 0x400000, 0x40400000, SZ_4M, { [10] = 1 } },
	{ "sysmmu: 1 MiB aligned is one section", PG_SYSMMU,
	  0x10000000, 0x40000000, SZ_1M, { [8] = 1 } },
	{ "sysmmu: 2 MiB is two sections", PG_SYSMMU,
	  0x10200000, 0x40300000, SZ_2M, { [8] = 2 } },
	{ "sysmmu: 64 KiB aligned is a large page", PG_SYSMMU,
	  0x10010000, 0x40030000, SZ_64K, { [4] = 1 } },
	{ "sysmmu: 1 MiB at a 64 KiB offset is 16 large pages", PG_SYSMMU,
	  0x10010000, 0x40010000, SZ_1M, { [4] = 16 } },
	{ "sysmmu: 1 MiB + 68 KiB: a section, a large page, a small page", PG_SYSMMU,
	  0x10000000, 0x40000000, SZ_1M + SZ_64K + SZ_4K, { [0] = 1, [4] = 1, [8] = 1 } },
	{ "sysmmu: physical address off by 4 KiB takes small pages only", PG_SYSMMU,
	  0x10000000, 0x40001000, SZ_1M, { [0] = 256 } },
};

static void pgsize_case_desc(const struct pgsize_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pgsize, pgsize_cases, pgsize_case_desc);

static void pgsize_count_test(struct kunit *test)
{
	const struct pgsize_case *c = test->param_value;
	u64 pages[IOMMU_MAPPER_PGSIZE_ORDERS] = { };
	unsigned int i;

	mapper_count_pages(c->pgsizes, c->iova, c->phys, c->len, pages);
	for (i = 0; i < IOMMU_MAPPER_PGSIZE_ORDERS; i++)
		KUNIT_EXPECT_EQ_MSG(test, pages[i], c->pages[i], "pages of %lu KiB", 4UL << i);
}

/* The single choice the counting rests on. */
static void pgsize_largest_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_INTEL, 0x200000 | 0x40000000, SZ_2M), SZ_2M);
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_INTEL, 0x200000 | 0x40000000, SZ_2M - 1), SZ_4K);
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_INTEL, 0, SZ_1G + SZ_2M), SZ_1G);
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_SYSMMU, 0, SZ_16M), SZ_1M);
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_SYSMMU, 0x10000, SZ_16M), SZ_64K);
	/* Shorter than the smallest page, or misaligned below it: none. */
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_INTEL, 0, SZ_2K), 0);
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_INTEL, 0x800, SZ_2M), 0);
	KUNIT_EXPECT_EQ(test, mapper_pgsize(PG_INTEL, 0, 0), 0);
}

/*
 * mapper_count_pages() counts runs of equal pages in one step: against
 * the page-by-page split (the IOMMU core's) on random runs, addresses
 * aligned or not to each other at every page size.
 */
static void pgsize_count_random_test(struct kunit *test)
{
	static const unsigned long pgsizes[] = { PG_INTEL, PG_SYSMMU, SZ_4K | SZ_2M };
	struct rnd_state rnd;
	unsigned int n, i;

	prandom_seed_state(&rnd, test_seed(test));
	for (n = 0; n < 2000; n++) {
		unsigned long pg = pgsizes[n % ARRAY_SIZE(pgsizes)];
		u64 want[IOMMU_MAPPER_PGSIZE_ORDERS] = { };
		u64 got[IOMMU_MAPPER_PGSIZE_ORDERS] = { };
		/* Granule-aligned, with random low bits up to 32 MiB. */
		u64 iova = ((u64)prandom_u32_state(&rnd) << 12) & GENMASK_ULL(40, 12);
		u64 phys = ((u64)prandom_u32_state(&rnd) << 12) & GENMASK_ULL(40, 12);
		size_t len = ((size_t)(prandom_u32_state(&rnd) % 8192) + 1) << 12;
		u64 a, p;
		size_t left = len;

		/* Often share the large-page offset, so large pages occur. */
		if (n % 3)
			phys = (phys & ~(u64)(SZ_1G - 1)) | (iova & (SZ_1G - 1));
		a = iova;
		p = phys;
		while (left) {
			size_t step = mapper_pgsize(pg, a | p, left);

			want[min_t(unsigned int, __ffs(step) - 12,
				   IOMMU_MAPPER_PGSIZE_ORDERS - 1)]++;
			a += step;
			p += step;
			left -= step;
		}
		mapper_count_pages(pg, iova, phys, len, got);
		for (i = 0; i < IOMMU_MAPPER_PGSIZE_ORDERS; i++)
			KUNIT_ASSERT_EQ_MSG(test, got[i], want[i],
					    "pgsizes %#lx iova %#llx phys %#llx len %#zx: pages of %lu KiB",
					    pg, iova, phys, len, 4UL << i);
	}
}

/* dma_alloc_attrs() allocates blocks of the orders that are IOMMU pages. */
static void pgsize_alloc_orders_test(struct kunit *test)
{
	unsigned int max = 10;	/* MAX_PAGE_ORDER of x86 and arm64 4 KiB */

	if (PAGE_SIZE != SZ_4K)
		kunit_skip(test, "orders below are for 4 KiB pages");
	/* 2 MiB is order 9; 1 GiB is beyond the page allocator. */
	KUNIT_EXPECT_EQ(test, mapper_alloc_orders(PG_INTEL, max), BIT(0) | BIT(9));
	/* SYSMMU: 64 KiB is order 4, a 1 MiB section order 8. */
	KUNIT_EXPECT_EQ(test, mapper_alloc_orders(PG_SYSMMU, max), BIT(0) | BIT(4) | BIT(8));
	/* Only order 0 when the domain has no larger page the allocator can give. */
	KUNIT_EXPECT_EQ(test, mapper_alloc_orders(SZ_4K | SZ_1G, max), BIT(0));
	KUNIT_EXPECT_EQ(test, mapper_alloc_orders(PG_SYSMMU, 7), BIT(0) | BIT(4));
}

static struct kunit_case pgsize_test_cases[] = {
	KUNIT_CASE_PARAM(pgsize_count_test, pgsize_gen_params),
	KUNIT_CASE(pgsize_largest_test),
	KUNIT_CASE(pgsize_count_random_test),
	KUNIT_CASE(pgsize_alloc_orders_test),
	{}
};

static struct kunit_suite pgsize_suite = {
	.name = "iommu_mapper_pgsize",
	.test_cases = pgsize_test_cases,
};

kunit_test_suites(&iova_suite, &sg_suite, &pgsize_suite);

MODULE_IMPORT_NS(DMASHARE_NS(EXPORTED_FOR_KUNIT_TESTING));
MODULE_DESCRIPTION("KUnit tests for dmashare's iommu_mapper");
MODULE_LICENSE("GPL");

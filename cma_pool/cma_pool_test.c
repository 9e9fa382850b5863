// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of cma_pool:
 *   cma_pool_bitmap - the bitmap allocator: fill, alignment, merging,
 *                     next fit, reserve floor, random churn against a
 *                     reference model
 *   cma_pool_params - the pools= parser, one case per accepted or refused
 *                     form
 *   cma_pool_limits - owner limits and the reserve floor on a pool
 *   cma_pool_pools  - pool creation, lookup and device binding; busy
 *                     ranges (next candidate, bounded retry, -EBUSY)
 *
 * The map is pure placement, so the bitmap cases run on made-up page
 * frame numbers and touch no memory.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/device.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/sched/task.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/pageblock-flags.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

static unsigned int seed;
module_param(seed, uint, 0444);
MODULE_PARM_DESC(seed, "Seed of the random churn case (default 0: a random seed, logged)");

/*
 * A base aligned to the largest granule tested (8 pages) but no more, so
 * larger alignments have to be computed, not inherited.
 */
#define TEST_BASE_PFN	0x12348UL

static void map_setup(struct kunit *test, struct cma_pool_map *map,
		      unsigned long count, unsigned int order_per_bit)
{
	KUNIT_ASSERT_EQ(test, cma_pool_map_init(map, TEST_BASE_PFN, count,
						order_per_bit), 0);
}

static const unsigned int test_orders[] = { 0, 1, 3 };

static void order_desc(const unsigned int *order, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "order_per_bit %u", *order);
}

KUNIT_ARRAY_PARAM(test_order, test_orders, order_desc);

/* Fill the map with one-granule allocations: exactly count pages fit. */
static void map_fill_exactly(struct kunit *test)
{
	unsigned int opb = *(const unsigned int *)test->param_value;
	unsigned long count = 256UL << opb, granule = 1UL << opb, i, pfn;
	struct cma_pool_info info;
	struct cma_pool_map map;
	unsigned long *seen;

	map_setup(test, &map, count, opb);
	seen = kunit_kzalloc(test, BITS_TO_LONGS(count) * sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (i = 0; i < count / granule; i++) {
		KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 1, 0, CMA_POOL_MAP_HINT,
							 0, &pfn), 0);
		KUNIT_ASSERT_GE(test, pfn, TEST_BASE_PFN);
		KUNIT_ASSERT_LT(test, pfn, TEST_BASE_PFN + count);
		KUNIT_ASSERT_FALSE(test, test_and_set_bit(pfn - TEST_BASE_PFN, seen));
	}
	cma_pool_map_info(&map, &info);
	KUNIT_EXPECT_EQ(test, info.used, count);
	KUNIT_EXPECT_EQ(test, info.max_chunk, 0);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 1, 0, CMA_POOL_MAP_HINT,
						 0, &pfn), -ENOMEM);
	/* Free one granule in the middle: exactly that one comes back. */
	cma_pool_map_release(&map, TEST_BASE_PFN + count / 2, granule);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, granule, 0, CMA_POOL_MAP_HINT,
						 0, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN + count / 2);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 1, 0, CMA_POOL_MAP_HINT,
						 0, &pfn), -ENOMEM);
	cma_pool_map_destroy(&map);
}

/* Every alignment up to the maximum is physical; one past it is refused. */
static void map_every_alignment(struct kunit *test)
{
	unsigned int opb = *(const unsigned int *)test->param_value;
	unsigned long count = 1024UL << opb, pfn, first;
	struct cma_pool_map map;
	unsigned int a, max;

	map_setup(test, &map, count, opb);
	max = cma_pool_map_max_align(&map);
	KUNIT_EXPECT_EQ(test, max, ilog2(count));
	for (a = 0; a <= max; a++) {
		/* Knock the hint off any alignment first. */
		KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 1, 0, CMA_POOL_MAP_HINT,
							 0, &first), 0);
		KUNIT_ASSERT_EQ_MSG(test, cma_pool_map_alloc(&map, 1, a, CMA_POOL_MAP_HINT,
							     0, &pfn), 0,
				    "align order %u", a);
		KUNIT_EXPECT_EQ_MSG(test, pfn & ((1UL << a) - 1), 0,
				    "align order %u gave pfn %#lx", a, pfn);
		KUNIT_EXPECT_GE(test, pfn, TEST_BASE_PFN);
		KUNIT_EXPECT_LT(test, pfn, TEST_BASE_PFN + count);
		cma_pool_map_release(&map, pfn, 1);
		cma_pool_map_release(&map, first, 1);
	}
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 1, max + 1, CMA_POOL_MAP_HINT,
						 0, &pfn), -EINVAL);
	cma_pool_map_destroy(&map);
}

/* Fragment, see that the holes do not add up, free, see them merge. */
static void map_fragment_merge(struct kunit *test)
{
	unsigned int opb = *(const unsigned int *)test->param_value;
	unsigned long granule = 1UL << opb, count = 64 * granule, i, pfn;
	unsigned long pfns[64];
	struct cma_pool_info info;
	struct cma_pool_map map;

	map_setup(test, &map, count, opb);
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, granule, 0,
							 CMA_POOL_MAP_HINT, 0,
							 &pfns[i]), 0);
	for (i = 0; i < 64; i += 2)
		cma_pool_map_release(&map, pfns[i], granule);
	cma_pool_map_info(&map, &info);
	KUNIT_EXPECT_EQ(test, info.used, count / 2);
	KUNIT_EXPECT_EQ(test, info.max_chunk, granule);
	/* Half the map is free, but no two granules touch. */
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 2 * granule, 0,
						 CMA_POOL_MAP_HINT, 0, &pfn), -ENOMEM);
	for (i = 1; i < 64; i += 2)
		cma_pool_map_release(&map, pfns[i], granule);
	cma_pool_map_info(&map, &info);
	KUNIT_EXPECT_EQ(test, info.used, 0);
	KUNIT_EXPECT_EQ(test, info.max_chunk, count);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, count, 0, CMA_POOL_MAP_HINT,
						 0, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN);
	cma_pool_map_destroy(&map);
}

/* Next fit: a freed place is not reused while there is room further on. */
static void map_next_fit(struct kunit *test)
{
	unsigned long a, b, c;
	struct cma_pool_map map;

	map_setup(test, &map, 16, 0);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 4, 0, CMA_POOL_MAP_HINT, 0, &a), 0);
	cma_pool_map_release(&map, a, 4);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 4, 0, CMA_POOL_MAP_HINT, 0, &b), 0);
	KUNIT_EXPECT_EQ(test, b, a + 4);
	/* An explicit start is honoured and wraps around. */
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 8, 0, 12, 0, &c), 0);
	KUNIT_EXPECT_EQ(test, c, TEST_BASE_PFN + 8);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 4, 0, 12, 0, &c), 0);
	KUNIT_EXPECT_EQ(test, c, TEST_BASE_PFN);
	cma_pool_map_destroy(&map);
}

/* Prices for map_cheapest: one per unit, by offset from TEST_BASE_PFN. */
static unsigned long map_test_unit_cost(void *ctx, unsigned long pfn)
{
	const unsigned long *price = ctx;

	return price[pfn - TEST_BASE_PFN];
}

/*
 * Priced placement: the cheapest candidate wins over next fit, a free one
 * (cost 0) at once; skipped candidates are not offered; equal prices go
 * to next fit; with every candidate skipped the map is "full".
 */
static void map_cheapest(struct kunit *test)
{
	unsigned long price[16] = { 5, 5, 5, 5, 9, 9, 9, 9, 1, 1, 1, 1, 3, 3, 3, 3 };
	unsigned long memo[16], skip[BITS_TO_LONGS(16)] = { 0 };
	struct cma_pool_map_cost cost = {
		.unit = map_test_unit_cost, .ctx = price, .memo = memo, .skip = skip,
	};
	struct cma_pool_map map;
	unsigned long pfn, i;

	map_setup(test, &map, 16, 0);
	memset(memo, 0xff, sizeof(memo));
	/* 4 pages, aligned by 4: candidates cost 20, 36, 4, 12. */
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc_cheapest(&map, 4, 2, CMA_POOL_MAP_HINT,
							  0, &cost, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN + 8);
	for (i = 8; i < 12; i++)
		KUNIT_EXPECT_EQ(test, memo[i], price[i]);
	cma_pool_map_release(&map, pfn, 4);

	/* Skipping the cheapest leaves the next cheapest. */
	__set_bit(8, skip);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc_cheapest(&map, 4, 2, CMA_POOL_MAP_HINT,
							  0, &cost, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN + 12);
	cma_pool_map_release(&map, pfn, 4);

	/* A free candidate is taken at once, even after a cheaper-looking start. */
	memset(price, 0, 4 * sizeof(price[0]));
	memset(memo, 0xff, sizeof(memo));
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc_cheapest(&map, 4, 2, 0, 0, &cost, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN);
	cma_pool_map_release(&map, pfn, 4);

	/* Equal prices: the first candidate of the run, not the hint's. */
	memset(price, 0, sizeof(price));
	for (i = 0; i < 16; i += 4)
		price[i] = 1;
	memset(memo, 0xff, sizeof(memo));
	bitmap_zero(skip, 16);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc_cheapest(&map, 4, 2, CMA_POOL_MAP_HINT,
							  0, &cost, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN);
	cma_pool_map_release(&map, pfn, 4);

	/* @start is priced second in its run: a free place there wins. */
	memset(price, 0, sizeof(price));
	price[0] = 1;
	memset(memo, 0xff, sizeof(memo));
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc_cheapest(&map, 4, 2, 9, 0, &cost, &pfn), 0);
	KUNIT_EXPECT_EQ(test, pfn, TEST_BASE_PFN + 12);
	KUNIT_EXPECT_EQ(test, memo[4], ULONG_MAX);	/* never priced */
	cma_pool_map_release(&map, pfn, 4);

	/* Everything skipped: nothing fits. */
	bitmap_fill(skip, 16);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc_cheapest(&map, 4, 2, CMA_POOL_MAP_HINT,
							  0, &cost, &pfn), -ENOMEM);
	KUNIT_EXPECT_EQ(test, map.used, 0UL);
	cma_pool_map_destroy(&map);
}

/*
 * Priced placement is best fit among equal prices: the shortest free run
 * that fits, whatever the hint says, so that long runs stay whole.
 */
static void map_best_fit(struct kunit *test)
{
	unsigned long price[16] = { 0 }, memo[16];
	struct cma_pool_map_cost cost = {
		.unit = map_test_unit_cost, .ctx = price, .memo = memo,
	};
	struct cma_pool_map map;
	unsigned long got;

	map_setup(test, &map, 16, 0);
	/* Used: 0-1, 4-5 and 12-15; free runs: 2-3 (2), 6-11 (6). */
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 2, 0, 0, 0, &got), 0);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 2, 0, 4, 0, &got), 0);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 4, 0, 12, 0, &got), 0);

	/* 2 pages, the hint in the long run: the short one is taken. */
	memset(memo, 0xff, sizeof(memo));
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc_cheapest(&map, 2, 0, 6, 0, &cost, &got), 0);
	KUNIT_EXPECT_EQ(test, got, TEST_BASE_PFN + 2);
	/* 6 pages still fit in one piece. */
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc_cheapest(&map, 6, 0, CMA_POOL_MAP_HINT, 0,
							  &cost, &got), 0);
	KUNIT_EXPECT_EQ(test, got, TEST_BASE_PFN + 6);
	KUNIT_EXPECT_EQ(test, map.used, 16UL);
	cma_pool_map_destroy(&map);
}

/* keep_free: the last pages are refused, however they are asked for. */
static void map_keep_free(struct kunit *test)
{
	struct cma_pool_map map;
	unsigned long pfn;

	map_setup(test, &map, 64, 0);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 49, 0, CMA_POOL_MAP_HINT,
						 16, &pfn), -ENOMEM);
	KUNIT_ASSERT_EQ(test, cma_pool_map_alloc(&map, 48, 0, CMA_POOL_MAP_HINT,
						 16, &pfn), 0);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 1, 0, CMA_POOL_MAP_HINT,
						 16, &pfn), -ENOMEM);
	/* Without the floor (a privileged owner) the rest is there. */
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, 16, 0, CMA_POOL_MAP_HINT,
						 0, &pfn), 0);
	cma_pool_map_destroy(&map);
}

struct map_bad_case {
	const char *name;
	unsigned long nr_pages;
	unsigned int align;
};

static const struct map_bad_case map_bad_cases[] = {
	{ "zero pages", 0, 0 },
	{ "more pages than the map", 65, 0 },
	{ "ULONG_MAX pages", ULONG_MAX, 0 },
	{ "alignment over the maximum", 1, 7 },
	{ "alignment of 63", 1, 63 },
};

static void map_bad_desc(const struct map_bad_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(map_bad, map_bad_cases, map_bad_desc);

static void map_bad_request(struct kunit *test)
{
	const struct map_bad_case *c = test->param_value;
	struct cma_pool_info info;
	struct cma_pool_map map;
	unsigned long pfn = 0;

	map_setup(test, &map, 64, 0);
	KUNIT_EXPECT_EQ(test, cma_pool_map_alloc(&map, c->nr_pages, c->align,
						 CMA_POOL_MAP_HINT, 0, &pfn), -EINVAL);
	KUNIT_EXPECT_EQ(test, pfn, 0);
	cma_pool_map_info(&map, &info);
	KUNIT_EXPECT_EQ(test, info.used, 0);
	cma_pool_map_destroy(&map);
}

static void map_bad_geometry(struct kunit *test)
{
	struct cma_pool_map map;

	KUNIT_EXPECT_EQ(test, cma_pool_map_init(&map, 0, 0, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cma_pool_map_init(&map, 0, 6, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, cma_pool_map_init(&map, ULONG_MAX - 3, 8, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cma_pool_map_init(&map, 0, 8, BITS_PER_LONG), -EINVAL);
	KUNIT_EXPECT_EQ(test, cma_pool_map_init(&map, 1, 8, 1), -EINVAL);
}

/* Is there a run of @nr free pages aligned to @align in the model? */
static bool model_fits(const unsigned long *model, unsigned long count,
		       unsigned long nr, unsigned int align)
{
	unsigned long start, step = 1UL << align;

	for (start = ALIGN(TEST_BASE_PFN, step) - TEST_BASE_PFN;
	     start + nr <= count; start += step)
		if (find_next_bit(model, start + nr, start) >= start + nr)
			return true;
	return false;
}

#define CHURN_COUNT	512
#define CHURN_OPS	4000
#define CHURN_LIVE	64

/* Random allocations and releases, checked against a plain bitmap. */
static void map_random_churn(struct kunit *test)
{
	unsigned long *model, pfns[CHURN_LIVE], sizes[CHURN_LIVE];
	unsigned int i, live = 0, used = 0, s = seed;
	struct cma_pool_info info;
	struct cma_pool_map map;
	struct rnd_state rnd;

	if (!s)
		s = get_random_u32();
	kunit_info(test, "seed %u (load cma_pool_test with seed=%u to repeat)\n", s, s);
	prandom_seed_state(&rnd, s);

	map_setup(test, &map, CHURN_COUNT, 0);
	model = kunit_kzalloc(test, BITS_TO_LONGS(CHURN_COUNT) * sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, model);

	for (i = 0; i < CHURN_OPS; i++) {
		unsigned int r = prandom_u32_state(&rnd);

		if (live == CHURN_LIVE || (live && (r & 1))) {
			unsigned int k = (r >> 1) % live;

			cma_pool_map_release(&map, pfns[k], sizes[k]);
			bitmap_clear(model, pfns[k] - TEST_BASE_PFN, sizes[k]);
			used -= sizes[k];
			pfns[k] = pfns[--live];
			sizes[k] = sizes[live];
		} else {
			unsigned long nr = 1 + (r >> 1) % 48, pfn;
			unsigned int align = (r >> 8) % 6;
			bool fits = model_fits(model, CHURN_COUNT, nr, align);
			int ret = cma_pool_map_alloc(&map, nr, align, CMA_POOL_MAP_HINT,
						     0, &pfn);

			KUNIT_ASSERT_EQ_MSG(test, ret, fits ? 0 : -ENOMEM,
					    "op %u: %lu pages align %u, seed %u",
					    i, nr, align, s);
			if (ret)
				continue;
			KUNIT_ASSERT_EQ_MSG(test, pfn & ((1UL << align) - 1), 0,
					    "op %u: misaligned, seed %u", i, s);
			KUNIT_ASSERT_GE(test, find_next_bit(model, pfn - TEST_BASE_PFN + nr,
							    pfn - TEST_BASE_PFN),
					pfn - TEST_BASE_PFN + nr);
			bitmap_set(model, pfn - TEST_BASE_PFN, nr);
			used += nr;
			pfns[live] = pfn;
			sizes[live++] = nr;
		}
		cma_pool_map_info(&map, &info);
		KUNIT_ASSERT_EQ_MSG(test, info.used, used, "op %u, seed %u", i, s);
	}
	while (live--)
		cma_pool_map_release(&map, pfns[live], sizes[live]);
	cma_pool_map_info(&map, &info);
	KUNIT_EXPECT_EQ(test, info.used, 0);
	KUNIT_EXPECT_EQ(test, info.max_chunk, CHURN_COUNT);
	cma_pool_map_destroy(&map);
}

#define RACE_THREADS	4
#define RACE_OPS	2000
#define RACE_COUNT	256

struct map_race {
	struct cma_pool_map map;
	unsigned long *owned;	/* set bit: a page some thread holds */
	atomic_t overlaps;
	atomic_t errors;
	unsigned int seed;
};

/* Give back @nr pages at @pfn: clear them in race->owned, then release. */
static void race_release(struct map_race *race, unsigned long pfn, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		clear_bit(pfn + i - TEST_BASE_PFN, race->owned);
	cma_pool_map_release(&race->map, pfn, nr);
}

/* Each thread holds up to four allocations of 1-4 pages, at random. */
static int map_race_thread(void *data)
{
	unsigned long pfn[4] = {}, nr[4] = {}, i;
	struct map_race *race = data;
	struct rnd_state rnd;
	unsigned int op, k;

	prandom_seed_state(&rnd, race->seed ^ (uintptr_t)current);
	for (op = 0; op < RACE_OPS; op++) {
		k = prandom_u32_state(&rnd) % 4;
		if (nr[k]) {
			race_release(race, pfn[k], nr[k]);
			nr[k] = 0;
			continue;
		}
		switch (cma_pool_map_alloc(&race->map, k + 1, 0, CMA_POOL_MAP_HINT, 0, &pfn[k])) {
		case 0:
			nr[k] = k + 1;
			for (i = 0; i < nr[k]; i++)
				if (test_and_set_bit(pfn[k] + i - TEST_BASE_PFN, race->owned))
					atomic_inc(&race->overlaps);
			break;
		case -ENOMEM:
			break;
		default:
			atomic_inc(&race->errors);
		}
	}
	for (k = 0; k < 4; k++)
		if (nr[k])
			race_release(race, pfn[k], nr[k]);
	return 0;
}

/* Threads allocating and releasing at once never get the same page. */
static void map_concurrent(struct kunit *test)
{
	struct task_struct *tasks[RACE_THREADS];
	struct cma_pool_info info;
	struct map_race *race;
	unsigned int t;

	race = kunit_kzalloc(test, sizeof(*race), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, race);
	race->owned = kunit_kzalloc(test, BITS_TO_LONGS(RACE_COUNT) * sizeof(long), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, race->owned);
	race->seed = seed ? seed : get_random_u32();
	kunit_info(test, "seed %u\n", race->seed);
	map_setup(test, &race->map, RACE_COUNT, 0);
	for (t = 0; t < RACE_THREADS; t++) {
		tasks[t] = kthread_run(map_race_thread, race, "cma_pool_race%u", t);
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[t]));
		get_task_struct(tasks[t]);
	}
	for (t = 0; t < RACE_THREADS; t++) {
		kthread_stop(tasks[t]);
		put_task_struct(tasks[t]);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&race->overlaps), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&race->errors), 0);
	cma_pool_map_info(&race->map, &info);
	KUNIT_EXPECT_EQ(test, info.used, 0);
	KUNIT_EXPECT_EQ(test, info.max_chunk, RACE_COUNT);
	cma_pool_map_destroy(&race->map);
}

static struct kunit_case cma_pool_bitmap_cases[] = {
	KUNIT_CASE_PARAM(map_fill_exactly, test_order_gen_params),
	KUNIT_CASE_PARAM(map_every_alignment, test_order_gen_params),
	KUNIT_CASE_PARAM(map_fragment_merge, test_order_gen_params),
	KUNIT_CASE(map_next_fit),
	KUNIT_CASE(map_cheapest),
	KUNIT_CASE(map_best_fit),
	KUNIT_CASE(map_keep_free),
	KUNIT_CASE_PARAM(map_bad_request, map_bad_gen_params),
	KUNIT_CASE(map_bad_geometry),
	KUNIT_CASE(map_random_churn),
	KUNIT_CASE(map_concurrent),
	{}
};

static struct kunit_suite cma_pool_bitmap_suite = {
	.name = "cma_pool_bitmap",
	.test_cases = cma_pool_bitmap_cases,
};

struct params_case {
	const char *name;
	const char *str;
	int ret;		/* pools, or -EINVAL */
	const char *first;	/* name of the first pool */
	phys_addr_t size;	/* of the last pool */
	phys_addr_t base;	/* of the last pool */
};

static const struct params_case params_cases[] = {
	{ "nothing", "", 0 },
	{ "default pool", "default:64M", 1, "default", SZ_64M, 0 },
	{ "issue example", "default:64M,camera:32M@0x30000000", 2, "default",
	  SZ_32M, 0x30000000 },
	{ "K suffix and every name character", "a_1-z:4K", 1, "a_1-z", SZ_4K, 0 },
	{ "G base", "hi:2M@4G", 1, "hi", SZ_2M, SZ_4G },
	{ "no colon", "default", -EINVAL },
	{ "empty name", ":64M", -EINVAL },
	{ "upper case name", "Default:64M", -EINVAL },
	{ "name with a space", "my pool:64M", -EINVAL },
	{ "name too long", "abcdefghijklmnopqrstuvwxyz:4M", -EINVAL },
	{ "no size", "default:", -EINVAL },
	{ "zero size", "default:0", -EINVAL },
	{ "size not page aligned", "default:1000", -EINVAL },
	{ "junk after size", "default:4Mx", -EINVAL },
	{ "name twice", "a:4M,a:4M", -EINVAL },
	{ "no base after @", "a:4M@", -EINVAL },
	{ "base not page aligned", "a:4M@0x30000001", -EINVAL },
	{ "zero base", "a:4M@0", -EINVAL },
	{ "overlapping bases", "a:4M@0x30000000,b:4M@0x30200000", -EINVAL },
	{ "wrapping range", "a:8K@0xfffffffffffff000", -EINVAL },
	{ "wrong separator", "a:4M;b:4M", -EINVAL },
	{ "trailing comma", "a:4M,", -EINVAL },
	{ "too many pools", "a:4K,b:4K,c:4K,d:4K,e:4K,f:4K,g:4K,h:4K,i:4K", -EINVAL },
};

static void params_desc(const struct params_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(params, params_cases, params_desc);

static void params_parse(struct kunit *test)
{
	const struct params_case *c = test->param_value;
	struct cma_pool_spec specs[CMA_POOL_MAX_SPECS];
	int ret = cma_pool_parse_specs(c->str, specs, ARRAY_SIZE(specs));

	KUNIT_ASSERT_EQ_MSG(test, ret, c->ret, "pools=%s", c->str);
	if (ret <= 0)
		return;
	KUNIT_EXPECT_STREQ(test, specs[0].name, c->first);
	KUNIT_EXPECT_EQ(test, specs[ret - 1].size, c->size);
	KUNIT_EXPECT_EQ(test, specs[ret - 1].base, c->base);
}

static struct kunit_case cma_pool_params_cases[] = {
	KUNIT_CASE_PARAM(params_parse, params_gen_params),
	{}
};

static struct kunit_suite cma_pool_params_suite = {
	.name = "cma_pool_params",
	.test_cases = cma_pool_params_cases,
};

/* Charging: the limit is exact, owners are independent, 0 is unlimited. */
static void limits_charge(struct kunit *test)
{
	struct cma_pool_owner a = { .name = "a", .limit = 10 };
	struct cma_pool_owner b = { .name = "b", .limit = 10 };
	struct cma_pool_owner free_owner = { .name = "free" };

	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&a, 6), 0);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&a, 5), -EDQUOT);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&a, 4), 0);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&a, 1), -EDQUOT);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&a.used), 10);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&b, 10), 0);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&b, ULONG_MAX), -EDQUOT);
	cma_pool_owner_uncharge(&a, 4);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&a, 4), 0);
	KUNIT_EXPECT_EQ(test, cma_pool_owner_charge(&free_owner, 1UL << 40), 0);
}

/* Reusable pools hand out whole pageblocks. */
#define PB	pageblock_nr_pages

/* On a real pool: -EDQUOT at the limit, another owner goes on, floor holds. */
static void limits_pool(struct kunit *test)
{
	struct cma_pool_owner *a, *b, *root;
	struct cma_pool_buf *bufs[3];
	struct cma_pool_info info;
	struct cma_pool *pool;
	unsigned int i;

	pool = cma_pool_create("kunit-limits", 8 * PB * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pool), "create: %ld", PTR_ERR(pool));
	a = cma_pool_owner_create("a", 2 * PB, 0);
	b = cma_pool_owner_create("b", 0, 0);
	root = cma_pool_owner_create("root", 0, CMA_POOL_OWNER_PRIVILEGED);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a) || IS_ERR(b) || IS_ERR(root));
	KUNIT_EXPECT_EQ(test, cma_pool_set_reserve(pool, 2 * PB), 0);
	KUNIT_EXPECT_EQ(test, cma_pool_set_reserve(pool, 8 * PB + 1), -EINVAL);

	bufs[0] = cma_pool_alloc(pool, 2 * PB, 0, a);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bufs[0]), "%ld", PTR_ERR(bufs[0]));
	KUNIT_EXPECT_EQ(test, PTR_ERR(cma_pool_alloc(pool, 1, 0, a)), -EDQUOT);
	/* b has no limit; the pool has 6 pageblocks free, 2 of them the floor. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(cma_pool_alloc(pool, 4 * PB + 1, 0, b)), -ENOMEM);
	bufs[1] = cma_pool_alloc(pool, 4 * PB, 0, b);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bufs[1]), "%ld", PTR_ERR(bufs[1]));
	KUNIT_EXPECT_EQ(test, PTR_ERR(cma_pool_alloc(pool, 1, 0, b)), -ENOMEM);
	/* Only the privileged owner dips into the floor, and no further. */
	bufs[2] = cma_pool_alloc(pool, 2 * PB, 0, root);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bufs[2]), "%ld", PTR_ERR(bufs[2]));
	KUNIT_EXPECT_EQ(test, PTR_ERR(cma_pool_alloc(pool, 1, 0, root)), -ENOMEM);

	cma_pool_get_info(pool, &info);
	KUNIT_EXPECT_EQ(test, info.used, 8 * PB);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), -EBUSY);
	for (i = 0; i < ARRAY_SIZE(bufs); i++)
		cma_pool_release(bufs[i]);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&a->used), 0);
	cma_pool_owner_destroy(a);
	cma_pool_owner_destroy(b);
	cma_pool_owner_destroy(root);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), 0);
}

/*
 * Device binding: lookups fall back to the default pool, a binding wins,
 * holds the pool (no destroy while bound) and can be undone.  The binding
 * only keys on the pointer, so the device need not be registered.
 */
static void pools_set_dev(struct kunit *test)
{
	struct device *dev = kunit_kzalloc(test, sizeof(*dev), GFP_KERNEL);
	struct cma_pool *pool, *def, *got;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	def = cma_pool_lookup_dev(NULL);
	KUNIT_ASSERT_NOT_NULL_MSG(test, def, "cma_pool loaded without a default pool");
	got = cma_pool_lookup_dev(dev);
	KUNIT_EXPECT_PTR_EQ(test, got, def);
	cma_pool_put(got);

	pool = cma_pool_create("kunit-dev", PB * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pool), "create: %ld", PTR_ERR(pool));
	KUNIT_EXPECT_PTR_EQ(test, cma_pool_create("kunit-dev", PB * PAGE_SIZE, 0),
			    ERR_PTR(-EEXIST));
	KUNIT_EXPECT_STREQ(test, cma_pool_name(pool), "kunit-dev");
	got = cma_pool_find("kunit-dev");
	KUNIT_EXPECT_PTR_EQ(test, got, pool);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), -EBUSY);
	cma_pool_put(got);

	KUNIT_EXPECT_EQ(test, cma_pool_set_dev(dev, pool), 0);
	got = cma_pool_lookup_dev(dev);
	KUNIT_EXPECT_PTR_EQ(test, got, pool);
	cma_pool_put(got);
	/* Other devices still get the default pool. */
	got = cma_pool_lookup_dev(dev + 1);
	KUNIT_EXPECT_PTR_EQ(test, got, def);
	cma_pool_put(got);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), -EBUSY);

	KUNIT_EXPECT_EQ(test, cma_pool_set_dev(dev, NULL), 0);
	got = cma_pool_lookup_dev(dev);
	KUNIT_EXPECT_PTR_EQ(test, got, def);
	cma_pool_put(got);
	cma_pool_put(def);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), 0);
	KUNIT_EXPECT_NULL(test, cma_pool_find("kunit-dev"));
}

/* Pool creation refuses what it cannot make, and leaves nothing behind. */
static void pools_create_bad(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, cma_pool_create("Bad", PB * PAGE_SIZE, 0), ERR_PTR(-EINVAL));
	KUNIT_EXPECT_PTR_EQ(test, cma_pool_create(NULL, PB * PAGE_SIZE, 0), ERR_PTR(-EINVAL));
	KUNIT_EXPECT_PTR_EQ(test, cma_pool_create("zero", 0, 0), ERR_PTR(-EINVAL));
	KUNIT_EXPECT_PTR_EQ(test, cma_pool_create("half", PB * PAGE_SIZE / 2, 0),
			    ERR_PTR(-EINVAL));
	KUNIT_EXPECT_PTR_EQ(test, cma_pool_create("huge", (phys_addr_t)1 << 50, 0),
			    ERR_PTR(-ENOSPC));
	KUNIT_EXPECT_NULL(test, cma_pool_find("huge"));
}

/*
 * Busy ranges: a page the kernel holds inside the pool makes its
 * pageblock busy; the allocation goes to the next candidate, and with no
 * candidate left fails with -EBUSY after the bounded retries.
 */
static void pools_busy(struct kunit *test)
{
	struct cma_pool_buf *buf, *buf2;
	struct cma_pool_owner *owner;
	struct cma_pool_info info;
	struct cma_pool *pool;
	long retries;

	pool = cma_pool_create("kunit-busy", 2 * PB * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pool), "create: %ld", PTR_ERR(pool));
	owner = cma_pool_owner_create("busy", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(owner));
	cma_pool_get_info(pool, &info);
	if (info.backing != CMA_POOL_REUSABLE) {
		cma_pool_owner_destroy(owner);
		cma_pool_destroy(pool);
		kunit_skip(test, "the pool is not reusable");
	}

	/* Hold one page of the first pageblock, as any kernel user might. */
	KUNIT_ASSERT_EQ(test, alloc_contig_range(info.base_pfn + 1, info.base_pfn + 2,
						 MIGRATE_MOVABLE, GFP_KERNEL), 0);
	/* Priced out: the held page sends the allocation elsewhere untried. */
	buf = cma_pool_alloc(pool, PB, 0, owner);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(buf), "%ld", PTR_ERR(buf));
	KUNIT_EXPECT_EQ(test, buf->pfn, info.base_pfn + PB);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&pool->stats.busy), 0);

	/* Only the held pageblock is left: busy, retried, then -EBUSY. */
	retries = atomic_long_read(&pool->stats.retries);
	KUNIT_EXPECT_EQ(test, PTR_ERR(cma_pool_alloc(pool, PB, 0, owner)), -EBUSY);
	KUNIT_EXPECT_GE(test, atomic_long_read(&pool->stats.busy), 1);
	KUNIT_EXPECT_GT(test, atomic_long_read(&pool->stats.retries), retries);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&owner->used), PB);

	/* The page is back: the place is free again. */
	free_contig_range(info.base_pfn + 1, 1);
	buf2 = cma_pool_alloc(pool, PB, 0, owner);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(buf2), "%ld", PTR_ERR(buf2));
	KUNIT_EXPECT_EQ(test, buf2->pfn, info.base_pfn);

	cma_pool_release(buf2);
	cma_pool_release(buf);
	cma_pool_owner_destroy(owner);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), 0);
}

/*
 * No movable range at a fixed base: the pool falls back to being claimed
 * up front.  A free range of movable pageblocks (where a reusable pool
 * was placed) is made MIGRATE_UNMOVABLE, as alloc_contig_range() leaves
 * the pageblocks it gives back with the type it is asked for; a pool
 * asked for there is claimed (which makes them movable again), holds its
 * pages, allocates at its base, and gives them back when destroyed.
 */
static void pools_claim_fallback(struct kunit *test)
{
	struct cma_pool_owner *owner;
	struct cma_pool_info info;
	struct cma_pool_buf *buf;
	struct cma_pool *pool;
	unsigned long base;
	bool reusable;
	int ret;

	pool = cma_pool_create("kunit-place", 2 * PB * PAGE_SIZE, 0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pool), "create: %ld", PTR_ERR(pool));
	cma_pool_get_info(pool, &info);
	base = info.base_pfn;
	reusable = info.backing == CMA_POOL_REUSABLE;
	KUNIT_ASSERT_EQ(test, cma_pool_destroy(pool), 0);
	if (!reusable)
		kunit_skip(test, "no reusable pool to take the range of");

	ret = alloc_contig_range(base, base + 2 * PB, MIGRATE_UNMOVABLE, GFP_KERNEL);
	if (ret)
		kunit_skip(test, "the range was taken meanwhile (%d)", ret);
	free_contig_range(base, 2 * PB);

	pool = cma_pool_create("kunit-claim", 2 * PB * PAGE_SIZE, PFN_PHYS(base));
	/* The free pages sit on unmovable lists: the kernel may take one. */
	if (PTR_ERR(pool) == -EBUSY)
		kunit_skip(test, "a kernel allocation took a page of the range meanwhile");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pool), "fixed create: %ld", PTR_ERR(pool));
	cma_pool_get_info(pool, &info);
	KUNIT_EXPECT_EQ(test, info.backing, CMA_POOL_CLAIMED);
	KUNIT_EXPECT_EQ(test, info.base_pfn, base);
	/* Claimed: its pages are held, none is free. */
	KUNIT_EXPECT_EQ(test, page_count(pfn_to_page(base)), 1);
	KUNIT_EXPECT_EQ(test, page_count(pfn_to_page(base + 2 * PB - 1)), 1);

	owner = cma_pool_owner_create("claim", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(owner));
	buf = cma_pool_alloc(pool, 2 * PB, 0, owner);
	KUNIT_EXPECT_FALSE_MSG(test, IS_ERR(buf), "%ld", PTR_ERR(buf));
	if (!IS_ERR(buf)) {
		KUNIT_EXPECT_EQ(test, buf->pfn, base);
		cma_pool_release(buf);
	}
	cma_pool_owner_destroy(owner);
	KUNIT_EXPECT_EQ(test, cma_pool_destroy(pool), 0);
}

static struct kunit_case cma_pool_limits_cases[] = {
	KUNIT_CASE(limits_charge),
	KUNIT_CASE(limits_pool),
	{}
};

static struct kunit_suite cma_pool_limits_suite = {
	.name = "cma_pool_limits",
	.test_cases = cma_pool_limits_cases,
};

static struct kunit_case cma_pool_pools_cases[] = {
	KUNIT_CASE(pools_set_dev),
	KUNIT_CASE(pools_create_bad),
	KUNIT_CASE(pools_busy),
	KUNIT_CASE(pools_claim_fallback),
	{}
};

static struct kunit_suite cma_pool_pools_suite = {
	.name = "cma_pool_pools",
	.test_cases = cma_pool_pools_cases,
};

kunit_test_suites(&cma_pool_bitmap_suite, &cma_pool_params_suite,
		  &cma_pool_limits_suite, &cma_pool_pools_suite);

MODULE_IMPORT_NS(DMASHARE_NS(EXPORTED_FOR_KUNIT_TESTING));
MODULE_IMPORT_NS(DMASHARE_NS(CMA_POOL));
MODULE_DESCRIPTION("KUnit tests for dmashare's cma_pool");
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite exynos_sysmmu_bench: map and unmap rates of the SYSMMU page
 * table (pgtable.c) against the kernel's io-pgtable ARMv7 short-descriptor
 * format (ARM_V7S, the same two-level family: 1 MiB sections, 64 KiB large
 * and 4 KiB small pages) in the same boot, each mapping checked by
 * translating it back.
 *
 * A module of its own, not one of the *_test modules: "make bench" runs it
 * (tests/bench, suite exynos_sysmmu_bench in tests/qemu/guest-init), which
 * takes the "# bench" lines it logs (Documentation/testing.rst, "Benchmark
 * lines") from its KUnit log in debugfs.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "pgtable.h"
#include "sysmmu.h"

#define RW (IOMMU_READ | IOMMU_WRITE)

#if IS_ENABLED(CONFIG_IOMMU_IO_PGTABLE_ARMV7S)

static void sysmmu_bench_flush_all(void *cookie)
{
}

static void sysmmu_bench_flush_walk(unsigned long iova, size_t size,
				    size_t granule, void *cookie)
{
}

static void sysmmu_bench_add_page(struct iommu_iotlb_gather *gather,
				  unsigned long iova, size_t granule, void *cookie)
{
}

/* Both tables get TLB maintenance that does nothing: only tables count. */
static const struct iommu_flush_ops sysmmu_bench_v7s_flush = {
	.tlb_flush_all = sysmmu_bench_flush_all,
	.tlb_flush_walk = sysmmu_bench_flush_walk,
	.tlb_add_page = sysmmu_bench_add_page,
};

static void sysmmu_bench_inv_range(void *cookie, u32 iova, size_t size)
{
}

static void sysmmu_bench_inv_lv1(void *cookie, u32 iova)
{
}

static const struct sysmmu_pt_flush_ops sysmmu_bench_flush = {
	.inv_range = sysmmu_bench_inv_range,
	.inv_lv1 = sysmmu_bench_inv_lv1,
};

#define BENCH_IOVA	0x40000000UL
#define BENCH_PA	0x20000000ULL
/* Table entries each measurement writes (and clears), at least. */
#define BENCH_WORK	16384
/* Each measurement is repeated, the fastest time of each piece kept. */
#define BENCH_REPS	15

struct sysmmu_bench_ops {
	int (*map)(void *t, unsigned long iova, phys_addr_t pa, size_t pgsize,
		   size_t count, size_t *mapped);
	size_t (*unmap)(void *t, unsigned long iova, size_t pgsize, size_t count);
	phys_addr_t (*iova_to_phys)(void *t, unsigned long iova);
};

static int bench_ours_map(void *t, unsigned long iova, phys_addr_t pa,
			  size_t pgsize, size_t count, size_t *mapped)
{
	return sysmmu_map_pages(t, iova, pa, pgsize, count, RW, GFP_KERNEL, mapped);
}

static size_t bench_ours_unmap(void *t, unsigned long iova, size_t pgsize,
			       size_t count)
{
	return sysmmu_unmap_pages(t, iova, pgsize, count);
}

static phys_addr_t bench_ours_iova_to_phys(void *t, unsigned long iova)
{
	return sysmmu_iova_to_phys(t, iova);
}

static const struct sysmmu_bench_ops sysmmu_bench_ours = {
	.map = bench_ours_map,
	.unmap = bench_ours_unmap,
	.iova_to_phys = bench_ours_iova_to_phys,
};

static int bench_v7s_map(void *t, unsigned long iova, phys_addr_t pa,
			 size_t pgsize, size_t count, size_t *mapped)
{
	struct io_pgtable_ops *ops = t;

	return ops->map_pages(ops, iova, pa, pgsize, count, RW, GFP_KERNEL, mapped);
}

static size_t bench_v7s_unmap(void *t, unsigned long iova, size_t pgsize,
			      size_t count)
{
	struct io_pgtable_ops *ops = t;
	struct iommu_iotlb_gather gather;

	iommu_iotlb_gather_init(&gather);
	return ops->unmap_pages(ops, iova, pgsize, count, &gather);
}

static phys_addr_t bench_v7s_iova_to_phys(void *t, unsigned long iova)
{
	struct io_pgtable_ops *ops = t;

	return ops->iova_to_phys(ops, iova);
}

static const struct sysmmu_bench_ops sysmmu_bench_v7s = {
	.map = bench_v7s_map,
	.unmap = bench_v7s_unmap,
	.iova_to_phys = bench_v7s_iova_to_phys,
};

/* Physical address of page @i of a scattered buffer of @n pages. */
static phys_addr_t bench_scatter_pa(unsigned int i, unsigned int n)
{
	/* A permutation of 4 n pages' worth of frames, odd multiplier. */
	return BENCH_PA + (phys_addr_t)((i * 2654435761u) % (4 * n)) * SZ_4K;
}

/* The page size a contiguous buffer of @size is mapped with. */
static size_t bench_pgsize(size_t size)
{
	return size >= SZ_1M ? SZ_1M : size >= SZ_64K ? SZ_64K : SZ_4K;
}

/* Pages of a scattered buffer timed together: one section's worth. */
#define BENCH_CHUNK	(SZ_1M / SZ_4K)

/*
 * The best time seen of every timed piece of a measurement: a round's
 * map or unmap call (contiguous), or one section's worth of 4 KiB calls
 * (scattered).  Summed, they give the measurement's time.
 */
struct sysmmu_bench_best {
	u64 *map_ns;
	u64 *unmap_ns;
	unsigned int slots;
};

static void bench_keep(u64 *best, unsigned int slot, u64 ns)
{
	best[slot] = min(best[slot], ns);
}

static u64 bench_sum(const u64 *best, unsigned int slots)
{
	u64 sum = 0;
	unsigned int i;

	for (i = 0; i < slots; i++)
		sum += best[i];
	return sum;
}

/*
 * One repetition of a measurement: map and unmap @size bytes at
 * BENCH_IOVA (contiguous: the largest page size that fits, one call;
 * scattered: one 4 KiB call per page) until BENCH_WORK table entries
 * were written, timing each piece into @b; check the translation of every
 * 16th page of the first round of the first repetition (@check).
 * Returns the pages one repetition maps.
 */
static u64 sysmmu_bench_one(struct kunit *test, const struct sysmmu_bench_ops *o,
			    void *t, size_t size, bool scattered, bool check,
			    struct sysmmu_bench_best *b)
{
	size_t pgsize = scattered ? SZ_4K : bench_pgsize(size);
	/* Entries one round writes: a large page is 16 of them. */
	unsigned int entries = size / pgsize * (pgsize == SZ_64K ? 16 : 1);
	unsigned int n = size / SZ_4K;
	unsigned int rounds = max_t(unsigned int, 1, BENCH_WORK / entries);
	unsigned int chunks = scattered ? DIV_ROUND_UP(n, BENCH_CHUNK) : 1;
	unsigned int r, c, i, end;
	size_t mapped;
	u64 t0;

	b->slots = rounds * chunks;
	for (r = 0; r < rounds; r++) {
		mapped = 0;
		if (scattered) {
			for (c = 0; c < chunks; c++) {
				end = min(n, (c + 1) * BENCH_CHUNK);
				t0 = ktime_get_ns();
				for (i = c * BENCH_CHUNK; i < end; i++)
					if (o->map(t, BENCH_IOVA + i * SZ_4K,
						   bench_scatter_pa(i, n), SZ_4K, 1,
						   &mapped))
						break;
				bench_keep(b->map_ns, r * chunks + c, ktime_get_ns() - t0);
			}
		} else {
			t0 = ktime_get_ns();
			o->map(t, BENCH_IOVA, BENCH_PA, pgsize, size / pgsize, &mapped);
			bench_keep(b->map_ns, r, ktime_get_ns() - t0);
		}
		KUNIT_ASSERT_EQ(test, mapped, size);
		if (check && !r)
			for (i = 0; i < n; i += 16) {
				phys_addr_t want = scattered ? bench_scatter_pa(i, n) :
					BENCH_PA + (phys_addr_t)i * SZ_4K;

				KUNIT_ASSERT_EQ(test, (u64)o->iova_to_phys(t, BENCH_IOVA +
									   i * SZ_4K + 42),
						(u64)want + 42);
			}
		if (scattered) {
			for (c = 0; c < chunks; c++) {
				end = min(n, (c + 1) * BENCH_CHUNK);
				mapped = 0;
				t0 = ktime_get_ns();
				for (i = c * BENCH_CHUNK; i < end; i++)
					mapped += o->unmap(t, BENCH_IOVA + i * SZ_4K, SZ_4K, 1);
				bench_keep(b->unmap_ns, r * chunks + c, ktime_get_ns() - t0);
				KUNIT_ASSERT_EQ(test, mapped,
						(size_t)(end - c * BENCH_CHUNK) * SZ_4K);
			}
		} else {
			t0 = ktime_get_ns();
			mapped = o->unmap(t, BENCH_IOVA, pgsize, size / pgsize);
			bench_keep(b->unmap_ns, r, ktime_get_ns() - t0);
			KUNIT_ASSERT_EQ(test, mapped, size);
		}
	}
	KUNIT_ASSERT_EQ(test, (u64)o->iova_to_phys(t, BENCH_IOVA + 42), 0ULL);
	return (u64)n * rounds;
}

static u64 bench_rate(u64 pages, u64 ns)
{
	return ns ? div64_u64(pages * NSEC_PER_SEC, ns) : 0;
}

/* One "# bench" line: rates in pages per second, higher is better. */
static void sysmmu_bench_line(struct kunit *test, const char *what, bool scattered,
			      size_t size, u64 ours, u64 v7s)
{
	u64 ratio = v7s ? div64_u64(ours * 10000, v7s) : 0;

	kunit_info(test, "# bench exynos_sysmmu_bench %s_%s %zu%s pages/s ours=%llu mainline=%llu ratio=%llu.%04llu better=higher vs=io-pgtable-v7s\n",
		   what, scattered ? "scattered" : "contiguous",
		   size >= SZ_1M ? size / SZ_1M : size / SZ_1K,
		   size >= SZ_1M ? "MiB" : "KiB", ours, v7s,
		   div_u64(ratio, 10000), ratio % 10000);
}

static void sysmmu_bench_best_reset(struct sysmmu_bench_best *b)
{
	memset64(b->map_ns, U64_MAX, BENCH_WORK);
	memset64(b->unmap_ns, U64_MAX, BENCH_WORK);
}

static void sysmmu_bench_test(struct kunit *test)
{
	static const size_t sizes[] = { SZ_4K, SZ_64K, SZ_1M, SZ_16M, SZ_256M };
	struct io_pgtable_cfg cfg = {
		.pgsize_bitmap = SZ_4K | SZ_64K | SZ_1M | SZ_16M,
		.ias = 32,
		.oas = 32,
		.coherent_walk = true,
		.tlb = &sysmmu_bench_v7s_flush,
	};
	const struct sysmmu_pt_fmt *fmt = sysmmu_variant_find(SYSMMU_MKVER(3, 1))->fmt;
	struct sysmmu_bench_best ours, v7s_best;
	struct io_pgtable_ops *v7s;
	struct sysmmu_pgtable *pt;
	unsigned int i, scattered;

	/* At most BENCH_WORK pieces per measurement (4 KiB rounds). */
	ours.map_ns = kunit_kmalloc_array(test, BENCH_WORK, sizeof(u64), GFP_KERNEL);
	ours.unmap_ns = kunit_kmalloc_array(test, BENCH_WORK, sizeof(u64), GFP_KERNEL);
	v7s_best.map_ns = kunit_kmalloc_array(test, BENCH_WORK, sizeof(u64), GFP_KERNEL);
	v7s_best.unmap_ns = kunit_kmalloc_array(test, BENCH_WORK, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ours.map_ns);
	KUNIT_ASSERT_NOT_NULL(test, ours.unmap_ns);
	KUNIT_ASSERT_NOT_NULL(test, v7s_best.map_ns);
	KUNIT_ASSERT_NOT_NULL(test, v7s_best.unmap_ns);

	cfg.iommu_dev = kunit_device_register(test, "exynos_sysmmu_bench");
	KUNIT_ASSERT_FALSE(test, IS_ERR(cfg.iommu_dev));
	v7s = alloc_io_pgtable_ops(ARM_V7S, &cfg, NULL);
	KUNIT_ASSERT_NOT_NULL(test, v7s);
	pt = sysmmu_pgtable_alloc(fmt, &sysmmu_bench_flush, NULL, NULL);
	if (!pt)
		free_io_pgtable_ops(v7s);
	KUNIT_ASSERT_NOT_NULL(test, pt);

	kunit_info(test, "pages (4 KiB) per second; ours = pgtable.c %s format, mainline = io-pgtable ARM_V7S\n",
		   fmt->name);
	for (scattered = 0; scattered <= 1; scattered++) {
		for (i = 0; i < ARRAY_SIZE(sizes); i++) {
			unsigned int rep;
			u64 op = 0, vp = 0;

			/*
			 * Other work on the machine only ever slows a piece
			 * down: alternate the two, keep the fastest of each
			 * piece.
			 */
			sysmmu_bench_best_reset(&ours);
			sysmmu_bench_best_reset(&v7s_best);
			for (rep = 0; rep < BENCH_REPS; rep++) {
				op = sysmmu_bench_one(test, &sysmmu_bench_ours, pt, sizes[i],
						      scattered, !rep, &ours);
				vp = sysmmu_bench_one(test, &sysmmu_bench_v7s, v7s, sizes[i],
						      scattered, !rep, &v7s_best);
			}
			sysmmu_bench_line(test, "map", scattered, sizes[i],
					  bench_rate(op, bench_sum(ours.map_ns, ours.slots)),
					  bench_rate(vp, bench_sum(v7s_best.map_ns,
								   v7s_best.slots)));
			sysmmu_bench_line(test, "unmap", scattered, sizes[i],
					  bench_rate(op, bench_sum(ours.unmap_ns, ours.slots)),
					  bench_rate(vp, bench_sum(v7s_best.unmap_ns,
								   v7s_best.slots)));
		}
	}
	sysmmu_pgtable_free(pt);
	free_io_pgtable_ops(v7s);
}

#else

static void sysmmu_bench_test(struct kunit *test)
{
	kunit_skip(test, "the kernel has no IOMMU_IO_PGTABLE_ARMV7S to compare with");
}

#endif

static struct kunit_case sysmmu_bench_test_cases[] = {
	KUNIT_CASE_SLOW(sysmmu_bench_test),
	{}
};

static struct kunit_suite sysmmu_bench_suite = {
	.name = "exynos_sysmmu_bench",
	.test_cases = sysmmu_bench_test_cases,
};

kunit_test_suites(&sysmmu_bench_suite);

MODULE_DESCRIPTION("dmashare: KUnit benchmark of exynos_sysmmu's page table against io-pgtable ARM_V7S");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(DMASHARE_NS(EXPORTED_FOR_KUNIT_TESTING));

// SPDX-License-Identifier: GPL-2.0
/*
 * suite_cma_pool_bench.c - "dmabuf-test cma_pool_bench": cma_pool's default pool
 * side by side with the kernel's CMA (its dma-heap, on a kernel booted
 * with cma=), in one boot.  A benchmark, not a test: it prints a table as
 * TAP diagnostics, and fails only when it cannot run.
 *
 *   latency   1, 4, 16, 32 MiB: allocation (zeroed memory, both) on a free
 *             area and on one the system has filled with page cache (tmpfs
 *             pages, until both areas are at least half used by the
 *             system, as /proc/meminfo's CmaFree and cma_pool's debugfs
 *             system_pages show); the median of BENCH_REPS, the two
 *             allocators taking turns, and the first of them (the one
 *             that met the fill); the release time and the median of
 *             the pairs' ratios as diagnostics
 *   churn     BENCH_OPS random allocations (1-8 MiB) and frees, the same
 *             sequence for both, after the fill; the share of allocations
 *             that succeed (memory pressure may leave unmovable pages in
 *             cma_pool's MIGRATE_MOVABLE pageblocks, never in the
 *             kernel's MIGRATE_CMA ones); MemAvailable before and after
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <linux/dma-heap.h>

#include "harness.h"

#define MiB		(1024ull * 1024)
#define BENCH_REPS	21
#define BENCH_OPS	10000
#define BENCH_LIVE	8
#define FILL_DIR	"/tmp/cma_pool-bench"
#define FILL_PATH	FILL_DIR "/fill"
/* Filling stops when MemAvailable drops to this, used areas or not. */
#define FILL_FLOOR	(64 * MiB)
#define MEMINFO		"/proc/meminfo"
#define POOL_SYSTEM	"/sys/kernel/debug/cma_pool/default/system_pages"

/* One allocator: allocate @size bytes, returning a handle, or free it. */
struct allocator {
	const char *name;
	int fd;
	long (*alloc)(int fd, uint64_t size);	/* handle, or -errno */
	void (*free)(int fd, long handle);
};

static long pool_alloc(int fd, uint64_t size)
{
	struct dtest_cma_alloc a = { .size = size };

	return ioctl(fd, DTEST_IOC_CMA_ALLOC, &a) ? -errno : (long)a.handle;
}

static void pool_free(int fd, long handle)
{
	struct dtest_cma_id id = { .id = handle };

	ioctl(fd, DTEST_IOC_CMA_FREE, &id);
}

static long heap_alloc(int fd, uint64_t size)
{
	struct dma_heap_allocation_data d = { .len = size, .fd_flags = O_RDWR | O_CLOEXEC };

	return ioctl(fd, DMA_HEAP_IOCTL_ALLOC, &d) ? -errno : (long)d.fd;
}

static void heap_free(int fd, long handle)
{
	(void)fd;	/* the handle is the dma-buf fd */
	close(handle);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Latency of allocating @size with each of @al[0] and @al[1], in
 * microseconds: the median of BENCH_REPS into @median[] and the first
 * into @first[]; -1 for an allocator once one of its allocations failed.
 * The two take turns, one allocation and its release each, the first
 * of a pair alternating, so that both sample the same moments of a host
 * whose load changes under them (a block of one then a block of the
 * other would charge one side with whatever the host did meanwhile).
 * The time of the release is kept apart in @release[] (the median): it
 * is not part of the allocation latency, but both sides give the memory
 * back synchronously (the ioctl, close() of the dma-buf), so it is
 * measured the same way.  *@paired: the median of the pairs' ratios
 * (cma_pool's time over the kernel's CMA's next to it), which a load
 * that changes between pairs moves less than the ratio of the medians.
 */
static void latency(struct allocator al[2], uint64_t size, double median[2],
		    double first[2], double release[2], double *paired)
{
	double t[2][BENCH_REPS], r[2][BENCH_REPS], p[BENCH_REPS], t0;
	int failed[2] = { 0 };
	unsigned int i, k, a;
	long h;

	for (i = 0; i < BENCH_REPS; i++)
		for (k = 0; k < 2; k++) {
			a = k ^ (i & 1);
			if (failed[a])
				continue;
			t0 = now_us();
			h = al[a].alloc(al[a].fd, size);
			t[a][i] = now_us() - t0;
			if (h < 0) {
				failed[a] = 1;
				continue;
			}
			t0 = now_us();
			al[a].free(al[a].fd, h);
			r[a][i] = now_us() - t0;
		}
	*paired = -1;
	if (!failed[0] && !failed[1]) {
		for (i = 0; i < BENCH_REPS; i++)
			p[i] = t[1][i] > 0 ? t[0][i] / t[1][i] : 0;
		qsort(p, BENCH_REPS, sizeof(p[0]), cmp_double);
		*paired = p[BENCH_REPS / 2];
	}
	for (a = 0; a < 2; a++) {
		median[a] = -1;
		first[a] = -1;
		release[a] = -1;
		if (failed[a])
			continue;
		first[a] = t[a][0];
		qsort(t[a], BENCH_REPS, sizeof(t[a][0]), cmp_double);
		median[a] = t[a][BENCH_REPS / 2];
		qsort(r[a], BENCH_REPS, sizeof(r[a][0]), cmp_double);
		release[a] = r[a][BENCH_REPS / 2];
	}
}

/* " ours | kernel | ratio |" of a pair of times, for the table. */
static const char *cols(const double v[2])
{
	static char text[2][48];
	static unsigned int n;
	char *t = text[n++ % 2];

	snprintf(t, sizeof(text[0]), " %8.0f | %8.0f | %5.2f |", v[0], v[1],
		 v[1] > 0 ? v[0] / v[1] : 0);
	return t;
}

/* Share of BENCH_OPS random operations' allocations that succeeded. */
static double churn(struct allocator *al, unsigned int seed)
{
	long live[BENCH_LIVE];
	unsigned int n = 0, i, tries = 0, ok = 0;

	srand(seed);
	for (i = 0; i < BENCH_OPS; i++) {
		unsigned int r = rand();

		if (n == BENCH_LIVE || (n && (r & 1))) {
			unsigned int k = (r >> 1) % n;

			al->free(al->fd, live[k]);
			live[k] = live[--n];
		} else {
			long h = al->alloc(al->fd, (1 + (r >> 1) % 8) * MiB);

			tries++;
			if (h >= 0) {
				ok++;
				live[n++] = h;
			}
		}
	}
	while (n)
		al->free(al->fd, live[--n]);
	return tries ? 100.0 * ok / tries : 0;
}

/* A /proc/meminfo value in bytes, or -1. */
static long long meminfo(const char *key)
{
	long long v = -1;
	size_t n = strlen(key);
	char line[128];
	FILE *f = fopen(MEMINFO, "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			v = atoll(line + n + 1) * 1024;
	if (f)
		fclose(f);
	return v;
}

/* Bytes of cma_pool's default pool the system is using (debugfs), or -1. */
static long long pool_use(void)
{
	char text[32];
	long long v = -1;
	FILE *f = fopen(POOL_SYSTEM, "r");

	if (f && fgets(text, sizeof(text), f))
		v = atoll(text) * sysconf(_SC_PAGESIZE);
	if (f)
		fclose(f);
	return v;
}

/* Print how much of each area the system is using. */
static void area_use(uint64_t pool_size)
{
	diag("system use of the areas: cma_pool %lld of %llu MiB, kernel CMA %lld of %lld MiB",
	     pool_use() / (long long)MiB, (unsigned long long)(pool_size / MiB),
	     (meminfo("CmaTotal") - meminfo("CmaFree")) / (long long)MiB,
	     meminfo("CmaTotal") / (long long)MiB);
}

/*
 * Fill free memory with page cache (a tmpfs of its own, which may take all
 * of memory) until the system uses at least half of each area, or until
 * MemAvailable is down to FILL_FLOOR.  The page allocator puts movable
 * pages in the kernel's MIGRATE_CMA pageblocks only when free CMA memory
 * outweighs half of the zone's free memory, or when no other movable page
 * is free, so this fills most of memory.
 */
static void fill_page_cache(uint64_t pool_size)
{
	static char buf[1 << 16];
	long long cma_total = meminfo("CmaTotal");
	uint64_t off;
	int fd;

	mkdir(FILL_DIR, 0700);
	if (mount("tmpfs", FILL_DIR, "tmpfs", 0, "size=100%"))
		diag("cannot mount a tmpfs on %s: %s", FILL_DIR, strerror(errno));
	fd = open(FILL_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return;
	memset(buf, 0x5a, sizeof(buf));
	for (off = 0;; off += sizeof(buf)) {
		if (!(off % (4 * MiB)) &&
		    ((pool_use() >= (long long)pool_size / 2 &&
		      cma_total - meminfo("CmaFree") >= cma_total / 2) ||
		     meminfo("MemAvailable") < (long long)FILL_FLOOR))
			break;
		if (write(fd, buf, sizeof(buf)) != sizeof(buf))
			break;
	}
	close(fd);
	diag("filled %llu MiB of page cache", (unsigned long long)(off / MiB));
	area_use(pool_size);
}

/* Take the whole area and give it back: the system's next pages land there. */
static void prime(struct allocator *al, uint64_t size)
{
	long h = al->alloc(al->fd, size);

	if (h >= 0)
		al->free(al->fd, h);
}

static int open_cma_heap(void)
{
	DIR *d = opendir("/dev/dma_heap");
	struct dirent *e;
	char path[300];
	int fd = -1;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, "system")) {
			snprintf(path, sizeof(path), "/dev/dma_heap/%s", e->d_name);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			diag("kernel CMA heap: %s", path);
			break;
		}
	if (d)
		closedir(d);
	return fd;
}

int suite_cma_pool_bench(void)
{
	static const unsigned int sizes[] = { 1, 4, 16, 32 };
	struct allocator al[2] = {
		{ "cma_pool", -1, pool_alloc, pool_free },
		{ "kernel CMA", -1, heap_alloc, heap_free },
	};
	double lat[2][ARRAY_SIZE(sizes)][2], first[2][ARRAY_SIZE(sizes)][2];
	double rel[2][ARRAY_SIZE(sizes)][2], paired[2][ARRAY_SIZE(sizes)];
	double rate[2] = { 0 };
	struct dtest_cma_info info;
	unsigned int s, a, filled;
	char param[16];
	struct bench_result r = {
		.suite = "cma_pool_bench", .param = param, .unit = "us", .vs = "cma_heap",
	};

	al[0].fd = open_dev();
	al[1].fd = open_cma_heap();
	memset(&info, 0, sizeof(info));
	if (!tap(al[1].fd >= 0 && !ioctl(al[0].fd, DTEST_IOC_CMA_INFO, &info),
		 "cma_pool: bench has the default pool and a kernel CMA heap (boot with cma=)"))
		return tap_done();

	for (filled = 0; filled < 2; filled++) {
		if (filled) {
			prime(&al[0], info.size);
			prime(&al[1], info.size);
			fill_page_cache(info.size);
		} else {
			/* Each area touched once: no first touch in the timings. */
			prime(&al[0], info.size);
			prime(&al[1], info.size);
			area_use(info.size);
		}
		for (s = 0; s < ARRAY_SIZE(sizes); s++)
			latency(al, sizes[s] * MiB, lat[filled][s], first[filled][s],
				rel[filled][s], &paired[filled][s]);
		unlink(FILL_PATH);
		umount(FILL_DIR);
	}
	for (a = 0; a < 2; a++) {
		long long before = meminfo("MemAvailable");

		rate[a] = churn(&al[a], 42);
		diag("churn of %s: MemAvailable %lld MiB before, %lld MiB after", al[a].name,
		     before / (long long)MiB, meminfo("MemAvailable") / (long long)MiB);
	}

	diag("| size | area | cma_pool us | kernel CMA us | ratio | paired |%s%s",
	     " first: cma_pool us | kernel CMA us | ratio |",
	     " release: cma_pool us | kernel CMA us | ratio |");
	for (filled = 0; filled < 2; filled++)
		for (s = 0; s < ARRAY_SIZE(sizes); s++) {
			double *l = lat[filled][s], *f = first[filled][s];
			double *rl = rel[filled][s];

			diag("| %2u MiB | %-6s | %8.0f | %8.0f | %5.2f | %5.2f |%s%s",
			     sizes[s], filled ? "filled" : "free",
			     l[0], l[1], l[1] > 0 ? l[0] / l[1] : 0, paired[filled][s],
			     cols(f), cols(rl));
		}
	diag("| churn %u ops | success %% | %.1f | %.1f | %5.2f |", BENCH_OPS,
	     rate[0], rate[1], rate[1] > 0 ? rate[0] / rate[1] : 0);
	for (filled = 0; filled < 2; filled++)
		for (s = 0; s < ARRAY_SIZE(sizes); s++) {
			snprintf(param, sizeof(param), "%uMiB", sizes[s]);
			r.name = filled ? "alloc_filled" : "alloc_free";
			r.ours = lat[filled][s][0];
			r.mainline = lat[filled][s][1];
			if (r.ours >= 0 && r.mainline > 0)
				bench_line(&r);
		}
	snprintf(param, sizeof(param), "%uops", BENCH_OPS);
	r.name = "churn_success";
	r.unit = "percent";
	r.ours = rate[0];
	r.mainline = rate[1];
	r.higher_better = 1;
	bench_line(&r);
	for (filled = 0; filled < 2; filled++)
		for (s = 0; s < ARRAY_SIZE(sizes); s++)
			tap(lat[filled][s][0] >= 0 && lat[filled][s][1] >= 0,
			    "cma_pool: bench %u MiB on a %s area ran on both", sizes[s],
			    filled ? "filled" : "free");
	close(al[1].fd);
	close(al[0].fd);
	return tap_done();
}

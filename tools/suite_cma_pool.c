// SPDX-License-Identifier: GPL-2.0
/*
 * suite_cma_pool.c - "dmabuf-test cma_pool": cma_pool through the
 * DTEST_IOC_CMA_* ioctls of /dev/dmabuf-test, plus its debugfs and its
 * module parameters.
 *
 *   uapi      unknown flags, padding and output fields are refused
 *   bad input bad sizes, alignments, pools and handles give a clear errno
 *             and change nothing
 *   limits    owner A at its limit gets EDQUOT, owner B goes on, the
 *             reserve floor holds against unprivileged owners only
 *   zeroed    memory written, freed and allocated again reads back zero
 *   debugfs   the alloc/free knobs and the owners file
 *   trace     an allocation and a free show as cma_pool trace events
 *   reuse     the system's file and anonymous pages inside the default
 *             pool are migrated by a 75% allocation, their checksums
 *             unchanged; after the free the system uses the range again
 *   carveout  with memmap=SIZE$BASE on the command line (x86)
 *   find      CMA_POOL_FIND names pools made elsewhere
 *   fixed     a pool at a fixed base in System RAM lands there; with
 *             reusable=N pools are claimed up front, anywhere or fixed
 *   of        pools from device-tree reserved-memory nodes (arm64 run)
 *   params    bad pools=/default_size= strings fail the load, with a
 *             message; a good one works (reloads the modules: runs last)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define MiB		(1024ull * 1024)
#define DEFAULT_DEBUGFS	"/sys/kernel/debug/cma_pool/default/"

static int cma_create(int fd, uint64_t size, uint64_t base, uint64_t reserve,
		      uint32_t *id)
{
	struct dtest_cma_pool p = { .size = size, .base = base, .reserve = reserve };
	int ret = xioctl(fd, DTEST_IOC_CMA_POOL_CREATE, &p);

	if (!ret && id)
		*id = p.pool_id;
	return ret;
}

static int cma_destroy(int fd, uint32_t id)
{
	struct dtest_cma_id p = { .id = id };

	return xioctl(fd, DTEST_IOC_CMA_POOL_DESTROY, &p);
}

static int cma_alloc(int fd, uint32_t pool, uint64_t size, uint32_t align,
		     uint32_t *handle, uint64_t *phys)
{
	struct dtest_cma_alloc p = { .pool_id = pool, .size = size, .align_order = align };
	int ret = xioctl(fd, DTEST_IOC_CMA_ALLOC, &p);

	if (!ret && handle)
		*handle = p.handle;
	if (!ret && phys)
		*phys = p.phys;
	return ret;
}

static int cma_free(int fd, uint32_t handle)
{
	struct dtest_cma_id p = { .id = handle };

	return xioctl(fd, DTEST_IOC_CMA_FREE, &p);
}

static int cma_info(int fd, uint32_t pool, struct dtest_cma_info *info)
{
	memset(info, 0, sizeof(*info));
	info->pool_id = pool;
	return xioctl(fd, DTEST_IOC_CMA_INFO, info);
}

static int cma_owner(int fd, uint32_t flags, uint64_t limit)
{
	struct dtest_cma_owner p = { .flags = flags, .limit = limit };

	return xioctl(fd, DTEST_IOC_CMA_OWNER, &p);
}

static int cma_rw(int fd, uint32_t handle, int write, uint64_t off, void *buf,
		  uint64_t len)
{
	struct dtest_cma_rw p = {
		.flags = write ? DTEST_CMA_RW_WRITE : 0,
		.handle = handle,
		.offset = off,
		.len = len,
		.ptr = (uintptr_t)buf,
	};

	return xioctl(fd, DTEST_IOC_CMA_RW, &p);
}

static uint64_t pool_used(int fd, uint32_t pool)
{
	struct dtest_cma_info info;

	return cma_info(fd, pool, &info) ? ~0ull : info.used;
}

static long read_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* A /proc/meminfo field, in bytes; -1 if missing. */
static long long meminfo_bytes(const char *key)
{
	char line[128];
	long long kb = -1;
	size_t n = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			kb = atoll(line + n + 1);
	fclose(f);
	return kb < 0 ? -1 : kb * 1024;
}

static uint64_t checksum(const void *p, size_t len, uint64_t sum)
{
	const uint64_t *w = p;
	size_t i;

	for (i = 0; i < len / 8; i++)
		sum = (sum ^ w[i]) * 0x100000001b3ull;
	return sum;
}

static void fill(void *p, size_t len, uint64_t seed)
{
	uint64_t *w = p, x = seed | 1;
	size_t i;

	for (i = 0; i < len / 8; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		w[i] = x;
	}
}

static void test_uapi(int fd)
{
	struct dtest_cma_alloc a;
	struct dtest_cma_info info;
	struct dtest_cma_owner o;
	struct dtest_cma_pool p;
	struct dtest_cma_rw rw;
	struct dtest_cma_id id;

	memset(&a, 0, sizeof(a));
	a.size = 4096;
	a.flags = 1u << 31;
	expect_refused(fd, DTEST_IOC_CMA_ALLOC, &a, sizeof(a), EINVAL,
		       "cma_pool: CMA_ALLOC with an unknown flag");
	memset(&a, 0, sizeof(a));
	a.size = 4096;
	a.handle = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_ALLOC, &a), EINVAL,
		     "cma_pool: CMA_ALLOC with the output handle set");
	memset(&a, 0, sizeof(a));
	a.size = 4096;
	a.phys = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_ALLOC, &a), EINVAL,
		     "cma_pool: CMA_ALLOC with the output phys set");
	memset(&info, 0, sizeof(info));
	info.__pad = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_INFO, &info), EINVAL,
		     "cma_pool: CMA_INFO with non-zero __pad");
	memset(&info, 0, sizeof(info));
	info.used = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_INFO, &info), EINVAL,
		     "cma_pool: CMA_INFO with an output field set");
	memset(&p, 0, sizeof(p));
	p.size = 4 * MiB;
	p.flags = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_POOL_CREATE, &p), EINVAL,
		     "cma_pool: CMA_POOL_CREATE with an unknown flag");
	memset(&p, 0, sizeof(p));
	p.size = 4 * MiB;
	p.pool_id = 7;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_POOL_CREATE, &p), EINVAL,
		     "cma_pool: CMA_POOL_CREATE with the output pool_id set");
	memset(&o, 0, sizeof(o));
	o.flags = 2;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_OWNER, &o), EINVAL,
		     "cma_pool: CMA_OWNER with an unknown flag");
	memset(&o, 0, sizeof(o));
	o.__pad = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_OWNER, &o), EINVAL,
		     "cma_pool: CMA_OWNER with non-zero __pad");
	memset(&rw, 0, sizeof(rw));
	rw.flags = 2;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_RW, &rw), EINVAL,
		     "cma_pool: CMA_RW with an unknown flag");
	memset(&id, 0, sizeof(id));
	id.flags = 1;
	expect_errno(xioctl(fd, DTEST_IOC_CMA_FREE, &id), EINVAL,
		     "cma_pool: CMA_FREE with an unknown flag");
	expect_errno(xioctl(fd, _IOWR(DTEST_IOC_MAGIC, 0x1f, struct dtest_cma_id), &id),
		     ENOTTY, "cma_pool: unused number 0x1f");
}

static void test_bad_input(int fd)
{
	struct dtest_cma_info info;
	uint64_t used = pool_used(fd, 0), g;
	uint32_t h = 0;
	char byte;
	int ok;

	ok = cma_info(fd, 0, &info) == 0;
	tap(ok && info.size == 64 * MiB && info.backing != DTEST_CMA_CARVEOUT,
	    "cma_pool: the default pool is 64 MiB, reusable or claimed (%llu MiB, backing %u)",
	    (unsigned long long)(info.size / MiB), info.backing);
	expect_errno(cma_alloc(fd, 0, 0, 0, NULL, NULL), EINVAL, "cma_pool: allocating 0 bytes");
	expect_errno(cma_alloc(fd, 0, info.size + 4096, 0, NULL, NULL), EINVAL,
		     "cma_pool: allocating more than the pool");
	expect_errno(cma_alloc(fd, 0, ~0ull, 0, NULL, NULL), EINVAL,
		     "cma_pool: allocating 2^64-1 bytes");
	expect_errno(cma_alloc(fd, 0, 4096, 63, NULL, NULL), EINVAL,
		     "cma_pool: alignment order 63");
	expect_errno(cma_alloc(fd, 0, 4096, 64, NULL, NULL), EINVAL,
		     "cma_pool: alignment order 64");
	expect_errno(cma_alloc(fd, 12345, 4096, 0, NULL, NULL), ENOENT,
		     "cma_pool: allocating from an unknown pool");
	expect_errno(cma_free(fd, 0), ENOENT, "cma_pool: freeing handle 0");
	expect_errno(cma_free(fd, 12345), ENOENT, "cma_pool: freeing an unknown handle");
	expect_errno(cma_destroy(fd, 12345), ENOENT, "cma_pool: destroying an unknown pool");
	expect_errno(cma_destroy(fd, 0), ENOENT, "cma_pool: destroying the default pool");
	expect_errno(cma_create(fd, 0, 0, 0, NULL), EINVAL, "cma_pool: creating a pool of 0 bytes");
	expect_errno(cma_create(fd, 4 * MiB + 4096, 0, 0, NULL), EINVAL,
		     "cma_pool: creating a pool that is not whole pageblocks");
	expect_errno(cma_create(fd, 4 * MiB, 4096 + 1, 0, NULL), EINVAL,
		     "cma_pool: creating a pool at an unaligned base");
	expect_errno(cma_create(fd, 4 * MiB, 0, 8 * MiB, NULL), EINVAL,
		     "cma_pool: creating a pool with a reserve over its size");
	expect_errno(cma_create(fd, 1ull << 50, 0, 0, NULL), ENOSPC,
		     "cma_pool: creating a pool larger than memory");

	if (!expect_errno(cma_alloc(fd, 0, 1, 0, &h, NULL), 0, "cma_pool: allocating 1 byte"))
		return;
	g = pool_used(fd, 0) - used;
	diag("granule of the default pool: %llu KiB", (unsigned long long)g / 1024);
	expect_errno(cma_rw(fd, h, 0, g, &byte, 1), EINVAL,
		     "cma_pool: reading past the end of an allocation");
	expect_errno(cma_rw(fd, h, 0, ~0ull, &byte, 2), EINVAL,
		     "cma_pool: reading at an offset that wraps");
	expect_errno(cma_rw(fd, h, 0, 0, (void *)8, 1), EFAULT,
		     "cma_pool: reading into an unmapped pointer");
	expect_errno(cma_free(fd, h), 0, "cma_pool: freeing it");
	expect_errno(cma_free(fd, h), ENOENT, "cma_pool: freeing it again");
	tap(pool_used(fd, 0) == used, "cma_pool: refused requests left the default pool as it was");
}

static void test_limits(int fd)
{
	uint64_t size = 16 * MiB, reserve = 4 * MiB, g, used;
	int a = open_dev(), b = open_dev(), c = open_dev();
	uint32_t pool = 0, ha = 0, hb = 0, hc = 0, h = 0;
	int got;

	/* The granule: what one byte really takes (in the default pool). */
	used = pool_used(fd, 0);
	if (cma_alloc(a, 0, 1, 0, &h, NULL))
		goto close;
	g = pool_used(fd, 0) - used;
	cma_free(a, h);
	if (!expect_errno(cma_create(fd, size, 0, reserve, &pool), 0,
			  "cma_pool: creating a 16 MiB pool with a 4 MiB reserve"))
		goto close;

	expect_errno(cma_owner(a, 0, 2 * g), 0, "cma_pool: owner A takes a limit of 2 granules");
	expect_errno(cma_alloc(a, pool, 2 * g, 0, &ha, NULL), 0,
		     "cma_pool: owner A allocates up to its limit");
	expect_errno(cma_alloc(a, pool, 1, 0, &h, NULL), EDQUOT,
		     "cma_pool: owner A over its limit");
	expect_errno(cma_owner(a, 0, 0), EBUSY,
		     "cma_pool: owner A cannot change owner while holding memory");
	used = pool_used(fd, pool);
	expect_errno(cma_alloc(b, pool, size - reserve - used + 1, 0, &h, NULL), ENOMEM,
		     "cma_pool: owner B asking into the reserve floor");
	expect_errno(cma_alloc(b, pool, size - reserve - used, 0, &hb, NULL), 0,
		     "cma_pool: owner B allocates everything above the floor");
	expect_errno(cma_alloc(b, pool, 1, 0, &h, NULL), ENOMEM,
		     "cma_pool: owner B at the reserve floor");
	expect_errno(cma_owner(c, DTEST_CMA_OWNER_PRIVILEGED, 0), 0,
		     "cma_pool: owner C becomes privileged (CAP_SYS_ADMIN)");
	expect_errno(cma_alloc(c, pool, reserve, 0, &hc, NULL), 0,
		     "cma_pool: privileged owner C allocates the reserve");
	got = cma_alloc(c, pool, 1, 0, &h, NULL);
	expect_errno(got, ENOMEM, "cma_pool: privileged owner C in a full pool");
	if (!got)
		cma_free(c, h);
	tap(pool_used(fd, pool) == size, "cma_pool: the pool is exactly full");
	expect_errno(cma_destroy(fd, pool), EBUSY, "cma_pool: destroying a pool in use");
	cma_free(a, ha);
	cma_free(b, hb);
	cma_free(c, hc);
	tap(pool_used(fd, pool) == 0, "cma_pool: frees leave the pool empty");
	expect_errno(cma_destroy(fd, pool), 0, "cma_pool: destroying the empty pool");
close:
	close(a);
	close(b);
	close(c);
}

static void test_zeroed(int fd)
{
	uint64_t size = 8 * MiB, i;
	unsigned char *buf = malloc(size);
	uint32_t pool = 0, h = 0;
	int ok;

	if (!buf || !expect_errno(cma_create(fd, size, 0, 0, &pool), 0,
				  "cma_pool: creating an 8 MiB pool"))
		goto out;
	if (!expect_errno(cma_alloc(fd, pool, size, 0, &h, NULL), 0,
			  "cma_pool: allocating all of it"))
		goto destroy;
	memset(buf, 0xa5, size);
	expect_errno(cma_rw(fd, h, 1, 0, buf, size), 0, "cma_pool: writing 0xa5 over it");
	memset(buf, 0, size);
	ok = cma_rw(fd, h, 0, 0, buf, size) == 0;
	for (i = 0; ok && i < size; i++)
		ok = buf[i] == 0xa5;
	tap(ok, "cma_pool: reading it back gives 0xa5");
	cma_free(fd, h);
	if (!expect_errno(cma_alloc(fd, pool, size, 0, &h, NULL), 0,
			  "cma_pool: allocating all of it again"))
		goto destroy;
	memset(buf, 0xff, size);
	ok = cma_rw(fd, h, 0, 0, buf, size) == 0;
	for (i = 0; ok && i < size; i++)
		ok = buf[i] == 0;
	tap(ok, "cma_pool: the new allocation reads all zero%s",
	    ok ? "" : " (stale data reached userspace)");
	cma_free(fd, h);
destroy:
	cma_destroy(fd, pool);
out:
	free(buf);
}

#define CHUNK		(8 * MiB)
#define MAX_CHUNKS	512
#define FILE_SIZE	(32 * MiB)
#define FILL_PATH	"/tmp/cma_pool-fill"

struct fill_state {
	void *chunk[MAX_CHUNKS];
	unsigned int n;
};

/* Add one anonymous chunk; 0 when memory is too low to go on. */
static int fill_anon(struct fill_state *st)
{
	void *p;

	if (st->n == MAX_CHUNKS || meminfo_bytes("MemAvailable") < 160 * (long long)MiB)
		return 0;
	p = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	fill(p, CHUNK, 0x9e3779b97f4a7c15ull * (st->n + 1));
	st->chunk[st->n++] = p;
	return 1;
}

static uint64_t anon_sum(struct fill_state *st)
{
	uint64_t sum = 0xcbf29ce484222325ull;
	unsigned int i;

	for (i = 0; i < st->n; i++)
		sum = checksum(st->chunk[i], CHUNK, sum);
	return sum;
}

static uint64_t file_sum(void)
{
	uint64_t sum = 0xcbf29ce484222325ull;
	static char buf[1 << 16];
	int fd = open(FILL_PATH, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sum = checksum(buf, n, sum);
	close(fd);
	return sum;
}

static int write_file(void)
{
	static char buf[1 << 16];
	uint64_t off;
	int fd = open(FILL_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return 0;
	for (off = 0; off < FILE_SIZE; off += sizeof(buf)) {
		fill(buf, sizeof(buf), off + 1);
		if (write(fd, buf, sizeof(buf)) != sizeof(buf)) {
			close(fd);
			return 0;
		}
	}
	close(fd);
	return 1;
}

static void test_reuse(int fd)
{
	struct fill_state *st = calloc(1, sizeof(*st));
	uint64_t fsum, asum, size;
	struct dtest_cma_info info;
	long sys0, sys1, sys2, sys3;
	unsigned int i, more;
	uint32_t h = 0;

	if (!st || cma_info(fd, 0, &info) || info.backing != DTEST_CMA_REUSABLE) {
		tap(1, "cma_pool: reuse # SKIP the default pool is not reusable");
		free(st);
		return;
	}
	/*
	 * Take the whole pool and give it back: freed pages go to the head of
	 * the free lists, so what the system allocates next lands in it.
	 */
	if (!cma_alloc(fd, 0, info.size, 0, &h, NULL))
		cma_free(fd, h);
	else
		diag("could not take the whole default pool to prime it");
	sys0 = read_long(DEFAULT_DEBUGFS "system_pages");
	tap(sys0 >= 0, "cma_pool: debugfs system_pages of the default pool reads %ld", sys0);
	tap(write_file(), "cma_pool: writing a %llu MiB file to tmpfs",
	    (unsigned long long)(FILE_SIZE / MiB));
	fsum = file_sum();
	/* At least 32 MiB of anonymous memory; go on until half the pool is used. */
	while ((st->n < 4 ||
		read_long(DEFAULT_DEBUGFS "system_pages") < (long)(info.size / 4096 / 2)) &&
	       fill_anon(st))
		;
	sys1 = read_long(DEFAULT_DEBUGFS "system_pages");
	diag("%u MiB of anonymous memory, %lld MiB available", st->n * 8,
	     meminfo_bytes("MemAvailable") / (long long)MiB);
	if (!tap(sys1 > 0, "cma_pool: the system uses %ld pages inside the default pool", sys1))
		goto unmap;
	asum = anon_sum(st);

	size = info.size / 4 * 3;
	if (expect_errno(cma_alloc(fd, 0, size, 0, &h, NULL), 0,
			 "cma_pool: allocating 75%% of the default pool in one chunk")) {
		sys2 = read_long(DEFAULT_DEBUGFS "system_pages");
		tap(sys2 < sys1,
		    "cma_pool: %ld system pages were migrated out (%ld left in the free quarter)",
		    sys1 - sys2, sys2);
		tap(file_sum() == fsum, "cma_pool: the file's checksum is unchanged");
		tap(anon_sum(st) == asum, "cma_pool: the anonymous memory's checksum is unchanged");
		expect_errno(cma_free(fd, h), 0, "cma_pool: freeing it");
		/* Give the system reason to come back: more memory. */
		for (more = 0; more < 24; more++)
			if (read_long(DEFAULT_DEBUGFS "system_pages") > sys2 || !fill_anon(st))
				break;
		sys3 = read_long(DEFAULT_DEBUGFS "system_pages");
		tap(sys3 > sys2,
		    "cma_pool: after the free the system uses the range again (%ld pages)", sys3);
	}
unmap:
	for (i = 0; i < st->n; i++)
		munmap(st->chunk[i], CHUNK);
	unlink(FILL_PATH);
	free(st);
}

/* Write @str to a debugfs file: 0 or the errno. */
static int knob(const char *name, const char *str)
{
	char path[128];
	int fd, ret = 0;

	snprintf(path, sizeof(path), DEFAULT_DEBUGFS "%s", name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, str, strlen(str)) < 0)
		ret = errno;
	close(fd);
	return ret;
}

static void test_debugfs(int fd)
{
	uint64_t used = pool_used(fd, 0);
	unsigned long pfn = 0, count;
	char line[128], owner[32], arg[32];
	FILE *f;
	int found = 0;

	expect_errno(knob("alloc", "0"), EINVAL, "cma_pool: debugfs alloc of 0 pages");
	expect_errno(knob("alloc", "pages"), EINVAL, "cma_pool: debugfs alloc of junk");
	if (!expect_errno(knob("alloc", "1"), 0, "cma_pool: debugfs alloc of 1 page"))
		return;
	tap(pool_used(fd, 0) > used, "cma_pool: ... shows in the pool's use");
	f = fopen(DEFAULT_DEBUGFS "owners", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %lu %31s", &pfn, &count, owner) == 3 &&
		    !strcmp(owner, "debugfs"))
			found = 1;
	if (f)
		fclose(f);
	tap(found, "cma_pool: debugfs owners lists it, owned by \"debugfs\" (pfn %#lx)", pfn);
	expect_errno(knob("free", "12345x"), EINVAL, "cma_pool: debugfs free of junk");
	snprintf(arg, sizeof(arg), "%#lx", pfn + 1);
	expect_errno(knob("free", arg), ENOENT, "cma_pool: debugfs free of a pfn not allocated");
	snprintf(arg, sizeof(arg), "%#lx", pfn);
	expect_errno(knob("free", arg), 0, "cma_pool: debugfs free of it");
	expect_errno(knob("free", arg), ENOENT, "cma_pool: debugfs free of it again");
	tap(pool_used(fd, 0) == used, "cma_pool: the pool's use is back where it was");
}

#define TRACEFS	"/sys/kernel/tracing"

static int write_str(const char *path, const char *str, int flags)
{
	int fd = open(path, O_WRONLY | flags), ok;

	if (fd < 0)
		return 0;
	ok = write(fd, str, strlen(str)) == (ssize_t)strlen(str);
	close(fd);
	return ok;
}

static void test_trace(int fd)
{
	static const char *const want[] = {
		"cma_pool_alloc_start: pool=default",
		"cma_pool_alloc_finish: pool=default",
		"cma_pool_release: pool=default",
	};
	char line[512];
	unsigned int i, seen = 0;
	uint32_t h = 0;
	FILE *f;

	mount("tracefs", TRACEFS, "tracefs", 0, NULL);
	if (access(TRACEFS "/events/cma_pool/enable", W_OK)) {
		tap(1, "cma_pool: tracepoints # SKIP the kernel has no tracing");
		return;
	}
	write_str(TRACEFS "/trace", "", O_TRUNC);
	tap(write_str(TRACEFS "/events/cma_pool/enable", "1", 0),
	    "cma_pool: enabling the cma_pool trace events");
	if (!cma_alloc(fd, 0, 1, 0, &h, NULL))
		cma_free(fd, h);
	write_str(TRACEFS "/events/cma_pool/enable", "0", 0);
	f = fopen(TRACEFS "/trace", "r");
	while (f && fgets(line, sizeof(line), f))
		for (i = 0; i < ARRAY_SIZE(want); i++)
			if (strstr(line, want[i]))
				seen |= 1u << i;
	if (f)
		fclose(f);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		tap(seen & (1u << i), "cma_pool: an allocation and a free trace '%s'", want[i]);
	write_str(TRACEFS "/trace", "", O_TRUNC);
}

/* memmap=SIZE$BASE from the kernel command line, in bytes. */
static int cmdline_memmap(uint64_t *size, uint64_t *base)
{
	static const char units[] = "KMG";
	char line[1024], *p, *end;
	FILE *f = fopen("/proc/cmdline", "r");
	const char *unit;
	int ok = 0;

	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f)) {
		p = strstr(line, "memmap=");
		if (p) {
			*size = strtoull(p + 7, &end, 0);
			unit = *end ? strchr(units, *end) : NULL;
			if (unit) {
				*size <<= 10 * (unit - units + 1);
				end++;
			}
			if (*end == '$') {
				*base = strtoull(end + 1, &end, 0);
				ok = *size && *base;
			}
		}
	}
	fclose(f);
	return ok;
}

static void test_carveout(int fd)
{
	struct dtest_cma_info info;
	uint64_t size = 0, base = 0, phys = 0;
	uint32_t pool = 0, h = 0, h2 = 0;
	char msg[] = "carveout";
	char back[sizeof(msg)];
	int ok;

	if (!cmdline_memmap(&size, &base)) {
		tap(1, "cma_pool: carveout # SKIP no memmap=SIZE$BASE on the command line");
		return;
	}
	expect_errno(cma_create(fd, size + 4096, base - 4096, 0, NULL), EINVAL,
		     "cma_pool: a pool over the carveout and the RAM below it");
	if (!expect_errno(cma_create(fd, size, base, 0, &pool), 0,
			  "cma_pool: a pool on memmap=%lluM$%#llx",
			  (unsigned long long)(size / MiB), (unsigned long long)base))
		return;
	ok = cma_info(fd, pool, &info) == 0;
	tap(ok && info.backing == DTEST_CMA_CARVEOUT && info.base == base && info.size == size,
	    "cma_pool: it is a carveout at %#llx of %llu MiB",
	    (unsigned long long)info.base, (unsigned long long)(info.size / MiB));
	expect_errno(cma_alloc(fd, pool, size + 4096, 0, NULL, NULL), EINVAL,
		     "cma_pool: allocating more than the carveout");
	if (expect_errno(cma_alloc(fd, pool, size / 2, 0, &h, &phys), 0,
			 "cma_pool: allocating half of it")) {
		tap(phys >= base && phys + size / 2 <= base + size,
		    "cma_pool: the allocation lies inside the carveout (%#llx)",
		    (unsigned long long)phys);
		expect_errno(cma_alloc(fd, pool, size / 2 + 4096, 0, &h2, NULL), ENOMEM,
			     "cma_pool: allocating more than what is left");
		tap(cma_rw(fd, h, 1, 4096, msg, sizeof(msg)) == 0 &&
		    cma_rw(fd, h, 0, 4096, back, sizeof(back)) == 0 &&
		    !memcmp(msg, back, sizeof(msg)),
		    "cma_pool: carveout memory keeps what is written");
		expect_errno(cma_free(fd, h), 0, "cma_pool: freeing it");
	}
	tap(pool_used(fd, pool) == 0, "cma_pool: the carveout is empty again");
	expect_errno(cma_destroy(fd, pool), 0, "cma_pool: destroying the carveout pool");
}

static int cma_find(int fd, const char *name, uint32_t *id)
{
	struct dtest_cma_find p = { 0 };
	int ret;

	snprintf(p.name, sizeof(p.name), "%s", name);
	ret = xioctl(fd, DTEST_IOC_CMA_POOL_FIND, &p);
	if (!ret && id)
		*id = p.pool_id;
	return ret;
}

/*
 * Allocate @size from @pool: it lies in [@base, @base + @pool_size), reads
 * zero, and keeps a pattern written over all of it; then free it.
 */
static void check_pool_memory(int fd, uint32_t pool, uint64_t base, uint64_t pool_size,
			      uint64_t size, const char *what)
{
	unsigned char *buf = malloc(size), *back = malloc(size);
	uint64_t phys = 0, i;
	uint32_t h = 0;
	int zero = 1;

	if (!buf || !back ||
	    !expect_errno(cma_alloc(fd, pool, size, 0, &h, &phys), 0,
			  "cma_pool: %s: allocating %llu MiB", what,
			  (unsigned long long)(size / MiB)))
		goto out;
	tap(phys >= base && phys + size <= base + pool_size,
	    "cma_pool: %s: the allocation (%#llx) lies inside the pool", what,
	    (unsigned long long)phys);
	if (!cma_rw(fd, h, 0, 0, back, size))
		for (i = 0; i < size; i++)
			zero &= !back[i];
	tap(zero, "cma_pool: %s: it reads all zero", what);
	fill(buf, size, phys);
	tap(!cma_rw(fd, h, 1, 0, buf, size) && !cma_rw(fd, h, 0, 0, back, size) &&
	    !memcmp(buf, back, size), "cma_pool: %s: it keeps a pattern written over all of it",
	    what);
	expect_errno(cma_free(fd, h), 0, "cma_pool: %s: freeing it", what);
out:
	free(buf);
	free(back);
}

/* Is @line in the kernel log? */
static int in_log(const char *line)
{
	char cmd[256];
	int ret;

	snprintf(cmd, sizeof(cmd), "dmesg | grep -qF '%s'", line);
	ret = system(cmd);
	return ret != -1 && WEXITSTATUS(ret) == 0;
}

#define REUSABLE_PARAM	"/sys/module/cma_pool/parameters/reusable"

/*
 * Fixed bases and claiming up front.  A pool placed anywhere gives a base
 * known to be good; a pool created again at that base lands there.  With
 * reusable=N no movable range is acceptable, so pools fall back to being
 * claimed up front, anywhere and at a fixed base, as the log says.
 */
static void test_fixed_and_claimed(int fd)
{
	const uint64_t size = 8 * MiB;
	struct dtest_cma_info info, def;
	uint32_t pool = 0;
	uint64_t base;
	int ok;

	if (!expect_errno(cma_create(fd, size, 0, 0, &pool), 0,
			  "cma_pool: an 8 MiB pool placed by cma_pool"))
		return;
	ok = !cma_info(fd, pool, &info);
	base = info.base;
	expect_errno(cma_destroy(fd, pool), 0, "cma_pool: destroying it");
	if (!tap(ok && base, "cma_pool: it was at %#llx", (unsigned long long)base))
		return;

	/* A fixed base in System RAM. */
	if (expect_errno(cma_create(fd, size, base, 0, &pool), 0,
			 "cma_pool: an 8 MiB pool at the fixed base %#llx",
			 (unsigned long long)base)) {
		ok = !cma_info(fd, pool, &info);
		tap(ok && info.base == base && info.size == size &&
		    info.backing != DTEST_CMA_CARVEOUT,
		    "cma_pool: it is at %#llx, %llu MiB, %s", (unsigned long long)info.base,
		    (unsigned long long)(info.size / MiB),
		    info.backing == DTEST_CMA_REUSABLE ? "reusable" : "claimed");
		check_pool_memory(fd, pool, base, size, size / 2, "fixed base");
		expect_errno(cma_create(fd, size, base, 0, NULL), EBUSY,
			     "cma_pool: a second pool at the same base");
		expect_errno(cma_destroy(fd, pool), 0, "cma_pool: destroying the fixed pool");
	}
	if (!cma_info(fd, 0, &def))
		expect_errno(cma_create(fd, size, def.base, 0, NULL), EBUSY,
			     "cma_pool: a fixed base inside the default pool");

	/* No movable range acceptable: claimed up front. */
	if (!expect_errno(sysfs_write(REUSABLE_PARAM, "N"), 0,
			  "cma_pool: reusable=N through sysfs"))
		return;
	if (expect_errno(cma_create(fd, size, 0, 0, &pool), 0,
			 "cma_pool: reusable=N: an 8 MiB pool placed by cma_pool")) {
		ok = !cma_info(fd, pool, &info);
		tap(ok && info.backing == DTEST_CMA_CLAIMED && info.size == size,
		    "cma_pool: reusable=N: it is claimed up front (backing %u)", info.backing);
		tap(in_log("reusable=N; claiming 8 MiB up front"),
		    "cma_pool: reusable=N: the log says it claims up front");
		check_pool_memory(fd, pool, info.base, size, size, "claimed");
		expect_errno(cma_destroy(fd, pool), 0, "cma_pool: destroying the claimed pool");
	}
	if (expect_errno(cma_create(fd, size, base, 0, &pool), 0,
			 "cma_pool: reusable=N: an 8 MiB pool at %#llx",
			 (unsigned long long)base)) {
		ok = !cma_info(fd, pool, &info);
		tap(ok && info.backing == DTEST_CMA_CLAIMED && info.base == base,
		    "cma_pool: reusable=N: it is claimed up front at %#llx",
		    (unsigned long long)info.base);
		check_pool_memory(fd, pool, base, size, size, "claimed at a fixed base");
		expect_errno(cma_destroy(fd, pool), 0,
			     "cma_pool: destroying the claimed fixed pool");
	}
	expect_errno(sysfs_write(REUSABLE_PARAM, "Y"), 0, "cma_pool: reusable=Y again");
}

/* CMA_POOL_FIND: pools made elsewhere get an id; bad requests are refused. */
static void test_find(int fd)
{
	struct dtest_cma_find p;
	struct dtest_cma_info a, b;
	uint64_t size;
	uint32_t id = 0;

	memset(&p, 0, sizeof(p));
	snprintf(p.name, sizeof(p.name), "default");
	p.flags = 1;
	expect_refused(fd, DTEST_IOC_CMA_POOL_FIND, &p, sizeof(p), EINVAL,
		       "cma_pool: CMA_POOL_FIND with an unknown flag");
	p.flags = 0;
	p.pool_id = 1;
	expect_refused(fd, DTEST_IOC_CMA_POOL_FIND, &p, sizeof(p), EINVAL,
		       "cma_pool: CMA_POOL_FIND with the output pool_id set");
	p.pool_id = 0;
	memset(p.name, 'a', sizeof(p.name));
	expect_refused(fd, DTEST_IOC_CMA_POOL_FIND, &p, sizeof(p), EINVAL,
		       "cma_pool: CMA_POOL_FIND with a name that is not NUL-terminated");
	expect_errno(cma_find(fd, "", NULL), EINVAL, "cma_pool: CMA_POOL_FIND with no name");
	expect_errno(cma_find(fd, "no-such-pool", NULL), ENOENT,
		     "cma_pool: CMA_POOL_FIND of an unknown pool");
	if (!expect_errno(cma_find(fd, "default", &id), 0,
			  "cma_pool: CMA_POOL_FIND of the default pool"))
		return;
	tap(id && !cma_info(fd, id, &a) && !cma_info(fd, 0, &b) &&
	    a.base == b.base && a.size == b.size,
	    "cma_pool: its id names the default pool");
	expect_errno(cma_destroy(fd, id), 0, "cma_pool: CMA_POOL_DESTROY forgets the found id");
	expect_errno(cma_info(fd, id, &a), ENOENT, "cma_pool: the forgotten id names nothing");
	size = b.size;
	tap(!cma_info(fd, 0, &b) && b.size == size, "cma_pool: the default pool is still there");
}

/* "reg" of a device-tree node: two cells of address, two of size. */
static int dt_reg(const char *node, uint64_t *base, uint64_t *size)
{
	unsigned char c[16];
	char path[256];
	FILE *f;
	int i, ok;

	snprintf(path, sizeof(path), "/proc/device-tree/reserved-memory/%s/reg", node);
	f = fopen(path, "rb");
	if (!f)
		return 0;
	ok = fread(c, 1, sizeof(c), f) == sizeof(c);
	fclose(f);
	*base = 0;
	*size = 0;
	for (i = 0; i < 8; i++) {
		*base = *base << 8 | c[i];
		*size = *size << 8 | c[8 + i];
	}
	return ok;
}

/*
 * Pools from device-tree reserved-memory nodes (compatible
 * "dmashare,cma-pool"), as tests/qemu/run puts them in the arm64 DT:
 * dt-reusable (reusable) and dt-carveout (no-map).
 */
static void test_of(int fd)
{
	static const struct {
		const char *node, *name;
		uint32_t backing;
	} pools[] = {
		{ "dt-reusable@70000000", "dt-reusable", DTEST_CMA_REUSABLE },
		{ "dt-carveout@71000000", "dt-carveout", DTEST_CMA_CARVEOUT },
	};
	struct dtest_cma_info info;
	uint64_t base, size;
	unsigned int i;
	uint32_t id = 0;
	int ok;

	for (i = 0; i < ARRAY_SIZE(pools); i++) {
		if (!dt_reg(pools[i].node, &base, &size)) {
			tap(1, "cma_pool: device tree pool %s # SKIP no such reserved-memory node",
			    pools[i].name);
			continue;
		}
		if (!expect_errno(cma_find(fd, pools[i].name, &id), 0,
				  "cma_pool: pool %s from the device tree exists", pools[i].name))
			continue;
		ok = !cma_info(fd, id, &info);
		tap(ok && info.base == base && info.size == size &&
		    info.backing == pools[i].backing,
		    "cma_pool: %s is the node's range %#llx+%llu MiB, backing %u (want %u)",
		    pools[i].name, (unsigned long long)info.base,
		    (unsigned long long)(info.size / MiB), info.backing, pools[i].backing);
		check_pool_memory(fd, id, base, size, size / 2, pools[i].name);
		tap(pool_used(fd, id) == 0, "cma_pool: %s is empty again", pools[i].name);
		expect_errno(cma_destroy(fd, id), 0, "cma_pool: forgetting %s's id", pools[i].name);
	}
}

static int sh(const char *cmd)
{
	int ret = system(cmd);

	return ret == -1 ? -1 : WEXITSTATUS(ret);
}

static int loaded(const char *mod)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", mod);
	return stat(path, &st) == 0;
}

/* Must run last: it unloads and reloads the modules. */
static void test_params(void)
{
	static const struct {
		const char *args;
		const char *why;	/* in the kernel log */
	} bad[] = {
		{ "pools=camera", "expected NAME:SIZE" },
		{ "pools=Camera:4M", "name must be" },
		{ "pools=a:4M,a:4M", "name used twice" },
		{ "pools=a:0", "non-zero multiple" },
		{ "pools=a:4M@0x1001", "non-zero multiple" },
		{ "pools=a:4M,", "expected NAME:SIZE" },
		{ "default_size=1048576", "default pool of 1048576 MiB" },
	};
	char cmd[256];
	unsigned int i;
	long fixed = 0;
	int ok;

	sh("modprobe -r test_exporter >/dev/null 2>&1");
	sh("modprobe -r cma_pool >/dev/null 2>&1");
	if (!tap(!loaded("cma_pool"), "cma_pool: unloaded for the parameter tests"))
		return;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(cmd, sizeof(cmd), "modprobe cma_pool '%s' >/dev/null 2>&1", bad[i].args);
		tap(sh(cmd) != 0 && !loaded("cma_pool"), "cma_pool: loading with %s fails",
		    bad[i].args);
		snprintf(cmd, sizeof(cmd), "dmesg | grep -qF '%s'", bad[i].why);
		tap(sh(cmd) == 0, "cma_pool: ... and the log says why ('%s')", bad[i].why);
	}
	tap(sh("modprobe cma_pool default_size=8 pools=extra:4M >/dev/null 2>&1") == 0 &&
	    read_long("/sys/kernel/debug/cma_pool/extra/count") == (long)(4 * MiB / 4096) &&
	    read_long("/sys/kernel/debug/cma_pool/default/count") == (long)(8 * MiB / 4096),
	    "cma_pool: default_size=8 pools=extra:4M makes both pools");
	sh("modprobe -r cma_pool >/dev/null 2>&1");
	/*
	 * pools=NAME:SIZE@BASE at a base just found good (where a default
	 * pool of 8 MiB was placed): the system may put pages it cannot move
	 * there between the unload and the load, so up to three tries.
	 */
	for (i = 0, ok = 0; i < 3 && !ok; i++) {
		long pfn;

		if (sh("modprobe cma_pool default_size=8 >/dev/null 2>&1"))
			break;
		pfn = read_long("/sys/kernel/debug/cma_pool/default/base_pfn");
		sh("modprobe -r cma_pool >/dev/null 2>&1");
		if (pfn <= 0)
			break;
		snprintf(cmd, sizeof(cmd),
			 "modprobe cma_pool default_size=0 pools=fixed:8M@%#llx >/dev/null 2>&1",
			 (unsigned long long)pfn * 4096);
		ok = sh(cmd) == 0 &&
		     read_long("/sys/kernel/debug/cma_pool/fixed/base_pfn") == pfn &&
		     read_long("/sys/kernel/debug/cma_pool/fixed/count") == (long)(8 * MiB / 4096);
		sh("modprobe -r cma_pool >/dev/null 2>&1");
		fixed = pfn;
	}
	tap(ok, "cma_pool: pools=fixed:8M@%#llx makes the pool at that base (try %u)",
	    (unsigned long long)fixed * 4096, i);
	tap(sh("modprobe test_exporter") == 0, "cma_pool: test_exporter loads again");
}

int suite_cma_pool(void)
{
	int fd = open_dev();

	test_uapi(fd);
	test_bad_input(fd);
	test_limits(fd);
	test_zeroed(fd);
	test_debugfs(fd);
	test_trace(fd);
	test_reuse(fd);
	test_carveout(fd);
	test_find(fd);
	test_fixed_and_claimed(fd);
	test_of(fd);
	close(fd);
	test_params();
	return tap_done();
}

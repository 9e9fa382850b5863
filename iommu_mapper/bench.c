// SPDX-License-Identifier: GPL-2.0
/*
 * bench.c - debugfs: the IOVA allocator against the kernel's own
 * (drivers/iommu/iova.c, alloc_iova_fast() as dma-iommu uses it) on equal
 * windows, in the same boot, from 1 or more threads at once.
 *
 *   /sys/kernel/debug/iommu_mapper/iova_bench
 *	w: "SIZE ROUNDS THREADS": each thread, ROUNDS times, allocates
 *	   MAPPER_BENCH_BATCH ranges of SIZE bytes and frees them again,
 *	   first on a mapper_iova window, then on an iova_domain over the
 *	   same addresses
 *	r: the last result, "ops N mapper_ns N iova_ns N failures N"
 *
 * A benchmark, not a test: it says how long, not whether anything is
 * right (the KUnit suite does that).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/iova.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "iova.h"
#include "mapping.h"

#if IS_ENABLED(CONFIG_IOMMU_IOVA)

/* The window both allocators get: 1 MiB..257 MiB in 4 KiB granules. */
#define MAPPER_BENCH_BASE	0x100000ULL
#define MAPPER_BENCH_SIZE	0x10000000ULL
#define MAPPER_BENCH_SHIFT	12
/* Ranges each thread holds at once per round. */
#define MAPPER_BENCH_BATCH	32
#define MAPPER_BENCH_THREADS	8

struct bench_run {
	bool use_iova;			/* iova.c, else mapper_iova */
	struct mapper_iova iv;
	struct iova_domain iovad;
	unsigned long pages, rounds;
	atomic_t left;			/* threads still running */
	atomic_t failures;
	struct completion go, done;
};

static int bench_thread(void *data)
{
	struct bench_run *r = data;
	unsigned long limit = (MAPPER_BENCH_BASE + MAPPER_BENCH_SIZE - 1) >> MAPPER_BENCH_SHIFT;
	unsigned long addr[MAPPER_BENCH_BATCH];
	size_t size = r->pages << MAPPER_BENCH_SHIFT;
	unsigned long i, k;

	wait_for_completion(&r->go);
	for (i = 0; i < r->rounds; i++) {
		for (k = 0; k < MAPPER_BENCH_BATCH; k++) {
			if (r->use_iova) {
				addr[k] = alloc_iova_fast(&r->iovad, r->pages, limit, true);
			} else {
				dma_addr_t a = mapper_iova_alloc(&r->iv, size, GFP_KERNEL);

				addr[k] = a == DMA_MAPPING_ERROR ? 0 : a;
			}
			if (!addr[k])
				atomic_inc(&r->failures);
		}
		for (k = 0; k < MAPPER_BENCH_BATCH; k++) {
			if (!addr[k])
				continue;
			if (r->use_iova)
				free_iova_fast(&r->iovad, addr[k], r->pages);
			else
				mapper_iova_free(&r->iv, addr[k], size);
		}
		cond_resched();
	}
	if (atomic_dec_and_test(&r->left))
		complete(&r->done);
	return 0;
}

/* Run @threads threads on @r; returns the wall-clock nanoseconds. */
static s64 bench_go(struct bench_run *r, unsigned int threads)
{
	struct task_struct *t;
	unsigned int i, started = 0;
	ktime_t t0;

	init_completion(&r->go);
	init_completion(&r->done);
	atomic_set(&r->left, threads);
	for (i = 0; i < threads; i++) {
		t = kthread_run(bench_thread, r, "mapper_bench/%u", i);
		if (IS_ERR(t))
			break;
		started++;
	}
	/* Threads that did not start count as done at once. */
	if (started < threads && atomic_sub_and_test(threads - started, &r->left))
		complete(&r->done);
	t0 = ktime_get();
	complete_all(&r->go);
	wait_for_completion(&r->done);
	return started == threads ? ktime_to_ns(ktime_sub(ktime_get(), t0)) : -EAGAIN;
}

static DEFINE_MUTEX(bench_lock);	/* one run at a time; protects bench_result */
static char bench_result[128];

static int bench_run(size_t size, unsigned long rounds, unsigned int threads)
{
	struct bench_run *r;
	s64 mapper_ns, iova_ns;
	int ret;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	r->pages = DIV_ROUND_UP(size, 1UL << MAPPER_BENCH_SHIFT);
	r->rounds = rounds;

	/* The cap a domain with 4 KiB..1 GiB pages gets (intel-iommu, SMMUv3). */
	ret = mapper_iova_init(&r->iv, MAPPER_BENCH_BASE, MAPPER_BENCH_SIZE, MAPPER_BENCH_SHIFT,
			       30 - MAPPER_BENCH_SHIFT);
	if (ret)
		goto free_run;
	mapper_ns = bench_go(r, threads);
	mapper_iova_destroy(&r->iv);

	ret = iova_cache_get();
	if (ret)
		goto free_run;
	init_iova_domain(&r->iovad, 1UL << MAPPER_BENCH_SHIFT,
			 MAPPER_BENCH_BASE >> MAPPER_BENCH_SHIFT);
	ret = iova_domain_init_rcaches(&r->iovad);
	if (ret) {
		put_iova_domain(&r->iovad);
		iova_cache_put();
		goto free_run;
	}
	r->use_iova = true;
	iova_ns = bench_go(r, threads);
	put_iova_domain(&r->iovad);
	iova_cache_put();

	if (mapper_ns < 0 || iova_ns < 0) {
		ret = -EAGAIN;
		goto free_run;
	}
	snprintf(bench_result, sizeof(bench_result),
		 "ops %lu mapper_ns %lld iova_ns %lld failures %d\n",
		 2 * rounds * MAPPER_BENCH_BATCH * threads, mapper_ns, iova_ns,
		 atomic_read(&r->failures));
free_run:
	kfree(r);
	return ret;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf, size_t len, loff_t *ppos)
{
	unsigned long long size;
	unsigned long rounds;
	unsigned int threads;
	char buf[64];
	int ret;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%llu %lu %u", &size, &rounds, &threads) != 3)
		return -EINVAL;
	/* Every thread's batch fits in the window many times over. */
	if (!size || size > SZ_1M || !rounds || rounds > 1000000 || !threads ||
	    threads > MAPPER_BENCH_THREADS)
		return -EINVAL;
	mutex_lock(&bench_lock);
	ret = bench_run(size, rounds, threads);
	mutex_unlock(&bench_lock);
	return ret ? ret : len;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t len, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&bench_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, bench_result, strlen(bench_result));
	mutex_unlock(&bench_lock);
	return ret;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.write = bench_write,
	.read = bench_read,
	.llseek = default_llseek,
};

void mapper_bench_init(struct dentry *dir)
{
	debugfs_create_file("iova_bench", 0600, dir, NULL, &bench_fops);
}

#else

void mapper_bench_init(struct dentry *dir)
{
}

#endif /* CONFIG_IOMMU_IOVA */

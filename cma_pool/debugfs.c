// SPDX-License-Identifier: GPL-2.0
/*
 * cma_pool debugfs: /sys/kernel/debug/cma_pool/<pool>/
 *
 *   base_pfn count order_per_bit used maxchunk reserve  the map (pages)
 *   backing            reusable, claimed or carveout
 *   system_pages       pages of the free part the system is using
 *   allocs fails quota_fails busy retries               event counters
 *   bitmap             the allocation bitmap, as a hex bitmap
 *   owners             one line per allocation: pfn pages owner
 *   alloc (write only) "PAGES [ALIGN_ORDER]": allocate as the pool's
 *                      privileged "debugfs" owner
 *   free (write only)  "PFN": release a knob allocation
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include "internal.h"

static struct dentry *cma_pool_debugfs_root;

static unsigned long pool_used(struct cma_pool *pool)
{
	struct cma_pool_info info;

	cma_pool_get_info(pool, &info);
	return info.used;
}

static unsigned long pool_maxchunk(struct cma_pool *pool)
{
	struct cma_pool_info info;

	cma_pool_get_info(pool, &info);
	return info.max_chunk;
}

static unsigned long pool_reserve(struct cma_pool *pool)
{
	struct cma_pool_info info;

	cma_pool_get_info(pool, &info);
	return info.reserve;
}

/* A read-only debugfs number: @expr, computed from @pool. */
#define POOL_VALUE(name, expr)						\
static int pool_##name##_get(void *data, u64 *val)			\
{									\
	struct cma_pool *pool = data;					\
									\
	*val = (expr);							\
	return 0;							\
}									\
DEFINE_DEBUGFS_ATTRIBUTE(pool_##name##_fops, pool_##name##_get, NULL, "%llu\n")

POOL_VALUE(base_pfn, pool->map.base_pfn);
POOL_VALUE(count, pool->map.count);
POOL_VALUE(order_per_bit, pool->map.order_per_bit);
POOL_VALUE(used, pool_used(pool));
POOL_VALUE(maxchunk, pool_maxchunk(pool));
POOL_VALUE(reserve, pool_reserve(pool));
POOL_VALUE(system_pages, cma_pool_system_pages(pool));
POOL_VALUE(allocs, atomic_long_read(&pool->stats.allocs));
POOL_VALUE(fails, atomic_long_read(&pool->stats.fails));
POOL_VALUE(quota_fails, atomic_long_read(&pool->stats.quota_fails));
POOL_VALUE(busy, atomic_long_read(&pool->stats.busy));
POOL_VALUE(retries, atomic_long_read(&pool->stats.retries));

static int backing_show(struct seq_file *m, void *unused)
{
	struct cma_pool *pool = m->private;

	seq_printf(m, "%s\n", cma_pool_backing_name(pool->backing));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(backing);

static int bitmap_show(struct seq_file *m, void *unused)
{
	struct cma_pool *pool = m->private;

	mutex_lock(&pool->map.lock);
	seq_printf(m, "%*pb\n", (int)pool->map.nbits, pool->map.bitmap);
	mutex_unlock(&pool->map.lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(bitmap);

static int owners_show(struct seq_file *m, void *unused)
{
	struct cma_pool *pool = m->private;
	struct cma_pool_buf *buf;

	mutex_lock(&pool->map.lock);
	list_for_each_entry(buf, &pool->bufs, node)
		seq_printf(m, "%#lx %lu %s\n", buf->pfn, buf->count, buf->owner->name);
	mutex_unlock(&pool->map.lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(owners);

static ssize_t alloc_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	struct cma_pool *pool = file_inode(file)->i_private;
	unsigned long pages, align = 0;
	struct cma_pool_buf *buf;
	char kbuf[48];
	int n;

	if (len >= sizeof(kbuf))
		return -EINVAL;
	if (copy_from_user(kbuf, ubuf, len))
		return -EFAULT;
	kbuf[len] = '\0';
	n = sscanf(kbuf, "%lu %lu", &pages, &align);
	if (n < 1 || align > UINT_MAX)
		return -EINVAL;
	buf = cma_pool_alloc(pool, pages, align, &pool->knob_owner);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	return len;
}

static const struct file_operations alloc_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = alloc_write,
	.llseek = noop_llseek,
};

static ssize_t free_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	struct cma_pool *pool = file_inode(file)->i_private;
	struct cma_pool_buf *buf, *found = NULL;
	unsigned long pfn;
	int ret;

	ret = kstrtoul_from_user(ubuf, len, 0, &pfn);
	if (ret)
		return ret;
	mutex_lock(&pool->map.lock);
	list_for_each_entry(buf, &pool->bufs, node) {
		if (buf->pfn == pfn && buf->owner == &pool->knob_owner) {
			found = buf;
			/* Off the list now, so no other writer finds it. */
			list_del_init(&buf->node);
			break;
		}
	}
	mutex_unlock(&pool->map.lock);
	if (!found)
		return -ENOENT;
	cma_pool_release(found);
	return len;
}

static const struct file_operations free_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = free_write,
	.llseek = noop_llseek,
};

/**
 * cma_pool_debugfs_add() - create a pool's debugfs directory
 * @pool: the pool
 *
 * Context: process.
 */
void cma_pool_debugfs_add(struct cma_pool *pool)
{
	struct dentry *d = debugfs_create_dir(pool->name, cma_pool_debugfs_root);

	pool->debugfs = d;
	debugfs_create_file_unsafe("base_pfn", 0444, d, pool, &pool_base_pfn_fops);
	debugfs_create_file_unsafe("count", 0444, d, pool, &pool_count_fops);
	debugfs_create_file_unsafe("order_per_bit", 0444, d, pool, &pool_order_per_bit_fops);
	debugfs_create_file_unsafe("used", 0444, d, pool, &pool_used_fops);
	debugfs_create_file_unsafe("maxchunk", 0444, d, pool, &pool_maxchunk_fops);
	debugfs_create_file_unsafe("reserve", 0444, d, pool, &pool_reserve_fops);
	debugfs_create_file_unsafe("system_pages", 0444, d, pool, &pool_system_pages_fops);
	debugfs_create_file_unsafe("allocs", 0444, d, pool, &pool_allocs_fops);
	debugfs_create_file_unsafe("fails", 0444, d, pool, &pool_fails_fops);
	debugfs_create_file_unsafe("quota_fails", 0444, d, pool, &pool_quota_fails_fops);
	debugfs_create_file_unsafe("busy", 0444, d, pool, &pool_busy_fops);
	debugfs_create_file_unsafe("retries", 0444, d, pool, &pool_retries_fops);
	debugfs_create_file("backing", 0444, d, pool, &backing_fops);
	debugfs_create_file("bitmap", 0444, d, pool, &bitmap_fops);
	debugfs_create_file("owners", 0444, d, pool, &owners_fops);
	debugfs_create_file("alloc", 0200, d, pool, &alloc_fops);
	debugfs_create_file("free", 0200, d, pool, &free_fops);
}

/**
 * cma_pool_debugfs_remove() - remove a pool's debugfs directory
 * @pool: the pool
 *
 * Returns after any knob write in progress has finished.
 *
 * Context: process.
 */
void cma_pool_debugfs_remove(struct cma_pool *pool)
{
	debugfs_remove(pool->debugfs);
	pool->debugfs = NULL;
}

/**
 * cma_pool_debugfs_init() - create /sys/kernel/debug/cma_pool
 *
 * Context: process.
 */
void cma_pool_debugfs_init(void)
{
	cma_pool_debugfs_root = debugfs_create_dir("cma_pool", NULL);
}

/**
 * cma_pool_debugfs_exit() - remove /sys/kernel/debug/cma_pool
 *
 * Context: process.
 */
void cma_pool_debugfs_exit(void)
{
	debugfs_remove(cma_pool_debugfs_root);
	cma_pool_debugfs_root = NULL;
}

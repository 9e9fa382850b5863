// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter cma: the DTEST_IOC_CMA_* ioctls, driving cma_pool.
 *
 * Each open file is one cma_pool owner (unlimited and unprivileged until
 * CMA_OWNER says otherwise); its allocations are named by small per-file
 * handles and released when it is closed.  Pools made by CMA_POOL_CREATE
 * are shared by all files (so that several owners can meet in one) and
 * live until CMA_POOL_DESTROY or until the module is unloaded.
 * CMA_POOL_FIND gives an id to a pool made elsewhere (pools=, the device
 * tree), holding a reference until CMA_POOL_DESTROY forgets the id or the
 * module is unloaded.
 *
 * Lock order: a file's lock, then dtest_cma_pools_lock.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/capability.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include <cma_pool.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

/**
 * struct dtest_cma_file - a file's cma_pool state
 * @lock:	protects @owner and @bufs, and keeps an allocation alive
 *		while an ioctl uses it
 * @owner:	what the file's allocations are charged to
 * @bufs:	handle -> struct cma_pool_buf
 */
struct dtest_cma_file {
	struct mutex lock;	/* owner, bufs */
	struct cma_pool_owner *owner;
	struct xarray bufs;
};

/* Protects dtest_cma_pools and keeps a pool alive while an ioctl uses it. */
static DEFINE_MUTEX(dtest_cma_pools_lock);
/*
 * pool_id -> struct cma_pool made by CMA_POOL_CREATE, or found by
 * CMA_POOL_FIND (marked DTEST_CMA_FOUND: a reference, not ours to destroy)
 */
static DEFINE_XARRAY_ALLOC1(dtest_cma_pools);
#define DTEST_CMA_FOUND	XA_MARK_1

/* What DTEST_IOC_STATS reports: allocations, their pages, pools. */
static atomic_long_t dtest_cma_nr_bufs = ATOMIC_LONG_INIT(0);
static atomic_long_t dtest_cma_nr_pages = ATOMIC_LONG_INIT(0);
static atomic_long_t dtest_cma_nr_pools = ATOMIC_LONG_INIT(0);

/* Names the pools the ioctls create: dtest-<n>. */
static atomic_t dtest_cma_pool_seq = ATOMIC_INIT(0);

static struct dtest_cma_file *cma_of(struct file *file)
{
	struct dtest_file *df = file->private_data;

	return df->cma;
}

/* A buffer goes: uncount it and give it back. */
static void buf_release(struct cma_pool_buf *buf)
{
	atomic_long_dec(&dtest_cma_nr_bufs);
	atomic_long_sub(buf->count, &dtest_cma_nr_pages);
	cma_pool_release(buf);
}

/**
 * dtest_cma_open() - set up the cma state of an open file
 * @df: the file's state
 *
 * Context: process.
 * Return: 0 or a negative errno.
 */
int dtest_cma_open(struct dtest_file *df)
{
	struct dtest_cma_file *cf = kzalloc(sizeof(*cf), GFP_KERNEL);

	if (!cf)
		return -ENOMEM;
	cf->owner = cma_pool_owner_create("dmabuf-test", 0, 0);
	if (IS_ERR(cf->owner)) {
		int ret = PTR_ERR(cf->owner);

		kfree(cf);
		return ret;
	}
	mutex_init(&cf->lock);
	xa_init_flags(&cf->bufs, XA_FLAGS_ALLOC1);
	df->cma = cf;
	return 0;
}

/**
 * dtest_cma_release() - release everything a closing file allocated
 * @df: the file's state
 *
 * Context: process.
 */
void dtest_cma_release(struct dtest_file *df)
{
	struct dtest_cma_file *cf = df->cma;
	struct cma_pool_buf *buf;
	unsigned long id;

	if (!cf)
		return;
	xa_for_each(&cf->bufs, id, buf)
		buf_release(buf);
	xa_destroy(&cf->bufs);
	cma_pool_owner_destroy(cf->owner);
	mutex_destroy(&cf->lock);
	kfree(cf);
	df->cma = NULL;
}

/**
 * dtest_cma_exit() - destroy the pools CMA_POOL_CREATE left
 *
 * Context: module unload, after the last file was closed.
 */
void dtest_cma_exit(void)
{
	struct cma_pool *pool;
	unsigned long id;

	xa_for_each(&dtest_cma_pools, id, pool) {
		if (xa_get_mark(&dtest_cma_pools, id, DTEST_CMA_FOUND))
			cma_pool_put(pool);
		else if (cma_pool_destroy(pool))
			/*
			 * A dma-buf that DMABUF_ALLOC made from it outlives
			 * us and holds a reference; the creator's stays, and
			 * cma_pool frees the pool when it unloads.
			 */
			pr_info("pool %s still held by a dma-buf: left to cma_pool\n",
				cma_pool_name(pool));
	}
	xa_destroy(&dtest_cma_pools);
	atomic_long_set(&dtest_cma_nr_pools, 0);
}

/**
 * dtest_cma_stats() - fill the cma part of DTEST_IOC_STATS
 * @st: the answer
 *
 * Context: process; takes dtest_cma_pools_lock.
 */
void dtest_cma_stats(struct dtest_stats *st)
{
	struct cma_pool_info info;
	struct cma_pool *pool;
	unsigned long id;

	st->cma_bufs = atomic_long_read(&dtest_cma_nr_bufs);
	st->cma_pages = atomic_long_read(&dtest_cma_nr_pages);
	st->cma_pools = atomic_long_read(&dtest_cma_nr_pools);
	st->cma_pool_used = 0;
	mutex_lock(&dtest_cma_pools_lock);
	pool = cma_pool_lookup_dev(NULL);
	if (pool) {
		cma_pool_get_info(pool, &info);
		st->cma_pool_used += info.used;
		cma_pool_put(pool);
	}
	xa_for_each(&dtest_cma_pools, id, pool) {
		cma_pool_get_info(pool, &info);
		st->cma_pool_used += info.used;
	}
	mutex_unlock(&dtest_cma_pools_lock);
}

/*
 * The pool @id names: 0 is the default pool, with a reference to drop
 * (*@ref); others are kept alive by dtest_cma_pools_lock.  NULL if none.
 */
static struct cma_pool *pool_get(u32 id, bool *ref)
{
	lockdep_assert_held(&dtest_cma_pools_lock);
	*ref = !id;
	if (!id)
		return cma_pool_lookup_dev(NULL);
	return xa_load(&dtest_cma_pools, id);
}

/**
 * dtest_cma_pool_get() - the pool a pool_id names, for DMABUF_ALLOC
 * @id: a pool_id from CMA_POOL_CREATE or CMA_POOL_FIND (not 0)
 *
 * Context: process.
 * Return: the pool with a reference the caller drops with cma_pool_put(),
 * or NULL when no pool has @id.
 */
struct cma_pool *dtest_cma_pool_get(u32 id)
{
	struct cma_pool *pool;

	mutex_lock(&dtest_cma_pools_lock);
	pool = id ? xa_load(&dtest_cma_pools, id) : NULL;
	/* The name finds the pool itself: pool ids hold it while we look. */
	if (pool && cma_pool_find(cma_pool_name(pool)) != pool)
		pool = NULL;
	mutex_unlock(&dtest_cma_pools_lock);
	return pool;
}

int dtest_ioctl_cma_pool_create(struct file *file, void *arg)
{
	struct dtest_cma_pool *p = arg;
	struct cma_pool *pool;
	char name[24];
	u32 id;
	int ret;

	if (p->flags & ~DTEST_CMA_POOL_FLAGS || p->pool_id)
		return -EINVAL;
	if (!p->size || !PAGE_ALIGNED(p->size) || !PAGE_ALIGNED(p->base) ||
	    p->reserve > p->size || p->size > PHYS_ADDR_MAX ||
	    p->base > PHYS_ADDR_MAX - p->size)
		return -EINVAL;

	mutex_lock(&dtest_cma_pools_lock);
	ret = xa_alloc(&dtest_cma_pools, &id, XA_ZERO_ENTRY, xa_limit_31b, GFP_KERNEL);
	if (ret)
		goto unlock;
	snprintf(name, sizeof(name), "dtest-%u",
		 (unsigned int)atomic_inc_return(&dtest_cma_pool_seq));
	pool = cma_pool_create(name, p->size, p->base);
	if (IS_ERR(pool)) {
		ret = PTR_ERR(pool);
		goto erase_id;
	}
	ret = cma_pool_set_reserve(pool, p->reserve >> PAGE_SHIFT);
	if (ret)
		goto destroy_pool;
	xa_store(&dtest_cma_pools, id, pool, GFP_KERNEL);
	atomic_long_inc(&dtest_cma_nr_pools);
	p->pool_id = id;
	mutex_unlock(&dtest_cma_pools_lock);
	return 0;

destroy_pool:
	cma_pool_destroy(pool);
erase_id:
	xa_erase(&dtest_cma_pools, id);
unlock:
	mutex_unlock(&dtest_cma_pools_lock);
	return ret;
}

int dtest_ioctl_cma_pool_destroy(struct file *file, void *arg)
{
	struct dtest_cma_id *p = arg;
	struct cma_pool *pool;
	int ret;

	if (p->flags & ~DTEST_CMA_ID_FLAGS)
		return -EINVAL;
	mutex_lock(&dtest_cma_pools_lock);
	pool = p->id ? xa_load(&dtest_cma_pools, p->id) : NULL;
	if (!pool) {
		ret = -ENOENT;
		goto unlock;
	}
	if (xa_get_mark(&dtest_cma_pools, p->id, DTEST_CMA_FOUND)) {
		/* Found, not made here: forget the id, keep the pool. */
		xa_erase(&dtest_cma_pools, p->id);
		cma_pool_put(pool);
		ret = 0;
		goto unlock;
	}
	/* -EBUSY while any file holds an allocation from it. */
	ret = cma_pool_destroy(pool);
	if (!ret) {
		xa_erase(&dtest_cma_pools, p->id);
		atomic_long_dec(&dtest_cma_nr_pools);
	}
unlock:
	mutex_unlock(&dtest_cma_pools_lock);
	return ret;
}

int dtest_ioctl_cma_pool_find(struct file *file, void *arg)
{
	struct dtest_cma_find *p = arg;
	struct cma_pool *pool;
	u32 id;
	int ret;

	if (p->flags & ~DTEST_CMA_FIND_FLAGS || p->pool_id)
		return -EINVAL;
	if (!memchr(p->name, '\0', sizeof(p->name)) || !p->name[0])
		return -EINVAL;
	pool = cma_pool_find(p->name);
	if (!pool)
		return -ENOENT;
	mutex_lock(&dtest_cma_pools_lock);
	ret = xa_alloc(&dtest_cma_pools, &id, pool, xa_limit_31b, GFP_KERNEL);
	if (!ret)
		xa_set_mark(&dtest_cma_pools, id, DTEST_CMA_FOUND);
	mutex_unlock(&dtest_cma_pools_lock);
	if (ret) {
		cma_pool_put(pool);
		return ret;
	}
	p->pool_id = id;
	return 0;
}

int dtest_ioctl_cma_alloc(struct file *file, void *arg)
{
	struct dtest_cma_file *cf = cma_of(file);
	struct dtest_cma_alloc *p = arg;
	struct cma_pool_buf *buf;
	struct cma_pool *pool;
	bool ref;
	u32 handle;
	int ret;

	if (p->flags & ~DTEST_CMA_ALLOC_FLAGS || p->handle || p->phys)
		return -EINVAL;
	if (!p->size || p->size > ULONG_MAX - PAGE_SIZE || p->align_order >= BITS_PER_LONG)
		return -EINVAL;

	mutex_lock(&cf->lock);
	mutex_lock(&dtest_cma_pools_lock);
	pool = pool_get(p->pool_id, &ref);
	if (!pool) {
		ret = -ENOENT;
		goto unlock;
	}
	ret = xa_alloc(&cf->bufs, &handle, XA_ZERO_ENTRY, xa_limit_31b, GFP_KERNEL);
	if (ret)
		goto put_pool;
	buf = cma_pool_alloc(pool, DIV_ROUND_UP(p->size, PAGE_SIZE), p->align_order,
			     cf->owner);
	if (IS_ERR(buf)) {
		ret = PTR_ERR(buf);
		xa_erase(&cf->bufs, handle);
		goto put_pool;
	}
	xa_store(&cf->bufs, handle, buf, GFP_KERNEL);
	atomic_long_inc(&dtest_cma_nr_bufs);
	atomic_long_add(buf->count, &dtest_cma_nr_pages);
	p->handle = handle;
	/* A physical address is for privileged callers only. */
	p->phys = capable(CAP_SYS_ADMIN) ? PFN_PHYS(buf->pfn) : 0;
put_pool:
	if (ref)
		cma_pool_put(pool);
unlock:
	mutex_unlock(&dtest_cma_pools_lock);
	mutex_unlock(&cf->lock);
	return ret;
}

int dtest_ioctl_cma_free(struct file *file, void *arg)
{
	struct dtest_cma_file *cf = cma_of(file);
	struct dtest_cma_id *p = arg;
	struct cma_pool_buf *buf;

	if (p->flags & ~DTEST_CMA_ID_FLAGS)
		return -EINVAL;
	/*
	 * Released under the file's lock: CMA_OWNER swaps the owner once
	 * no handle is left, and must not free the old one while this
	 * buffer is still charged to it.
	 */
	mutex_lock(&cf->lock);
	buf = p->id ? xa_erase(&cf->bufs, p->id) : NULL;
	if (buf)
		buf_release(buf);
	mutex_unlock(&cf->lock);
	return buf ? 0 : -ENOENT;
}

int dtest_ioctl_cma_info(struct file *file, void *arg)
{
	struct dtest_cma_info *p = arg;
	struct cma_pool_info info;
	struct cma_pool *pool;
	bool ref;

	if (p->flags & ~DTEST_CMA_INFO_FLAGS || p->__pad)
		return -EINVAL;
	if (p->base || p->size || p->used || p->max_chunk || p->reserve || p->backing)
		return -EINVAL;
	mutex_lock(&dtest_cma_pools_lock);
	pool = pool_get(p->pool_id, &ref);
	if (pool) {
		cma_pool_get_info(pool, &info);
		if (ref)
			cma_pool_put(pool);
	}
	mutex_unlock(&dtest_cma_pools_lock);
	if (!pool)
		return -ENOENT;
	p->base = capable(CAP_SYS_ADMIN) ? PFN_PHYS(info.base_pfn) : 0;
	p->size = (u64)info.count << PAGE_SHIFT;
	p->used = (u64)info.used << PAGE_SHIFT;
	p->max_chunk = (u64)info.max_chunk << PAGE_SHIFT;
	p->reserve = (u64)info.reserve << PAGE_SHIFT;
	p->backing = info.backing;
	return 0;
}

int dtest_ioctl_cma_owner(struct file *file, void *arg)
{
	struct dtest_cma_file *cf = cma_of(file);
	struct dtest_cma_owner *p = arg;
	struct cma_pool_owner *owner;

	if (p->flags & ~DTEST_CMA_OWNER_FLAGS || p->__pad)
		return -EINVAL;
	if (p->flags & DTEST_CMA_OWNER_PRIVILEGED && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	/* Privilege is fixed at creation: swap owners while nothing is held. */
	mutex_lock(&cf->lock);
	if (!xa_empty(&cf->bufs)) {
		mutex_unlock(&cf->lock);
		return -EBUSY;
	}
	owner = cma_pool_owner_create("dmabuf-test", DIV_ROUND_UP(p->limit, PAGE_SIZE),
				      p->flags & DTEST_CMA_OWNER_PRIVILEGED ?
				      CMA_POOL_OWNER_PRIVILEGED : 0);
	if (IS_ERR(owner)) {
		mutex_unlock(&cf->lock);
		return PTR_ERR(owner);
	}
	cma_pool_owner_destroy(cf->owner);
	cf->owner = owner;
	mutex_unlock(&cf->lock);
	return 0;
}

int dtest_ioctl_cma_rw(struct file *file, void *arg)
{
	struct dtest_cma_file *cf = cma_of(file);
	struct dtest_cma_rw *p = arg;
	void __user *uptr = u64_to_user_ptr(p->ptr);
	struct cma_pool_buf *buf;
	u64 end;
	int ret = 0;

	if (p->flags & ~DTEST_CMA_RW_FLAGS)
		return -EINVAL;
	mutex_lock(&cf->lock);
	buf = p->handle ? xa_load(&cf->bufs, p->handle) : NULL;
	if (!buf) {
		ret = -ENOENT;
		goto unlock;
	}
	if (check_add_overflow(p->offset, p->len, &end) ||
	    end > (u64)buf->count << PAGE_SHIFT) {
		ret = -EINVAL;
		goto unlock;
	}
	if (!buf->vaddr) {
		ret = -EOPNOTSUPP;
		goto unlock;
	}
	if (p->flags & DTEST_CMA_RW_WRITE)
		ret = copy_from_user(buf->vaddr + p->offset, uptr, p->len) ? -EFAULT : 0;
	else
		ret = copy_to_user(uptr, buf->vaddr + p->offset, p->len) ? -EFAULT : 0;
unlock:
	mutex_unlock(&cf->lock);
	return ret;
}

MODULE_IMPORT_NS(DMASHARE_NS(CMA_POOL));

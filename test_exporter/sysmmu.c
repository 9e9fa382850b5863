// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter: the exynos_sysmmu ioctls (0x20-0x2f).
 *
 * A context is a master on a model SYSMMU instance, attached to its own
 * domain, with a pool of individually allocated pages and a fault handler
 * that records what it receives.  Mapping goes through the standard IOMMU
 * API (iommu_map()/iommu_unmap()); the device's transfers through
 * exynos_sysmmu_model_dma().
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/xarray.h>

#include <exynos_sysmmu.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

MODULE_IMPORT_NS(DMASHARE_NS(EXYNOS_SYSMMU));

/**
 * struct dtest_sysmmu_ctx - one DTEST_IOC_SYSMMU_CREATE
 * @file:	the file that owns it
 * @master:	the device behind the model SYSMMU
 * @domain:	its domain
 * @pages:	the pool, @nr_pages individually allocated pages
 * @nr_pages:	pool size
 * @faults:	what its fault handler received
 * @nr_ports:	SYSMMUs the master is behind (DTEST_IOC_SYSMMU_ADD)
 * @suspended:	its runtime PM reference dropped (DTEST_IOC_SYSMMU_PM)
 */
struct dtest_sysmmu_ctx {
	struct file *file;
	struct device *master;
	struct iommu_domain *domain;
	struct page **pages;
	unsigned int nr_pages;
	struct dtest_fault_log faults;
	unsigned int nr_ports;
	bool suspended;
};

/* Serialises the commands; protects dtest_sysmmu_ctxs and every context. */
static DEFINE_MUTEX(dtest_sysmmu_lock);
static DEFINE_XARRAY_ALLOC1(dtest_sysmmu_ctxs);

void dtest_fault_log_init(struct dtest_fault_log *log)
{
	spin_lock_init(&log->lock);
	log->count = 0;
	log->flags = 0;
	log->iova = 0;
}

/* An iommu_fault_handler_t whose token is a struct dtest_fault_log. */
int dtest_fault_log_handler(struct iommu_domain *domain, struct device *dev,
			    unsigned long iova, int flags, void *token)
{
	struct dtest_fault_log *log = token;
	unsigned long irqflags;

	spin_lock_irqsave(&log->lock, irqflags);
	log->count++;
	log->iova = iova;
	log->flags = flags;
	spin_unlock_irqrestore(&log->lock, irqflags);
	return 0;
}

void dtest_fault_log_read(struct dtest_fault_log *log, u32 *count,
			  u64 *iova, u32 *flags)
{
	unsigned long irqflags;

	spin_lock_irqsave(&log->lock, irqflags);
	*count = log->count;
	*iova = log->iova;
	*flags = log->flags;
	spin_unlock_irqrestore(&log->lock, irqflags);
}

static void dtest_sysmmu_free(struct dtest_sysmmu_ctx *ctx)
{
	unsigned int i;

	if (ctx->master)
		exynos_sysmmu_detach(ctx->master);
	/* The master is destroyed resumed or suspended alike. */
	if (!IS_ERR_OR_NULL(ctx->domain))
		iommu_domain_free(ctx->domain);
	exynos_sysmmu_master_destroy(ctx->master);
	for (i = 0; i < ctx->nr_pages; i++)
		if (ctx->pages[i])
			__free_page(ctx->pages[i]);
	kvfree(ctx->pages);
	kfree(ctx);
}

/* The context @handle names, if @file owns it. */
static struct dtest_sysmmu_ctx *dtest_sysmmu_get(struct file *file, u32 handle)
{
	struct dtest_sysmmu_ctx *ctx;

	lockdep_assert_held(&dtest_sysmmu_lock);
	ctx = xa_load(&dtest_sysmmu_ctxs, handle);
	return ctx && ctx->file == file ? ctx : NULL;
}

int dtest_ioctl_sysmmu_create(struct file *file, void *arg)
{
	struct dtest_sysmmu_create *c = arg;
	struct dtest_sysmmu_ctx *ctx;
	unsigned int i;
	u32 handle;
	int ret;

	if (c->flags & ~DTEST_SYSMMU_CREATE_FLAGS || c->handle)
		return -EINVAL;
	if (!c->pages || c->pages > DTEST_SYSMMU_MAX_PAGES)
		return -EINVAL;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->file = file;
	dtest_fault_log_init(&ctx->faults);
	ctx->pages = kvcalloc(c->pages, sizeof(*ctx->pages), GFP_KERNEL);
	if (!ctx->pages) {
		ret = -ENOMEM;
		goto free_ctx;
	}
	ctx->nr_pages = c->pages;
	/* One at a time: scattered, and below 4 GiB for 32-bit versions. */
	for (i = 0; i < c->pages; i++) {
		ctx->pages[i] = alloc_page(GFP_KERNEL | GFP_DMA32 | __GFP_ZERO);
		if (!ctx->pages[i]) {
			ret = -ENOMEM;
			goto free_ctx;
		}
	}
	ctx->master = exynos_sysmmu_master_create(c->model);
	if (IS_ERR(ctx->master)) {
		ret = PTR_ERR(ctx->master);
		ctx->master = NULL;
		goto free_ctx;
	}
	ctx->domain = exynos_sysmmu_domain_alloc(ctx->master);
	if (IS_ERR(ctx->domain)) {
		ret = PTR_ERR(ctx->domain);
		goto free_ctx;
	}
	iommu_set_fault_handler(ctx->domain, dtest_fault_log_handler,
				&ctx->faults);
	ret = exynos_sysmmu_attach(ctx->domain, ctx->master);
	if (ret)
		goto free_ctx;
	ctx->nr_ports = 1;

	mutex_lock(&dtest_sysmmu_lock);
	ret = xa_alloc(&dtest_sysmmu_ctxs, &handle, ctx, xa_limit_31b, GFP_KERNEL);
	mutex_unlock(&dtest_sysmmu_lock);
	if (ret)
		goto free_ctx;
	c->handle = handle;
	return 0;

free_ctx:
	dtest_sysmmu_free(ctx);
	return ret;
}

int dtest_ioctl_sysmmu_map(struct file *file, void *arg)
{
	struct dtest_sysmmu_map *m = arg;
	struct dtest_sysmmu_ctx *ctx;
	int prot = IOMMU_READ, ret = 0;
	unsigned int i;

	if (m->flags & ~DTEST_SYSMMU_MAP_FLAGS)
		return -EINVAL;
	/* Written so that nothing can wrap around. */
	if (!IS_ALIGNED(m->iova, SZ_4K) || !m->count || m->iova >= SZ_4G ||
	    (u64)m->count * SZ_4K > SZ_4G - m->iova)
		return -EINVAL;
	if (!(m->flags & DTEST_SYSMMU_MAP_READONLY))
		prot |= IOMMU_WRITE;

	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, m->handle);
	if (!ctx) {
		ret = -ENOENT;
		goto unlock;
	}
	if (m->first >= ctx->nr_pages || m->count > ctx->nr_pages - m->first) {
		ret = -EINVAL;
		goto unlock;
	}
	for (i = 0; i < m->count; i++) {
		ret = dmashare_iommu_map(ctx->domain, m->iova + i * SZ_4K,
					 page_to_phys(ctx->pages[m->first + i]),
					 SZ_4K, prot, GFP_KERNEL);
		if (ret) {
			/* All or nothing. */
			iommu_unmap(ctx->domain, m->iova, i * SZ_4K);
			break;
		}
	}
unlock:
	mutex_unlock(&dtest_sysmmu_lock);
	return ret;
}

int dtest_ioctl_sysmmu_unmap(struct file *file, void *arg)
{
	struct dtest_sysmmu_unmap *u = arg;
	struct dtest_sysmmu_ctx *ctx;
	int ret = 0;

	if (u->flags & ~DTEST_SYSMMU_UNMAP_FLAGS || u->unmapped)
		return -EINVAL;
	if (!u->size || u->iova >= SZ_4G || u->size > SZ_4G - u->iova)
		return -EINVAL;
	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, u->handle);
	if (ctx)
		u->unmapped = iommu_unmap(ctx->domain, u->iova, u->size);
	else
		ret = -ENOENT;
	mutex_unlock(&dtest_sysmmu_lock);
	return ret;
}

int dtest_ioctl_sysmmu_dma(struct file *file, void *arg)
{
	struct dtest_sysmmu_dma *d = arg;
	bool write = d->flags & DTEST_SYSMMU_DMA_WRITE;
	void __user *ubuf = u64_to_user_ptr(d->buf);
	struct dtest_sysmmu_ctx *ctx;
	void *kbuf;
	int ret;

	if (d->flags & ~DTEST_SYSMMU_DMA_FLAGS)
		return -EINVAL;
	if (d->result || d->faults || d->fault_iova || d->fault_flags)
		return -EINVAL;
	if (!d->len || d->len > DTEST_SYSMMU_MAX_DMA || d->iova >= SZ_4G ||
	    d->len > SZ_4G - d->iova)
		return -EINVAL;
	kbuf = kvzalloc(d->len, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (write && copy_from_user(kbuf, ubuf, d->len)) {
		ret = -EFAULT;
		goto free_buf;
	}
	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, d->handle);
	if (!ctx) {
		ret = -ENOENT;
		goto unlock;
	}
	if (d->port >= ctx->nr_ports) {
		ret = -EINVAL;
		goto unlock;
	}
	ret = exynos_sysmmu_model_dma_port(ctx->master, d->port, d->iova, kbuf,
					   d->len, write ? DMA_FROM_DEVICE :
							   DMA_TO_DEVICE);
	d->result = -ret;
	dtest_fault_log_read(&ctx->faults, &d->faults, &d->fault_iova,
			     &d->fault_flags);
	ret = 0;
	/* What the device read, up to where it stopped. */
	if (!write && copy_to_user(ubuf, kbuf, d->len))
		ret = -EFAULT;
unlock:
	mutex_unlock(&dtest_sysmmu_lock);
free_buf:
	kvfree(kbuf);
	return ret;
}

int dtest_ioctl_sysmmu_page(struct file *file, void *arg)
{
	struct dtest_sysmmu_page *p = arg;
	struct dtest_sysmmu_ctx *ctx;
	void *vaddr;
	int ret = 0;

	if (p->flags & ~DTEST_SYSMMU_PAGE_FLAGS)
		return -EINVAL;
	if (p->offset >= PAGE_SIZE || !p->len || p->len > PAGE_SIZE - p->offset)
		return -EINVAL;
	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, p->handle);
	if (!ctx) {
		ret = -ENOENT;
		goto unlock;
	}
	if (p->page >= ctx->nr_pages) {
		ret = -EINVAL;
		goto unlock;
	}
	vaddr = kmap_local_page(ctx->pages[p->page]);
	if (p->flags & DTEST_SYSMMU_PAGE_CLEAR)
		memset(vaddr + p->offset, 0, p->len);
	else if (copy_to_user(u64_to_user_ptr(p->buf), vaddr + p->offset, p->len))
		ret = -EFAULT;
	kunmap_local(vaddr);
unlock:
	mutex_unlock(&dtest_sysmmu_lock);
	return ret;
}

int dtest_ioctl_sysmmu_destroy(struct file *file, void *arg)
{
	struct dtest_sysmmu_destroy *d = arg;
	struct dtest_sysmmu_ctx *ctx;

	if (d->flags & ~DTEST_SYSMMU_DESTROY_FLAGS)
		return -EINVAL;
	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, d->handle);
	if (ctx)
		xa_erase(&dtest_sysmmu_ctxs, d->handle);
	mutex_unlock(&dtest_sysmmu_lock);
	if (!ctx)
		return -ENOENT;
	dtest_sysmmu_free(ctx);
	return 0;
}

/**
 * dtest_sysmmu_release() - free every context @file still owns
 * @file: the file being released
 *
 * Context: process context.
 */
void dtest_sysmmu_release(struct file *file)
{
	struct dtest_sysmmu_ctx *ctx;
	unsigned long handle;

	mutex_lock(&dtest_sysmmu_lock);
	xa_for_each(&dtest_sysmmu_ctxs, handle, ctx) {
		if (ctx->file != file)
			continue;
		xa_erase(&dtest_sysmmu_ctxs, handle);
		dtest_sysmmu_free(ctx);
	}
	mutex_unlock(&dtest_sysmmu_lock);
}

int dtest_ioctl_sysmmu_add(struct file *file, void *arg)
{
	struct dtest_sysmmu_add *a = arg;
	struct dtest_sysmmu_ctx *ctx;
	int ret;

	if (a->flags & ~DTEST_SYSMMU_ADD_FLAGS || a->port)
		return -EINVAL;
	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, a->handle);
	if (!ctx) {
		ret = -ENOENT;
		goto unlock;
	}
	/* Its runtime PM references follow the master's state: resumed. */
	if (ctx->suspended) {
		ret = -EBUSY;
		goto unlock;
	}
	ret = exynos_sysmmu_master_add(ctx->master, a->model);
	if (ret < 0)
		goto unlock;
	a->port = ret;
	ctx->nr_ports = ret + 1;
	ret = 0;
unlock:
	mutex_unlock(&dtest_sysmmu_lock);
	return ret;
}

int dtest_ioctl_sysmmu_pm(struct file *file, void *arg)
{
	struct dtest_sysmmu_pm *p = arg;
	struct dtest_sysmmu_ctx *ctx;
	int ret;

	if (p->flags != DTEST_SYSMMU_PM_SUSPEND && p->flags != DTEST_SYSMMU_PM_RESUME)
		return -EINVAL;
	mutex_lock(&dtest_sysmmu_lock);
	ctx = dtest_sysmmu_get(file, p->handle);
	if (!ctx) {
		ret = -ENOENT;
		goto unlock;
	}
	ret = -EOPNOTSUPP;
	if (!IS_ENABLED(CONFIG_PM))
		goto unlock;
	ret = -EALREADY;
	if (ctx->suspended && p->flags == DTEST_SYSMMU_PM_SUSPEND)
		goto unlock;
	if (!ctx->suspended && p->flags == DTEST_SYSMMU_PM_RESUME)
		goto unlock;
	if (p->flags == DTEST_SYSMMU_PM_SUSPEND) {
		ret = pm_runtime_put_sync(ctx->master);
		/* The reference is gone whatever the callback said. */
		ctx->suspended = true;
		ret = ret < 0 ? ret : 0;
	} else {
		ret = pm_runtime_resume_and_get(ctx->master);
		if (!ret)
			ctx->suspended = false;
	}
unlock:
	mutex_unlock(&dtest_sysmmu_lock);
	return ret;
}

/**
 * dtest_sysmmu_stats() - fill the sysmmu part of DTEST_IOC_STATS
 * @st: the answer
 *
 * Context: process; takes dtest_sysmmu_lock.
 */
void dtest_sysmmu_stats(struct dtest_stats *st)
{
	struct dtest_sysmmu_ctx *ctx;
	unsigned long handle;

	st->sysmmu_ctxs = 0;
	st->sysmmu_pages = 0;
	mutex_lock(&dtest_sysmmu_lock);
	xa_for_each(&dtest_sysmmu_ctxs, handle, ctx) {
		st->sysmmu_ctxs++;
		st->sysmmu_pages += ctx->nr_pages;
	}
	mutex_unlock(&dtest_sysmmu_lock);
}

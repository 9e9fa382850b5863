// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter: DTEST_DMABUF_DEV_SYSMMU, a dma-buf attach target behind
 * the first model exynos_sysmmu instance.
 *
 * Each attachment gets a master of its own: a platform device bound to
 * model instance 0, its own domain attached by exynos_sysmmu, and an
 * iommu_mapper window in that domain serving the master's DMA API.  So
 * dmabuf_core's dma_map_sgtable() on it writes the SYSMMU page tables,
 * and the device's transfers (exynos_sysmmu_model_dma()) go through the
 * model's TLB and table walker.  DTEST_IOC_DMABUF_SYSMMU_STATS sums the
 * windows' counters over the masters alive.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

#include <exynos_sysmmu.h>
#include <iommu_mapper.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

/* Each master's window in its 32-bit space: 256 MiB at 256 MiB. */
#define DMABUF_SYSMMU_BASE	0x10000000ULL
#define DMABUF_SYSMMU_SIZE	0x10000000ULL

/**
 * struct dtest_dmabuf_sysmmu - one SYSMMU master made for an attachment
 * @node:	in dtest_dmabuf_sysmmus
 * @master:	the device
 * @domain:	its domain on the model SYSMMU
 * @mapper:	the iommu_mapper window serving its DMA API
 */
struct dtest_dmabuf_sysmmu {
	struct list_head node;
	struct device *master;
	struct iommu_domain *domain;
	struct iommu_mapper *mapper;
};

static DEFINE_MUTEX(dtest_dmabuf_sysmmu_lock);
static LIST_HEAD(dtest_dmabuf_sysmmus);

/**
 * dtest_dmabuf_sysmmu_create() - a new master behind model SYSMMU 0
 *
 * Context: process.
 * Return: the master, with a reference for the caller (put_device() it
 * after dtest_dmabuf_sysmmu_destroy()); ERR_PTR(-ENODEV) when there is
 * no model instance, -EBUSY while instance 0 serves another master,
 * else the error of the step that failed (-ENOMEM...).
 */
struct device *dtest_dmabuf_sysmmu_create(void)
{
	struct dtest_dmabuf_sysmmu *s;
	int ret;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return ERR_PTR(-ENOMEM);
	s->master = exynos_sysmmu_master_create(0);
	if (IS_ERR(s->master)) {
		ret = PTR_ERR(s->master);
		goto free;
	}
	s->domain = exynos_sysmmu_domain_alloc(s->master);
	if (IS_ERR(s->domain)) {
		ret = PTR_ERR(s->domain);
		goto destroy_master;
	}
	ret = exynos_sysmmu_attach(s->domain, s->master);
	if (ret)
		goto free_domain;
	s->mapper = iommu_mapper_create_for_domain(s->domain, DMABUF_SYSMMU_BASE,
						   DMABUF_SYSMMU_SIZE, 0);
	if (IS_ERR(s->mapper)) {
		ret = PTR_ERR(s->mapper);
		goto detach_sysmmu;
	}
	/* One DMA segment per list, however long (not on kernels without dma_parms). */
	if (s->master->dma_parms)
		dma_set_max_seg_size(s->master, UINT_MAX);
	ret = iommu_mapper_attach(s->master, s->mapper);
	if (ret)
		goto release_mapper;
	mutex_lock(&dtest_dmabuf_sysmmu_lock);
	list_add_tail(&s->node, &dtest_dmabuf_sysmmus);
	mutex_unlock(&dtest_dmabuf_sysmmu_lock);
	return get_device(s->master);

release_mapper:
	iommu_mapper_release(s->mapper);
detach_sysmmu:
	exynos_sysmmu_detach(s->master);
free_domain:
	iommu_domain_free(s->domain);
destroy_master:
	exynos_sysmmu_master_destroy(s->master);
free:
	kfree(s);
	return ERR_PTR(ret);
}

/**
 * dtest_dmabuf_sysmmu_destroy() - tear down a master from dtest_dmabuf_sysmmu_create()
 * @master: the master; nothing may be mapped for it any more
 *
 * Context: process.
 */
void dtest_dmabuf_sysmmu_destroy(struct device *master)
{
	struct dtest_dmabuf_sysmmu *s, *found = NULL;

	mutex_lock(&dtest_dmabuf_sysmmu_lock);
	list_for_each_entry(s, &dtest_dmabuf_sysmmus, node) {
		if (s->master == master) {
			found = s;
			list_del(&s->node);
			break;
		}
	}
	mutex_unlock(&dtest_dmabuf_sysmmu_lock);
	if (WARN_ON(!found))
		return;
	iommu_mapper_detach(master);
	iommu_mapper_release(found->mapper);
	exynos_sysmmu_detach(master);
	iommu_domain_free(found->domain);
	exynos_sysmmu_master_destroy(master);
	kfree(found);
}

/**
 * dtest_dmabuf_sysmmu_xfer() - the master moves bytes through the model SYSMMU
 * @master: from dtest_dmabuf_sysmmu_create()
 * @bus: device address, inside one mapped DMA segment
 * @buf: kernel buffer on the other side
 * @len: bytes
 * @to_bus: true: the device writes @buf to memory; false: reads into @buf
 *
 * Context: process.
 * Return: 0, -EFAULT after a translation fault, or another negative errno.
 */
int dtest_dmabuf_sysmmu_xfer(struct device *master, dma_addr_t bus, void *buf, u32 len,
			     bool to_bus)
{
	if (bus > U32_MAX || len > U32_MAX - bus + 1)
		return -EFAULT;
	return exynos_sysmmu_model_dma(master, bus, buf, len,
				       to_bus ? DMA_FROM_DEVICE : DMA_TO_DEVICE);
}

int dtest_ioctl_dmabuf_sysmmu_stats(struct file *file, void *arg)
{
	struct dtest_dmabuf_sysmmu_stats *req = arg;
	struct dtest_dmabuf_sysmmu *s;
	struct iommu_mapper_stats st;

	if (req->flags & ~DTEST_DMABUF_SYSMMU_STATS_FLAGS || req->masters || req->maps ||
	    req->unmaps || req->mapped || req->iova_peak)
		return -EINVAL;
	mutex_lock(&dtest_dmabuf_sysmmu_lock);
	list_for_each_entry(s, &dtest_dmabuf_sysmmus, node) {
		iommu_mapper_get_stats(s->mapper, &st);
		req->masters++;
		req->maps += st.maps;
		req->unmaps += st.unmaps;
		req->mapped += st.mapped;
		req->iova_peak += st.iova_peak;
	}
	mutex_unlock(&dtest_dmabuf_sysmmu_lock);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter: DTEST_IOC_SYSMMU_DT (0x28), exynos_sysmmu's device-tree
 * path through the IOMMU core.
 *
 * sysmmu_dt.dtso, applied at the root as an overlay, adds three SYSMMU
 * nodes backed by exynos_sysmmu's model and two masters with ``iommus``.
 * The OF core makes a platform device of each node as it appears;
 * exynos_sysmmu binds the SYSMMUs and registers them with the IOMMU core
 * with their DT fwnodes; the driver below binds the masters, so that the
 * platform bus configures their DMA from DT (of_dma_configure() ->
 * of_iommu_configure()): the core sets their fwspec, calls the SYSMMUs'
 * of_xlate once per ``iommus`` entry and probe_device, puts each master
 * in a group and attaches its default domain.  The command then works
 * on one master with the standard API only, and removing the overlay
 * removes every device again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/errno.h>
#include <linux/highmem.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include <exynos_sysmmu.h>
#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

/*
 * Built where the kernel applies overlays (its build tree compiled the
 * overlay: Kbuild defines DTEST_SYSMMU_DT_BLOB) and SYSMMUs register with
 * the IOMMU core from a module (ops per instance, DT of_xlate).
 */
#if IS_ENABLED(CONFIG_OF_OVERLAY) && defined(DTEST_SYSMMU_DT_BLOB) && \
	defined(DMASHARE_HAVE_IOMMU_OPS_IDENTITY) && \
	DMASHARE_IOMMU_REGISTER_FROM_MODULE

MODULE_IMPORT_NS(DMASHARE_NS(EXYNOS_SYSMMU));

/* One run at a time: the overlay's node names are fixed. */
static DEFINE_MUTEX(dtest_sysmmu_dt_lock);

/* A master needs a driver bound: its DMA (and IOMMU) is configured then. */
static int dtest_sysmmu_dt_probe(struct platform_device *pdev)
{
	return 0;
}

static const struct of_device_id dtest_sysmmu_dt_match[] = {
	{ .compatible = "dmashare,sysmmu-dt-master" },
	{ }
};

static struct platform_driver dtest_sysmmu_dt_driver = {
	.probe = dtest_sysmmu_dt_probe,
	.driver = {
		.name = "dmashare-sysmmu-dt-master",
		.of_match_table = dtest_sysmmu_dt_match,
		.suppress_bind_attrs = true,
	},
};

/* What the domain's fault handler received. */
/* The byte the device writes at offset @i of the mapping. */
static u8 dtest_sysmmu_dt_pattern(size_t i)
{
	return (u8)(i * 7 + (i >> 12) * 13 + 0x5a);
}

/* Bytes of @buf (@len, at offset @off of the mapping) not the pattern. */
static u64 dtest_sysmmu_dt_diff(const u8 *buf, size_t off, size_t len)
{
	u64 bad = 0;
	size_t i;

	for (i = 0; i < len; i++)
		bad += buf[i] != dtest_sysmmu_dt_pattern(off + i);
	return bad;
}

/* DTEST_SYSMMU_DT_DOMAIN_* of @dev's domain now. */
static u32 dtest_sysmmu_dt_type(struct device *dev)
{
	struct iommu_domain *d = iommu_get_domain_for_dev(dev);

	if (!d)
		return 0;
	if (d->type == IOMMU_DOMAIN_IDENTITY)
		return DTEST_SYSMMU_DT_DOMAIN_IDENTITY;
	if (d->type & __IOMMU_DOMAIN_PAGING)
		return DTEST_SYSMMU_DT_DOMAIN_PAGING;
	return DTEST_SYSMMU_DT_DOMAIN_OTHER;
}

/* The master node's device, bound to our driver, with a reference. */
static struct device *dtest_sysmmu_dt_master(u32 index)
{
	struct platform_device *pdev;
	struct device_node *np;
	char path[40];
	bool bound;

	snprintf(path, sizeof(path), "/dmashare-sysmmu-master-%u", index);
	np = of_find_node_by_path(path);
	if (!np)
		return ERR_PTR(-ENOENT);
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return ERR_PTR(-ENODEV);
	device_lock(&pdev->dev);
	bound = pdev->dev.driver == &dtest_sysmmu_dt_driver.driver;
	device_unlock(&pdev->dev);
	if (!bound) {
		dev_err(&pdev->dev, "not bound: its SYSMMUs did not probe\n");
		platform_device_put(pdev);
		return ERR_PTR(-ENODEV);
	}
	return &pdev->dev;
}

/* Everything after the master is bound and probed by the core. */
static int dtest_sysmmu_dt_run(struct device *dev, struct dtest_sysmmu_dt *c)
{
	struct dtest_fault_log faults;
	size_t len = (size_t)c->pages * PAGE_SIZE;
	struct iommu_domain *domain;
	struct iommu_group *group;
	u32 fault_flags;
	struct page **pages;
	unsigned int i, port;
	u8 *buf, *cpu;
	size_t unmapped;
	int ret;

	dtest_fault_log_init(&faults);
	group = iommu_group_get(dev);
	if (!group) {
		dev_err(dev, "the IOMMU core did not probe it\n");
		return -ENODEV;
	}
	c->group = iommu_group_id(group);
	iommu_group_put(group);
	c->default_type = dtest_sysmmu_dt_type(dev);

	pages = kcalloc(c->pages, sizeof(*pages), GFP_KERNEL);
	buf = kvmalloc(len, GFP_KERNEL);
	ret = -ENOMEM;
	if (!pages || !buf)
		goto free_buf;
	for (i = 0; i < c->pages; i++) {
		/* Reachable by v3.3, which translates to 32-bit addresses. */
		pages[i] = alloc_page(GFP_KERNEL | GFP_DMA32 | __GFP_ZERO);
		if (!pages[i])
			goto free_pages;
	}
	for (i = 0; i < len; i++)
		buf[i] = dtest_sysmmu_dt_pattern(i);

	/* The core's default domain: nothing translates, no DMA. */
	c->before_attach = -exynos_sysmmu_model_dma(dev, c->iova, buf, 16,
						    DMA_FROM_DEVICE);

	domain = dmashare_paging_domain_alloc(dev);
	if (IS_ERR(domain)) {
		ret = PTR_ERR(domain);
		dev_err(dev, "iommu_paging_domain_alloc: %d\n", ret);
		goto free_pages;
	}
	iommu_set_fault_handler(domain, dtest_fault_log_handler, &faults);
	ret = iommu_attach_device(domain, dev);
	if (ret) {
		dev_err(dev, "iommu_attach_device: %d\n", ret);
		goto free_domain;
	}
	if (iommu_get_domain_for_dev(dev) != domain) {
		dev_err(dev, "attached, but the core reports another domain\n");
		ret = -EIO;
		goto detach;
	}
	for (i = 0; i < c->pages; i++) {
		ret = dmashare_iommu_map(domain, c->iova + (u64)i * PAGE_SIZE,
					 page_to_phys(pages[i]), PAGE_SIZE,
					 IOMMU_READ | IOMMU_WRITE, GFP_KERNEL);
		if (ret) {
			dev_err(dev, "iommu_map page %u: %d\n", i, ret);
			if (i)
				iommu_unmap(domain, c->iova, (size_t)i * PAGE_SIZE);
			goto detach;
		}
	}
	for (i = 0; i < c->pages; i++)
		if (iommu_iova_to_phys(domain, c->iova + (u64)i * PAGE_SIZE + 42) ==
		    page_to_phys(pages[i]) + 42)
			c->translated += PAGE_SIZE;

	/* The device writes the pattern through port 0; the CPU checks. */
	ret = exynos_sysmmu_model_dma(dev, c->iova, buf, len, DMA_FROM_DEVICE);
	if (ret) {
		dev_err(dev, "transfer to memory: %d\n", ret);
		goto unmap;
	}
	c->moved += len;
	for (i = 0; i < c->pages; i++) {
		cpu = kmap_local_page(pages[i]);
		c->mismatches += dtest_sysmmu_dt_diff(cpu, (size_t)i * PAGE_SIZE,
						      PAGE_SIZE);
		kunmap_local(cpu);
	}
	/* ... and reads it back through every SYSMMU it sits behind. */
	for (port = 0; ; port++) {
		memset(buf, 0, len);
		ret = exynos_sysmmu_model_dma_port(dev, port, c->iova, buf, len,
						   DMA_TO_DEVICE);
		if (ret == -ENODEV && port) {
			/* No such port: the master is behind @port SYSMMUs. */
			ret = 0;
			break;
		}
		if (ret) {
			dev_err(dev, "transfer from memory, port %u: %d\n", port, ret);
			goto unmap;
		}
		c->moved += len;
		c->mismatches += dtest_sysmmu_dt_diff(buf, 0, len);
	}
	c->ports = port;

unmap:
	unmapped = iommu_unmap(domain, c->iova, len);
	if (!ret) {
		c->unmapped = unmapped;
		/* Unmapped: the SYSMMU must fault, not reach the pages. */
		c->fault_result = -exynos_sysmmu_model_dma(dev, c->iova, buf, 16,
							   DMA_FROM_DEVICE);
		dtest_fault_log_read(&faults, &c->faults, &c->fault_iova,
				     &fault_flags);
	}
detach:
	iommu_detach_device(domain, dev);
	if (!ret)
		c->restored_type = dtest_sysmmu_dt_type(dev);
free_domain:
	iommu_domain_free(domain);
free_pages:
	for (i = 0; i < c->pages && pages[i]; i++)
		__free_page(pages[i]);
free_buf:
	kvfree(buf);
	kfree(pages);
	return ret;
}

/* Apply the overlay, run on the master, remove the overlay. */
static int dtest_sysmmu_dt_apply(struct dtest_sysmmu_dt *c)
{
	u32 size = __dtbo_sysmmu_dt_end - __dtbo_sysmmu_dt_begin;
	int ovcs_id = 0, ret, rm;
	struct device *dev;

	if (!mutex_trylock(&dtest_sysmmu_dt_lock))
		return -EBUSY;
	ret = platform_driver_register(&dtest_sysmmu_dt_driver);
	if (ret)
		goto unlock;
	/* The OF core creates, and the drivers bind, every node's device. */
	ret = dmashare_of_overlay_fdt_apply(__dtbo_sysmmu_dt_begin, size, &ovcs_id);
	if (ret) {
		pr_err("sysmmu_dt: applying the overlay: %d\n", ret);
		goto remove;
	}
	/* Bound at once unless a probe was deferred: settle those too. */
	wait_for_device_probe();
	dev = dtest_sysmmu_dt_master(c->master);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto remove;
	}
	ret = dtest_sysmmu_dt_run(dev, c);
	put_device(dev);
remove:
	/* Removes the devices (masters first: the reverse of the overlay). */
	if (ovcs_id) {
		rm = of_overlay_remove(&ovcs_id);
		if (rm) {
			pr_err("sysmmu_dt: removing the overlay: %d\n", rm);
			ret = ret ?: rm;
		}
	}
	platform_driver_unregister(&dtest_sysmmu_dt_driver);
unlock:
	mutex_unlock(&dtest_sysmmu_dt_lock);
	return ret;
}

#else /* no device-tree overlays, or IOMMU ops per bus */

static int dtest_sysmmu_dt_apply(struct dtest_sysmmu_dt *c)
{
	return -EOPNOTSUPP;
}

#endif

/**
 * dtest_ioctl_sysmmu_dt() - DTEST_IOC_SYSMMU_DT
 * @file: the caller's file
 * @arg: &struct dtest_sysmmu_dt
 *
 * Context: process context, may sleep.
 * Return: 0; -EINVAL for bad arguments; -EOPNOTSUPP where it is not
 * built; -EBUSY while another run holds the overlay; -ENODEV when the
 * IOMMU core did not probe the master; or the failing call's error.
 */
int dtest_ioctl_sysmmu_dt(struct file *file, void *arg)
{
	struct dtest_sysmmu_dt *c = arg;

	if (c->flags & ~DTEST_SYSMMU_DT_FLAGS || c->__pad ||
	    c->master >= DTEST_SYSMMU_DT_MASTERS ||
	    !c->pages || c->pages > DTEST_SYSMMU_MAX_PAGES ||
	    !IS_ALIGNED(c->iova, SZ_4K) || c->iova >= SZ_4G ||
	    (u64)c->pages * SZ_4K > SZ_4G - c->iova ||
	    c->ports || c->group || c->default_type || c->restored_type ||
	    c->before_attach || c->translated || c->moved || c->mismatches ||
	    c->unmapped || c->fault_result || c->faults || c->fault_iova)
		return -EINVAL;
	return dtest_sysmmu_dt_apply(c);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * exynos_sysmmu: Samsung Exynos SYSMMU IOMMU driver.
 *
 * One platform driver binds the SYSMMUs of a board (device tree nodes
 * compatible with "samsung,exynos-sysmmu", registers through MMIO), the
 * model instances created with model=N and DT nodes with a
 * "dmashare,model" version (registers through the model, for tests).
 * Masters come from DT "iommus" through the IOMMU core where it keeps ops
 * per instance, or are bound to a SYSMMU with
 * exynos_sysmmu_master_create(), and use domains whose page tables are
 * pgtable.c's.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/clk.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/pm_runtime.h>
#include <linux/property.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <exynos_sysmmu.h>

#include "sysmmu.h"

#define SYSMMU_MODEL_MAX	8
#define SYSMMU_MODEL_NAME	"exynos-sysmmu-model"
#define SYSMMU_MASTER_NAME	"exynos-sysmmu-master"
/* SYSMMUs one master may sit behind (its ports). */
#define SYSMMU_MASTER_PORTS	4

static unsigned int model;
module_param(model, uint, 0444);
MODULE_PARM_DESC(model, "model SYSMMU instances to create (default 0, at most 8)");

static char *model_version = "3.3";
module_param(model_version, charp, 0444);
MODULE_PARM_DESC(model_version,
		 "hardware version of each model instance, major.minor[+vm] (+vm: v7 VM layout), comma-separated; the last one applies to the rest (default 3.3)");

static unsigned int model_tlb_entries = 64;
module_param(model_tlb_entries, uint, 0444);
MODULE_PARM_DESC(model_tlb_entries, "TLB entries of each model instance (default 64)");

static unsigned int model_tlb_ways = 4;
module_param(model_tlb_ways, uint, 0444);
MODULE_PARM_DESC(model_tlb_ways,
		 "TLB associativity of each model instance; divides model_tlb_entries (default 4)");

/* What a model instance's platform device carries. */
struct sysmmu_model_pdata {
	u32 version;
	u32 caps;
};

static const char * const sysmmu_clk_names[] = { "sysmmu", "aclk", "pclk", "master" };

/**
 * struct sysmmu_dev - a bound SYSMMU
 * @smmu:	the hardware layer's view
 * @clks:	its clocks, each optional
 * @irq:	fault interrupt (MMIO), 0 for the model
 * @iommu:	its IOMMU core instance (sysfs; registration where safe)
 * @in_sysfs:	@iommu has its sysfs entry
 * @registered:	@iommu is registered with the IOMMU core
 * @debugfs:	its debugfs directory
 * @node:	in sysmmu_devs
 * @domain_node: in its domain's clients
 * @dom:	the domain attached, or NULL
 * @model_index: model instance number, or -1
 * @powered:	runtime-resumed: its registers hold what the driver wrote
 * @skip_restore: test knob: runtime resume does not program it again
 */
struct sysmmu_dev {
	struct sysmmu smmu;
	struct clk_bulk_data clks[ARRAY_SIZE(sysmmu_clk_names)];
	int irq;
	struct iommu_device iommu;
	bool in_sysfs;
	bool registered;
	struct dentry *debugfs;
	struct list_head node;
	struct list_head domain_node;
	struct sysmmu_domain *dom;
	int model_index;
	bool powered;
	bool skip_restore;
};

/**
 * struct sysmmu_domain - an I/O address space
 * @domain:	what the IOMMU API sees
 * @pt:		its page table
 * @lock:	protects @clients; taken inside @pt's lock by the flush path
 * @clients:	attached struct sysmmu_dev, by domain_node
 */
struct sysmmu_domain {
	struct iommu_domain domain;
	struct sysmmu_pgtable *pt;
	spinlock_t lock;	/* see above */
	struct list_head clients;
};

/**
 * struct sysmmu_master - a master behind one or more SYSMMUs
 * @node:	in sysmmu_masters
 * @dev:	the master
 * @pdev:	the platform device exynos_sysmmu_master_create() made of it,
 *		or NULL for a master from DT (``iommus``, through of_xlate)
 * @core:	the IOMMU core probed it: its domains come from the core
 * @sdevs:	the SYSMMUs it sits behind (its ports), @nr_sdevs of them,
 *		all of one table format; one domain is programmed into all
 * @nr_sdevs:	how many
 * @nr_active:	the first @nr_active of @sdevs hold a runtime PM reference
 *		taken when the master resumed
 * @dom:	the domain attached, or NULL
 */
struct sysmmu_master {
	struct list_head node;
	struct device *dev;
	struct platform_device *pdev;
	bool core;
	struct sysmmu_dev *sdevs[SYSMMU_MASTER_PORTS];
	unsigned int nr_sdevs;
	unsigned int nr_active;
	struct sysmmu_domain *dom;
};

/* Protects sysmmu_devs, sysmmu_masters and every attachment. */
static DEFINE_MUTEX(sysmmu_devs_lock);
static LIST_HEAD(sysmmu_devs);
static LIST_HEAD(sysmmu_masters);
static struct platform_device *sysmmu_model_pdevs[SYSMMU_MODEL_MAX];
static struct dentry *sysmmu_debugfs_root;

static struct dev_pm_domain sysmmu_master_pm_domain;
static void sysmmu_master_ports_put(struct sysmmu_master *m);
static struct iommu_domain *sysmmu_domain_new(const struct sysmmu_pt_fmt *fmt);
static int sysmmu_dom_attach_dev(struct iommu_domain *domain,
				 struct device *master);

static struct sysmmu_domain *to_sysmmu_domain(struct iommu_domain *d)
{
	return container_of(d, struct sysmmu_domain, domain);
}

/* ---- domains ---- */

static void sysmmu_dom_inv_range(void *cookie, u32 iova, size_t size)
{
	struct sysmmu_domain *dom = cookie;
	struct sysmmu_dev *sdev;
	unsigned long flags;

	spin_lock_irqsave(&dom->lock, flags);
	list_for_each_entry(sdev, &dom->clients, domain_node)
		sysmmu_hw_inv_range(&sdev->smmu, iova, size);
	spin_unlock_irqrestore(&dom->lock, flags);
}

static void sysmmu_dom_inv_lv1(void *cookie, u32 iova)
{
	struct sysmmu_domain *dom = cookie;
	struct sysmmu_dev *sdev;
	unsigned long flags;

	spin_lock_irqsave(&dom->lock, flags);
	list_for_each_entry(sdev, &dom->clients, domain_node)
		sysmmu_hw_inv_lv1(&sdev->smmu, iova);
	spin_unlock_irqrestore(&dom->lock, flags);
}

static const struct sysmmu_pt_flush_ops sysmmu_dom_flush_ops = {
	.inv_range = sysmmu_dom_inv_range,
	.inv_lv1 = sysmmu_dom_inv_lv1,
};

static int sysmmu_dom_map_pages(struct iommu_domain *domain, unsigned long iova,
				phys_addr_t paddr, size_t pgsize, size_t pgcount,
				int prot, gfp_t gfp, size_t *mapped)
{
	return sysmmu_map_pages(to_sysmmu_domain(domain)->pt, iova, paddr,
				pgsize, pgcount, prot, gfp, mapped);
}

static size_t sysmmu_dom_unmap_pages(struct iommu_domain *domain,
				     unsigned long iova, size_t pgsize,
				     size_t pgcount,
				     struct iommu_iotlb_gather *gather)
{
	/* The TLBs are invalidated before this returns: nothing to gather. */
	return sysmmu_unmap_pages(to_sysmmu_domain(domain)->pt, iova, pgsize,
				  pgcount);
}

static phys_addr_t sysmmu_dom_iova_to_phys(struct iommu_domain *domain,
					   dma_addr_t iova)
{
	return sysmmu_iova_to_phys(to_sysmmu_domain(domain)->pt, iova);
}

static void sysmmu_dom_free(struct iommu_domain *domain)
{
	struct sysmmu_domain *dom = to_sysmmu_domain(domain);

	/* Nothing may walk it any more. */
	if (WARN_ON(!list_empty(&dom->clients)))
		return;
	sysmmu_pgtable_free(dom->pt);
	kfree(dom);
}

static const struct iommu_domain_ops sysmmu_domain_ops = {
	.attach_dev = sysmmu_dom_attach_dev,
	.map_pages = sysmmu_dom_map_pages,
	.unmap_pages = sysmmu_dom_unmap_pages,
	.iova_to_phys = sysmmu_dom_iova_to_phys,
	.free = sysmmu_dom_free,
};

static struct sysmmu_master *sysmmu_master_find(struct device *dev)
{
	struct sysmmu_master *m;

	lockdep_assert_held(&sysmmu_devs_lock);
	list_for_each_entry(m, &sysmmu_masters, node)
		if (m->dev == dev)
			return m;
	return NULL;
}

/**
 * exynos_sysmmu_domain_alloc() - a new empty domain for @master's SYSMMU
 * @master: a master from exynos_sysmmu_master_create()
 *
 * The domain is a standard paging domain (IOMMU_DOMAIN_UNMANAGED): use
 * iommu_map(), iommu_unmap(), iommu_iova_to_phys(),
 * iommu_set_fault_handler() and iommu_domain_free() on it.  Its page
 * table has the format of @master's SYSMMU version; the aperture is the
 * whole 32-bit space; page sizes 4 KiB, 64 KiB and 1 MiB.
 *
 * A master the IOMMU core probed gets its domain from
 * iommu_paging_domain_alloc(), as the core attaches only its own.
 *
 * Context: process context, may sleep.
 * Return: the domain, ERR_PTR(-ENODEV) for an unknown master,
 * ERR_PTR(-ENOMEM).
 */
struct iommu_domain *exynos_sysmmu_domain_alloc(struct device *master)
{
	const struct sysmmu_pt_fmt *fmt = NULL;
	struct sysmmu_master *m;
	bool core = false;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	if (m) {
		fmt = m->sdevs[0]->smmu.variant->fmt;
		core = m->core;
	}
	mutex_unlock(&sysmmu_devs_lock);
	if (!fmt)
		return ERR_PTR(-ENODEV);
	/* The core attaches only domains it allocated itself. */
	if (core)
		return dmashare_paging_domain_alloc(master);
	return sysmmu_domain_new(fmt);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_domain_alloc, DMASHARE_NS(EXYNOS_SYSMMU));

/* A new empty domain with a table of @fmt. */
static struct iommu_domain *sysmmu_domain_new(const struct sysmmu_pt_fmt *fmt)
{
	struct sysmmu_domain *dom;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return ERR_PTR(-ENOMEM);
	spin_lock_init(&dom->lock);
	INIT_LIST_HEAD(&dom->clients);
	dom->pt = sysmmu_pgtable_alloc(fmt, &sysmmu_dom_flush_ops, dom, NULL);
	if (!dom->pt) {
		kfree(dom);
		return ERR_PTR(-ENOMEM);
	}
	dom->domain.type = IOMMU_DOMAIN_UNMANAGED;
	dom->domain.ops = &sysmmu_domain_ops;
	dom->domain.pgsize_bitmap = SYSMMU_PGSIZES;
	dom->domain.geometry.aperture_start = 0;
	dom->domain.geometry.aperture_end = SYSMMU_IOVA_SPACE - 1;
	dom->domain.geometry.force_aperture = true;
	return &dom->domain;
}

static void sysmmu_detach_locked(struct sysmmu_dev *sdev)
{
	struct sysmmu_domain *dom = sdev->dom;
	unsigned long flags;

	lockdep_assert_held(&sysmmu_devs_lock);
	if (!dom)
		return;
	if (sdev->powered)
		sysmmu_hw_disable(&sdev->smmu);
	spin_lock_irqsave(&dom->lock, flags);
	list_del(&sdev->domain_node);
	spin_unlock_irqrestore(&dom->lock, flags);
	sdev->smmu.domain = NULL;
	sdev->smmu.master = NULL;
	sdev->dom = NULL;
	clk_bulk_disable_unprepare(ARRAY_SIZE(sdev->clks), sdev->clks);
}

/* Program @dom into @sdev, one of @master's SYSMMUs. */
static int sysmmu_attach_locked(struct sysmmu_dev *sdev, struct sysmmu_domain *dom,
				struct device *master)
{
	unsigned long flags;
	int ret;

	lockdep_assert_held(&sysmmu_devs_lock);
	/*
	 * A SYSMMU translates for one master at a time: another master's
	 * DMA must not start going through @dom's page tables, nor its
	 * domain be taken from it.
	 */
	if (sdev->dom && sdev->smmu.master != master)
		return -EBUSY;
	sysmmu_detach_locked(sdev);
	ret = clk_bulk_prepare_enable(ARRAY_SIZE(sdev->clks), sdev->clks);
	if (ret)
		return ret;
	sdev->dom = dom;
	sdev->smmu.domain = &dom->domain;
	sdev->smmu.master = master;
	spin_lock_irqsave(&dom->lock, flags);
	list_add_tail(&sdev->domain_node, &dom->clients);
	spin_unlock_irqrestore(&dom->lock, flags);
	/* Powered off, it is programmed when it resumes. */
	if (sdev->powered)
		sysmmu_hw_enable(&sdev->smmu, dom->pt);
	return 0;
}

/* Detach every SYSMMU of @m from @m's domain. */
static void sysmmu_master_detach_locked(struct sysmmu_master *m)
{
	unsigned int i;

	lockdep_assert_held(&sysmmu_devs_lock);
	/* Another master's domain on a shared SYSMMU stays. */
	for (i = 0; i < m->nr_sdevs; i++)
		if (m->dom && m->sdevs[i]->dom == m->dom &&
		    m->sdevs[i]->smmu.master == m->dev)
			sysmmu_detach_locked(m->sdevs[i]);
	m->dom = NULL;
}

/**
 * exynos_sysmmu_attach() - make @master's SYSMMU translate with @domain
 * @domain: from exynos_sysmmu_domain_alloc()
 * @master: a master from exynos_sysmmu_master_create()
 *
 * A domain already attached for @master is detached first.  A SYSMMU
 * translates for one master at a time: while another master's domain is
 * attached to it, -EBUSY.  A master behind several
 * SYSMMUs (exynos_sysmmu_master_add()) has @domain programmed into each,
 * and every change of @domain's table is flushed from each.  Faults of
 * @master are reported to @domain's fault handler.  A master the IOMMU
 * core probed is attached through iommu_attach_device().
 *
 * Context: process context, may sleep.
 * Return: 0, -ENODEV for an unknown master, -EINVAL for a domain of
 * another table format, -EBUSY while one of its SYSMMUs serves another
 * master, or the clock error.
 */
int exynos_sysmmu_attach(struct iommu_domain *domain, struct device *master)
{
	struct sysmmu_master *m;
	bool core;

	if (domain->ops != &sysmmu_domain_ops)
		return -EINVAL;
	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	core = m && m->core;
	mutex_unlock(&sysmmu_devs_lock);
	if (!m)
		return -ENODEV;
	if (core)
		return iommu_attach_device(domain, master);
	return sysmmu_dom_attach_dev(domain, master);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_attach, DMASHARE_NS(EXYNOS_SYSMMU));

/* Program @domain into every SYSMMU of @master (the core's attach_dev). */
static int sysmmu_dom_attach_dev(struct iommu_domain *domain,
				 struct device *master)
{
	struct sysmmu_domain *dom = to_sysmmu_domain(domain);
	struct sysmmu_master *m;
	unsigned int i;
	int ret = -ENODEV;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	if (!m)
		goto unlock;
	ret = -EINVAL;
	if (m->sdevs[0]->smmu.variant->fmt != dom->pt->fmt)
		goto unlock;
	sysmmu_master_detach_locked(m);
	for (i = 0; i < m->nr_sdevs; i++) {
		ret = sysmmu_attach_locked(m->sdevs[i], dom, master);
		if (ret) {
			sysmmu_master_detach_locked(m);
			goto unlock;
		}
		/* From here on unmaps flush this SYSMMU too. */
		m->dom = dom;
	}
unlock:
	mutex_unlock(&sysmmu_devs_lock);
	return ret;
}

/**
 * exynos_sysmmu_detach() - stop @master's SYSMMUs translating
 * @master: a master from exynos_sysmmu_master_create()
 *
 * Its domain may be freed afterwards.
 *
 * Context: process context, may sleep.
 */
void exynos_sysmmu_detach(struct device *master)
{
	struct iommu_domain *domain = NULL;
	struct sysmmu_master *m;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	if (m && m->core && m->dom)
		domain = &m->dom->domain;
	else if (m)
		sysmmu_master_detach_locked(m);
	mutex_unlock(&sysmmu_devs_lock);
	/* Back to the core's default (identity) domain. */
	if (domain)
		iommu_detach_device(domain, master);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_detach, DMASHARE_NS(EXYNOS_SYSMMU));

/* The SYSMMU of model instance @model, or NULL. */
static struct sysmmu_dev *sysmmu_model_find(unsigned int model)
{
	struct sysmmu_dev *sdev;

	lockdep_assert_held(&sysmmu_devs_lock);
	list_for_each_entry(sdev, &sysmmu_devs, node)
		if (sdev->model_index == model)
			return sdev;
	return NULL;
}

/**
 * exynos_sysmmu_master_create() - a device behind model instance @model
 * @model: model instance number (module parameter model=N creates 0..N-1)
 *
 * For machines without a device tree: a platform device bound to the
 * model SYSMMU, for exynos_sysmmu_attach() and exynos_sysmmu_model_dma().
 * The IOMMU core does not probe it: only firmware code (DT, ACPI) may
 * give a device its IOMMU fwspec, under a lock the core does not export
 * to modules.  Its domains are standard paging domains all the same.
 * Its SYSMMUs follow its runtime PM: they are resumed (and programmed
 * again with the attached domain) when it resumes and suspended (their
 * state lost) when it suspends.  It is returned resumed, holding one
 * runtime PM reference that exynos_sysmmu_master_destroy() drops; drop
 * and take it again with pm_runtime_put_sync() and
 * pm_runtime_resume_and_get().
 *
 * Context: process context, may sleep.
 * Return: the master device; ERR_PTR(-ENODEV) when there is no such
 * instance, or the platform device error.
 */
struct device *exynos_sysmmu_master_create(unsigned int model)
{
	struct platform_device *pdev;
	struct sysmmu_dev *found;
	struct sysmmu_master *m;
	bool added = false;
	int ret;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	pdev = platform_device_alloc(SYSMMU_MASTER_NAME, PLATFORM_DEVID_AUTO);
	if (!pdev) {
		kfree(m);
		return ERR_PTR(-ENOMEM);
	}
	mutex_lock(&sysmmu_devs_lock);
	found = sysmmu_model_find(model);
	if (found) {
		m->pdev = pdev;
		m->dev = &pdev->dev;
		m->sdevs[0] = found;
		m->nr_sdevs = 1;
		list_add_tail(&m->node, &sysmmu_masters);
	}
	mutex_unlock(&sysmmu_devs_lock);
	if (!found) {
		platform_device_put(pdev);
		kfree(m);
		return ERR_PTR(-ENODEV);
	}
	ret = platform_device_add(pdev);
	/*
	 * The name and id are ours and valid: any failure is a lack of
	 * memory, but platform_device_add() ignores a failed dev_set_name()
	 * and device_add() then refuses the nameless device with -EINVAL,
	 * which would tell the caller its arguments were wrong.
	 */
	if (ret == -EINVAL)
		ret = -ENOMEM;
	if (ret)
		goto remove;
	added = true;
	/* Its SYSMMUs are powered while it is (sysmmu_master_pm_domain). */
	dev_pm_domain_set(&pdev->dev, &sysmmu_master_pm_domain);
	pm_runtime_enable(&pdev->dev);
	ret = pm_runtime_resume_and_get(&pdev->dev);
	if (ret) {
		pm_runtime_disable(&pdev->dev);
		dev_pm_domain_set(&pdev->dev, NULL);
		goto remove;
	}
	dev_info(&pdev->dev, "bound to %s\n", dev_name(found->smmu.dev));
	return &pdev->dev;

remove:
	mutex_lock(&sysmmu_devs_lock);
	list_del(&m->node);
	mutex_unlock(&sysmmu_devs_lock);
	if (added)
		platform_device_unregister(pdev);
	else
		platform_device_put(pdev);
	kfree(m);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_master_create, DMASHARE_NS(EXYNOS_SYSMMU));

/**
 * exynos_sysmmu_master_destroy() - detach and remove a master
 * @master: from exynos_sysmmu_master_create(), or NULL
 *
 * Whether @master is runtime-resumed or suspended does not matter.
 *
 * Context: process context, may sleep.
 */
void exynos_sysmmu_master_destroy(struct device *master)
{
	struct sysmmu_master *m;

	if (!master)
		return;
	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	if (m)
		sysmmu_master_detach_locked(m);
	mutex_unlock(&sysmmu_devs_lock);
	if (!m)
		return;
	/* Drops the SYSMMUs' references, whatever the caller left. */
	pm_runtime_disable(master);
	sysmmu_master_ports_put(m);
	mutex_lock(&sysmmu_devs_lock);
	list_del(&m->node);
	mutex_unlock(&sysmmu_devs_lock);
	dev_pm_domain_set(master, NULL);
	platform_device_unregister(m->pdev);
	kfree(m);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_master_destroy, DMASHARE_NS(EXYNOS_SYSMMU));

/**
 * exynos_sysmmu_model_dma() - a DMA transfer by @master through its model
 * @master: a master from exynos_sysmmu_master_create(), attached
 * @iova: device address
 * @buf: kernel buffer
 * @len: bytes
 * @dir: DMA_TO_DEVICE: the device reads memory into @buf; DMA_FROM_DEVICE:
 *	the device writes @buf to memory
 *
 * Every 4 KiB piece is translated by the model's TLB and table walker and
 * copied to or from the physical page.  A fault is handled (the domain's
 * fault handler called) before this returns.
 *
 * Context: process context, may sleep; not concurrently with detaching
 * @master.
 * Return: 0; -EFAULT after a fault (earlier pieces were transferred);
 * -ENODEV when @master is unknown, not behind a model or not attached;
 * -EINVAL for a bad @dir or a range beyond 4 GiB.
 */
int exynos_sysmmu_model_dma(struct device *master, u32 iova, void *buf,
			    size_t len, enum dma_data_direction dir)
{
	return exynos_sysmmu_model_dma_port(master, 0, iova, buf, len, dir);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_model_dma, DMASHARE_NS(EXYNOS_SYSMMU));

/**
 * exynos_sysmmu_model_dma_port() - exynos_sysmmu_model_dma() through one
 * of @master's SYSMMUs
 * @master: a master from exynos_sysmmu_master_create(), attached
 * @port: which SYSMMU: 0 the one it was created on, then in the order of
 *	exynos_sysmmu_master_add()
 * @iova: device address
 * @buf: kernel buffer
 * @len: bytes
 * @dir: as for exynos_sysmmu_model_dma()
 *
 * Context: process context, may sleep; not concurrently with detaching
 * @master.
 * Return: as exynos_sysmmu_model_dma(); -ENODEV also for a @port @master
 * does not have, and when the SYSMMU is not translating (suspended, or
 * resumed without being programmed again).
 */
int exynos_sysmmu_model_dma_port(struct device *master, unsigned int port,
				 u32 iova, void *buf, size_t len,
				 enum dma_data_direction dir)
{
	struct sysmmu_dev *sdev = NULL;
	struct sysmmu_master *m;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	/* Only through a domain attached for this master. */
	if (m && port < m->nr_sdevs && m->sdevs[port]->smmu.model &&
	    m->sdevs[port]->dom && m->sdevs[port]->smmu.master == master)
		sdev = m->sdevs[port];
	mutex_unlock(&sysmmu_devs_lock);
	if (!sdev)
		return -ENODEV;
	return sysmmu_model_access(&sdev->smmu, iova, buf, len, dir);
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_model_dma_port, DMASHARE_NS(EXYNOS_SYSMMU));

/**
 * exynos_sysmmu_master_add() - put @master behind one more model SYSMMU
 * @master: a master from exynos_sysmmu_master_create()
 * @model: model instance number, of the same table format as the ones
 *	@master is behind already
 *
 * As a block with several bus ports has one SYSMMU per port: the domain
 * attached (now or later) is programmed into every one, and every change
 * of it is flushed from every one; the new SYSMMU follows @master's
 * runtime PM like the others.
 *
 * Context: process context, may sleep.
 * Return: the port number of the new SYSMMU (for
 * exynos_sysmmu_model_dma_port()); -ENODEV for an unknown master or
 * instance; -EEXIST when @master is behind it already; -ENOSPC beyond
 * SYSMMU_MASTER_PORTS; -EINVAL for another table format; or the runtime
 * PM or clock error.
 */
int exynos_sysmmu_master_add(struct device *master, unsigned int model)
{
	struct sysmmu_master *m;
	struct sysmmu_dev *sdev;
	unsigned int i;
	int ret;

	/* Resumed throughout, so that its ports' references are all taken. */
	ret = pm_runtime_resume_and_get(master);
	if (ret)
		return ret;
	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(master);
	sdev = sysmmu_model_find(model);
	ret = -ENODEV;
	if (!m || !sdev)
		goto unlock;
	ret = -EEXIST;
	for (i = 0; i < m->nr_sdevs; i++)
		if (m->sdevs[i] == sdev)
			goto unlock;
	ret = -ENOSPC;
	if (m->nr_sdevs == SYSMMU_MASTER_PORTS)
		goto unlock;
	ret = -EINVAL;
	if (sdev->smmu.variant->fmt != m->sdevs[0]->smmu.variant->fmt)
		goto unlock;
	mutex_unlock(&sysmmu_devs_lock);

	/* Outside the lock: its runtime PM callbacks take it. */
	ret = pm_runtime_resume_and_get(sdev->smmu.dev);
	mutex_lock(&sysmmu_devs_lock);
	if (ret)
		goto unlock;
	if (m->dom) {
		ret = sysmmu_attach_locked(sdev, m->dom, master);
		if (ret) {
			mutex_unlock(&sysmmu_devs_lock);
			pm_runtime_put_sync(sdev->smmu.dev);
			goto put_master;
		}
	}
	i = m->nr_sdevs++;
	m->sdevs[i] = sdev;
	/* The master is resumed: this port holds its reference like the rest. */
	m->nr_active++;
	ret = i;
unlock:
	mutex_unlock(&sysmmu_devs_lock);
put_master:
	pm_runtime_put(master);
	return ret;
}
EXPORT_SYMBOL_NS_GPL(exynos_sysmmu_master_add, DMASHARE_NS(EXYNOS_SYSMMU));

/* ---- runtime PM ---- */

/*
 * A master's SYSMMUs are its suppliers: its PM domain resumes them before
 * it resumes and suspends them after it suspends.
 */
static int sysmmu_master_runtime_resume(struct device *dev)
{
	struct sysmmu_dev *sdevs[SYSMMU_MASTER_PORTS];
	struct sysmmu_master *m;
	unsigned int i, n = 0;
	int ret = 0;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	if (m) {
		n = m->nr_sdevs;
		memcpy(sdevs, m->sdevs, n * sizeof(*sdevs));
	}
	mutex_unlock(&sysmmu_devs_lock);
	for (i = 0; i < n; i++) {
		ret = pm_runtime_resume_and_get(sdevs[i]->smmu.dev);
		if (ret)
			break;
	}
	if (ret) {
		while (i--)
			pm_runtime_put_sync(sdevs[i]->smmu.dev);
		return ret;
	}
	mutex_lock(&sysmmu_devs_lock);
	if (m)
		m->nr_active = n;
	mutex_unlock(&sysmmu_devs_lock);
	return 0;
}

/* Drop the references @m's ports hold (suspending them when the last). */
static void sysmmu_master_ports_put(struct sysmmu_master *m)
{
	struct sysmmu_dev *sdevs[SYSMMU_MASTER_PORTS];
	unsigned int n;

	mutex_lock(&sysmmu_devs_lock);
	n = m->nr_active;
	memcpy(sdevs, m->sdevs, n * sizeof(*sdevs));
	m->nr_active = 0;
	mutex_unlock(&sysmmu_devs_lock);
	while (n--)
		pm_runtime_put_sync(sdevs[n]->smmu.dev);
}

static int sysmmu_master_runtime_suspend(struct device *dev)
{
	struct sysmmu_master *m;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	mutex_unlock(&sysmmu_devs_lock);
	if (m)
		sysmmu_master_ports_put(m);
	return 0;
}

static struct dev_pm_domain sysmmu_master_pm_domain = {
	.ops = {
		RUNTIME_PM_OPS(sysmmu_master_runtime_suspend,
			       sysmmu_master_runtime_resume, NULL)
	},
};

/* The SYSMMU's own power: its state is lost while suspended. */
static int sysmmu_runtime_suspend(struct device *dev)
{
	struct sysmmu_dev *sdev = dev_get_drvdata(dev);

	mutex_lock(&sysmmu_devs_lock);
	if (sdev->powered && sdev->dom)
		sysmmu_hw_disable(&sdev->smmu);
	sdev->powered = false;
	mutex_unlock(&sysmmu_devs_lock);
	if (sdev->smmu.model)
		sysmmu_model_power_off(sdev->smmu.model);
	return 0;
}

static int sysmmu_runtime_resume(struct device *dev)
{
	struct sysmmu_dev *sdev = dev_get_drvdata(dev);

	mutex_lock(&sysmmu_devs_lock);
	sdev->powered = true;
	/* Everything was lost: program the attached domain again. */
	if (sdev->dom && !READ_ONCE(sdev->skip_restore))
		sysmmu_hw_enable(&sdev->smmu, sdev->dom->pt);
	mutex_unlock(&sysmmu_devs_lock);
	return 0;
}

static const struct dev_pm_ops sysmmu_pm_ops = {
	RUNTIME_PM_OPS(sysmmu_runtime_suspend, sysmmu_runtime_resume, NULL)
};

/* ---- debugfs ---- */

static int sysmmu_state_show(struct seq_file *s, void *unused)
{
	struct sysmmu_dev *sdev = s->private;
	struct sysmmu *smmu = &sdev->smmu;
	struct sysmmu_model_stats st;

	seq_printf(s, "version: %lu.%lu\nlayout: %s\nformat: %s\npowered: %d\nenabled: %d\nfaults: %lu\n",
		   SYSMMU_VER_MAJ(smmu->version), SYSMMU_VER_MIN(smmu->version),
		   smmu->variant->name, smmu->variant->fmt->name,
		   READ_ONCE(sdev->powered), READ_ONCE(smmu->enabled),
		   READ_ONCE(smmu->nr_faults));
	if (!smmu->model)
		return 0;
	sysmmu_model_stats(smmu->model, &st);
	seq_printf(s, "tlb_hits: %llu\nwalks: %llu\nlv1_cache_hits: %llu\nmodel_faults: %llu\n"
		   "flush_entry: %llu\nflush_range: %llu\nflush_all: %llu\npower_offs: %llu\n"
		   "violations: %llu\n",
		   st.hits, st.walks, st.lv1_hits, st.faults, st.flush_entry,
		   st.flush_range, st.flush_all, st.power_offs, st.violations);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(sysmmu_state);

static void sysmmu_debugfs_add(struct sysmmu_dev *sdev)
{
	sdev->debugfs = debugfs_create_dir(dev_name(sdev->smmu.dev),
					   sysmmu_debugfs_root);
	debugfs_create_file("state", 0400, sdev->debugfs, sdev, &sysmmu_state_fops);
	/* Test knob: TLB invalidations are dropped while this is 1. */
	debugfs_create_bool("skip_flush", 0200, sdev->debugfs,
			    &sdev->smmu.skip_flush);
	/* Test knob: runtime resume leaves it unprogrammed while this is 1. */
	debugfs_create_bool("skip_restore", 0200, sdev->debugfs,
			    &sdev->skip_restore);
}

/* ---- the IOMMU core ---- */

/*
 * Masters reach the core's probe with a fwspec naming one of our SYSMMUs,
 * set by the core from DT ``iommus`` (sysmmu_of_xlate()).  Nothing else
 * is claimed, so registering never takes a device from another IOMMU
 * driver (intel-iommu, SMMUv3).  (Masters of
 * exynos_sysmmu_master_create() have no fwspec: a module cannot set one,
 * see there.)
 */
static struct iommu_device *sysmmu_probe_device(struct device *dev)
{
	struct iommu_device *iommu = ERR_PTR(-ENODEV);
	struct sysmmu_master *m;
	unsigned int i;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	if (m && m->sdevs[0]->registered) {
		m->core = true;
		iommu = &m->sdevs[0]->iommu;
		/* DT masters: their SYSMMUs follow their runtime PM. */
		for (i = 0; !m->pdev && i < m->nr_sdevs; i++)
			device_link_add(dev, m->sdevs[i]->smmu.dev,
					DL_FLAG_STATELESS | DL_FLAG_PM_RUNTIME);
	}
	mutex_unlock(&sysmmu_devs_lock);
	return iommu;
}

#ifdef DMASHARE_HAVE_IOMMU_OPS_IDENTITY
/* The default domain: translation off (the SYSMMU lets addresses through). */
static int sysmmu_identity_attach(struct iommu_domain *identity,
				  struct device *dev)
{
	struct sysmmu_master *m;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	if (m)
		sysmmu_master_detach_locked(m);
	mutex_unlock(&sysmmu_devs_lock);
	return 0;
}

static const struct iommu_domain_ops sysmmu_identity_ops = {
	.attach_dev = sysmmu_identity_attach,
};

static struct iommu_domain sysmmu_identity_domain = {
	.type = IOMMU_DOMAIN_IDENTITY,
	.ops = &sysmmu_identity_ops,
};

static int sysmmu_def_domain_type(struct device *dev)
{
	return IOMMU_DOMAIN_IDENTITY;
}

static struct iommu_domain *sysmmu_domain_alloc_paging(struct device *dev)
{
	const struct sysmmu_pt_fmt *fmt = NULL;
	struct sysmmu_master *m;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	if (m)
		fmt = m->sdevs[0]->smmu.variant->fmt;
	mutex_unlock(&sysmmu_devs_lock);
	return fmt ? sysmmu_domain_new(fmt) : ERR_PTR(-ENODEV);
}

/*
 * DT: one call per ``iommus = <&sysmmu>`` entry of a master, each adding
 * that SYSMMU as a port of the master (several SYSMMUs per master).
 */
static int sysmmu_of_xlate(struct device *dev, const struct of_phandle_args *args)
{
	struct platform_device *spdev = of_find_device_by_node(args->np);
	struct sysmmu_dev *sdev = spdev ? platform_get_drvdata(spdev) : NULL;
	struct sysmmu_master *m, *new = NULL;
	unsigned int i;
	int ret = 0;

	if (spdev)
		put_device(&spdev->dev);
	if (!sdev)
		return -EPROBE_DEFER;
	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	if (!m) {
		m = new;
		new = NULL;
		m->dev = dev;
		list_add_tail(&m->node, &sysmmu_masters);
	}
	for (i = 0; i < m->nr_sdevs; i++)
		if (m->sdevs[i] == sdev)
			goto unlock;
	if (m->nr_sdevs == SYSMMU_MASTER_PORTS)
		ret = -ENOSPC;
	else if (m->nr_sdevs && sdev->smmu.variant->fmt != m->sdevs[0]->smmu.variant->fmt)
		ret = -EINVAL;
	else
		m->sdevs[m->nr_sdevs++] = sdev;
unlock:
	mutex_unlock(&sysmmu_devs_lock);
	kfree(new);
	return ret;
}

/* A DT master leaves: forget it (programmatic ones go with their owner). */
static void sysmmu_release_device(struct device *dev)
{
	struct sysmmu_master *m;

	mutex_lock(&sysmmu_devs_lock);
	m = sysmmu_master_find(dev);
	if (m)
		m->core = false;
	if (m && !m->pdev) {
		sysmmu_master_detach_locked(m);
		list_del(&m->node);
		kfree(m);
	}
	mutex_unlock(&sysmmu_devs_lock);
}
#endif

static const struct iommu_ops sysmmu_iommu_ops = {
	.probe_device = sysmmu_probe_device,
	.device_group = generic_device_group,
	.pgsize_bitmap = SYSMMU_PGSIZES,
	.default_domain_ops = &sysmmu_domain_ops,
	.owner = THIS_MODULE,
#ifdef DMASHARE_HAVE_IOMMU_OPS_IDENTITY
	.identity_domain = &sysmmu_identity_domain,
	.def_domain_type = sysmmu_def_domain_type,
	.domain_alloc_paging = sysmmu_domain_alloc_paging,
	.of_xlate = sysmmu_of_xlate,
	.release_device = sysmmu_release_device,
#endif
};

static void sysmmu_iommu_remove(struct sysmmu_dev *sdev)
{
	if (sdev->registered)
		iommu_device_unregister(&sdev->iommu);
	if (sdev->in_sysfs)
		iommu_device_sysfs_remove(&sdev->iommu);
	sdev->registered = false;
	sdev->in_sysfs = false;
}

static int sysmmu_iommu_add(struct sysmmu_dev *sdev)
{
	struct device *dev = sdev->smmu.dev;
	int ret;

	ret = iommu_device_sysfs_add(&sdev->iommu, dev, NULL, "%s", dev_name(dev));
	if (ret)
		return ret;
	sdev->in_sysfs = true;
	/*
	 * An instance without a fwnode would be taken for the machine's one
	 * IOMMU by every device without a fwspec: never register one.
	 */
	if (!DMASHARE_IOMMU_REGISTER_FROM_MODULE || !dev_fwnode(dev)) {
		dev_info(dev, "not registered with the IOMMU core (%s)\n",
			 dev_fwnode(dev) ? "it keeps one set of ops per bus" :
					   "no fwnode");
		return 0;
	}
	ret = iommu_device_register(&sdev->iommu, &sysmmu_iommu_ops, dev);
	if (ret) {
		sysmmu_iommu_remove(sdev);
		return ret;
	}
	sdev->registered = true;
	return 0;
}

/* ---- the platform driver ---- */

/*
 * One model version at @p, "major.minor" with an optional "+vm" (a v7
 * with the VM register layout); returns the characters it took, or
 * -EINVAL.
 */
static int sysmmu_parse_version(const char *p, u32 *version, u32 *caps)
{
	unsigned int maj, min;
	int len;

	if (sscanf(p, "%u.%u%n", &maj, &min, &len) != 2 || maj > 15 || min > 127)
		return -EINVAL;
	*version = SYSMMU_MKVER(maj, min);
	*caps = 0;
	if (!strncmp(p + len, "+vm", 3)) {
		*caps = SYSMMU_MODEL_VM;
		len += 3;
	}
	return len;
}

static irqreturn_t sysmmu_irq_thread(int irq, void *data)
{
	struct sysmmu_dev *sdev = data;

	return sysmmu_hw_fault(&sdev->smmu);
}

static int sysmmu_probe_mmio(struct platform_device *pdev,
			     struct sysmmu_dev *sdev)
{
	struct device *dev = &pdev->dev;
	unsigned int i;
	int ret;

	sdev->smmu.base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(sdev->smmu.base))
		return PTR_ERR(sdev->smmu.base);
	sdev->smmu.io = &sysmmu_mmio_ops;
	for (i = 0; i < ARRAY_SIZE(sysmmu_clk_names); i++)
		sdev->clks[i].id = sysmmu_clk_names[i];
	ret = devm_clk_bulk_get_optional(dev, ARRAY_SIZE(sdev->clks), sdev->clks);
	if (ret)
		return dev_err_probe(dev, ret, "clocks\n");
	sdev->irq = platform_get_irq(pdev, 0);
	if (sdev->irq < 0)
		return sdev->irq;
	/* The version register answers only with the clocks on. */
	ret = clk_bulk_prepare_enable(ARRAY_SIZE(sdev->clks), sdev->clks);
	if (ret)
		return dev_err_probe(dev, ret, "enabling clocks\n");
	ret = sysmmu_hw_init(&sdev->smmu);
	clk_bulk_disable_unprepare(ARRAY_SIZE(sdev->clks), sdev->clks);
	if (ret)
		return ret;
	/* Threaded: the fault handler may sleep (report_iommu_fault()). */
	return devm_request_threaded_irq(dev, sdev->irq, NULL, sysmmu_irq_thread,
					 IRQF_ONESHOT, dev_name(dev), sdev);
}

static int sysmmu_probe(struct platform_device *pdev)
{
	const struct sysmmu_model_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct sysmmu_model_pdata dt_pdata;
	struct device *dev = &pdev->dev;
	struct sysmmu_dev *sdev;
	struct sysmmu_model *m;
	const char *ver;
	int ret;

	sdev = devm_kzalloc(dev, sizeof(*sdev), GFP_KERNEL);
	if (!sdev)
		return -ENOMEM;
	sdev->smmu.dev = dev;
	sdev->model_index = -1;
	INIT_LIST_HEAD(&sdev->domain_node);
	if (!pdata && !device_property_read_string(dev, "dmashare,model", &ver)) {
		/* A DT node backed by a model (tests without a SYSMMU). */
		ret = sysmmu_parse_version(ver, &dt_pdata.version, &dt_pdata.caps);
		if (ret <= 0 || ver[ret])
			return dev_err_probe(dev, -EINVAL,
					     "dmashare,model = \"%s\": want major.minor[+vm]\n",
					     ver);
		pdata = &dt_pdata;
	}
	if (pdata) {
		m = sysmmu_model_create(pdata->version, pdata->caps,
					model_tlb_entries, model_tlb_ways);
		if (IS_ERR(m))
			return dev_err_probe(dev, PTR_ERR(m),
					     "model v%lu.%lu, TLB %u entries in %u ways\n",
					     SYSMMU_VER_MAJ(pdata->version),
					     SYSMMU_VER_MIN(pdata->version),
					     model_tlb_entries, model_tlb_ways);
		sysmmu_model_bind(&sdev->smmu, m);
		/* Numbered instances are model=N's; DT ones have no number. */
		if (pdata != &dt_pdata)
			sdev->model_index = pdev->id;
		ret = sysmmu_hw_init(&sdev->smmu);
	} else {
		ret = sysmmu_probe_mmio(pdev, sdev);
	}
	if (ret)
		goto destroy_model;
	ret = sysmmu_iommu_add(sdev);
	if (ret)
		goto destroy_model;

	platform_set_drvdata(pdev, sdev);
	/*
	 * Suspended until a master resumes it; without runtime PM in the
	 * kernel it is never switched off.
	 */
	if (!IS_ENABLED(CONFIG_PM))
		sdev->powered = true;
	pm_runtime_enable(dev);
	sysmmu_debugfs_add(sdev);
	mutex_lock(&sysmmu_devs_lock);
	list_add_tail(&sdev->node, &sysmmu_devs);
	mutex_unlock(&sysmmu_devs_lock);
	return 0;

destroy_model:
	sysmmu_model_destroy(sdev->smmu.model);
	return ret;
}

static void sysmmu_remove(struct platform_device *pdev)
{
	struct sysmmu_dev *sdev = platform_get_drvdata(pdev);
	struct sysmmu_master *m, *tmp;
	unsigned int i;

	mutex_lock(&sysmmu_devs_lock);
	/* Masters go with their SYSMMU (their owners must not use them). */
	list_for_each_entry_safe(m, tmp, &sysmmu_masters, node)
		for (i = 0; i < m->nr_sdevs; i++)
			if (m->sdevs[i] == sdev)
				dev_warn(&pdev->dev, "removed under master %s\n",
					 dev_name(m->dev));
	sysmmu_detach_locked(sdev);
	list_del(&sdev->node);
	mutex_unlock(&sysmmu_devs_lock);
	pm_runtime_disable(&pdev->dev);
	debugfs_remove_recursive(sdev->debugfs);
	sysmmu_iommu_remove(sdev);
	if (sdev->irq > 0)
		devm_free_irq(&pdev->dev, sdev->irq, sdev);
	sysmmu_model_destroy(sdev->smmu.model);
}

static const struct of_device_id sysmmu_of_match[] = {
	{ .compatible = "samsung,exynos-sysmmu" },
	{ }
};
MODULE_DEVICE_TABLE(of, sysmmu_of_match);

static const struct platform_device_id sysmmu_id_table[] = {
	{ .name = SYSMMU_MODEL_NAME },
	{ }
};
MODULE_DEVICE_TABLE(platform, sysmmu_id_table);

static struct platform_driver sysmmu_driver = {
	.probe = sysmmu_probe,
	.remove_new = sysmmu_remove,
	.id_table = sysmmu_id_table,
	.driver = {
		.name = "exynos-sysmmu",
		.of_match_table = sysmmu_of_match,
		.pm = pm_ptr(&sysmmu_pm_ops),
		.suppress_bind_attrs = true,
	},
};

/*
 * Version of model instance @i from model_version ("3.3,5.0,7.0+vm,...";
 * "+vm": a v7 with the VM register layout).
 */
static int sysmmu_model_version(unsigned int i, u32 *version, u32 *caps)
{
	const char *p = model_version;
	unsigned int n = 0;

	for (;;) {
		if (sysmmu_parse_version(p, version, caps) <= 0)
			return -EINVAL;
		p = strchr(p, ',');
		if (n++ == i || !p)
			return 0;
		p++;
	}
}

static void sysmmu_models_remove(void)
{
	int i;

	for (i = SYSMMU_MODEL_MAX - 1; i >= 0; i--) {
		platform_device_unregister(sysmmu_model_pdevs[i]);
		sysmmu_model_pdevs[i] = NULL;
	}
}

static int sysmmu_models_create(void)
{
	struct sysmmu_model_pdata pdata;
	struct platform_device_info info = {
		.name = SYSMMU_MODEL_NAME,
		.data = &pdata,
		.size_data = sizeof(pdata),
	};
	struct platform_device *pdev;
	unsigned int i;
	int ret;

	if (model > SYSMMU_MODEL_MAX) {
		pr_err("model=%u: at most %d instances\n", model, SYSMMU_MODEL_MAX);
		return -EINVAL;
	}
	for (i = 0; i < model; i++) {
		ret = sysmmu_model_version(i, &pdata.version, &pdata.caps);
		if (ret) {
			pr_err("model_version=%s: want major.minor[,major.minor...]\n",
			       model_version);
			goto remove;
		}
		{
			/* A software node: the fwnode naming it to the core. */
			const struct property_entry props[] = {
				PROPERTY_ENTRY_U32("dmashare,model-version",
						   pdata.version),
				{ }
			};

			info.id = i;
			info.properties = props;
			pdev = platform_device_register_full(&info);
		}
		if (IS_ERR(pdev)) {
			ret = PTR_ERR(pdev);
			goto remove;
		}
		sysmmu_model_pdevs[i] = pdev;
		if (!platform_get_drvdata(pdev)) {
			/* The probe said why. */
			ret = -ENODEV;
			goto remove;
		}
	}
	return 0;

remove:
	sysmmu_models_remove();
	return ret;
}

static int __init sysmmu_init(void)
{
	int ret;

	ret = sysmmu_pgtable_init();
	if (ret)
		return ret;
	sysmmu_debugfs_root = debugfs_create_dir(KBUILD_MODNAME, NULL);
	ret = platform_driver_register(&sysmmu_driver);
	if (ret)
		goto remove_debugfs;
	ret = sysmmu_models_create();
	if (ret)
		goto unregister_driver;
	return 0;

unregister_driver:
	platform_driver_unregister(&sysmmu_driver);
remove_debugfs:
	debugfs_remove_recursive(sysmmu_debugfs_root);
	sysmmu_pgtable_exit();
	return ret;
}
module_init(sysmmu_init);

static void __exit sysmmu_exit(void)
{
	sysmmu_models_remove();
	platform_driver_unregister(&sysmmu_driver);
	debugfs_remove_recursive(sysmmu_debugfs_root);
	sysmmu_pgtable_exit();
}
module_exit(sysmmu_exit);

MODULE_DESCRIPTION("dmashare: Samsung Exynos SYSMMU IOMMU driver");
MODULE_LICENSE("GPL");

// SPDX-License-Identifier: GPL-2.0
/*
 * The SYSMMU hardware layer: register layouts per version, the MMIO back
 * end of the register accessor layer, enable/disable, TLB maintenance and
 * fault handling.  Every register access goes through smmu->io, so the
 * same code drives real hardware and the model.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/bitfield.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/printk.h>

#include "sysmmu.h"

static u32 sysmmu_mmio_read(struct sysmmu *smmu, u32 off)
{
	return readl(smmu->base + off);
}

static void sysmmu_mmio_write(struct sysmmu *smmu, u32 off, u32 val)
{
	/*
	 * writel(): its barrier orders the page-table writes before it
	 * ahead of a flush or base write that makes the walker use them.
	 */
	writel(val, smmu->base + off);
}

const struct sysmmu_io_ops sysmmu_mmio_ops = {
	.read = sysmmu_mmio_read,
	.write = sysmmu_mmio_write,
};

struct sysmmu_v1_fault_desc {
	u16 addr_reg;
	int flags;
	const char *name;
};

static const struct sysmmu_v1_fault_desc sysmmu_v1_faults[] = {
	[SYSMMU_V1_INT_PAGE] = { SYSMMU_V1_REG_PAGE_FAULT_ADDR,
				 IOMMU_FAULT_READ, "PAGE" },
	[SYSMMU_V1_INT_AR_MULTIHIT] = { SYSMMU_V1_REG_AR_FAULT_ADDR,
					IOMMU_FAULT_READ, "MULTI-HIT" },
	[SYSMMU_V1_INT_AW_MULTIHIT] = { SYSMMU_V1_REG_AW_FAULT_ADDR,
					IOMMU_FAULT_WRITE, "MULTI-HIT" },
	[SYSMMU_V1_INT_BUS_ERROR] = { SYSMMU_V1_REG_DEFAULT_SLAVE,
				      IOMMU_FAULT_READ, "BUS ERROR" },
	[SYSMMU_V1_INT_AR_SECURITY] = { SYSMMU_V1_REG_AR_FAULT_ADDR,
					IOMMU_FAULT_READ, "SECURITY PROTECTION" },
	[SYSMMU_V1_INT_AR_ACCESS] = { SYSMMU_V1_REG_AR_FAULT_ADDR,
				      IOMMU_FAULT_READ, "ACCESS PROTECTION" },
	[SYSMMU_V1_INT_AW_SECURITY] = { SYSMMU_V1_REG_AW_FAULT_ADDR,
					IOMMU_FAULT_WRITE, "SECURITY PROTECTION" },
	[SYSMMU_V1_INT_AW_ACCESS] = { SYSMMU_V1_REG_AW_FAULT_ADDR,
				      IOMMU_FAULT_WRITE, "ACCESS PROTECTION" },
};

static int sysmmu_v1_fault_decode(struct sysmmu *smmu, unsigned int bit,
				  struct sysmmu_fault *f)
{
	const struct sysmmu_v1_fault_desc *d;

	if (bit >= ARRAY_SIZE(sysmmu_v1_faults))
		return -ENXIO;
	d = &sysmmu_v1_faults[bit];
	f->iova = sysmmu_read(smmu, d->addr_reg);
	f->flags = d->flags;
	f->name = d->name;
	return 0;
}

static const char * const sysmmu_v5_fault_names[] = {
	[SYSMMU_V5_INT_PTW] = "PTW",
	[SYSMMU_V5_INT_PAGE] = "PAGE",
	[SYSMMU_V5_INT_MULTIHIT] = "MULTI-HIT",
	[SYSMMU_V5_INT_ACCESS] = "ACCESS PROTECTION",
	[SYSMMU_V5_INT_SECURITY] = "SECURITY PROTECTION",
};

static int sysmmu_v5_fault_decode(struct sysmmu *smmu, unsigned int bit,
				  struct sysmmu_fault *f)
{
	u32 mask = BIT(bit);

	if (mask & SYSMMU_V5_INT_AR) {
		f->flags = IOMMU_FAULT_READ;
		f->iova = sysmmu_read(smmu, SYSMMU_V5_REG_FAULT_AR_VA);
		f->name = sysmmu_v5_fault_names[bit - __ffs(SYSMMU_V5_INT_AR)];
		return 0;
	}
	if (mask & SYSMMU_V5_INT_AW) {
		f->flags = IOMMU_FAULT_WRITE;
		f->iova = sysmmu_read(smmu, SYSMMU_V5_REG_FAULT_AW_VA);
		f->name = sysmmu_v5_fault_names[bit - __ffs(SYSMMU_V5_INT_AW)];
		return 0;
	}
	return -ENXIO;
}

static const char * const sysmmu_v7_fault_names[] = {
	[SYSMMU_V7_INT_PTW] = "PTW",
	[SYSMMU_V7_INT_PAGE] = "PAGE",
	[SYSMMU_V7_INT_ACCESS] = "ACCESS PROTECTION",
};

static int sysmmu_v7_fault_decode(struct sysmmu *smmu, unsigned int bit,
				  struct sysmmu_fault *f)
{
	u32 info;

	if (bit >= ARRAY_SIZE(sysmmu_v7_fault_names))
		return -ENXIO;
	info = sysmmu_read(smmu, smmu->variant->fault_info);
	f->iova = sysmmu_read(smmu, smmu->variant->fault_va);
	f->flags = info & SYSMMU_V7_FAULT_INFO_WRITE ? IOMMU_FAULT_WRITE :
						       IOMMU_FAULT_READ;
	f->name = sysmmu_v7_fault_names[bit];
	return 0;
}

#define SYSMMU_V1_LAYOUT			\
	.family = SYSMMU_FAMILY_V1,		\
	.flush_all = 0x0c,			\
	.flush_entry = 0x10,			\
	.pt_base = 0x14,			\
	.int_status = 0x18,			\
	.int_clear = 0x1c,			\
	.fault_decode = sysmmu_v1_fault_decode

#define SYSMMU_V5_LAYOUT			\
	.pt_base = 0x0c,			\
	.pt_base_shift = SYSMMU_V5_PT_BASE_SHIFT, \
	.flush_all = 0x10,			\
	.flush_entry = 0x14,			\
	.flush_range = 0x18,			\
	.flush_start = 0x20,			\
	.flush_end = 0x24,			\
	.int_status = 0x60,			\
	.int_clear = 0x64,			\
	.lv1_by_flush_all = true

/* Sorted by version: the last one not newer than the hardware applies. */
static const struct sysmmu_variant sysmmu_variants[] = {
	{
		.name = "v1",
		.major = 1,
		.minor = 0,
		.fmt = &sysmmu_fmt_v1,
		.cfg = SYSMMU_CFG_LRU | SYSMMU_CFG_EAP,
		SYSMMU_V1_LAYOUT,
	}, {
		.name = "v3.2",
		.major = 3,
		.minor = 2,
		.fmt = &sysmmu_fmt_v1,
		.cfg = SYSMMU_CFG_LRU | SYSMMU_CFG_EAP | SYSMMU_CFG_FLPDCACHE |
		       SYSMMU_CFG_SYSSEL,
		SYSMMU_V1_LAYOUT,
	}, {
		.name = "v3.3",
		.major = 3,
		.minor = 3,
		.fmt = &sysmmu_fmt_v33,
		.cfg = SYSMMU_CFG_EAP | SYSMMU_CFG_FLPDCACHE | SYSMMU_CFG_ACGEN,
		SYSMMU_V1_LAYOUT,
	}, {
		.name = "v5",
		.major = 5,
		.minor = 0,
		.family = SYSMMU_FAMILY_V5,
		.fmt = &sysmmu_fmt_v5,
		.cfg = SYSMMU_CFG_EAP,
		.fault_decode = sysmmu_v5_fault_decode,
		SYSMMU_V5_LAYOUT,
	}, {
		.name = "v7",
		.major = 7,
		.minor = 0,
		.family = SYSMMU_FAMILY_V7,
		.fmt = &sysmmu_fmt_v5,
		.cfg = SYSMMU_CFG_EAP,
		.fault_va = SYSMMU_V7_REG_FAULT_VA,
		.fault_info = SYSMMU_V7_REG_FAULT_INFO,
		.fault_decode = sysmmu_v7_fault_decode,
		SYSMMU_V5_LAYOUT,
	},
};

/*
 * v7 whose CAPA1 reports the VM layout: the translation registers of VM 0
 * move to 0x8000 and VM 0 must be enabled; faults are reported at 0x1000.
 */
const struct sysmmu_variant sysmmu_variant_v7_vm = {
	.name = "v7-vm",
	.major = 7,
	.minor = 0,
	.family = SYSMMU_FAMILY_V7,
	.fmt = &sysmmu_fmt_v5,
	.cfg = SYSMMU_CFG_EAP,
	.pt_base = 0x800c,
	.pt_base_shift = SYSMMU_V5_PT_BASE_SHIFT,
	.flush_all = 0x8010,
	.flush_entry = 0x8014,
	.flush_range = 0x8018,
	.flush_start = 0x8020,
	.flush_end = 0x8024,
	.int_status = 0x60,
	.int_clear = 0x64,
	.fault_va = SYSMMU_V7_VM_REG_FAULT_VA,
	.fault_info = SYSMMU_V7_VM_REG_FAULT_INFO,
	.vm_ctrl = SYSMMU_V7_VM_REG_CTRL,
	.lv1_by_flush_all = true,
	.fault_decode = sysmmu_v7_fault_decode,
};

/**
 * sysmmu_variant_find() - the variant driving hardware of @version
 * @version: SYSMMU_MKVER(major, minor)
 *
 * Context: any.
 * Return: the variant, or NULL for a version older than v1.0 or newer
 * than any we know the layout of (v8+).
 */
const struct sysmmu_variant *sysmmu_variant_find(u32 version)
{
	const struct sysmmu_variant *v = NULL;
	unsigned int i;

	if (SYSMMU_VER_MAJ(version) > 7)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(sysmmu_variants); i++)
		if (SYSMMU_MKVER(sysmmu_variants[i].major,
				 sysmmu_variants[i].minor) <= version)
			v = &sysmmu_variants[i];
	return v;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_variant_find);

/**
 * sysmmu_hw_init() - read the version and pick the register layout
 * @smmu: the controller, with @io (and @base or @model) set
 *
 * Context: process context.
 * Return: 0; -ENODEV when the version register reads 0 (not powered, or
 * an emulator that does not implement the SYSMMU) or a version we have no
 * layout for.
 */
int sysmmu_hw_init(struct sysmmu *smmu)
{
	u32 raw = sysmmu_read(smmu, SYSMMU_REG_VERSION);

	spin_lock_init(&smmu->lock);
	if (raw == SYSMMU_VERSION_V1_QUIRK)
		smmu->version = SYSMMU_MKVER(1, 0);
	else
		smmu->version = FIELD_GET(SYSMMU_VERSION_RAW, raw);
	smmu->variant = sysmmu_variant_find(smmu->version);
	/* A v7 may use the VM layout: CAPA0 says whether CAPA1 exists. */
	if (smmu->variant && smmu->variant->family == SYSMMU_FAMILY_V7 &&
	    (sysmmu_read(smmu, SYSMMU_V7_REG_CAPA0) & SYSMMU_V7_CAPA0_CAPA1) &&
	    (sysmmu_read(smmu, SYSMMU_V7_REG_CAPA1) & SYSMMU_V7_CAPA1_VCR))
		smmu->variant = &sysmmu_variant_v7_vm;
	if (!raw) {
		/*
		 * Nothing answers: an emulator without a SYSMMU (QEMU's
		 * Exynos boards read 0 there), or one left unpowered.  No
		 * register of it may be relied upon: refuse it.
		 */
		if (smmu->dev)
			dev_err(smmu->dev,
				"VERSION register reads 0x00000000: no SYSMMU answers here (not emulated, or unpowered); not using it (-ENODEV)\n");
		return -ENODEV;
	}
	if (!smmu->variant) {
		if (smmu->dev)
			dev_err(smmu->dev,
				"VERSION register reads %#010x (v%lu.%lu): no register layout for it; not using it (-ENODEV)\n",
				raw, SYSMMU_VER_MAJ(smmu->version),
				SYSMMU_VER_MIN(smmu->version));
		return -ENODEV;
	}
	if (smmu->dev)
		dev_info(smmu->dev, "SYSMMU v%lu.%lu (%s layout)\n",
			 SYSMMU_VER_MAJ(smmu->version),
			 SYSMMU_VER_MIN(smmu->version), smmu->variant->name);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_init);

#define SYSMMU_BLOCK_POLLS	120

/* Stop the SYSMMU taking transactions; false if it never acknowledges. */
static bool sysmmu_block(struct sysmmu *smmu)
{
	unsigned int i;

	lockdep_assert_held(&smmu->lock);
	sysmmu_write(smmu, SYSMMU_REG_CTRL,
		     SYSMMU_CTRL_ENABLE | SYSMMU_CTRL_BLOCK | SYSMMU_CTRL_IRQ);
	for (i = 0; i < SYSMMU_BLOCK_POLLS; i++)
		if (sysmmu_read(smmu, SYSMMU_REG_STATUS) & SYSMMU_STATUS_BLOCKED)
			return true;
	return false;
}

static void sysmmu_unblock(struct sysmmu *smmu)
{
	lockdep_assert_held(&smmu->lock);
	sysmmu_write(smmu, SYSMMU_REG_CTRL, SYSMMU_CTRL_ENABLE | SYSMMU_CTRL_IRQ);
}

static void sysmmu_flush_all_locked(struct sysmmu *smmu)
{
	sysmmu_write(smmu, smmu->variant->flush_all, SYSMMU_FLUSH_GO);
}

/**
 * sysmmu_hw_enable() - start translating with @pt
 * @smmu: the controller
 * @pt: the table to walk
 *
 * Blocked while configuring: config, base, flush-all, then unblocked.
 *
 * Context: any; takes @smmu->lock.
 */
void sysmmu_hw_enable(struct sysmmu *smmu, struct sysmmu_pgtable *pt)
{
	const struct sysmmu_variant *v = smmu->variant;
	unsigned long flags;

	spin_lock_irqsave(&smmu->lock, flags);
	sysmmu_write(smmu, SYSMMU_REG_CTRL, SYSMMU_CTRL_BLOCK);
	sysmmu_write(smmu, SYSMMU_REG_CFG, v->cfg | FIELD_PREP(SYSMMU_CFG_QOS, 15));
	sysmmu_write(smmu, v->pt_base,
		     (u32)(sysmmu_pgtable_base(pt) >> v->pt_base_shift));
	sysmmu_flush_all_locked(smmu);
	if (v->vm_ctrl)
		sysmmu_write(smmu, v->vm_ctrl,
			     sysmmu_read(smmu, v->vm_ctrl) | SYSMMU_V7_VM_CTRL_ENABLE |
			     SYSMMU_V7_VM_CTRL_STALL);
	smmu->pt = pt;
	smmu->enabled = true;
	sysmmu_unblock(smmu);
	spin_unlock_irqrestore(&smmu->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_enable);

/**
 * sysmmu_hw_disable() - stop translating
 * @smmu: the controller
 *
 * Context: any; takes @smmu->lock.
 */
void sysmmu_hw_disable(struct sysmmu *smmu)
{
	unsigned long flags;

	spin_lock_irqsave(&smmu->lock, flags);
	sysmmu_write(smmu, SYSMMU_REG_CTRL, 0);
	sysmmu_write(smmu, SYSMMU_REG_CFG, 0);
	smmu->enabled = false;
	smmu->pt = NULL;
	spin_unlock_irqrestore(&smmu->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_disable);

/* Pages per range above which one flush-all is cheaper than entries. */
#define SYSMMU_FLUSH_ENTRY_MAX	64

/**
 * sysmmu_hw_inv_range() - drop the translations of [@iova, @iova + @size)
 * @smmu: the controller
 * @iova: start, any alignment
 * @size: bytes
 *
 * Per 4 KiB entry before v5 (flush-all for long ranges), one range
 * invalidation from v5; blocked around it as the hardware requires.  When
 * the SYSMMU does not acknowledge the block, everything is flushed anyway:
 * a missed invalidation is worse than a flush racing a transaction.
 *
 * Context: any; takes @smmu->lock.
 */
void sysmmu_hw_inv_range(struct sysmmu *smmu, u32 iova, size_t size)
{
	const struct sysmmu_variant *v = smmu->variant;
	u32 first = iova & SYSMMU_FLUSH_ENTRY_VA;
	u32 last = ((u64)iova + size - 1) & SYSMMU_FLUSH_ENTRY_VA;
	unsigned long flags;
	u64 va;

	if (!size)
		return;
	spin_lock_irqsave(&smmu->lock, flags);
	if (!smmu->enabled || smmu->skip_flush)
		goto unlock;
	if (!sysmmu_block(smmu)) {
		if (smmu->dev)
			dev_err_ratelimited(smmu->dev, "no block acknowledge: flushing all\n");
		sysmmu_flush_all_locked(smmu);
		goto unblock;
	}
	if (v->flush_range) {
		sysmmu_write(smmu, v->flush_start, first);
		sysmmu_write(smmu, v->flush_end, last);
		sysmmu_write(smmu, v->flush_range, SYSMMU_FLUSH_GO);
	} else if ((last - first) / SYSMMU_SPAGE_SIZE >= SYSMMU_FLUSH_ENTRY_MAX) {
		sysmmu_flush_all_locked(smmu);
	} else {
		for (va = first; va <= last; va += SYSMMU_SPAGE_SIZE)
			sysmmu_write(smmu, v->flush_entry,
				     FIELD_PREP(SYSMMU_FLUSH_ENTRY_VA,
						va >> SYSMMU_SPAGE_ORDER) |
				     SYSMMU_FLUSH_ENTRY_GO);
	}
unblock:
	sysmmu_unblock(smmu);
unlock:
	spin_unlock_irqrestore(&smmu->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_inv_range);

/**
 * sysmmu_hw_inv_lv1() - drop a cached lv1 entry
 * @smmu: the controller
 * @iova: any address in the section
 *
 * Flush-entry before v5 (which drops the descriptor cache line with the
 * TLB entry), flush-all from v5.
 *
 * Context: any; takes @smmu->lock.
 */
void sysmmu_hw_inv_lv1(struct sysmmu *smmu, u32 iova)
{
	const struct sysmmu_variant *v = smmu->variant;
	unsigned long flags;

	spin_lock_irqsave(&smmu->lock, flags);
	if (!smmu->enabled || smmu->skip_flush)
		goto unlock;
	if (!sysmmu_block(smmu) || v->lv1_by_flush_all)
		sysmmu_flush_all_locked(smmu);
	else
		sysmmu_write(smmu, v->flush_entry,
			     FIELD_PREP(SYSMMU_FLUSH_ENTRY_VA,
					iova >> SYSMMU_SPAGE_ORDER) |
			     SYSMMU_FLUSH_ENTRY_GO);
	sysmmu_unblock(smmu);
unlock:
	spin_unlock_irqrestore(&smmu->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_inv_lv1);

/**
 * sysmmu_hw_flush_all() - drop every cached translation
 * @smmu: the controller
 *
 * Context: any; takes @smmu->lock.
 */
void sysmmu_hw_flush_all(struct sysmmu *smmu)
{
	unsigned long flags;

	spin_lock_irqsave(&smmu->lock, flags);
	if (smmu->enabled && !smmu->skip_flush) {
		sysmmu_block(smmu);
		sysmmu_flush_all_locked(smmu);
		sysmmu_unblock(smmu);
	}
	spin_unlock_irqrestore(&smmu->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_flush_all);

static void sysmmu_flush_range_cb(void *cookie, u32 iova, size_t size)
{
	sysmmu_hw_inv_range(cookie, iova, size);
}

static void sysmmu_flush_lv1_cb(void *cookie, u32 iova)
{
	sysmmu_hw_inv_lv1(cookie, iova);
}

static const struct sysmmu_pt_flush_ops sysmmu_hw_flush_ops = {
	.inv_range = sysmmu_flush_range_cb,
	.inv_lv1 = sysmmu_flush_lv1_cb,
};

/**
 * sysmmu_hw_pgtable_alloc() - a page table walked by @smmu alone
 * @smmu: the controller, after sysmmu_hw_init()
 *
 * In @smmu's table format; its TLB maintenance goes straight to @smmu.
 *
 * Context: process context, may sleep.
 * Return: the table, or NULL without memory.
 */
struct sysmmu_pgtable *sysmmu_hw_pgtable_alloc(struct sysmmu *smmu)
{
	return sysmmu_pgtable_alloc(smmu->variant->fmt, &sysmmu_hw_flush_ops,
				    smmu, NULL);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_pgtable_alloc);

static void sysmmu_log_fault(struct sysmmu *smmu, const struct sysmmu_fault *f,
			     struct sysmmu_pgtable *pt)
{
	u32 lv1 = 0, lv2 = 0;

	if (pt)
		sysmmu_pgtable_entries(pt, f->iova, &lv1, &lv2);
	dev_err_ratelimited(smmu->dev,
			    "%s %s fault at iova %#x from %s: lv1 entry %#010x, lv2 entry %#010x; recovered\n",
			    f->name,
			    f->flags & IOMMU_FAULT_WRITE ? "WRITE" : "READ",
			    f->iova, smmu->master ? dev_name(smmu->master) : "no master",
			    lv1, lv2);
}

/**
 * sysmmu_hw_fault() - handle the fault interrupt
 * @smmu: the controller
 *
 * The threaded IRQ handler of real hardware and the model's fault path
 * both land here.  Each pending fault is decoded for this version and
 * reported with report_iommu_fault(); one nobody handles is logged with
 * its lv1 and lv2 entries.  Then the interrupt is cleared and the SYSMMU,
 * which blocks itself on a fault, unblocked.  Never panics.
 *
 * Context: process context (threaded IRQ or model DMA); takes @smmu->lock.
 * Return: IRQ_HANDLED, or IRQ_NONE when no fault was pending.
 */
irqreturn_t sysmmu_hw_fault(struct sysmmu *smmu)
{
	const struct sysmmu_variant *v = smmu->variant;
	struct sysmmu_pgtable *pt;
	struct sysmmu_fault f;
	unsigned long flags;
	unsigned int bit;
	u32 status;
	int ret;

	spin_lock_irqsave(&smmu->lock, flags);
	status = sysmmu_read(smmu, v->int_status);
	pt = smmu->pt;
	spin_unlock_irqrestore(&smmu->lock, flags);
	if (!status)
		return IRQ_NONE;

	while (status) {
		bit = __ffs(status);
		status &= ~BIT(bit);
		WRITE_ONCE(smmu->nr_faults, smmu->nr_faults + 1);
		if (v->fault_decode(smmu, bit, &f)) {
			dev_err_ratelimited(smmu->dev, "unknown interrupt bit %u\n", bit);
			goto clear;
		}
		/* No lock held: the handler may map, unmap and flush. */
		ret = -ENODEV;
		if (smmu->domain && smmu->master)
			ret = report_iommu_fault(smmu->domain, smmu->master,
						 f.iova, f.flags);
		if (ret)
			sysmmu_log_fault(smmu, &f, pt);
clear:
		spin_lock_irqsave(&smmu->lock, flags);
		sysmmu_write(smmu, v->int_clear, BIT(bit));
		spin_unlock_irqrestore(&smmu->lock, flags);
	}
	spin_lock_irqsave(&smmu->lock, flags);
	if (smmu->enabled)
		sysmmu_unblock(smmu);
	spin_unlock_irqrestore(&smmu->lock, flags);
	return IRQ_HANDLED;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_hw_fault);

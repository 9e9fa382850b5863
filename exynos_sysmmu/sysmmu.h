/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exynos_sysmmu internals: register layouts, the register accessor layer
 * with its MMIO and model back ends, one SYSMMU instance, the model.
 * Internal to exynos_sysmmu.ko and its KUnit suites.
 */
#ifndef DMASHARE_EXYNOS_SYSMMU_SYSMMU_H
#define DMASHARE_EXYNOS_SYSMMU_SYSMMU_H

#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/dma-direction.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "pgtable.h"

/* ---- registers common to every version ---- */
#define SYSMMU_REG_CTRL		0x000
#define  SYSMMU_CTRL_ENABLE	BIT(0)	/* translate */
#define  SYSMMU_CTRL_BLOCK	BIT(1)	/* stop taking transactions */
#define  SYSMMU_CTRL_IRQ	BIT(2)	/* raise the fault interrupt */
#define SYSMMU_REG_CFG		0x004
#define  SYSMMU_CFG_LRU		BIT(0)	/* up to v3.2 */
#define  SYSMMU_CFG_EAP		BIT(2)	/* check access protection bits */
#define  SYSMMU_CFG_QOS		GENMASK(10, 7)
#define  SYSMMU_CFG_FLPDCACHE	BIT(20)	/* v3.2+ */
#define  SYSMMU_CFG_SYSSEL	BIT(22)	/* v3.2 only */
#define  SYSMMU_CFG_ACGEN	BIT(24)	/* v3.3 only */
#define SYSMMU_REG_STATUS	0x008
#define  SYSMMU_STATUS_BLOCKED	BIT(0)
#define SYSMMU_REG_VERSION	0x034
#define  SYSMMU_VERSION_RAW	GENMASK(31, 21)
/* Inside the raw version: */
#define  SYSMMU_VER_MAJOR	GENMASK(10, 7)
#define  SYSMMU_VER_MINOR	GENMASK(6, 0)
/* Some v1 controllers report this instead of a version. */
#define SYSMMU_VERSION_V1_QUIRK	0x80000001u

#define SYSMMU_MKVER(maj, min)	(FIELD_PREP(SYSMMU_VER_MAJOR, (maj)) | \
				 FIELD_PREP(SYSMMU_VER_MINOR, (min)))
#define SYSMMU_VER_MAJ(ver)	FIELD_GET(SYSMMU_VER_MAJOR, (ver))
#define SYSMMU_VER_MIN(ver)	FIELD_GET(SYSMMU_VER_MINOR, (ver))

/* Flush-entry register: the 4 KiB page, and the bit that triggers it. */
#define SYSMMU_FLUSH_ENTRY_VA	GENMASK(31, 12)
#define SYSMMU_FLUSH_ENTRY_GO	BIT(0)
/* Flush-all and flush-range registers: write this to trigger. */
#define SYSMMU_FLUSH_GO		BIT(0)

/* ---- v1-v3 fault address registers ---- */
#define SYSMMU_V1_REG_PAGE_FAULT_ADDR	0x024
#define SYSMMU_V1_REG_AW_FAULT_ADDR	0x028
#define SYSMMU_V1_REG_AR_FAULT_ADDR	0x02c
#define SYSMMU_V1_REG_DEFAULT_SLAVE	0x030
/* v1-v3 interrupt status bits */
#define  SYSMMU_V1_INT_PAGE		0
#define  SYSMMU_V1_INT_AR_MULTIHIT	1
#define  SYSMMU_V1_INT_AW_MULTIHIT	2
#define  SYSMMU_V1_INT_BUS_ERROR	3
#define  SYSMMU_V1_INT_AR_SECURITY	4
#define  SYSMMU_V1_INT_AR_ACCESS	5
#define  SYSMMU_V1_INT_AW_SECURITY	6
#define  SYSMMU_V1_INT_AW_ACCESS	7

/* ---- v5 ---- */
#define SYSMMU_V5_REG_FAULT_AR_VA	0x070
#define SYSMMU_V5_REG_FAULT_AW_VA	0x080
/* Interrupt status: reads in bits 4:0, writes in 20:16, same kinds. */
#define  SYSMMU_V5_INT_AR		GENMASK(4, 0)
#define  SYSMMU_V5_INT_AW		GENMASK(20, 16)
#define  SYSMMU_V5_INT_PTW		0
#define  SYSMMU_V5_INT_PAGE		1
#define  SYSMMU_V5_INT_MULTIHIT		2
#define  SYSMMU_V5_INT_ACCESS		3
#define  SYSMMU_V5_INT_SECURITY		4
/* v5+ takes the page-table base as a page frame number. */
#define SYSMMU_V5_PT_BASE_SHIFT		12

/* ---- v7: fault registers of the layout without VM support ---- */
#define SYSMMU_V7_REG_FAULT_VA		0x070
#define SYSMMU_V7_REG_FAULT_INFO	0x078
#define  SYSMMU_V7_FAULT_INFO_WRITE	BIT(20)
#define  SYSMMU_V7_INT_PTW		0
#define  SYSMMU_V7_INT_PAGE		1
#define  SYSMMU_V7_INT_ACCESS		2
#define SYSMMU_V7_REG_CAPA0		0x870
#define  SYSMMU_V7_CAPA0_CAPA1		BIT(11)	/* CAPA1 exists */
#define SYSMMU_V7_REG_CAPA1		0x874
#define  SYSMMU_V7_CAPA1_VCR		BIT(14)	/* the VM layout is in use */
/* v7 with VM support: translation registers of VM 0 from 0x8000 */
#define SYSMMU_V7_VM_REG_CTRL		0x8000
#define  SYSMMU_V7_VM_CTRL_ENABLE	BIT(0)
#define  SYSMMU_V7_VM_CTRL_STALL	BIT(3)	/* stall, not abort, on a fault */
#define SYSMMU_V7_VM_REG_FAULT_VA	0x1000
#define SYSMMU_V7_VM_REG_FAULT_INFO	0x1004

struct sysmmu;

/**
 * struct sysmmu_fault - a fault, decoded
 * @iova:	the address that faulted
 * @flags:	IOMMU_FAULT_READ or IOMMU_FAULT_WRITE
 * @name:	the kind, for messages
 */
struct sysmmu_fault {
	u32 iova;
	int flags;
	const char *name;
};

/* Register families: what the model needs to raise a fault. */
enum sysmmu_family {
	SYSMMU_FAMILY_V1,
	SYSMMU_FAMILY_V5,
	SYSMMU_FAMILY_V7,
};

/**
 * struct sysmmu_variant - what differs between hardware versions
 * @name:	for messages
 * @major:	first version this variant covers: major
 * @minor:	and minor
 * @family:	register family
 * @fmt:	page-table format
 * @cfg:	value for the CFG register
 * @pt_base:	page-table base register
 * @pt_base_shift: the base is written shifted right by this
 * @flush_all:	invalidate-everything register
 * @flush_entry: invalidate-one-entry register
 * @flush_range: start a range invalidation (0: none, v1-v3)
 * @flush_start: first address of a range invalidation
 * @flush_end:	last page of a range invalidation (inclusive)
 * @int_status:	interrupt status
 * @int_clear:	interrupt clear (write the bit)
 * @fault_va:	v7: faulting address
 * @fault_info:	v7: fault information (direction)
 * @vm_ctrl:	v7 VM layout: the VM control register, whose enable bit
 *		must be set for VM 0 to translate (0: none)
 * @lv1_by_flush_all: the descriptor cache is dropped only by flush-all
 *		(v5+); otherwise flush-entry drops it too
 * @fault_decode: decode interrupt status bit @bit into @f; -ENXIO for a
 *		bit this version does not define
 */
struct sysmmu_variant {
	const char *name;
	u8 major;
	u8 minor;
	enum sysmmu_family family;
	const struct sysmmu_pt_fmt *fmt;
	u32 cfg;
	u16 pt_base;
	u8 pt_base_shift;
	u16 flush_all;
	u16 flush_entry;
	u16 flush_range;
	u16 flush_start;
	u16 flush_end;
	u16 int_status;
	u16 int_clear;
	u16 fault_va;
	u16 fault_info;
	u16 vm_ctrl;
	bool lv1_by_flush_all;
	int (*fault_decode)(struct sysmmu *smmu, unsigned int bit,
			    struct sysmmu_fault *f);
};

const struct sysmmu_variant *sysmmu_variant_find(u32 version);
extern const struct sysmmu_variant sysmmu_variant_v7_vm;

/**
 * struct sysmmu_io_ops - the register accessor layer: every register
 * access of the driver goes through one of these back ends
 * @read:	read the 32-bit register at byte offset @off
 * @write:	write it
 */
struct sysmmu_io_ops {
	u32 (*read)(struct sysmmu *smmu, u32 off);
	void (*write)(struct sysmmu *smmu, u32 off, u32 val);
};

extern const struct sysmmu_io_ops sysmmu_mmio_ops;

struct sysmmu_model;

/**
 * struct sysmmu - one SYSMMU controller
 * @dev:	its device (for messages), may be NULL in KUnit
 * @io:		register back end
 * @base:	MMIO registers (MMIO back end)
 * @model:	the model (model back end)
 * @variant:	register layout and quirks of @version
 * @version:	SYSMMU_MKVER of the hardware
 * @lock:	serialises register sequences (enable, disable, block ...
 *		flush ... unblock, fault handling) and protects @enabled and
 *		@pt; taken with interrupts off, inside a page table's lock
 * @enabled:	translating with @pt
 * @pt:		the table it walks while enabled
 * @domain:	domain reported to on faults, or NULL
 * @master:	device reported on faults, or NULL
 * @skip_flush:	test knob: TLB invalidations are silently dropped
 * @nr_faults:	faults handled
 */
struct sysmmu {
	struct device *dev;
	const struct sysmmu_io_ops *io;
	void __iomem *base;
	struct sysmmu_model *model;
	const struct sysmmu_variant *variant;
	u32 version;
	spinlock_t lock;	/* see above */
	bool enabled;
	struct sysmmu_pgtable *pt;
	struct iommu_domain *domain;
	struct device *master;
	bool skip_flush;
	unsigned long nr_faults;
};

static inline u32 sysmmu_read(struct sysmmu *smmu, u32 off)
{
	return smmu->io->read(smmu, off);
}

static inline void sysmmu_write(struct sysmmu *smmu, u32 off, u32 val)
{
	smmu->io->write(smmu, off, val);
}

int sysmmu_hw_init(struct sysmmu *smmu);
void sysmmu_hw_enable(struct sysmmu *smmu, struct sysmmu_pgtable *pt);
void sysmmu_hw_disable(struct sysmmu *smmu);
void sysmmu_hw_inv_range(struct sysmmu *smmu, u32 iova, size_t size);
void sysmmu_hw_inv_lv1(struct sysmmu *smmu, u32 iova);
void sysmmu_hw_flush_all(struct sysmmu *smmu);
irqreturn_t sysmmu_hw_fault(struct sysmmu *smmu);

struct sysmmu_pgtable *sysmmu_hw_pgtable_alloc(struct sysmmu *smmu);

/**
 * struct sysmmu_model_stats - what the model saw, for tests and debugfs
 * @hits:	translations found in the TLB
 * @walks:	page-table walks
 * @faults:	faults raised
 * @flush_entry: flush-entry writes
 * @flush_range: range invalidations
 * @flush_all:	flush-all writes
 * @lv1_hits:	walks that used a cached lv1 entry
 * @power_offs:	times its power domain went off (state lost)
 * @violations:	programming errors the hardware would not forgive: flushes
 *		or base changes while translating unblocked, writes to
 *		registers this version does not have
 */
struct sysmmu_model_stats {
	u64 hits;
	u64 walks;
	u64 faults;
	u64 flush_entry;
	u64 flush_range;
	u64 flush_all;
	u64 lv1_hits;
	u64 power_offs;
	u64 violations;
};

/* sysmmu_model_create() @caps: a v7 that reports the VM layout */
#define SYSMMU_MODEL_VM		BIT(0)

struct sysmmu_model *sysmmu_model_create(u32 version, u32 caps,
					 unsigned int tlb_entries,
					 unsigned int tlb_ways);
void sysmmu_model_destroy(struct sysmmu_model *model);
void sysmmu_model_bind(struct sysmmu *smmu, struct sysmmu_model *model);
void sysmmu_model_power_off(struct sysmmu_model *model);
void sysmmu_model_stats(struct sysmmu_model *model,
			struct sysmmu_model_stats *stats);
int sysmmu_model_access(struct sysmmu *smmu, u32 iova, void *buf, size_t len,
			enum dma_data_direction dir);

#endif /* DMASHARE_EXYNOS_SYSMMU_SYSMMU_H */

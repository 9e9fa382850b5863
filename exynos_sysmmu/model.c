// SPDX-License-Identifier: GPL-2.0
/*
 * The SYSMMU model: the second back end of the register accessor layer.
 *
 * A register file with the side effects of the real one (block, enable,
 * page-table base, flush entry/range/all, interrupt status and clear), a
 * set-associative TLB, a first-level descriptor cache where the version
 * has one, and a table walker that reads lv1 and lv2 entries from memory
 * as the hardware does.  It decodes entries itself, from the hardware's
 * point of view, rather than through the driver's pgtable.c, so that an
 * encoding bug is not shared by both sides.
 *
 * It is stricter than the hardware: a TLB never forgets anything but by
 * a flush, range flushes leave the descriptor cache alone (v5+ needs a
 * flush-all for it), flushes and
 * base changes while translating unblocked are counted as violations,
 * and two TLB entries matching one address raise a multi-hit fault.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/bitfield.h>
#include <linux/highmem.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/mm.h>
#include <linux/slab.h>

#include "sysmmu.h"

/*
 * Register space the model keeps: the common block from 0, and for a v7
 * with the VM layout its fault block at 0x1000 and VM 0's translation
 * block at 0x8000.  The rest reads 0 and takes no writes.
 */
#define SYSMMU_MODEL_REG_BYTES	0x100
#define SYSMMU_MODEL_VM_FAULT	0x1000
#define SYSMMU_MODEL_VM_FAULT_BYTES 0x10
#define SYSMMU_MODEL_VM_BLOCK	0x8000
#define SYSMMU_MODEL_VM_BYTES	0x40
#define SYSMMU_MODEL_REGS	((SYSMMU_MODEL_REG_BYTES + SYSMMU_MODEL_VM_FAULT_BYTES + \
				  SYSMMU_MODEL_VM_BYTES) / 4)
#define SYSMMU_MODEL_LV1_CACHE	8

/* Hardware view of an entry: the PA fields after the version's shift. */
#define HW_SECT_PA	GENMASK_ULL(35, 20)
#define HW_LV2_PA	GENMASK_ULL(35, 10)
#define HW_LPAGE_PA	GENMASK_ULL(35, 16)
#define HW_SPAGE_PA	GENMASK_ULL(35, 12)

enum sysmmu_model_fault {
	MODEL_FAULT_PTW,
	MODEL_FAULT_PAGE,
	MODEL_FAULT_MULTIHIT,
	MODEL_FAULT_ACCESS,
};

struct sysmmu_tlb_ent {
	bool valid;
	u8 order;
	u8 prot;
	u32 tag;
	u64 pa;
};

struct sysmmu_lv1_line {
	bool valid;
	u32 idx;
	u32 raw;
};

/**
 * struct sysmmu_model - one modelled SYSMMU
 * @lock:	protects everything below; inside struct sysmmu's lock
 * @variant:	its register layout
 * @version:	what VERSION reports (SYSMMU_MKVER)
 * @vm:		a v7 reporting the VM layout in CAPA0/CAPA1
 * @regs:	the register file
 * @fault_blocked: blocked by a fault until the driver unblocks it
 * @tlb:	@sets * @ways entries
 * @sets:	TLB sets
 * @ways:	TLB ways
 * @victim:	per set, the way to replace next
 * @lv1c:	the first-level descriptor cache (v3.2+)
 * @lv1_victim:	the line to replace next
 * @stats:	counters
 */
struct sysmmu_model {
	spinlock_t lock;	/* see above */
	const struct sysmmu_variant *variant;
	u32 version;
	bool vm;
	u32 regs[SYSMMU_MODEL_REGS];
	bool fault_blocked;
	struct sysmmu_tlb_ent *tlb;
	unsigned int sets;
	unsigned int ways;
	unsigned int *victim;
	struct sysmmu_lv1_line lv1c[SYSMMU_MODEL_LV1_CACHE];
	unsigned int lv1_victim;
	struct sysmmu_model_stats stats;
};

/**
 * sysmmu_model_create() - a modelled SYSMMU
 * @version: SYSMMU_MKVER of the hardware to model
 * @caps: SYSMMU_MODEL_VM for a v7 with the VM layout, or 0
 * @tlb_entries: TLB size, a multiple of @tlb_ways
 * @tlb_ways: TLB associativity
 *
 * Context: process context.
 * Return: the model, or an ERR_PTR: -EINVAL for a version without a
 * layout, SYSMMU_MODEL_VM before v7, unknown @caps or a bad TLB shape,
 * -ENOMEM.
 */
struct sysmmu_model *sysmmu_model_create(u32 version, u32 caps,
					 unsigned int tlb_entries,
					 unsigned int tlb_ways)
{
	struct sysmmu_model *m;

	if (!tlb_ways || tlb_entries < tlb_ways || tlb_entries % tlb_ways ||
	    tlb_entries > 65536 || caps & ~SYSMMU_MODEL_VM)
		return ERR_PTR(-EINVAL);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->variant = sysmmu_variant_find(version);
	if (m->variant && (caps & SYSMMU_MODEL_VM)) {
		if (m->variant->family != SYSMMU_FAMILY_V7)
			m->variant = NULL;
		else
			m->variant = &sysmmu_variant_v7_vm;
		m->vm = true;
	}
	if (!m->variant) {
		kfree(m);
		return ERR_PTR(-EINVAL);
	}
	spin_lock_init(&m->lock);
	m->version = version;
	m->ways = tlb_ways;
	m->sets = tlb_entries / tlb_ways;
	m->tlb = kcalloc(tlb_entries, sizeof(*m->tlb), GFP_KERNEL);
	m->victim = kcalloc(m->sets, sizeof(*m->victim), GFP_KERNEL);
	if (!m->tlb || !m->victim) {
		sysmmu_model_destroy(m);
		return ERR_PTR(-ENOMEM);
	}
	return m;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_create);

/**
 * sysmmu_model_destroy() - free a model
 * @model: the model, or NULL
 *
 * Context: process context.
 */
void sysmmu_model_destroy(struct sysmmu_model *model)
{
	if (!model)
		return;
	kfree(model->tlb);
	kfree(model->victim);
	kfree(model);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_destroy);

/**
 * sysmmu_model_power_off() - the model's power domain goes off
 * @model: the model
 *
 * Everything the hardware keeps in flip-flops is lost: the register file
 * reads its reset value (0) again, the TLB and the descriptor cache are
 * empty, a latched fault is gone.  A driver that does not program it
 * again after power returns finds it not translating.
 *
 * Context: any.
 */
void sysmmu_model_power_off(struct sysmmu_model *model)
{
	unsigned long flags;

	spin_lock_irqsave(&model->lock, flags);
	memset(model->regs, 0, sizeof(model->regs));
	memset(model->tlb, 0, sizeof(*model->tlb) * model->sets * model->ways);
	memset(model->lv1c, 0, sizeof(model->lv1c));
	model->fault_blocked = false;
	model->stats.power_offs++;
	spin_unlock_irqrestore(&model->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_power_off);

/**
 * sysmmu_model_stats() - copy the model's counters
 * @model: the model
 * @stats: where to
 *
 * Context: any.
 */
void sysmmu_model_stats(struct sysmmu_model *model,
			struct sysmmu_model_stats *stats)
{
	unsigned long flags;

	spin_lock_irqsave(&model->lock, flags);
	*stats = model->stats;
	spin_unlock_irqrestore(&model->lock, flags);
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_stats);

/* Index of the register at @off in @m->regs, or -1 when not kept. */
static int model_reg_idx(struct sysmmu_model *m, u32 off)
{
	if (off % 4)
		return -1;
	if (off < SYSMMU_MODEL_REG_BYTES)
		return off / 4;
	if (!m->vm)
		return -1;
	if (off >= SYSMMU_MODEL_VM_FAULT &&
	    off < SYSMMU_MODEL_VM_FAULT + SYSMMU_MODEL_VM_FAULT_BYTES)
		return (SYSMMU_MODEL_REG_BYTES + off - SYSMMU_MODEL_VM_FAULT) / 4;
	if (off >= SYSMMU_MODEL_VM_BLOCK &&
	    off < SYSMMU_MODEL_VM_BLOCK + SYSMMU_MODEL_VM_BYTES)
		return (SYSMMU_MODEL_REG_BYTES + SYSMMU_MODEL_VM_FAULT_BYTES +
			off - SYSMMU_MODEL_VM_BLOCK) / 4;
	return -1;
}

/* A register the model keeps (the variant's own offsets all are). */
static u32 *model_reg(struct sysmmu_model *m, u32 off)
{
	int i = model_reg_idx(m, off);

	return &m->regs[i < 0 ? 0 : i];
}

static bool model_translating(struct sysmmu_model *m)
{
	u32 ctrl = *model_reg(m, SYSMMU_REG_CTRL);

	/* The VM layout translates only for an enabled VM. */
	if (m->variant->vm_ctrl &&
	    !(*model_reg(m, m->variant->vm_ctrl) & SYSMMU_V7_VM_CTRL_ENABLE))
		return false;
	return (ctrl & SYSMMU_CTRL_ENABLE) && !(ctrl & SYSMMU_CTRL_BLOCK) &&
	       !m->fault_blocked;
}

static bool model_has_lv1_cache(struct sysmmu_model *m)
{
	return *model_reg(m, SYSMMU_REG_CFG) & SYSMMU_CFG_FLPDCACHE ||
	       m->variant->family != SYSMMU_FAMILY_V1;
}

static void model_violation(struct sysmmu_model *m, const char *what, u32 off)
{
	m->stats.violations++;
	pr_err_ratelimited("model v%lu.%lu: %s (register %#x)\n",
			   SYSMMU_VER_MAJ(m->version), SYSMMU_VER_MIN(m->version),
			   what, off);
}

static void model_flush_all(struct sysmmu_model *m)
{
	memset(m->tlb, 0, sizeof(*m->tlb) * m->sets * m->ways);
	memset(m->lv1c, 0, sizeof(m->lv1c));
	m->stats.flush_all++;
}

/* Drop TLB entries overlapping [@start, @end]; and lv1 lines if @lv1. */
static void model_flush_range(struct sysmmu_model *m, u32 start, u32 end,
			      bool lv1)
{
	unsigned int i;

	for (i = 0; i < m->sets * m->ways; i++) {
		struct sysmmu_tlb_ent *e = &m->tlb[i];
		u64 lo = (u64)e->tag << e->order;
		u64 hi = lo + BIT_ULL(e->order) - 1;

		if (e->valid && lo <= end && hi >= start)
			e->valid = false;
	}
	if (!lv1)
		return;
	for (i = 0; i < SYSMMU_MODEL_LV1_CACHE; i++) {
		u32 idx = m->lv1c[i].idx;

		if (m->lv1c[i].valid && idx >= start >> SYSMMU_SECT_ORDER &&
		    idx <= end >> SYSMMU_SECT_ORDER)
			m->lv1c[i].valid = false;
	}
}

static u32 sysmmu_model_read(struct sysmmu *smmu, u32 off)
{
	struct sysmmu_model *m = smmu->model;
	unsigned long flags;
	u32 val;

	spin_lock_irqsave(&m->lock, flags);
	switch (off) {
	case SYSMMU_V7_REG_CAPA0:
		val = m->vm ? SYSMMU_V7_CAPA0_CAPA1 : 0;
		break;
	case SYSMMU_V7_REG_CAPA1:
		val = m->vm ? SYSMMU_V7_CAPA1_VCR : 0;
		break;
	case SYSMMU_REG_VERSION:
		val = FIELD_PREP(SYSMMU_VERSION_RAW, m->version);
		break;
	case SYSMMU_REG_STATUS:
		val = (*model_reg(m, SYSMMU_REG_CTRL) & SYSMMU_CTRL_BLOCK) ||
		      m->fault_blocked ? SYSMMU_STATUS_BLOCKED : 0;
		break;
	default:
		val = model_reg_idx(m, off) < 0 ? 0 : *model_reg(m, off);
		break;
	}
	spin_unlock_irqrestore(&m->lock, flags);
	return val;
}

static void sysmmu_model_write(struct sysmmu *smmu, u32 off, u32 val)
{
	struct sysmmu_model *m = smmu->model;
	const struct sysmmu_variant *v = m->variant;
	unsigned long flags;

	if (model_reg_idx(m, off) < 0) {
		spin_lock_irqsave(&m->lock, flags);
		model_violation(m, "write outside the register file", off);
		spin_unlock_irqrestore(&m->lock, flags);
		return;
	}
	spin_lock_irqsave(&m->lock, flags);
	if (off == SYSMMU_REG_CTRL) {
		/* Leaving the block releases a fault's block too. */
		if (!(val & SYSMMU_CTRL_BLOCK) && !*model_reg(m, v->int_status))
			m->fault_blocked = false;
	} else if (off == SYSMMU_REG_VERSION || off == SYSMMU_REG_STATUS ||
		   off == v->int_status) {
		model_violation(m, "write to a read-only register", off);
		goto unlock;
	} else if (off == v->int_clear) {
		*model_reg(m, v->int_status) &= ~val;
		goto unlock;
	} else if (off == v->pt_base) {
		if (model_translating(m))
			model_violation(m, "page-table base changed while translating", off);
	} else if (off == v->flush_all || off == v->flush_entry ||
		   (v->flush_range && off == v->flush_range)) {
		if (model_translating(m))
			model_violation(m, "TLB flush while translating unblocked", off);
		if (off == v->flush_all) {
			if (val & SYSMMU_FLUSH_GO)
				model_flush_all(m);
		} else if (off == v->flush_entry) {
			u32 va = val & SYSMMU_FLUSH_ENTRY_VA;

			if (val & SYSMMU_FLUSH_ENTRY_GO) {
				model_flush_range(m, va, va + SYSMMU_SPAGE_SIZE - 1,
						  !v->lv1_by_flush_all);
				m->stats.flush_entry++;
			}
		} else if (val & SYSMMU_FLUSH_GO) {
			u32 start = *model_reg(m, v->flush_start);
			u32 end = *model_reg(m, v->flush_end);

			if (end < start)
				model_violation(m, "range flush ending before it starts", off);
			else
				model_flush_range(m, start & SYSMMU_FLUSH_ENTRY_VA,
						  end | (SYSMMU_SPAGE_SIZE - 1), false);
			m->stats.flush_range++;
		}
		goto unlock;
	}
	*model_reg(m, off) = val;
unlock:
	spin_unlock_irqrestore(&m->lock, flags);
}

static const struct sysmmu_io_ops sysmmu_model_io_ops = {
	.read = sysmmu_model_read,
	.write = sysmmu_model_write,
};

/**
 * sysmmu_model_bind() - make @model the register back end of @smmu
 * @smmu: the controller, before sysmmu_hw_init()
 * @model: from sysmmu_model_create()
 *
 * Context: any.
 */
void sysmmu_model_bind(struct sysmmu *smmu, struct sysmmu_model *model)
{
	smmu->model = model;
	smmu->io = &sysmmu_model_io_ops;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_bind);

/* Read a little-endian table entry at @pa, as the walker's bus does. */
static int model_read_entry(u64 pa, u32 *val)
{
	unsigned long pfn = pa >> PAGE_SHIFT;
	__le32 *p;

	if (pa & 3 || pa >> PAGE_SHIFT != pfn || !pfn_valid(pfn))
		return -EFAULT;
	p = kmap_local_page(pfn_to_page(pfn));
	*val = le32_to_cpu(READ_ONCE(p[offset_in_page(pa) / 4]));
	kunmap_local(p);
	return 0;
}

/* Protection bits of an entry, from the hardware's point of view. */
static u8 model_prot(struct sysmmu_model *m, u32 raw, bool sect)
{
	u32 f;

	if (m->variant->family == SYSMMU_FAMILY_V1) {
		u32 ap0 = sect ? SYSMMU_V1_SECT_AP0 : SYSMMU_V1_PAGE_AP0;
		u32 apx = sect ? SYSMMU_V1_SECT_APX : SYSMMU_V1_PAGE_APX;

		if (!(raw & ap0))
			return 0;
		return raw & apx ? IOMMU_READ : IOMMU_READ | IOMMU_WRITE;
	}
	f = sect ? FIELD_GET(SYSMMU_V5_SECT_PROT, raw) :
		   FIELD_GET(SYSMMU_V5_PAGE_PROT, raw);
	return (f & SYSMMU_V5_PROT_READ ? IOMMU_READ : 0) |
	       (f & SYSMMU_V5_PROT_WRITE ? IOMMU_WRITE : 0);
}

static int model_lv1(struct sysmmu_model *m, u64 base, u32 iova, u32 *raw)
{
	u32 idx = iova >> SYSMMU_SECT_ORDER;
	bool cache = model_has_lv1_cache(m);
	unsigned int i;
	int ret;

	if (cache)
		for (i = 0; i < SYSMMU_MODEL_LV1_CACHE; i++)
			if (m->lv1c[i].valid && m->lv1c[i].idx == idx) {
				m->stats.lv1_hits++;
				*raw = m->lv1c[i].raw;
				return 0;
			}
	ret = model_read_entry(base + idx * sizeof(u32), raw);
	if (ret || !cache)
		return ret;
	/*
	 * From v3.3 fault entries are cached too (why the driver links a
	 * zero lv2 table instead); before, only valid ones.
	 */
	if (m->version < SYSMMU_MKVER(3, 3) &&
	    FIELD_GET(SYSMMU_PTE_TYPE, *raw) != SYSMMU_LV1_SECT &&
	    FIELD_GET(SYSMMU_PTE_TYPE, *raw) != SYSMMU_LV1_LV2)
		return 0;
	i = m->lv1_victim++ % SYSMMU_MODEL_LV1_CACHE;
	m->lv1c[i].valid = true;
	m->lv1c[i].idx = idx;
	m->lv1c[i].raw = *raw;
	return 0;
}

/* Walk the tables for @iova; fill @e or return the fault kind. */
static int model_walk(struct sysmmu_model *m, u32 iova,
		      struct sysmmu_tlb_ent *e)
{
	const struct sysmmu_variant *v = m->variant;
	unsigned int shift = v->fmt->pte_shift;
	u64 base = (u64)*model_reg(m, v->pt_base) << v->pt_base_shift;
	u32 raw, raw2;

	m->stats.walks++;
	if (model_lv1(m, base, iova, &raw))
		return MODEL_FAULT_PTW;
	switch (FIELD_GET(SYSMMU_PTE_TYPE, raw)) {
	case SYSMMU_LV1_SECT:
		e->order = SYSMMU_SECT_ORDER;
		e->pa = ((u64)raw << shift) & HW_SECT_PA;
		e->prot = model_prot(m, raw, true);
		break;
	case SYSMMU_LV1_LV2:
		if (model_read_entry((((u64)raw << shift) & HW_LV2_PA) +
				     ((iova >> SYSMMU_SPAGE_ORDER) & 0xff) * sizeof(u32),
				     &raw2))
			return MODEL_FAULT_PTW;
		switch (FIELD_GET(SYSMMU_PTE_TYPE, raw2)) {
		case SYSMMU_LV2_FAULT:
			return MODEL_FAULT_PAGE;
		case SYSMMU_LV2_LPAGE:
			e->order = SYSMMU_LPAGE_ORDER;
			e->pa = ((u64)raw2 << shift) & HW_LPAGE_PA;
			break;
		default:
			e->order = SYSMMU_SPAGE_ORDER;
			e->pa = ((u64)raw2 << shift) & HW_SPAGE_PA;
			break;
		}
		e->prot = model_prot(m, raw2, false);
		break;
	default:
		return MODEL_FAULT_PAGE;
	}
	e->valid = true;
	e->tag = iova >> e->order;
	return 0;
}

/* Translate @iova for an access; 0 and *@pa, or a fault kind + 1. */
static int model_translate(struct sysmmu_model *m, u32 iova, bool write,
			   u64 *pa)
{
	static const u8 orders[] = {
		SYSMMU_SPAGE_ORDER, SYSMMU_LPAGE_ORDER, SYSMMU_SECT_ORDER
	};
	struct sysmmu_tlb_ent *hit = NULL, walked;
	unsigned int o, w, set, hits = 0;
	int ret;

	for (o = 0; o < ARRAY_SIZE(orders); o++) {
		set = (iova >> orders[o]) % m->sets;
		for (w = 0; w < m->ways; w++) {
			struct sysmmu_tlb_ent *e = &m->tlb[set * m->ways + w];

			if (e->valid && e->order == orders[o] &&
			    e->tag == iova >> orders[o]) {
				hit = e;
				hits++;
			}
		}
	}
	if (hits > 1)
		return MODEL_FAULT_MULTIHIT + 1;
	if (hit) {
		m->stats.hits++;
	} else {
		ret = model_walk(m, iova, &walked);
		if (ret)
			return ret + 1;
		set = walked.tag % m->sets;
		w = m->victim[set]++ % m->ways;
		hit = &m->tlb[set * m->ways + w];
		*hit = walked;
	}
	if ((*model_reg(m, SYSMMU_REG_CFG) & SYSMMU_CFG_EAP) &&
	    !(hit->prot & (write ? IOMMU_WRITE : IOMMU_READ)))
		return MODEL_FAULT_ACCESS + 1;
	*pa = hit->pa + (iova & (BIT(hit->order) - 1));
	return 0;
}

/* Latch a fault in the registers and block, as the hardware does. */
static void model_raise(struct sysmmu_model *m, int kind, u32 iova, bool write)
{
	const struct sysmmu_variant *v = m->variant;
	unsigned int bit = 0;
	u32 reg = 0;

	switch (v->family) {
	case SYSMMU_FAMILY_V1:
		switch (kind) {
		case MODEL_FAULT_PTW:
			bit = SYSMMU_V1_INT_BUS_ERROR;
			reg = SYSMMU_V1_REG_DEFAULT_SLAVE;
			break;
		case MODEL_FAULT_PAGE:
			bit = SYSMMU_V1_INT_PAGE;
			reg = SYSMMU_V1_REG_PAGE_FAULT_ADDR;
			break;
		case MODEL_FAULT_MULTIHIT:
			bit = write ? SYSMMU_V1_INT_AW_MULTIHIT :
				      SYSMMU_V1_INT_AR_MULTIHIT;
			break;
		default:
			bit = write ? SYSMMU_V1_INT_AW_ACCESS :
				      SYSMMU_V1_INT_AR_ACCESS;
			break;
		}
		if (!reg)
			reg = write ? SYSMMU_V1_REG_AW_FAULT_ADDR :
				      SYSMMU_V1_REG_AR_FAULT_ADDR;
		break;
	case SYSMMU_FAMILY_V5:
		bit = (kind == MODEL_FAULT_PTW ? SYSMMU_V5_INT_PTW :
		       kind == MODEL_FAULT_PAGE ? SYSMMU_V5_INT_PAGE :
		       kind == MODEL_FAULT_MULTIHIT ? SYSMMU_V5_INT_MULTIHIT :
		       SYSMMU_V5_INT_ACCESS) +
		      (write ? __ffs(SYSMMU_V5_INT_AW) : 0);
		reg = write ? SYSMMU_V5_REG_FAULT_AW_VA : SYSMMU_V5_REG_FAULT_AR_VA;
		break;
	case SYSMMU_FAMILY_V7:
		bit = kind == MODEL_FAULT_PAGE ? SYSMMU_V7_INT_PAGE :
		      kind == MODEL_FAULT_ACCESS ? SYSMMU_V7_INT_ACCESS :
		      SYSMMU_V7_INT_PTW;
		reg = v->fault_va;
		*model_reg(m, v->fault_info) = write ? SYSMMU_V7_FAULT_INFO_WRITE : 0;
		break;
	}
	*model_reg(m, reg) = iova;
	*model_reg(m, v->int_status) |= BIT(bit);
	m->fault_blocked = true;
	m->stats.faults++;
}

static int model_copy(u64 pa, void *buf, size_t len, bool to_mem)
{
	unsigned long pfn = pa >> PAGE_SHIFT;
	void *p;

	if (pa >> PAGE_SHIFT != pfn || !pfn_valid(pfn))
		return -EFAULT;
	p = kmap_local_page(pfn_to_page(pfn));
	if (to_mem)
		memcpy(p + offset_in_page(pa), buf, len);
	else
		memcpy(buf, p + offset_in_page(pa), len);
	kunmap_local(p);
	return 0;
}

/**
 * sysmmu_model_access() - a device transaction through the model
 * @smmu: a controller with the model back end
 * @iova: device address
 * @buf: kernel buffer
 * @len: bytes
 * @dir: DMA_TO_DEVICE: the device reads memory into @buf;
 *	DMA_FROM_DEVICE: the device writes @buf to memory
 *
 * Translates each 4 KiB piece through the TLB, walking the tables on a
 * miss, and copies it.  A fault is latched in the registers and handled
 * by sysmmu_hw_fault(), the path of the hardware interrupt, before this
 * returns.
 *
 * Context: process context, may sleep in a fault handler.
 * Return: 0, -EFAULT after a fault (earlier pieces were transferred),
 * -ENODEV when translation is off, -EBUSY when blocked.
 */
int sysmmu_model_access(struct sysmmu *smmu, u32 iova, void *buf, size_t len,
			enum dma_data_direction dir)
{
	struct sysmmu_model *m = smmu->model;
	bool write = dir == DMA_FROM_DEVICE;
	unsigned long flags;
	size_t chunk;
	int ret = 0;
	u64 pa;

	if (dir != DMA_TO_DEVICE && dir != DMA_FROM_DEVICE)
		return -EINVAL;
	if ((u64)iova + len > SYSMMU_IOVA_SPACE)
		return -EINVAL;
	while (len) {
		chunk = min_t(size_t, len, SYSMMU_SPAGE_SIZE - (iova & (SYSMMU_SPAGE_SIZE - 1)));
		spin_lock_irqsave(&m->lock, flags);
		if (!(*model_reg(m, SYSMMU_REG_CTRL) & SYSMMU_CTRL_ENABLE))
			ret = -ENODEV;
		else if (!model_translating(m))
			ret = -EBUSY;
		else
			ret = model_translate(m, iova, write, &pa);
		if (ret > 0)
			model_raise(m, ret - 1, iova, write);
		spin_unlock_irqrestore(&m->lock, flags);
		if (ret > 0) {
			/* The interrupt line, as far as the driver can tell. */
			sysmmu_hw_fault(smmu);
			return -EFAULT;
		}
		if (ret)
			return ret;
		if (model_copy(pa, buf, chunk, write)) {
			spin_lock_irqsave(&m->lock, flags);
			model_raise(m, MODEL_FAULT_PTW, iova, write);
			spin_unlock_irqrestore(&m->lock, flags);
			sysmmu_hw_fault(smmu);
			return -EFAULT;
		}
		iova += chunk;
		buf += chunk;
		len -= chunk;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sysmmu_model_access);

// SPDX-License-Identifier: GPL-2.0
/*
 * dmabuf_core policy: pure functions, no locks and no allocation, so that
 * KUnit can drive them with tables.
 *
 * Collation folds each attached device into one set of constraints;
 * choice turns the set, the buffer's policy and size into a backing;
 * "serves" tells whether an existing backing satisfies a set; the attach
 * action combines them into keep, migrate or refuse.
 */
#include <kunit/visibility.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>

#include "internal.h"

/**
 * dmabuf_core_constraints_init() - the constraints of no device at all
 * @c: to fill
 *
 * Context: any.
 */
void dmabuf_core_constraints_init(struct dmabuf_core_constraints *c)
{
	*c = (struct dmabuf_core_constraints) {
		.dma_mask = U64_MAX,
		.max_seg = U64_MAX,
		.seg_boundary = U64_MAX,
	};
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_constraints_init);

/**
 * dmabuf_core_collate() - add one device to a set of constraints
 * @c: the set
 * @dev: the device's properties
 *
 * A device behind an IOMMU sees memory through its own page tables, so
 * neither its mask nor its segment limits restrict the physical layout;
 * it only needs one physical range when it says so explicitly.
 *
 * Context: any.
 */
void dmabuf_core_collate(struct dmabuf_core_constraints *c,
			 const struct dmabuf_core_dev_caps *dev)
{
	c->devices++;
	if (dev->contiguous)
		c->contiguous = true;
	if (!dev->coherent)
		c->noncoherent = true;
	if (dev->iommu)
		return;
	c->dma_mask = min(c->dma_mask, dev->dma_mask);
	c->max_seg = min(c->max_seg, dev->max_seg);
	c->seg_boundary = min(c->seg_boundary, dev->seg_boundary);
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_collate);

/* Largest power-of-two piece that fits @max_seg and never crosses @boundary. */
static unsigned int max_order_for(const struct dmabuf_core_constraints *c)
{
	u64 span = min(c->max_seg, c->seg_boundary == U64_MAX ? U64_MAX : c->seg_boundary + 1);

	if (span < PAGE_SIZE)
		return 0;
	span >>= PAGE_SHIFT;
	if (span >= BIT_ULL(DMABUF_CORE_SYSTEM_MAX_ORDER))
		return DMABUF_CORE_SYSTEM_MAX_ORDER;
	return ilog2(span);
}

/* Would one range of @size at any base fit the segment limits? */
static bool one_range_fits(const struct dmabuf_core_constraints *c, u64 size)
{
	if (size > c->max_seg)
		return false;
	return c->seg_boundary == U64_MAX || size <= c->seg_boundary + 1;
}

/**
 * dmabuf_core_choose() - the backing for a buffer, given its devices
 * @c: collated constraints of the attached devices
 * @policy: enum dmabuf_core_policy of the buffer
 * @flags: DMABUF_CORE_* export flags of the buffer
 * @size: bytes, whole pages
 * @choice: filled on success
 *
 * Context: any.
 * Return: 0, or -EBUSY when no backing can serve every device: a device
 * needs one physical range longer than another device's (or its own)
 * segment limits allow, or the policy forbids what a device needs.
 */
int dmabuf_core_choose(const struct dmabuf_core_constraints *c,
		       enum dmabuf_core_policy policy, unsigned int flags,
		       u64 size, struct dmabuf_core_choice *choice)
{
	bool contig = policy == DMABUF_CORE_POLICY_CONTIG ||
		      (c->contiguous && size > PAGE_SIZE);

	choice->dma_mask = c->dma_mask;
	if (flags & DMABUF_CORE_DMA32)
		choice->dma_mask = min_t(u64, choice->dma_mask, DMA_BIT_MASK(32));
	if (contig) {
		if (policy == DMABUF_CORE_POLICY_SYSTEM || !one_range_fits(c, size))
			return -EBUSY;
		choice->kind = DMABUF_CORE_BACKING_CMA;
		choice->max_order = 0;
		return 0;
	}
	choice->kind = DMABUF_CORE_BACKING_SYSTEM;
	choice->max_order = max_order_for(c);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_choose);

/**
 * dmabuf_core_layout_serves() - does an existing backing satisfy a set?
 * @l: the backing as it is
 * @c: collated constraints of the devices that would be attached
 * @policy: enum dmabuf_core_policy of the buffer
 * @size: bytes of the buffer
 *
 * Context: any.
 * Return: true when every device can map it as it is.
 */
bool dmabuf_core_layout_serves(const struct dmabuf_core_layout *l,
			       const struct dmabuf_core_constraints *c,
			       enum dmabuf_core_policy policy, u64 size)
{
	if (l->kind == DMABUF_CORE_BACKING_NONE)
		return true;
	if (policy == DMABUF_CORE_POLICY_CONTIG && l->kind != DMABUF_CORE_BACKING_CMA)
		return false;
	if (l->max_phys > c->dma_mask)
		return false;
	if (c->contiguous && l->chunks != 1)
		return false;
	if (l->max_chunk > c->max_seg)
		return false;
	if (c->seg_boundary == U64_MAX)
		return true;
	if (l->kind == DMABUF_CORE_BACKING_SYSTEM)
		return l->max_chunk <= c->seg_boundary + 1;
	/* One range: does it cross a boundary? */
	return (l->min_phys & ~c->seg_boundary) ==
	       ((l->min_phys + size - 1) & ~c->seg_boundary);
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_layout_serves);

/**
 * dmabuf_core_attach_action() - what an attach does to a buffer
 * @l: the buffer's backing as it is (kind NONE: not allocated yet)
 * @c: collated constraints with the new device included
 * @policy: enum dmabuf_core_policy of the buffer
 * @flags: DMABUF_CORE_* export flags of the buffer
 * @size: bytes of the buffer
 * @in_use: a device mapping, vmap or mmap of the buffer is active
 * @choice: filled when the answer is MIGRATE
 *
 * Context: any.
 * Return: KEEP when the backing (or, before allocation, a future one) can
 * serve the set; MIGRATE when a new backing can and nothing is in use;
 * REFUSE otherwise (the attach fails with -EBUSY).
 */
enum dmabuf_core_attach_action
dmabuf_core_attach_action(const struct dmabuf_core_layout *l,
			  const struct dmabuf_core_constraints *c,
			  enum dmabuf_core_policy policy, unsigned int flags,
			  u64 size, bool in_use, struct dmabuf_core_choice *choice)
{
	struct dmabuf_core_choice tmp;

	if (dmabuf_core_choose(c, policy, flags, size, &tmp))
		return DMABUF_CORE_ATTACH_REFUSE;
	if (dmabuf_core_layout_serves(l, c, policy, size))
		return DMABUF_CORE_ATTACH_KEEP;
	if (in_use)
		return DMABUF_CORE_ATTACH_REFUSE;
	*choice = tmp;
	return DMABUF_CORE_ATTACH_MIGRATE;
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_attach_action);

/**
 * dmabuf_core_busy() - does a buffer's use keep its backing where it is?
 * @pinned: device mappings handed out to static importers (a dynamic
 *	importer's mapping does not count: move_notify takes it back)
 * @vmaps: kernel mappings outstanding
 * @mmaps: user mappings outstanding
 *
 * Context: any.
 * Return: true when the backing may not move now.
 */
bool dmabuf_core_busy(unsigned int pinned, unsigned int vmaps, unsigned int mmaps)
{
	return pinned || vmaps || mmaps;
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_busy);

/**
 * dmabuf_core_charge() - charge one buffer of @bytes to an owner
 * @owner: the owner's account
 * @global: the module's account
 * @bytes: the buffer's size
 *
 * Context: any; the caller serialises access to both accounts.
 * Return: 0; -EDQUOT when the owner would exceed its limit; -ENOMEM when
 * the module's global limit would be exceeded.  Nothing is charged on
 * error.
 */
int dmabuf_core_charge(struct dmabuf_core_account *owner,
		       struct dmabuf_core_account *global, u64 bytes)
{
	if (owner->limit && (bytes > owner->limit || owner->bytes > owner->limit - bytes))
		return -EDQUOT;
	if (global->limit && (bytes > global->limit || global->bytes > global->limit - bytes))
		return -ENOMEM;
	owner->bytes += bytes;
	owner->buffers++;
	global->bytes += bytes;
	global->buffers++;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_charge);

/**
 * dmabuf_core_uncharge() - undo dmabuf_core_charge()
 * @owner: the owner's account
 * @global: the module's account
 * @bytes: the buffer's size as charged
 *
 * Context: any; the caller serialises access to both accounts.
 */
void dmabuf_core_uncharge(struct dmabuf_core_account *owner,
			  struct dmabuf_core_account *global, u64 bytes)
{
	if (WARN_ON(owner->bytes < bytes || !owner->buffers ||
		    global->bytes < bytes || !global->buffers))
		return;
	owner->bytes -= bytes;
	owner->buffers--;
	global->bytes -= bytes;
	global->buffers--;
}
EXPORT_SYMBOL_IF_KUNIT(dmabuf_core_uncharge);

/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * dmabuf-test.h - ioctl interface of /dev/dmabuf-test (test_exporter.ko)
 *
 * Rules every structure here follows, so the interface can grow:
 *  - only __u32/__u64 fields, naturally aligned, explicit __pad fields,
 *    sizes a multiple of 8, pointers passed as __u64;
 *  - the kernel copies _IOC_SIZE(cmd) bytes: a shorter (older) structure
 *    is zero-extended, a longer (newer) one is accepted when its extra
 *    bytes are zero (E2BIG otherwise);
 *  - unknown flags, non-zero __pad and non-zero output fields on input are
 *    refused with EINVAL; unknown ioctls with ENOTTY.
 */
#ifndef _UAPI_DMABUF_TEST_H
#define _UAPI_DMABUF_TEST_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define DTEST_API_VERSION	1

/* Not claimed in Documentation/userspace-api/ioctl/ioctl-number.rst. */
#define DTEST_IOC_MAGIC		0xD3

/**
 * struct dtest_info - what the running test_exporter implements
 * @flags:	in: none defined yet; must be 0
 * @__pad:	must be 0
 * @api_version: out: DTEST_API_VERSION of the kernel module
 * @info_size:	out: bytes of this structure the kernel knows and filled
 * @features:	out: DTEST_FEAT_* bits (none defined yet)
 */
struct dtest_info {
	__u32 flags;
	__u32 __pad;
	__u32 api_version;
	__u32 info_size;
	__u64 features;
};

#define DTEST_INFO_FLAGS	0u

#define DTEST_IOC_INFO		_IOWR(DTEST_IOC_MAGIC, 0x00, struct dtest_info)

/*
 * Ioctl numbers by area: 0x00-0x0f device, 0x10-0x1f cma_pool,
 * 0x20-0x2f exynos_sysmmu, 0x30-0x3f test devices.
 */

/**
 * struct dtest_stats - STATS: what test_exporter holds now, over all files
 * @flags:	in: none defined yet; must be 0
 * @__pad:	must be 0
 * @files:	out: open files of the device
 * @cma_bufs:	out: CMA_ALLOC allocations not yet freed
 * @cma_pages:	out: pages those allocations hold (charged to their owners)
 * @cma_pools:	out: pools CMA_POOL_CREATE made and CMA_POOL_DESTROY has
 *		not destroyed
 * @cma_pool_used: out: pages allocated from the default pool and from those
 *		pools, as cma_pool counts them
 * @sysmmu_ctxs: out: SYSMMU_CREATE contexts not yet destroyed
 * @sysmmu_pages: out: pool pages those contexts hold
 * @mapper_attached: out: 1 while edu is attached to an iommu_mapper window
 * @mapper_mapped: out: bytes of that window's IOVA space mapped now
 *
 * Counts only: no kernel or physical address.  Tests read it before and
 * after a run to check that everything went back to its baseline.
 */
struct dtest_stats {
	__u32 flags;
	__u32 __pad;
	__u64 files;
	__u64 cma_bufs;
	__u64 cma_pages;
	__u64 cma_pools;
	__u64 cma_pool_used;
	__u64 sysmmu_ctxs;
	__u64 sysmmu_pages;
	__u64 mapper_attached;
	__u64 mapper_mapped;
};

#define DTEST_STATS_FLAGS	0u

#define DTEST_IOC_STATS		_IOWR(DTEST_IOC_MAGIC, 0x01, struct dtest_stats)

/*
 * Addresses.  Fields that carry a physical or bus address (CMA_ALLOC
 * @phys, CMA_INFO @base, EDU_DMA @dma_to_dev and @dma_from_dev) are
 * filled only for callers with CAP_SYS_ADMIN; others read 0 there.
 * IOVAs that the caller chose itself (SYSMMU_*) are not gated.
 */

/* DTEST_IOC_EDU_DMA: buffers from dma_alloc_coherent() instead of pages
 * mapped with dma_map_page().
 */
#define DTEST_EDU_COHERENT	(1u << 0)
/* DTEST_IOC_EDU_DMA, negative control: skip the copy into the device, so
 * the bytes read back are whatever the device buffer held: EIO expected.
 */
#define DTEST_EDU_SKIP_TO_DEVICE (1u << 1)
/* DTEST_IOC_EDU_DMA: the buffer the device reads is a two-entry
 * scatterlist over two physically separate pages, mapped with dma_map_sg();
 * the transfer straddles them, so it works only if the two are merged into
 * one device-contiguous segment.
 */
#define DTEST_EDU_SG		(1u << 2)
#define DTEST_EDU_FLAGS		(DTEST_EDU_COHERENT | DTEST_EDU_SKIP_TO_DEVICE | DTEST_EDU_SG)

/* Longest transfer: QEMU's edu device has a 4 KiB buffer, and QEMU 7.2
 * aborts on a transfer that reaches its last byte.
 */
#define DTEST_EDU_MAX_LEN	4095

/**
 * struct dtest_edu_dma - a round trip through QEMU's edu PCI device
 * @flags:	in: DTEST_EDU_* bits
 * @len:	in: bytes to move, 1..DTEST_EDU_MAX_LEN
 * @seed:	in: seed of the byte pattern written
 * @__pad:	must be 0
 * @dma_to_dev:	out: device address of the buffer the device read (0
 *		without CAP_SYS_ADMIN)
 * @dma_from_dev: out: device address of the buffer the device wrote (0
 *		without CAP_SYS_ADMIN)
 * @translated:	out: 1 when the device's DMA goes through an IOMMU
 *		translation domain, else 0
 * @verified:	out: bytes read back equal to those written (== @len)
 * @segments:	out: DMA segments the device-read buffer took (1 unless
 *		DTEST_EDU_SG gave a list that was not merged)
 * @__pad2:	must be 0
 *
 * The kernel fills one buffer with a pattern from @seed and the other with
 * its complement, has the device copy the first into its own memory and
 * from there into the second, and compares.  EIO when the bytes differ,
 * ENODEV without an edu device.
 */
struct dtest_edu_dma {
	__u32 flags;
	__u32 len;
	__u32 seed;
	__u32 __pad;
	__u64 dma_to_dev;
	__u64 dma_from_dev;
	__u32 translated;
	__u32 verified;
	__u32 segments;
	__u32 __pad2;
};

#define DTEST_IOC_EDU_DMA	_IOWR(DTEST_IOC_MAGIC, 0x30, struct dtest_edu_dma)

/* DTEST_IOC_EDU_MAPPER operations */
#define DTEST_EDU_MAPPER_ATTACH	1	/* new iommu_mapper window, edu attached */
#define DTEST_EDU_MAPPER_DETACH	2	/* edu back on its own DMA path */
#define DTEST_EDU_MAPPER_STATS	3	/* counters only */

/**
 * struct dtest_edu_mapper - route the edu device's DMA through iommu_mapper
 * @op:		in: DTEST_EDU_MAPPER_*
 * @__pad:	must be 0
 * @base:	in, ATTACH: first IOVA of the window; else 0
 * @size:	in, ATTACH: bytes in the window; else 0
 * @maps:	out: the mapping's map operations so far
 * @unmaps:	out: its unmap operations so far
 * @mapped:	out: bytes of IOVA space mapped now
 * @iova_peak:	out: most bytes of IOVA space in use at once
 *
 * Counters are read after the operation (before the mapping goes, for
 * DETACH).  EBUSY: ATTACH while attached; ENOENT: DETACH or STATS while
 * not; ENODEV: no edu device.
 */
struct dtest_edu_mapper {
	__u32 op;
	__u32 __pad;
	__u64 base;
	__u64 size;
	__u64 maps;
	__u64 unmaps;
	__u64 mapped;
	__u64 iova_peak;
};

#define DTEST_IOC_EDU_MAPPER	_IOWR(DTEST_IOC_MAGIC, 0x31, struct dtest_edu_mapper)

/*
 * exynos_sysmmu (0x20-0x2f): a device behind a model SYSMMU instance
 * (exynos_sysmmu loaded with model=N), with a pool of individually
 * allocated (scattered) pages, a domain and a fault handler that records.
 * Handles belong to the file that created them and go with it.
 */

/**
 * struct dtest_sysmmu_create - a master on a model instance, attached
 * @flags:	in: none defined yet; must be 0
 * @model:	in: model instance number
 * @pages:	in: pool pages, 1..DTEST_SYSMMU_MAX_PAGES
 * @handle:	out: names it in the other commands
 */
struct dtest_sysmmu_create {
	__u32 flags;
	__u32 model;
	__u32 pages;
	__u32 handle;
};

#define DTEST_SYSMMU_CREATE_FLAGS	0u
#define DTEST_SYSMMU_MAX_PAGES		256

/**
 * struct dtest_sysmmu_map - map pool pages, 4 KiB each, at consecutive IOVAs
 * @flags:	in: DTEST_SYSMMU_MAP_*
 * @handle:	in
 * @iova:	in: 4 KiB aligned, below 4 GiB
 * @first:	in: first pool page
 * @count:	in: pages, in pool order
 */
struct dtest_sysmmu_map {
	__u32 flags;
	__u32 handle;
	__u64 iova;
	__u32 first;
	__u32 count;
};

#define DTEST_SYSMMU_MAP_READONLY	(1u << 0)	/* device may only read */
#define DTEST_SYSMMU_MAP_FLAGS		DTEST_SYSMMU_MAP_READONLY

/**
 * struct dtest_sysmmu_unmap - iommu_unmap() a range
 * @flags:	in: none defined yet; must be 0
 * @handle:	in
 * @iova:	in
 * @size:	in: bytes
 * @unmapped:	out: bytes iommu_unmap() reported
 */
struct dtest_sysmmu_unmap {
	__u32 flags;
	__u32 handle;
	__u64 iova;
	__u64 size;
	__u64 unmapped;
};

#define DTEST_SYSMMU_UNMAP_FLAGS	0u

/**
 * struct dtest_sysmmu_dma - a transfer by the device, through the model
 * @flags:	in: DTEST_SYSMMU_DMA_*
 * @handle:	in
 * @iova:	in: device address
 * @len:	in: bytes, 1..DTEST_SYSMMU_MAX_DMA
 * @buf:	in: user buffer the device reads from (DMA_WRITE) or fills
 * @result:	out: 0, or the errno the transfer ended with (EFAULT: a fault)
 * @faults:	out: faults the domain's handler has received so far
 * @fault_iova:	out: address of the last of them
 * @fault_flags: out: IOMMU_FAULT_READ (0) or IOMMU_FAULT_WRITE (1) of it
 * @__pad:	must be 0
 */
struct dtest_sysmmu_dma {
	__u32 flags;
	__u32 handle;
	__u64 iova;
	__u64 len;
	__u64 buf;
	__u32 result;
	__u32 faults;
	__u64 fault_iova;
	__u32 fault_flags;
	__u32 __pad;
};

#define DTEST_SYSMMU_DMA_WRITE		(1u << 0)	/* device writes memory */
#define DTEST_SYSMMU_DMA_FLAGS		DTEST_SYSMMU_DMA_WRITE
#define DTEST_SYSMMU_MAX_DMA		(1u << 20)

/**
 * struct dtest_sysmmu_page - the CPU reads (or clears) a pool page
 * @flags:	in: DTEST_SYSMMU_PAGE_*
 * @handle:	in
 * @page:	in: pool page
 * @offset:	in: byte offset in it
 * @len:	in: bytes; @offset + @len at most 4096
 * @buf:	in: user buffer to fill (unused with DTEST_SYSMMU_PAGE_CLEAR)
 */
struct dtest_sysmmu_page {
	__u32 flags;
	__u32 handle;
	__u32 page;
	__u32 offset;
	__u64 len;
	__u64 buf;
};

#define DTEST_SYSMMU_PAGE_CLEAR		(1u << 0)	/* zero it instead */
#define DTEST_SYSMMU_PAGE_FLAGS		DTEST_SYSMMU_PAGE_CLEAR

/**
 * struct dtest_sysmmu_destroy - detach, free the domain, pages and master
 * @flags:	in: none defined yet; must be 0
 * @handle:	in
 */
struct dtest_sysmmu_destroy {
	__u32 flags;
	__u32 handle;
};

#define DTEST_SYSMMU_DESTROY_FLAGS	0u

#define DTEST_IOC_SYSMMU_CREATE	_IOWR(DTEST_IOC_MAGIC, 0x20, struct dtest_sysmmu_create)
#define DTEST_IOC_SYSMMU_MAP	_IOWR(DTEST_IOC_MAGIC, 0x21, struct dtest_sysmmu_map)
#define DTEST_IOC_SYSMMU_UNMAP	_IOWR(DTEST_IOC_MAGIC, 0x22, struct dtest_sysmmu_unmap)
#define DTEST_IOC_SYSMMU_DMA	_IOWR(DTEST_IOC_MAGIC, 0x23, struct dtest_sysmmu_dma)
#define DTEST_IOC_SYSMMU_PAGE	_IOWR(DTEST_IOC_MAGIC, 0x24, struct dtest_sysmmu_page)
#define DTEST_IOC_SYSMMU_DESTROY _IOWR(DTEST_IOC_MAGIC, 0x25, struct dtest_sysmmu_destroy)

/*
 * cma_pool (numbers 0x10-0x1f).  Each open file of /dev/dmabuf-test is
 * one cma_pool owner: its allocations are charged to it and freed when it
 * is closed.  Pools made with CMA_POOL_CREATE are shared by all files and
 * live until CMA_POOL_DESTROY or until test_exporter is unloaded.  Sizes
 * are bytes, rounded up to whole pages; a pool reserves (and charges the
 * owner) whole granules: a pageblock, 2 MiB on x86-64, for pools in
 * System RAM, a page for carveouts.
 */

/* dtest_cma_pool.backing and dtest_cma_info.backing */
#define DTEST_CMA_REUSABLE	0	/* free pages used by the system */
#define DTEST_CMA_CLAIMED	1	/* taken from the system up front */
#define DTEST_CMA_CARVEOUT	2	/* reserved at boot, outside System RAM */

/**
 * struct dtest_cma_pool - CMA_POOL_CREATE: a new pool
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	out: names the pool in the other cma ioctls (never 0)
 * @size:	in: bytes, non-zero; whole pageblocks unless a carveout
 * @base:	in: physical base, or 0 to let cma_pool choose; a base
 *		outside System RAM (reserved with memmap=) makes a carveout
 * @reserve:	in: bytes of the pool only privileged owners may allocate
 */
struct dtest_cma_pool {
	__u32 flags;
	__u32 pool_id;
	__u64 size;
	__u64 base;
	__u64 reserve;
};

#define DTEST_CMA_POOL_FLAGS	0u

/**
 * struct dtest_cma_id - CMA_POOL_DESTROY and CMA_FREE
 * @flags:	in: none defined yet; must be 0
 * @id:		in: a pool_id from CMA_POOL_CREATE, or a handle from
 *		CMA_ALLOC
 */
struct dtest_cma_id {
	__u32 flags;
	__u32 id;
};

#define DTEST_CMA_ID_FLAGS	0u

/**
 * struct dtest_cma_alloc - CMA_ALLOC: contiguous, zeroed memory
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	in: 0 for the default pool, or a pool_id from CMA_POOL_CREATE
 * @size:	in: bytes, non-zero
 * @align_order: in: the physical address is a multiple of
 *		PAGE_SIZE << @align_order
 * @handle:	out: names the allocation in CMA_FREE and CMA_RW (never 0)
 * @phys:	out: physical address (0 without CAP_SYS_ADMIN)
 */
struct dtest_cma_alloc {
	__u32 flags;
	__u32 pool_id;
	__u64 size;
	__u32 align_order;
	__u32 handle;
	__u64 phys;
};

#define DTEST_CMA_ALLOC_FLAGS	0u

/**
 * struct dtest_cma_info - CMA_INFO: a pool's state
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	in: 0 for the default pool, or a pool_id from CMA_POOL_CREATE
 * @base:	out: physical base (0 without CAP_SYS_ADMIN)
 * @size:	out: bytes
 * @used:	out: bytes allocated
 * @max_chunk:	out: bytes of the largest free run
 * @reserve:	out: bytes only privileged owners may allocate
 * @backing:	out: DTEST_CMA_REUSABLE, _CLAIMED or _CARVEOUT
 * @__pad:	must be 0
 */
struct dtest_cma_info {
	__u32 flags;
	__u32 pool_id;
	__u64 base;
	__u64 size;
	__u64 used;
	__u64 max_chunk;
	__u64 reserve;
	__u32 backing;
	__u32 __pad;
};

#define DTEST_CMA_INFO_FLAGS	0u

/**
 * struct dtest_cma_owner - CMA_OWNER: this file's limit and privilege
 * @flags:	in: DTEST_CMA_OWNER_PRIVILEGED (needs CAP_SYS_ADMIN) lets
 *		the file allocate below pools' reserve floors
 * @__pad:	must be 0
 * @limit:	in: most bytes the file may hold over all pools; 0: none
 */
struct dtest_cma_owner {
	__u32 flags;
	__u32 __pad;
	__u64 limit;
};

#define DTEST_CMA_OWNER_PRIVILEGED	0x1u
#define DTEST_CMA_OWNER_FLAGS		DTEST_CMA_OWNER_PRIVILEGED

/**
 * struct dtest_cma_rw - CMA_RW: copy between an allocation and userspace
 * @flags:	in: DTEST_CMA_RW_WRITE writes @len bytes from @ptr into the
 *		allocation; without it they are read into @ptr
 * @handle:	in: from CMA_ALLOC
 * @offset:	in: byte offset into the allocation
 * @len:	in: bytes; @offset + @len must lie inside the allocation
 * @ptr:	in: user buffer
 */
struct dtest_cma_rw {
	__u32 flags;
	__u32 handle;
	__u64 offset;
	__u64 len;
	__u64 ptr;
};

#define DTEST_CMA_RW_WRITE	0x1u
#define DTEST_CMA_RW_FLAGS	DTEST_CMA_RW_WRITE

#define DTEST_IOC_CMA_POOL_CREATE _IOWR(DTEST_IOC_MAGIC, 0x10, struct dtest_cma_pool)
#define DTEST_IOC_CMA_POOL_DESTROY _IOWR(DTEST_IOC_MAGIC, 0x11, struct dtest_cma_id)
#define DTEST_IOC_CMA_ALLOC	_IOWR(DTEST_IOC_MAGIC, 0x12, struct dtest_cma_alloc)
#define DTEST_IOC_CMA_FREE	_IOWR(DTEST_IOC_MAGIC, 0x13, struct dtest_cma_id)
#define DTEST_IOC_CMA_INFO	_IOWR(DTEST_IOC_MAGIC, 0x14, struct dtest_cma_info)
#define DTEST_IOC_CMA_OWNER	_IOWR(DTEST_IOC_MAGIC, 0x15, struct dtest_cma_owner)
#define DTEST_IOC_CMA_RW	_IOWR(DTEST_IOC_MAGIC, 0x16, struct dtest_cma_rw)

#endif /* _UAPI_DMABUF_TEST_H */

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
 * 0x20-0x2f exynos_sysmmu, 0x30-0x3f test devices, 0x40-0x4f dmabuf_core.
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
 * @dmabuf_buffers: out: dmabuf_core buffers alive (any exporter user)
 * @dmabuf_bytes: out: bytes those buffers are charged
 * @dmabuf_backed: out: bytes of memory backing them
 * @dmabuf_attachments: out: DMABUF_ATTACH attachments not yet detached
 * @dmabuf_mapped: out: those attachments mapped now
 *
 * Counts only: no kernel or physical address.  Tests read it before and
 * after a run to check that everything went back to its baseline.  The
 * dmabuf_* fields came later: a caller passing the older, shorter
 * structure (up to @mapper_mapped) is still served, without them.
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
	__u64 dmabuf_buffers;
	__u64 dmabuf_bytes;
	__u64 dmabuf_backed;
	__u64 dmabuf_attachments;
	__u64 dmabuf_mapped;
};

#define DTEST_STATS_FLAGS	0u

#define DTEST_IOC_STATS		_IOWR(DTEST_IOC_MAGIC, 0x01, struct dtest_stats)

/*
 * Addresses.  Fields that carry a physical or bus address (CMA_ALLOC
 * @phys, CMA_INFO @base, EDU_DMA @dma_to_dev and @dma_from_dev,
 * MAPPER_ALLOC @dma_addr, MAPPER_SYSMMU @sg_addr and @contig_addr,
 * DMABUF_MAP @dma_addr) are filled only for callers with CAP_SYS_ADMIN; others read 0 there.
 * DMABUF_PHYS, which only reports physical addresses, gives EPERM to others.
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

/* DTEST_EDU_MAPPER_ATTACH flags */
/* Treat edu as not snooping the CPU caches while attached (only where the
 * kernel has non-coherent DMA at all, arm64: EOPNOTSUPP elsewhere).
 */
#define DTEST_EDU_MAPPER_NONCOHERENT	(1u << 0)
/* Flush the IOTLB on every unmap (IOMMU_MAPPER_STRICT). */
#define DTEST_EDU_MAPPER_STRICT		(1u << 1)
#define DTEST_EDU_MAPPER_FLAGS	(DTEST_EDU_MAPPER_NONCOHERENT | DTEST_EDU_MAPPER_STRICT)

/**
 * struct dtest_edu_mapper - route the edu device's DMA through iommu_mapper
 * @op:		in: DTEST_EDU_MAPPER_*
 * @flags:	in, ATTACH: DTEST_EDU_MAPPER_* flags; else 0
 * @base:	in, ATTACH: first IOVA of the window; else 0
 * @size:	in, ATTACH: bytes in the window; else 0
 * @maps:	out: the mapping's map operations so far
 * @unmaps:	out: its unmap operations so far
 * @mapped:	out: bytes of IOVA space mapped now
 * @iova_peak:	out: most bytes of IOVA space in use at once
 *
 * Counters are read after the operation (before the mapping goes, for
 * DETACH).  EBUSY: ATTACH while attached, or ATTACH or DETACH while a
 * dma-buf attachment of edu that was mapped (DMABUF_MAP) still exists
 * (its mapping stays cached until DMABUF_DETACH or close); ENOENT: DETACH
 * or STATS while not; ENODEV: no edu device.
 */
struct dtest_edu_mapper {
	__u32 op;
	__u32 flags;
	__u64 base;
	__u64 size;
	__u64 maps;
	__u64 unmaps;
	__u64 mapped;
	__u64 iova_peak;
};

#define DTEST_IOC_EDU_MAPPER	_IOWR(DTEST_IOC_MAGIC, 0x31, struct dtest_edu_mapper)

/* DTEST_IOC_MAPPER_ALLOC flags */
#define DTEST_MAPPER_ALLOC_CONTIG	(1u << 0)	/* DMA_ATTR_FORCE_CONTIGUOUS */
#define DTEST_MAPPER_ALLOC_ATOMIC	(1u << 1)	/* GFP_ATOMIC, under a spinlock */
#define DTEST_MAPPER_ALLOC_FLAGS	(DTEST_MAPPER_ALLOC_CONTIG | DTEST_MAPPER_ALLOC_ATOMIC)
/* Largest DTEST_IOC_MAPPER_ALLOC buffer. */
#define DTEST_MAPPER_ALLOC_MAX		(64u << 20)

/**
 * struct dtest_mapper_alloc - a dma_alloc_attrs() buffer through the mapper
 * @flags:	in: DTEST_MAPPER_ALLOC_* bits
 * @len:	in: bytes the device moves, 1..DTEST_EDU_MAX_LEN, at most @size
 * @size:	in: bytes to allocate, 1..DTEST_MAPPER_ALLOC_MAX
 * @seed:	in: seed of the byte pattern
 * @__pad:	must be 0
 * @dma_addr:	out: the buffer's device address (0 without CAP_SYS_ADMIN)
 * @verified:	out: bytes read back equal to those written (== @len)
 * @segments:	out: physically contiguous pieces of the buffer (from
 *		dma_get_sgtable(): 1 when contiguous)
 * @large_pages: out: IOMMU pages larger than the smallest that mapping
 *		the buffer took
 * @largest_pgsize: out: the largest IOMMU page size it took
 * @domain_pgsizes: out: the page sizes the IOMMU driver advertises for the
 *		mapping's domain (a bitmap of sizes)
 *
 * edu must be attached to a mapping (DTEST_IOC_EDU_MAPPER).  The kernel
 * writes a pattern into the last @len bytes of the buffer through its
 * kernel mapping, has the device copy them into its own memory and back
 * into the first @len bytes, and compares.  EIO when the bytes differ,
 * ENOMEM when the allocation fails, ENOENT without a mapping.
 */
struct dtest_mapper_alloc {
	__u32 flags;
	__u32 len;
	__u64 size;
	__u32 seed;
	__u32 __pad;
	__u64 dma_addr;
	__u32 verified;
	__u32 segments;
	__u64 large_pages;
	__u64 largest_pgsize;
	__u64 domain_pgsizes;
};

/* DTEST_IOC_MAPPER_SYSMMU flags */
#define DTEST_MAPPER_SYSMMU_CONTIG	(1u << 0)	/* also a FORCE_CONTIGUOUS buffer */
#define DTEST_MAPPER_SYSMMU_FLAGS	DTEST_MAPPER_SYSMMU_CONTIG
/* Largest DTEST_IOC_MAPPER_SYSMMU buffer. */
#define DTEST_MAPPER_SYSMMU_MAX		(16u << 20)

/**
 * struct dtest_mapper_sysmmu - a master behind a model exynos_sysmmu,
 * its DMA API routed through an iommu_mapper window in its domain
 * @model:	in: model SYSMMU instance
 * @flags:	in: DTEST_MAPPER_SYSMMU_* bits
 * @size:	in: bytes, a multiple of 4096, 4096..DTEST_MAPPER_SYSMMU_MAX
 * @seed:	in: seed of the byte pattern
 * @__pad:	must be 0
 * @sg_addr:	out: device address of the dma_map_sg() list (0 without
 *		CAP_SYS_ADMIN)
 * @sg_segments: out: DMA segments the list of @size / 4096 separate
 *		pages took (1: merged)
 * @sg_verified: out: bytes the model device read from the list equal to
 *		those written (== @size)
 * @contig_addr: out, CONTIG: device address of a @size
 *		DMA_ATTR_FORCE_CONTIGUOUS buffer (0 without CAP_SYS_ADMIN)
 * @contig_verified: out, CONTIG: bytes the model wrote into it that the
 *		CPU read back equal (== @size)
 * @sections:	out: 1 MiB IOMMU pages (SYSMMU sections) the mapper used
 *
 * EIO when bytes differ; ENODEV without that model instance.
 */
struct dtest_mapper_sysmmu {
	__u32 model;
	__u32 flags;
	__u64 size;
	__u32 seed;
	__u32 __pad;
	__u64 sg_addr;
	__u32 sg_segments;
	__u32 sg_verified;
	__u64 contig_addr;
	__u64 contig_verified;
	__u64 sections;
};

/**
 * struct dtest_mapper_stats - the counters of edu's iommu_mapper mapping
 * @flags:	in: none defined; must be 0
 * @__pad:	must be 0
 * @maps:	out: map operations
 * @unmaps:	out: unmap operations
 * @mapped:	out: bytes mapped now
 * @iotlb_flushes: out: IOTLB flushes done by the flush queue
 * @deferred:	out: unmapped ranges waiting for a flush now
 * @cache_syncs: out: cache maintenance operations (non-coherent only)
 * @large_pages: out: IOMMU pages larger than the domain's smallest that
 *		maps have used
 *
 * ENOENT when edu is not attached.
 */
struct dtest_mapper_stats {
	__u32 flags;
	__u32 __pad;
	__u64 maps;
	__u64 unmaps;
	__u64 mapped;
	__u64 iotlb_flushes;
	__u64 deferred;
	__u64 cache_syncs;
	__u64 large_pages;
};

/* DTEST_IOC_MAPPER_BENCH flags */
#define DTEST_MAPPER_BENCH_STRICT	(1u << 0)	/* the mapper without its flush queue */
#define DTEST_MAPPER_BENCH_FLAGS	DTEST_MAPPER_BENCH_STRICT
/* Largest DTEST_IOC_MAPPER_BENCH list. */
#define DTEST_MAPPER_BENCH_MAX		(64u << 20)

/**
 * struct dtest_mapper_bench - dma_map_sg()+dma_unmap_sg() timed on edu
 * through its default DMA path and through an iommu_mapper window
 * @flags:	in: DTEST_MAPPER_BENCH_* bits
 * @iters:	in: map+unmap pairs per path, 1..100000
 * @size:	in: bytes in the list (order-0 pages), 4096..DTEST_MAPPER_BENCH_MAX,
 *		a multiple of 4096
 * @default_ns:	out: nanoseconds for @iters pairs through the default path
 * @mapper_ns:	out: the same through the mapper
 * @mapper_maps: out: timed map operations the mapper counted (== @iters;
 *		each path first makes one untimed warm-up pair)
 *
 * A benchmark, not a test.  edu must not be attached to a mapping nor
 * have mapped dma-buf attachments (EBUSY); the kernel attaches it to a
 * 128 MiB window at 16 MiB for the second half and detaches it again.
 * EAGAIN: the default path ran out of IOVA space that its flush queue
 * still held; try again.
 */
struct dtest_mapper_bench {
	__u32 flags;
	__u32 iters;
	__u64 size;
	__u64 default_ns;
	__u64 mapper_ns;
	__u64 mapper_maps;
};

/* iommu_mapper ioctls: 0x32-0x37 */
#define DTEST_IOC_MAPPER_ALLOC	_IOWR(DTEST_IOC_MAGIC, 0x32, struct dtest_mapper_alloc)
#define DTEST_IOC_MAPPER_SYSMMU	_IOWR(DTEST_IOC_MAGIC, 0x33, struct dtest_mapper_sysmmu)
#define DTEST_IOC_MAPPER_STATS	_IOWR(DTEST_IOC_MAGIC, 0x34, struct dtest_mapper_stats)
#define DTEST_IOC_MAPPER_BENCH	_IOWR(DTEST_IOC_MAGIC, 0x35, struct dtest_mapper_bench)

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
 * @port:	in: which of the master's SYSMMUs the transfer goes through:
 *		0 the one it was created on, then as DTEST_IOC_SYSMMU_ADD
 *		numbered them
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
	__u32 port;
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

/**
 * struct dtest_sysmmu_add - put the master behind one more model SYSMMU
 * @flags:	in: none defined yet; must be 0
 * @handle:	in
 * @model:	in: model instance of the same table format
 * @port:	out: its port number, for &struct dtest_sysmmu_dma.port
 *
 * The attached domain is programmed into it too, and every unmap is
 * flushed from every SYSMMU of the master.
 */
struct dtest_sysmmu_add {
	__u32 flags;
	__u32 handle;
	__u32 model;
	__u32 port;
};

#define DTEST_SYSMMU_ADD_FLAGS		0u

/**
 * struct dtest_sysmmu_pm - runtime PM of the master
 * @flags:	in: exactly one of DTEST_SYSMMU_PM_*
 * @handle:	in
 *
 * Its SYSMMUs follow it: suspended, they lose their registers and TLB;
 * resumed, the driver programs them again with the attached domain.
 * Suspending a suspended master (or resuming a resumed one) is EALREADY;
 * a kernel without runtime PM (CONFIG_PM) answers EOPNOTSUPP.
 */
struct dtest_sysmmu_pm {
	__u32 flags;
	__u32 handle;
};

#define DTEST_SYSMMU_PM_SUSPEND		(1u << 0)	/* pm_runtime_put_sync() */
#define DTEST_SYSMMU_PM_RESUME		(1u << 1)	/* pm_runtime_resume_and_get() */
#define DTEST_SYSMMU_PM_FLAGS		(DTEST_SYSMMU_PM_SUSPEND | DTEST_SYSMMU_PM_RESUME)

/**
 * struct dtest_sysmmu_dt - exynos_sysmmu's DT path via the IOMMU core, once
 * @flags:	in: none defined yet; must be 0
 * @master:	in: which master of the overlay: 0 sits behind two v3.3
 *		SYSMMUs (two ``iommus`` entries), 1 behind one v5.0 SYSMMU
 * @iova:	in: 4 KiB aligned; @iova + @pages * 4 KiB at most 4 GiB
 * @pages:	in: pages to map, 1..DTEST_SYSMMU_MAX_PAGES, each allocated
 *		on its own (scattered), zeroed
 * @ports:	out: SYSMMUs the master sits behind as the core gave them
 *		(one of_xlate call per ``iommus`` entry): the ports a
 *		transfer went through after the attach
 * @group:	out: id of the IOMMU group the core put the master in
 * @default_type: out: DTEST_SYSMMU_DT_DOMAIN_* type of the domain the
 *		core attached when it probed the master
 * @restored_type: out: DTEST_SYSMMU_DT_DOMAIN_* type of the master's
 *		domain after iommu_detach_device()
 * @before_attach: out: errno of a transfer before the paging domain is
 *		attached (ENODEV: nothing translates yet)
 * @translated:	out: bytes of the mapping iommu_iova_to_phys() translated
 *		to their page (checked at 42 bytes into each page)
 * @moved:	out: bytes the device wrote through port 0 plus bytes it
 *		read back through every port, after the attach
 * @mismatches:	out: bytes of those that differed from the pattern (what
 *		the CPU finds in the pages after the write, what the device
 *		read back after it)
 * @unmapped:	out: bytes iommu_unmap() reported
 * @fault_result: out: errno of a transfer at @iova after the unmap
 *		(EFAULT: the SYSMMU faulted)
 * @fault_iova:	out: address the domain's fault handler received
 * @faults:	out: faults the handler received in all
 * @__pad:	must be 0
 *
 * The kernel applies an overlay with three SYSMMU nodes backed by
 * exynos_sysmmu's model and two masters with ``iommus``, binds the
 * masters so that the IOMMU core probes them, and on the chosen master
 * uses only the standard API: iommu_paging_domain_alloc(),
 * iommu_attach_device(), iommu_map() of every page, iommu_iova_to_phys(),
 * transfers by the model, iommu_unmap(), iommu_detach_device(),
 * iommu_domain_free(); then removes the overlay and with it every device.
 * EOPNOTSUPP where the kernel has no device-tree overlays or keeps IOMMU
 * ops per bus; EBUSY while another run is in progress.
 */
struct dtest_sysmmu_dt {
	__u32 flags;
	__u32 master;
	__u64 iova;
	__u32 pages;
	__u32 ports;
	__u32 group;
	__u32 default_type;
	__u32 restored_type;
	__u32 before_attach;
	__u64 translated;
	__u64 moved;
	__u64 mismatches;
	__u64 unmapped;
	__u32 fault_result;
	__u32 faults;
	__u64 fault_iova;
	__u64 __pad;
};

#define DTEST_SYSMMU_DT_FLAGS		0u
#define DTEST_SYSMMU_DT_MASTERS		2
/* &struct dtest_sysmmu_dt domain types (0: none) */
#define DTEST_SYSMMU_DT_DOMAIN_IDENTITY	1	/* translation off */
#define DTEST_SYSMMU_DT_DOMAIN_PAGING	2	/* a page table */
#define DTEST_SYSMMU_DT_DOMAIN_OTHER	3	/* anything else */

#define DTEST_IOC_SYSMMU_CREATE	_IOWR(DTEST_IOC_MAGIC, 0x20, struct dtest_sysmmu_create)
#define DTEST_IOC_SYSMMU_MAP	_IOWR(DTEST_IOC_MAGIC, 0x21, struct dtest_sysmmu_map)
#define DTEST_IOC_SYSMMU_UNMAP	_IOWR(DTEST_IOC_MAGIC, 0x22, struct dtest_sysmmu_unmap)
#define DTEST_IOC_SYSMMU_DMA	_IOWR(DTEST_IOC_MAGIC, 0x23, struct dtest_sysmmu_dma)
#define DTEST_IOC_SYSMMU_PAGE	_IOWR(DTEST_IOC_MAGIC, 0x24, struct dtest_sysmmu_page)
#define DTEST_IOC_SYSMMU_DESTROY _IOWR(DTEST_IOC_MAGIC, 0x25, struct dtest_sysmmu_destroy)
#define DTEST_IOC_SYSMMU_ADD	_IOWR(DTEST_IOC_MAGIC, 0x26, struct dtest_sysmmu_add)
#define DTEST_IOC_SYSMMU_PM	_IOWR(DTEST_IOC_MAGIC, 0x27, struct dtest_sysmmu_pm)
#define DTEST_IOC_SYSMMU_DT	_IOWR(DTEST_IOC_MAGIC, 0x28, struct dtest_sysmmu_dt)

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

/**
 * struct dtest_cma_find - CMA_POOL_FIND: an existing pool by name (one
 *	of pools=, of the device tree, the default pool)
 * @flags:	in: none defined yet; must be 0
 * @pool_id:	out: names the pool in the other cma ioctls (never 0);
 *		CMA_POOL_DESTROY on it forgets the id, the pool stays
 * @name:	in: the pool's name, NUL-terminated
 */
struct dtest_cma_find {
	__u32 flags;
	__u32 pool_id;
	char name[24];
};

#define DTEST_CMA_FIND_FLAGS	0u

#define DTEST_IOC_CMA_POOL_CREATE _IOWR(DTEST_IOC_MAGIC, 0x10, struct dtest_cma_pool)
#define DTEST_IOC_CMA_POOL_DESTROY _IOWR(DTEST_IOC_MAGIC, 0x11, struct dtest_cma_id)
#define DTEST_IOC_CMA_ALLOC	_IOWR(DTEST_IOC_MAGIC, 0x12, struct dtest_cma_alloc)
#define DTEST_IOC_CMA_FREE	_IOWR(DTEST_IOC_MAGIC, 0x13, struct dtest_cma_id)
#define DTEST_IOC_CMA_INFO	_IOWR(DTEST_IOC_MAGIC, 0x14, struct dtest_cma_info)
#define DTEST_IOC_CMA_OWNER	_IOWR(DTEST_IOC_MAGIC, 0x15, struct dtest_cma_owner)
#define DTEST_IOC_CMA_RW	_IOWR(DTEST_IOC_MAGIC, 0x16, struct dtest_cma_rw)
#define DTEST_IOC_CMA_POOL_FIND	_IOWR(DTEST_IOC_MAGIC, 0x17, struct dtest_cma_find)

/*
 * dmabuf_core (0x40-0x4f).  Each open file of /dev/dmabuf-test is one
 * dmabuf_core owner: the buffers it allocates are charged to it until
 * they are released (when the last fd and mapping of each goes, wherever
 * the fds went).  Attachments are the file's own, named by handles, and
 * are unmapped and detached when it is closed.  Any dma-buf fd can be
 * attached, not only ours.
 */

/* dtest_dmabuf_alloc.policy */
#define DTEST_DMABUF_POLICY_AUTO	0	/* late, from the attached devices */
#define DTEST_DMABUF_POLICY_SYSTEM	1	/* scattered system pages only */
#define DTEST_DMABUF_POLICY_CONTIG	2	/* a cma_pool pool (@pool_id, or the default) */

/* dtest_dmabuf_alloc.flags */
#define DTEST_DMABUF_ALLOC_CLOEXEC	(1u << 0)	/* the fd gets O_CLOEXEC */
#define DTEST_DMABUF_ALLOC_DMA32	(1u << 1)	/* backing below 4 GiB */
#define DTEST_DMABUF_ALLOC_FLAGS	(DTEST_DMABUF_ALLOC_CLOEXEC | DTEST_DMABUF_ALLOC_DMA32)

/**
 * struct dtest_dmabuf_alloc - DMABUF_ALLOC: a new buffer and its fd
 * @flags:	in: DTEST_DMABUF_ALLOC_*
 * @policy:	in: DTEST_DMABUF_POLICY_*
 * @size:	in: bytes, non-zero (rounded up to pages)
 * @fd:		out: the dma-buf file descriptor
 * @pool_id:	in: the cma_pool pool contiguous backing comes from: a
 *		pool_id from CMA_POOL_CREATE or CMA_POOL_FIND, or 0 for
 *		cma_pool's default pool (this field was padding that had to
 *		be 0, so older callers get the default)
 *
 * EDQUOT: this file's limit (DMABUF_OWNER) would be exceeded; ENOMEM:
 * dmabuf_core's global limit would be; ENOENT: no pool has @pool_id;
 * EINVAL: a @pool_id with DTEST_DMABUF_POLICY_SYSTEM.  No memory is
 * allocated yet.  The buffer holds a reference to its pool until it is
 * released: CMA_POOL_DESTROY of it gives EBUSY until then.
 */
struct dtest_dmabuf_alloc {
	__u32 flags;
	__u32 policy;
	__u64 size;
	__u32 fd;
	__u32 pool_id;
};

/* dtest_dmabuf_attach.device */
#define DTEST_DMABUF_DEV_EDU	1	/* QEMU's edu, behind the IOMMU (or iommu_mapper) */
#define DTEST_DMABUF_DEV_CONTIG	2	/* software device: dma-direct, one segment only */
#define DTEST_DMABUF_DEV_SG	3	/* software device: dma-direct, scatter-gather */
/* A master of its own behind model exynos_sysmmu instance 0 (exynos_sysmmu
 * loaded with model=1 or more), its DMA API through an iommu_mapper window
 * of 256 MiB at 256 MiB in the SYSMMU's page tables; its transfers go
 * through the model's TLB and table walker.  ENODEV without a model;
 * EBUSY while that SYSMMU serves another master (one at a time).
 */
#define DTEST_DMABUF_DEV_SYSMMU	4
/* The scatter-gather software device attached as a dynamic importer
 * (dma_buf_dynamic_attach() with a move_notify): it maps under the
 * reservation lock, and move_notify drops its mapping (counted,
 * DMABUF_ATT_INFO); DMA then needs a new DMABUF_MAP.  Our buffers only
 * (DMABUF_ALLOC's): EINVAL for other dma-bufs.
 */
#define DTEST_DMABUF_DEV_DYN	5

/**
 * struct dtest_dmabuf_attach - DMABUF_ATTACH: attach a test device to a dma-buf
 * @flags:	in: none defined yet; must be 0
 * @fd:		in: any dma-buf fd
 * @device:	in: DTEST_DMABUF_DEV_*
 * @handle:	out: names the attachment (never 0)
 *
 * EBUSY: the exporter cannot serve the device (for our buffers: the
 * backing would have to move while it is mapped, or no backing fits);
 * ENODEV: no such test device.
 */
struct dtest_dmabuf_attach {
	__u32 flags;
	__u32 fd;
	__u32 device;
	__u32 handle;
};

#define DTEST_DMABUF_ATTACH_FLAGS	0u

/* dtest_dmabuf_map.dir */
#define DTEST_DMABUF_BIDIRECTIONAL	0
#define DTEST_DMABUF_TO_DEVICE		1
#define DTEST_DMABUF_FROM_DEVICE	2

#define DTEST_DMABUF_MAP_UNMAP		(1u << 0)	/* unmap instead */
#define DTEST_DMABUF_MAP_FLAGS		DTEST_DMABUF_MAP_UNMAP

/**
 * struct dtest_dmabuf_map - DMABUF_MAP: map (or unmap) an attachment
 * @flags:	in: DTEST_DMABUF_MAP_*
 * @handle:	in: from DMABUF_ATTACH
 * @dir:	in, map: DTEST_DMABUF_BIDIRECTIONAL, _TO_DEVICE or _FROM_DEVICE;
 *		unmap: 0
 * @nents:	out, map: DMA segments of the mapping
 * @dma_addr:	out, map: device address of the first segment (0 without
 *		CAP_SYS_ADMIN)
 * @dma_len:	out, map: bytes of the first segment
 *
 * EBUSY: already mapped (map) / ENOENT: not mapped (unmap).
 */
struct dtest_dmabuf_map {
	__u32 flags;
	__u32 handle;
	__u32 dir;
	__u32 nents;
	__u64 dma_addr;
	__u64 dma_len;
};

#define DTEST_DMABUF_DMA_WRITE		(1u << 0)	/* device writes the pattern */
#define DTEST_DMABUF_DMA_FLAGS		DTEST_DMABUF_DMA_WRITE
#define DTEST_DMABUF_MAX_DMA		(64u << 20)

/* Byte @i (offset in the buffer) of the pattern with @seed. */
#define DTEST_DMABUF_PATTERN(seed, i)					\
	((__u8)((((__u32)(i) + (__u32)(seed)) * 2654435761u) >> 24))

/**
 * struct dtest_dmabuf_dma - DMABUF_DMA: the attached device moves bytes
 * @flags:	in: DTEST_DMABUF_DMA_WRITE: the device writes
 *		DTEST_DMABUF_PATTERN(@seed, offset) over the range; without
 *		it, the device reads the range and the kernel compares it
 *		with that pattern
 * @handle:	in: a mapped attachment
 * @offset:	in: byte offset in the buffer
 * @len:	in: bytes, 1..DTEST_DMABUF_MAX_DMA, inside the buffer
 * @seed:	in: the pattern's seed
 * @__pad:	must be 0
 * @verified:	out: bytes the device moved and the kernel checked (read:
 *		equal to the pattern; write: the device finished)
 *
 * EIO: the bytes read differ (or the contiguous device was given more
 * than one segment); ENOENT: not mapped.  Device writes need a mapping
 * for FROM_DEVICE or BIDIRECTIONAL, reads for TO_DEVICE or BIDIRECTIONAL.
 */
struct dtest_dmabuf_dma {
	__u32 flags;
	__u32 handle;
	__u64 offset;
	__u64 len;
	__u32 seed;
	__u32 __pad;
	__u64 verified;
};

/**
 * struct dtest_dmabuf_detach - DMABUF_DETACH: unmap if mapped, detach
 * @flags:	in: none defined yet; must be 0
 * @handle:	in
 */
struct dtest_dmabuf_detach {
	__u32 flags;
	__u32 handle;
};

#define DTEST_DMABUF_DETACH_FLAGS	0u

/* dtest_dmabuf_info.backing */
#define DTEST_DMABUF_BACKING_NONE	0	/* not allocated yet */
#define DTEST_DMABUF_BACKING_SYSTEM	1	/* scattered system pages */
#define DTEST_DMABUF_BACKING_CMA	2	/* one cma_pool range */

/**
 * struct dtest_dmabuf_info - DMABUF_INFO: one of our buffers, by fd
 * @flags:	in: none defined yet; must be 0
 * @fd:		in: a dma-buf fd from DMABUF_ALLOC (EINVAL for foreign ones)
 * @size:	out: bytes
 * @backing:	out: DTEST_DMABUF_BACKING_*
 * @chunks:	out: physically contiguous pieces of the backing
 * @backed:	out: bytes of memory backing it
 * @attachments: out: devices attached (by anyone)
 * @mapped:	out: attachments mapped now
 * @vmaps:	out: kernel mappings now
 * @mmaps:	out: user mappings now
 * @maps:	out: device mappings made so far
 * @migrations:	out: times the backing moved
 */
struct dtest_dmabuf_info {
	__u32 flags;
	__u32 fd;
	__u64 size;
	__u32 backing;
	__u32 chunks;
	__u64 backed;
	__u32 attachments;
	__u32 mapped;
	__u32 vmaps;
	__u32 mmaps;
	__u64 maps;
	__u64 migrations;
};

#define DTEST_DMABUF_INFO_FLAGS		0u

#define DTEST_DMABUF_STATS_OWNER	(1u << 0)	/* this file's, not all */
#define DTEST_DMABUF_STATS_FLAGS	DTEST_DMABUF_STATS_OWNER

/**
 * struct dtest_dmabuf_stats - DMABUF_STATS: dmabuf_core's totals
 * @flags:	in: DTEST_DMABUF_STATS_OWNER: this file's buffers only
 * @__pad:	must be 0
 * @buffers:	out: buffers alive
 * @bytes:	out: bytes charged
 * @backed:	out: bytes of memory allocated to them
 */
struct dtest_dmabuf_stats {
	__u32 flags;
	__u32 __pad;
	__u64 buffers;
	__u64 bytes;
	__u64 backed;
};

/**
 * struct dtest_dmabuf_owner - DMABUF_OWNER: this file's byte limit
 * @flags:	in: none defined yet; must be 0
 * @__pad:	must be 0
 * @limit:	in: most bytes of buffers the file may hold; 0: none
 */
struct dtest_dmabuf_owner {
	__u32 flags;
	__u32 __pad;
	__u64 limit;
};

#define DTEST_DMABUF_OWNER_FLAGS	0u

#define DTEST_DMABUF_VMAP_WRITE		(1u << 0)	/* write the pattern */
#define DTEST_DMABUF_VMAP_FLAGS		DTEST_DMABUF_VMAP_WRITE

/**
 * struct dtest_dmabuf_vmap - DMABUF_VMAP: the kernel vmaps any dma-buf
 * @flags:	in: DTEST_DMABUF_VMAP_WRITE writes the pattern over the
 *		range; without it the range is compared with it
 * @fd:		in: any dma-buf fd
 * @offset:	in: byte offset
 * @len:	in: bytes, non-zero, inside the buffer
 * @seed:	in: the pattern's seed (DTEST_DMABUF_PATTERN)
 * @__pad:	must be 0
 * @verified:	out: bytes written or found equal
 *
 * EIO: the bytes differ.
 */
struct dtest_dmabuf_vmap {
	__u32 flags;
	__u32 fd;
	__u64 offset;
	__u64 len;
	__u32 seed;
	__u32 __pad;
	__u64 verified;
};

/**
 * struct dtest_dmabuf_sysmmu_stats - DMABUF_SYSMMU_STATS: SYSMMU masters' IOVA counters
 * @flags:	in: none defined yet; must be 0
 * @masters:	out: such masters (one per attachment)
 * @maps:	out: map operations
 * @unmaps:	out: unmap operations
 * @mapped:	out: bytes of IOVA space mapped now
 * @iova_peak:	out: sum of each window's most bytes in use at once
 *
 * The iommu_mapper windows of the DTEST_DMABUF_DEV_SYSMMU masters alive
 * now (over all files), summed.
 */
struct dtest_dmabuf_sysmmu_stats {
	__u32 flags;
	__u32 masters;
	__u64 maps;
	__u64 unmaps;
	__u64 mapped;
	__u64 iova_peak;
};

#define DTEST_DMABUF_SYSMMU_STATS_FLAGS	0u

/**
 * struct dtest_dmabuf_phys - DMABUF_PHYS: where one of our buffers lies
 *	(CAP_SYS_ADMIN only: EPERM for others)
 * @flags:	in: none defined yet; must be 0
 * @fd:		in: a dma-buf fd from DMABUF_ALLOC (EINVAL for foreign ones)
 * @min_phys:	out: lowest physical address of the backing
 * @max_phys:	out: highest physical address of the backing (its last byte)
 * @chunks:	out: physically contiguous pieces; 0: no backing yet (then
 *		@min_phys and @max_phys are 0)
 * @backing:	out: DTEST_DMABUF_BACKING_*
 *
 * Proves which memory a device's DMA mask made the backing come from.
 */
struct dtest_dmabuf_phys {
	__u32 flags;
	__u32 fd;
	__u64 min_phys;
	__u64 max_phys;
	__u32 chunks;
	__u32 backing;
};

#define DTEST_DMABUF_PHYS_FLAGS		0u

/**
 * struct dtest_dmabuf_att_info - DMABUF_ATT_INFO: one of this file's attachments
 * @flags:	in: none defined yet; must be 0
 * @handle:	in: from DMABUF_ATTACH
 * @device:	out: DTEST_DMABUF_DEV_*
 * @mapped:	out: 1 while mapped (DMABUF_MAP), else 0
 * @moves:	out: move_notify calls it got (DTEST_DMABUF_DEV_DYN; 0 for
 *		static importers)
 *
 * ENOENT: no such handle.
 */
struct dtest_dmabuf_att_info {
	__u32 flags;
	__u32 handle;
	__u32 device;
	__u32 mapped;
	__u64 moves;
};

#define DTEST_DMABUF_ATT_INFO_FLAGS	0u

#define DTEST_IOC_DMABUF_ALLOC	_IOWR(DTEST_IOC_MAGIC, 0x40, struct dtest_dmabuf_alloc)
#define DTEST_IOC_DMABUF_ATTACH	_IOWR(DTEST_IOC_MAGIC, 0x41, struct dtest_dmabuf_attach)
#define DTEST_IOC_DMABUF_MAP	_IOWR(DTEST_IOC_MAGIC, 0x42, struct dtest_dmabuf_map)
#define DTEST_IOC_DMABUF_DMA	_IOWR(DTEST_IOC_MAGIC, 0x43, struct dtest_dmabuf_dma)
#define DTEST_IOC_DMABUF_DETACH	_IOWR(DTEST_IOC_MAGIC, 0x44, struct dtest_dmabuf_detach)
#define DTEST_IOC_DMABUF_INFO	_IOWR(DTEST_IOC_MAGIC, 0x45, struct dtest_dmabuf_info)
#define DTEST_IOC_DMABUF_STATS	_IOWR(DTEST_IOC_MAGIC, 0x46, struct dtest_dmabuf_stats)
#define DTEST_IOC_DMABUF_OWNER	_IOWR(DTEST_IOC_MAGIC, 0x47, struct dtest_dmabuf_owner)
#define DTEST_IOC_DMABUF_VMAP	_IOWR(DTEST_IOC_MAGIC, 0x48, struct dtest_dmabuf_vmap)
#define DTEST_IOC_DMABUF_PHYS	_IOWR(DTEST_IOC_MAGIC, 0x49, struct dtest_dmabuf_phys)
#define DTEST_IOC_DMABUF_ATT_INFO _IOWR(DTEST_IOC_MAGIC, 0x4a, struct dtest_dmabuf_att_info)
#define DTEST_IOC_DMABUF_SYSMMU_STATS _IOWR(DTEST_IOC_MAGIC, 0x4c, struct dtest_dmabuf_sysmmu_stats)

#endif /* _UAPI_DMABUF_TEST_H */

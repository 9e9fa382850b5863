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

#endif /* _UAPI_DMABUF_TEST_H */

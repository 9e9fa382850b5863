// SPDX-License-Identifier: GPL-2.0
/*
 * test_exporter: /dev/dmabuf-test, the ioctl device that drives dmashare
 * from userspace (tools/dmabuf-test).
 *
 * Argument handling follows Documentation/process/botching-up-ioctls.rst:
 * one table entry per command, the argument copied in with
 * copy_struct_from_user() so that older (shorter) and newer (longer,
 * zero-tailed) structures both work, every field validated by the
 * handler, and nothing copied back unless the command succeeded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <kunit/visibility.h>
#include <linux/atomic.h>
#include <linux/cdev.h>
#include <linux/cred.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/nospec.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

/*
 * Who may open the device: the node's permission bits and group, fixed
 * when it is created (at load).  The owner is always root.
 */
static ushort dev_mode = 0600;
module_param(dev_mode, ushort, 0444);
MODULE_PARM_DESC(dev_mode, "permission bits of /dev/dmabuf-test, octal (default 0600)");

static uint dev_gid;
module_param(dev_gid, uint, 0444);
MODULE_PARM_DESC(dev_gid, "group of /dev/dmabuf-test, a numeric gid (default 0: root)");

/* Open files of the device, for DTEST_IOC_STATS. */
static atomic_long_t dtest_nr_files = ATOMIC_LONG_INIT(0);

static int dtest_ioctl_info(struct file *file, void *arg)
{
	struct dtest_info *info = arg;

	if (info->flags & ~DTEST_INFO_FLAGS || info->__pad)
		return -EINVAL;
	/* Output fields must come in zeroed, so they can carry input later. */
	if (info->api_version || info->info_size || info->features)
		return -EINVAL;

	info->api_version = DTEST_API_VERSION;
	info->info_size = sizeof(*info);
	info->features = 0;
	return 0;
}

static int dtest_ioctl_stats(struct file *file, void *arg)
{
	struct dtest_stats *st = arg;

	if (st->flags & ~DTEST_STATS_FLAGS || st->__pad)
		return -EINVAL;
	if (st->files || st->cma_bufs || st->cma_pages || st->cma_pools ||
	    st->cma_pool_used || st->sysmmu_ctxs || st->sysmmu_pages ||
	    st->mapper_attached || st->mapper_mapped || st->dmabuf_buffers ||
	    st->dmabuf_bytes || st->dmabuf_backed || st->dmabuf_attachments ||
	    st->dmabuf_mapped)
		return -EINVAL;

	st->files = atomic_long_read(&dtest_nr_files);
	dtest_cma_stats(st);
	dtest_sysmmu_stats(st);
	dtest_edu_stats(st);
	dtest_dmabuf_stats(st);
	return 0;
}

/* Indexed by _IOC_NR(); holes (no handler) answer -ENOTTY. */
static const struct dtest_ioctl_desc dtest_ioctls[] = {
	[_IOC_NR(DTEST_IOC_INFO)] = {
		.cmd = DTEST_IOC_INFO,
		.min_size = sizeof(struct dtest_info),
		.handler = dtest_ioctl_info,
	},
	[_IOC_NR(DTEST_IOC_STATS)] = {
		.cmd = DTEST_IOC_STATS,
		/* The dmabuf_* fields came later: older callers stop before. */
		.min_size = offsetofend(struct dtest_stats, mapper_mapped),
		.handler = dtest_ioctl_stats,
	},
	[_IOC_NR(DTEST_IOC_EDU_DMA)] = {
		.cmd = DTEST_IOC_EDU_DMA,
		.min_size = sizeof(struct dtest_edu_dma),
		.handler = dtest_ioctl_edu_dma,
	},
	[_IOC_NR(DTEST_IOC_EDU_MAPPER)] = {
		.cmd = DTEST_IOC_EDU_MAPPER,
		.min_size = sizeof(struct dtest_edu_mapper),
		.handler = dtest_ioctl_edu_mapper,
	},
	[_IOC_NR(DTEST_IOC_MAPPER_ALLOC)] = {
		.cmd = DTEST_IOC_MAPPER_ALLOC,
		.min_size = sizeof(struct dtest_mapper_alloc),
		.handler = dtest_ioctl_mapper_alloc,
	},
	[_IOC_NR(DTEST_IOC_MAPPER_SYSMMU)] = {
		.cmd = DTEST_IOC_MAPPER_SYSMMU,
		.min_size = sizeof(struct dtest_mapper_sysmmu),
		.handler = dtest_ioctl_mapper_sysmmu,
	},
	[_IOC_NR(DTEST_IOC_MAPPER_STATS)] = {
		.cmd = DTEST_IOC_MAPPER_STATS,
		.min_size = sizeof(struct dtest_mapper_stats),
		.handler = dtest_ioctl_mapper_stats,
	},
	[_IOC_NR(DTEST_IOC_MAPPER_BENCH)] = {
		.cmd = DTEST_IOC_MAPPER_BENCH,
		.min_size = sizeof(struct dtest_mapper_bench),
		.handler = dtest_ioctl_mapper_bench,
	},
	/* exynos_sysmmu: 0x20-0x2f (sysmmu.c) */
	[_IOC_NR(DTEST_IOC_SYSMMU_CREATE)] = {
		.cmd = DTEST_IOC_SYSMMU_CREATE,
		.min_size = sizeof(struct dtest_sysmmu_create),
		.handler = dtest_ioctl_sysmmu_create,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_MAP)] = {
		.cmd = DTEST_IOC_SYSMMU_MAP,
		.min_size = sizeof(struct dtest_sysmmu_map),
		.handler = dtest_ioctl_sysmmu_map,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_UNMAP)] = {
		.cmd = DTEST_IOC_SYSMMU_UNMAP,
		.min_size = sizeof(struct dtest_sysmmu_unmap),
		.handler = dtest_ioctl_sysmmu_unmap,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_DMA)] = {
		.cmd = DTEST_IOC_SYSMMU_DMA,
		.min_size = sizeof(struct dtest_sysmmu_dma),
		.handler = dtest_ioctl_sysmmu_dma,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_PAGE)] = {
		.cmd = DTEST_IOC_SYSMMU_PAGE,
		.min_size = sizeof(struct dtest_sysmmu_page),
		.handler = dtest_ioctl_sysmmu_page,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_DESTROY)] = {
		.cmd = DTEST_IOC_SYSMMU_DESTROY,
		.min_size = sizeof(struct dtest_sysmmu_destroy),
		.handler = dtest_ioctl_sysmmu_destroy,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_ADD)] = {
		.cmd = DTEST_IOC_SYSMMU_ADD,
		.min_size = sizeof(struct dtest_sysmmu_add),
		.handler = dtest_ioctl_sysmmu_add,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_PM)] = {
		.cmd = DTEST_IOC_SYSMMU_PM,
		.min_size = sizeof(struct dtest_sysmmu_pm),
		.handler = dtest_ioctl_sysmmu_pm,
	},
	[_IOC_NR(DTEST_IOC_SYSMMU_DT)] = {
		.cmd = DTEST_IOC_SYSMMU_DT,
		.min_size = sizeof(struct dtest_sysmmu_dt),
		.handler = dtest_ioctl_sysmmu_dt,
	},
	[_IOC_NR(DTEST_IOC_CMA_POOL_CREATE)] = {
		.cmd = DTEST_IOC_CMA_POOL_CREATE,
		.min_size = sizeof(struct dtest_cma_pool),
		.handler = dtest_ioctl_cma_pool_create,
	},
	[_IOC_NR(DTEST_IOC_CMA_POOL_DESTROY)] = {
		.cmd = DTEST_IOC_CMA_POOL_DESTROY,
		.min_size = sizeof(struct dtest_cma_id),
		.handler = dtest_ioctl_cma_pool_destroy,
	},
	[_IOC_NR(DTEST_IOC_CMA_ALLOC)] = {
		.cmd = DTEST_IOC_CMA_ALLOC,
		.min_size = sizeof(struct dtest_cma_alloc),
		.handler = dtest_ioctl_cma_alloc,
	},
	[_IOC_NR(DTEST_IOC_CMA_FREE)] = {
		.cmd = DTEST_IOC_CMA_FREE,
		.min_size = sizeof(struct dtest_cma_id),
		.handler = dtest_ioctl_cma_free,
	},
	[_IOC_NR(DTEST_IOC_CMA_INFO)] = {
		.cmd = DTEST_IOC_CMA_INFO,
		.min_size = sizeof(struct dtest_cma_info),
		.handler = dtest_ioctl_cma_info,
	},
	[_IOC_NR(DTEST_IOC_CMA_OWNER)] = {
		.cmd = DTEST_IOC_CMA_OWNER,
		.min_size = sizeof(struct dtest_cma_owner),
		.handler = dtest_ioctl_cma_owner,
	},
	[_IOC_NR(DTEST_IOC_CMA_RW)] = {
		.cmd = DTEST_IOC_CMA_RW,
		.min_size = sizeof(struct dtest_cma_rw),
		.handler = dtest_ioctl_cma_rw,
	},
	[_IOC_NR(DTEST_IOC_CMA_POOL_FIND)] = {
		.cmd = DTEST_IOC_CMA_POOL_FIND,
		.min_size = sizeof(struct dtest_cma_find),
		.handler = dtest_ioctl_cma_pool_find,
	},
	/* dmabuf_core: 0x40-0x4f (dmabuf.c) */
	[_IOC_NR(DTEST_IOC_DMABUF_ALLOC)] = {
		.cmd = DTEST_IOC_DMABUF_ALLOC,
		.min_size = sizeof(struct dtest_dmabuf_alloc),
		.handler = dtest_ioctl_dmabuf_alloc,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_ATTACH)] = {
		.cmd = DTEST_IOC_DMABUF_ATTACH,
		.min_size = sizeof(struct dtest_dmabuf_attach),
		.handler = dtest_ioctl_dmabuf_attach,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_MAP)] = {
		.cmd = DTEST_IOC_DMABUF_MAP,
		.min_size = sizeof(struct dtest_dmabuf_map),
		.handler = dtest_ioctl_dmabuf_map,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_DMA)] = {
		.cmd = DTEST_IOC_DMABUF_DMA,
		.min_size = sizeof(struct dtest_dmabuf_dma),
		.handler = dtest_ioctl_dmabuf_dma,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_DETACH)] = {
		.cmd = DTEST_IOC_DMABUF_DETACH,
		.min_size = sizeof(struct dtest_dmabuf_detach),
		.handler = dtest_ioctl_dmabuf_detach,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_INFO)] = {
		.cmd = DTEST_IOC_DMABUF_INFO,
		.min_size = sizeof(struct dtest_dmabuf_info),
		.handler = dtest_ioctl_dmabuf_info,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_STATS)] = {
		.cmd = DTEST_IOC_DMABUF_STATS,
		.min_size = sizeof(struct dtest_dmabuf_stats),
		.handler = dtest_ioctl_dmabuf_stats,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_OWNER)] = {
		.cmd = DTEST_IOC_DMABUF_OWNER,
		.min_size = sizeof(struct dtest_dmabuf_owner),
		.handler = dtest_ioctl_dmabuf_owner,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_VMAP)] = {
		.cmd = DTEST_IOC_DMABUF_VMAP,
		.min_size = sizeof(struct dtest_dmabuf_vmap),
		.handler = dtest_ioctl_dmabuf_vmap,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_PHYS)] = {
		.cmd = DTEST_IOC_DMABUF_PHYS,
		.min_size = sizeof(struct dtest_dmabuf_phys),
		.handler = dtest_ioctl_dmabuf_phys,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_ATT_INFO)] = {
		.cmd = DTEST_IOC_DMABUF_ATT_INFO,
		.min_size = sizeof(struct dtest_dmabuf_att_info),
		.handler = dtest_ioctl_dmabuf_att_info,
	},
	[_IOC_NR(DTEST_IOC_DMABUF_SYSMMU_STATS)] = {
		.cmd = DTEST_IOC_DMABUF_SYSMMU_STATS,
		.min_size = sizeof(struct dtest_dmabuf_sysmmu_stats),
		.handler = dtest_ioctl_dmabuf_sysmmu_stats,
	},
};

static_assert(sizeof(struct dtest_info) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_stats) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_edu_dma) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_edu_mapper) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_mapper_alloc) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_mapper_sysmmu) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_mapper_stats) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_mapper_bench) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_sysmmu_dma) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_sysmmu_dt) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_cma_pool) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_cma_alloc) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_cma_info) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_cma_rw) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_dmabuf_info) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_dmabuf_dma) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_dmabuf_vmap) <= DTEST_IOCTL_MAX_SIZE);
static_assert(sizeof(struct dtest_cma_find) <= DTEST_IOCTL_MAX_SIZE);

/**
 * dtest_ioctl_lookup() - find the table entry serving an ioctl command
 * @cmd: the command as userspace passed it, with its own argument size
 *
 * Context: any.
 * Return: the entry; ERR_PTR(-ENOTTY) when no command has @cmd's type,
 * number and direction; ERR_PTR(-EINVAL) when @cmd's argument is smaller
 * than the first version of the command's structure.
 */
VISIBLE_IF_KUNIT const struct dtest_ioctl_desc *dtest_ioctl_lookup(unsigned int cmd)
{
	const struct dtest_ioctl_desc *desc;
	unsigned int nr = _IOC_NR(cmd);

	if (_IOC_TYPE(cmd) != DTEST_IOC_MAGIC || nr >= ARRAY_SIZE(dtest_ioctls))
		return ERR_PTR(-ENOTTY);
	desc = &dtest_ioctls[array_index_nospec(nr, ARRAY_SIZE(dtest_ioctls))];
	if (!desc->handler || _IOC_DIR(cmd) != _IOC_DIR(desc->cmd))
		return ERR_PTR(-ENOTTY);
	if (_IOC_SIZE(cmd) < desc->min_size)
		return ERR_PTR(-EINVAL);
	return desc;
}
EXPORT_SYMBOL_IF_KUNIT(dtest_ioctl_lookup);

static long dtest_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	u64 kbuf[DTEST_IOCTL_MAX_SIZE / sizeof(u64)];
	void __user *uarg = (void __user *)arg;
	const struct dtest_ioctl_desc *desc;
	size_t usize = _IOC_SIZE(cmd);
	size_t ksize;
	int ret;

	desc = dtest_ioctl_lookup(cmd);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	ksize = _IOC_SIZE(desc->cmd);

	/* Zero-extends a shorter argument; -E2BIG for a non-zero tail. */
	ret = copy_struct_from_user(kbuf, ksize, uarg, usize);
	if (ret)
		return ret;
	ret = desc->handler(file, kbuf);
	if (ret)
		return ret;
	if (copy_to_user(uarg, kbuf, min(usize, ksize)))
		return -EFAULT;
	return 0;
}

static int dtest_open(struct inode *inode, struct file *file)
{
	struct dtest_file *df = kzalloc(sizeof(*df), GFP_KERNEL);
	int ret;

	if (!df)
		return -ENOMEM;
	ret = dtest_cma_open(df);
	if (ret) {
		kfree(df);
		return ret;
	}
	ret = dtest_dmabuf_open(df);
	if (ret) {
		dtest_cma_release(df);
		kfree(df);
		return ret;
	}
	file->private_data = df;
	atomic_long_inc(&dtest_nr_files);
	return 0;
}

static int dtest_release(struct inode *inode, struct file *file)
{
	struct dtest_file *df = file->private_data;

	/* What each module's commands left behind for this file goes with it. */
	dtest_sysmmu_release(file);
	dtest_dmabuf_release(df);
	dtest_cma_release(df);
	kfree(df);
	atomic_long_dec(&dtest_nr_files);
	return 0;
}

static const struct file_operations dtest_fops = {
	.owner = THIS_MODULE,
	.open = dtest_open,
	.release = dtest_release,
	.unlocked_ioctl = dtest_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

/*
 * The node: a character device of its own rather than a miscdevice, so
 * that devtmpfs creates it with dev_gid (the misc class sets only a mode).
 * An open file holds the module (dtest_fops.owner), so rmmod waits for
 * the last close with -EBUSY.
 */
static dev_t dtest_devt;
static struct cdev dtest_cdev;
static struct device *dtest_dev;

static char *dtest_devnode(DMASHARE_DEVNODE_CONST struct device *dev, umode_t *mode,
			   kuid_t *uid, kgid_t *gid)
{
	if (mode)
		*mode = dev_mode & 0777;
	if (gid)
		*gid = KGIDT_INIT(dev_gid);
	return NULL;	/* the device's name: /dev/dmabuf-test */
}

static const struct device_type dtest_dev_type = {
	.name = "dmabuf-test",
	.devnode = dtest_devnode,
};

static void dtest_dev_release(struct device *dev)
{
	kfree(dev);
}

static int dtest_node_add(void)
{
	int ret;

	if (dev_mode & ~0777) {
		pr_err("dev_mode=%#o: only permission bits (0777) allowed\n", dev_mode);
		return -EINVAL;
	}
	if (!gid_valid(KGIDT_INIT(dev_gid))) {
		pr_err("dev_gid=%u is not a valid group\n", dev_gid);
		return -EINVAL;
	}
	ret = alloc_chrdev_region(&dtest_devt, 0, 1, "dmabuf-test");
	if (ret)
		return ret;
	dtest_dev = kzalloc(sizeof(*dtest_dev), GFP_KERNEL);
	if (!dtest_dev) {
		ret = -ENOMEM;
		goto unregister_region;
	}
	device_initialize(dtest_dev);
	dtest_dev->devt = dtest_devt;
	dtest_dev->type = &dtest_dev_type;
	dtest_dev->release = dtest_dev_release;
	ret = dev_set_name(dtest_dev, "dmabuf-test");
	if (ret)
		goto put_dev;
	cdev_init(&dtest_cdev, &dtest_fops);
	dtest_cdev.owner = THIS_MODULE;
	/* The node appears only once opening it works. */
	ret = cdev_device_add(&dtest_cdev, dtest_dev);
	if (ret)
		goto put_dev;
	return 0;

put_dev:
	put_device(dtest_dev);
	dtest_dev = NULL;
unregister_region:
	unregister_chrdev_region(dtest_devt, 1);
	return ret;
}

static void dtest_node_del(void)
{
	cdev_device_del(&dtest_cdev, dtest_dev);
	put_device(dtest_dev);
	dtest_dev = NULL;
	unregister_chrdev_region(dtest_devt, 1);
}

static int __init dtest_init(void)
{
	int ret;

	ret = pci_register_driver(&dtest_edu_driver);
	if (ret)
		return ret;
	ret = dtest_contig_init();
	if (ret)
		goto unregister_edu;
	ret = dtest_node_add();
	if (ret)
		goto unregister_contig;
	return 0;

unregister_contig:
	dtest_contig_exit();
unregister_edu:
	pci_unregister_driver(&dtest_edu_driver);
	return ret;
}
module_init(dtest_init);

static void __exit dtest_exit(void)
{
	dtest_node_del();
	dtest_contig_exit();
	pci_unregister_driver(&dtest_edu_driver);
	dtest_cma_exit();
}
module_exit(dtest_exit);

MODULE_DESCRIPTION("dmashare: /dev/dmabuf-test, the ioctl test device");
MODULE_LICENSE("GPL");

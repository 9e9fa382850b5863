// SPDX-License-Identifier: GPL-2.0
/*
 * knob.c - debugfs: attach any device to a new iommu_mapper window by
 * name, so that an unmodified driver's DMA (the kernel's
 * dma_map_benchmark, say) runs through the mapper.
 *
 *   /sys/kernel/debug/iommu_mapper/attach   w: "DEVICE BASE SIZE [strict]"
 *   /sys/kernel/debug/iommu_mapper/detach   w: "DEVICE"
 *   /sys/kernel/debug/iommu_mapper/devices  r: one line per device attached here
 *
 * DEVICE is a PCI or platform device name (0000:00:03.0).  As with any
 * domain change, the device must have no DMA in flight: that is the
 * writer's business.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <iommu_mapper.h>

#include "mapping.h"

struct knob_entry {
	struct list_head node;
	struct device *dev;		/* holds a reference */
	struct iommu_mapper *mapping;
	dma_addr_t base;
	u64 size;
};

/* Devices attached through the knob; knob_lock protects the list. */
static LIST_HEAD(knob_devices);
static DEFINE_MUTEX(knob_lock);
static struct dentry *knob_dir;

static struct device *knob_find_device(const char *name)
{
	struct device *dev = NULL;

#ifdef CONFIG_PCI
	dev = bus_find_device_by_name(&pci_bus_type, NULL, name);
#endif
	if (!dev)
		dev = bus_find_device_by_name(&platform_bus_type, NULL, name);
	return dev;
}

static struct knob_entry *knob_lookup(struct device *dev)
{
	struct knob_entry *e;

	lockdep_assert_held(&knob_lock);
	list_for_each_entry(e, &knob_devices, node)
		if (e->dev == dev)
			return e;
	return NULL;
}

static void knob_detach(struct knob_entry *e)
{
	lockdep_assert_held(&knob_lock);
	list_del(&e->node);
	iommu_mapper_detach(e->dev);
	iommu_mapper_release(e->mapping);
	dev_info(e->dev, "detached through debugfs\n");
	put_device(e->dev);
	kfree(e);
}

/* Copy a short line from userspace, NUL-terminated, newline dropped. */
static int knob_line(const char __user *ubuf, size_t len, char *buf, size_t size)
{
	if (!len || len >= size)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	return 0;
}

static ssize_t knob_attach_write(struct file *file, const char __user *ubuf, size_t len,
				 loff_t *ppos)
{
	char buf[128], name[64], mode[8];
	unsigned int flags = 0;
	struct knob_entry *e;
	u64 base, size;
	int ret, n;

	ret = knob_line(ubuf, len, buf, sizeof(buf));
	if (ret)
		return ret;
	n = sscanf(buf, "%63s %lli %lli %7s", name, &base, &size, mode);
	if (n == 4 && !strcmp(mode, "strict"))
		flags = IOMMU_MAPPER_STRICT;
	else if (n != 3)
		return -EINVAL;
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	e->dev = knob_find_device(name);
	if (!e->dev) {
		ret = -ENODEV;
		goto free_entry;
	}
	e->base = base;
	e->size = size;
	e->mapping = iommu_mapper_create(e->dev, base, size, flags);
	if (IS_ERR(e->mapping)) {
		ret = PTR_ERR(e->mapping);
		goto put_dev;
	}
	mutex_lock(&knob_lock);
	ret = iommu_mapper_attach(e->dev, e->mapping);
	if (!ret)
		list_add_tail(&e->node, &knob_devices);
	mutex_unlock(&knob_lock);
	if (!ret)
		return len;
	iommu_mapper_release(e->mapping);
put_dev:
	put_device(e->dev);
free_entry:
	kfree(e);
	return ret;
}

static ssize_t knob_detach_write(struct file *file, const char __user *ubuf, size_t len,
				 loff_t *ppos)
{
	struct knob_entry *e;
	struct device *dev;
	char buf[64];
	int ret;

	ret = knob_line(ubuf, len, buf, sizeof(buf));
	if (ret)
		return ret;
	dev = knob_find_device(buf);
	if (!dev)
		return -ENODEV;
	mutex_lock(&knob_lock);
	e = knob_lookup(dev);
	if (e)
		knob_detach(e);
	mutex_unlock(&knob_lock);
	put_device(dev);
	return e ? len : -ENOENT;
}

static int knob_devices_show(struct seq_file *m, void *v)
{
	struct iommu_mapper_stats st;
	struct knob_entry *e;

	mutex_lock(&knob_lock);
	list_for_each_entry(e, &knob_devices, node) {
		iommu_mapper_get_stats(e->mapping, &st);
		seq_printf(m, "%s %pad %#llx maps %llu unmaps %llu failures %llu mapped %llu peak %llu flushes %llu deferred %llu\n",
			   dev_name(e->dev), &e->base, e->size, st.maps, st.unmaps,
			   st.map_failures, st.mapped, st.iova_peak, st.iotlb_flushes,
			   st.deferred);
	}
	mutex_unlock(&knob_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knob_devices);

static const struct file_operations knob_attach_fops = {
	.owner = THIS_MODULE,
	.write = knob_attach_write,
	.llseek = noop_llseek,
};

static const struct file_operations knob_detach_fops = {
	.owner = THIS_MODULE,
	.write = knob_detach_write,
	.llseek = noop_llseek,
};

void mapper_knob_init(void)
{
	knob_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("attach", 0200, knob_dir, NULL, &knob_attach_fops);
	debugfs_create_file("detach", 0200, knob_dir, NULL, &knob_detach_fops);
	debugfs_create_file("devices", 0400, knob_dir, NULL, &knob_devices_fops);
	mapper_bench_init(knob_dir);
}

void mapper_knob_exit(void)
{
	struct knob_entry *e, *tmp;

	/* Files first, so no writer can add a device behind our back. */
	debugfs_remove_recursive(knob_dir);
	mutex_lock(&knob_lock);
	list_for_each_entry_safe(e, tmp, &knob_devices, node)
		knob_detach(e);
	mutex_unlock(&knob_lock);
}

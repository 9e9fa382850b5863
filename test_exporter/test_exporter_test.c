// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites of test_exporter:
 *   test_exporter_uapi_lookup - which ioctl commands reach a handler
 *   test_exporter_uapi_info   - DTEST_IOC_INFO argument validation
 *   test_exporter_uapi_edu    - DTEST_IOC_EDU_DMA argument validation
 *
 * Each case feeds the dispatcher or a handler a kernel copy of an
 * argument, exactly as dtest_ioctl() would after copy_struct_from_user().
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/ioctl.h>
#include <linux/string.h>

#include <uapi/dmabuf-test.h>

#include "test_exporter.h"

#define DTEST_RW	(_IOC_READ | _IOC_WRITE)

struct dtest_lookup_case {
	const char *name;
	unsigned int cmd;
	int err;
};

static const struct dtest_lookup_case dtest_lookup_cases[] = {
	{ "info", DTEST_IOC_INFO, 0 },
	{ "stats", DTEST_IOC_STATS, 0 },
	{ "stats, shorter than v1", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x01,
					 offsetofend(struct dtest_stats, mapper_mapped) - 8),
	  -EINVAL },
	{ "stats, v1 (before the dmabuf_* fields)", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x01,
							  offsetofend(struct dtest_stats,
								      mapper_mapped)), 0 },
	{ "a free number of the device range", _IOWR(DTEST_IOC_MAGIC, 0x0f, struct dtest_info),
	  -ENOTTY },
	{ "edu dma", DTEST_IOC_EDU_DMA, 0 },
	{ "edu dma, shorter than v1", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x30,
					  sizeof(struct dtest_edu_dma) - 8), -EINVAL },
	{ "info, newer and longer", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x00,
					 sizeof(struct dtest_info) + 8), 0 },
	{ "info, largest encodable size", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x00,
					       _IOC_SIZEMASK), 0 },
	{ "info, shorter than v1", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x00,
					sizeof(struct dtest_info) - 8), -EINVAL },
	{ "info, no argument", _IOC(DTEST_RW, DTEST_IOC_MAGIC, 0x00, 0), -EINVAL },
	{ "info, write only", _IOW(DTEST_IOC_MAGIC, 0x00, struct dtest_info), -ENOTTY },
	{ "info, read only", _IOR(DTEST_IOC_MAGIC, 0x00, struct dtest_info), -ENOTTY },
	{ "info, no direction", _IO(DTEST_IOC_MAGIC, 0x00), -ENOTTY },
	{ "unknown number", _IOWR(DTEST_IOC_MAGIC, 0x3f, struct dtest_info), -ENOTTY },
	{ "last number", _IOWR(DTEST_IOC_MAGIC, 0xff, struct dtest_info), -ENOTTY },
	{ "foreign type", _IOWR('b', 0x00, struct dtest_info), -ENOTTY },
};

static void dtest_lookup_case_desc(const struct dtest_lookup_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dtest_lookup, dtest_lookup_cases, dtest_lookup_case_desc);

static void dtest_lookup_test(struct kunit *test)
{
	const struct dtest_lookup_case *c = test->param_value;
	const struct dtest_ioctl_desc *desc = dtest_ioctl_lookup(c->cmd);

	if (c->err) {
		KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(desc), c->err);
		return;
	}
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(desc));
	KUNIT_EXPECT_EQ(test, _IOC_NR(desc->cmd), _IOC_NR(c->cmd));
	KUNIT_EXPECT_NOT_NULL(test, desc->handler);
	KUNIT_EXPECT_LE(test, desc->min_size, _IOC_SIZE(desc->cmd));
	KUNIT_EXPECT_LE(test, _IOC_SIZE(desc->cmd), DTEST_IOCTL_MAX_SIZE);
}

static struct kunit_case dtest_lookup_test_cases[] = {
	KUNIT_CASE_PARAM(dtest_lookup_test, dtest_lookup_gen_params),
	{}
};

static struct kunit_suite dtest_lookup_suite = {
	.name = "test_exporter_uapi_lookup",
	.test_cases = dtest_lookup_test_cases,
};

/* Run DTEST_IOC_INFO's handler on @info; on failure @info must be untouched. */
static int dtest_info_call(struct kunit *test, struct dtest_info *info)
{
	const struct dtest_ioctl_desc *desc = dtest_ioctl_lookup(DTEST_IOC_INFO);
	struct dtest_info before = *info;
	int ret;

	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(desc));
	ret = desc->handler(NULL, info);
	if (ret)
		KUNIT_EXPECT_MEMEQ(test, info, &before, sizeof(before));
	return ret;
}

static void dtest_info_ok(struct kunit *test)
{
	struct dtest_info info = {};

	KUNIT_ASSERT_EQ(test, dtest_info_call(test, &info), 0);
	KUNIT_EXPECT_EQ(test, info.api_version, DTEST_API_VERSION);
	KUNIT_EXPECT_EQ(test, info.info_size, sizeof(info));
	KUNIT_EXPECT_EQ(test, info.features, 0);
	KUNIT_EXPECT_EQ(test, info.flags, 0);
	KUNIT_EXPECT_EQ(test, info.__pad, 0);
}

static void dtest_info_unknown_flags(struct kunit *test)
{
	unsigned int bit;

	for (bit = 0; bit < 32; bit++) {
		struct dtest_info info = { .flags = 1u << bit };

		if (info.flags & DTEST_INFO_FLAGS)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, dtest_info_call(test, &info), -EINVAL,
				    "flag bit %u", bit);
	}
}

static void dtest_info_pad(struct kunit *test)
{
	struct dtest_info info = { .__pad = 1 };

	KUNIT_EXPECT_EQ(test, dtest_info_call(test, &info), -EINVAL);
	info.__pad = 0x80000000;
	KUNIT_EXPECT_EQ(test, dtest_info_call(test, &info), -EINVAL);
}

struct dtest_info_out_case {
	const char *name;
	struct dtest_info info;
};

static const struct dtest_info_out_case dtest_info_out_cases[] = {
	{ "api_version", { .api_version = DTEST_API_VERSION } },
	{ "info_size", { .info_size = sizeof(struct dtest_info) } },
	{ "features", { .features = 1ull << 63 } },
};

static void dtest_info_out_case_desc(const struct dtest_info_out_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dtest_info_out, dtest_info_out_cases, dtest_info_out_case_desc);

/* An output field that comes in non-zero is refused. */
static void dtest_info_output_set(struct kunit *test)
{
	const struct dtest_info_out_case *c = test->param_value;
	struct dtest_info info = c->info;

	KUNIT_EXPECT_EQ(test, dtest_info_call(test, &info), -EINVAL);
}

static struct kunit_case dtest_info_test_cases[] = {
	KUNIT_CASE(dtest_info_ok),
	KUNIT_CASE(dtest_info_unknown_flags),
	KUNIT_CASE(dtest_info_pad),
	KUNIT_CASE_PARAM(dtest_info_output_set, dtest_info_out_gen_params),
	{}
};

static struct kunit_suite dtest_info_suite = {
	.name = "test_exporter_uapi_info",
	.test_cases = dtest_info_test_cases,
};

struct dtest_edu_case {
	const char *name;
	struct dtest_edu_dma req;
};

/* Each is refused before the device is touched: no edu device needed. */
static const struct dtest_edu_case dtest_edu_cases[] = {
	{ "zero length", { .len = 0 } },
	{ "longer than the device buffer", { .len = DTEST_EDU_MAX_LEN + 1 } },
	{ "length wraps", { .len = 0xffffffff } },
	{ "unknown flag", { .len = 16, .flags = ~DTEST_EDU_FLAGS } },
	{ "top flag bit", { .len = 16, .flags = 1u << 31 } },
	{ "pad", { .len = 16, .__pad = 1 } },
	{ "dma_to_dev set", { .len = 16, .dma_to_dev = 1 } },
	{ "dma_from_dev set", { .len = 16, .dma_from_dev = 1ull << 63 } },
	{ "translated set", { .len = 16, .translated = 1 } },
	{ "verified set", { .len = 16, .verified = 16 } },
	{ "segments set", { .len = 16, .segments = 1 } },
	{ "second pad", { .len = 16, .__pad2 = 1 } },
	{ "one byte as a list", { .len = 1, .flags = DTEST_EDU_SG } },
};

static void dtest_edu_case_desc(const struct dtest_edu_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dtest_edu, dtest_edu_cases, dtest_edu_case_desc);

static void dtest_edu_refused(struct kunit *test)
{
	const struct dtest_edu_case *c = test->param_value;
	const struct dtest_ioctl_desc *desc = dtest_ioctl_lookup(DTEST_IOC_EDU_DMA);
	struct dtest_edu_dma req = c->req;

	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(desc));
	KUNIT_EXPECT_EQ(test, desc->handler(NULL, &req), -EINVAL);
	KUNIT_EXPECT_MEMEQ(test, &req, &c->req, sizeof(req));
}

static struct kunit_case dtest_edu_test_cases[] = {
	KUNIT_CASE_PARAM(dtest_edu_refused, dtest_edu_gen_params),
	{}
};

static struct kunit_suite dtest_edu_suite = {
	.name = "test_exporter_uapi_edu",
	.test_cases = dtest_edu_test_cases,
};

kunit_test_suites(&dtest_lookup_suite, &dtest_info_suite, &dtest_edu_suite);

MODULE_IMPORT_NS(DMASHARE_NS(EXPORTED_FOR_KUNIT_TESTING));
MODULE_DESCRIPTION("KUnit tests for dmashare's test_exporter");
MODULE_LICENSE("GPL");

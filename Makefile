# SPDX-License-Identifier: GPL-2.0
#
#   make [KDIR=<kernel build tree>] [ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-]
#   make install      modules_install into updates/ + depmod
#   make clean
#   make check        the whole test suite (QEMU, four kernels; see README.md)
#   make demo         boot Debian 6.12 in QEMU and show the modules at work
#   make docs         render Documentation/ (Sphinx + kernel-doc) into
#                     Documentation/output/html
#   make docs-lint    the same with every warning a failure (part of make check)
#   make bench        run the benchmark suites in QEMU, regenerate
#                     Documentation/bench/ (results, table, plots)

KDIR ?= /lib/modules/$(shell uname -r)/build
PROBES := include/generated/dmashare_probes.h
# The release the kernel reports (Debian's 6.1 kernel.release file differs).
KREL = $(shell sed -n 's/.*UTS_RELEASE "\(.*\)"/\1/p' $(KDIR)/include/generated/utsrelease.h)

all: modules

modules: probes
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

probes:
	$(if $(ARCH),ARCH=$(ARCH)) $(if $(CROSS_COMPILE),CROSS_COMPILE=$(CROSS_COMPILE)) \
		scripts/compat-probe $(KDIR) $(PROBES)

# INSTALL_MOD_PATH=<root> stages the install under <root> (the test rig
# builds its initramfs that way).
install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=updates modules_install
	depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) -a $(KREL)

clean:
	if [ -d $(KDIR) ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	rm -rf include/generated
	$(MAKE) -C tools clean

tools:
	$(MAKE) -C tools

check:
	tests/check

demo:
	tests/demo

docs:
	scripts/docs html

docs-lint:
	scripts/docs lint

bench:
	tests/bench

.PHONY: all modules probes install clean tools check demo docs docs-lint bench

# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration for dmashare's Documentation/.  Run through
# scripts/docs (make docs), which sets DMASHARE_KSRC to the unpacked
# linux-source package: its Documentation/sphinx/kerneldoc.py provides the
# ".. kernel-doc::" directive and its scripts/kernel-doc does the parsing.
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
ksrc = os.environ.get('DMASHARE_KSRC')
if not ksrc:
    sys.exit('conf.py: DMASHARE_KSRC is not set (build with "make docs")')
sys.path.insert(0, os.path.join(ksrc, 'Documentation', 'sphinx'))
sys.path.insert(0, os.path.join(here, 'sphinx'))

project = 'dmashare'
copyright = 'dmashare contributors; GPL-2.0'
author = 'dmashare'

extensions = ['kerneldoc', 'dtest_ioctls']
exclude_patterns = ['output', 'bench/*.rst.inc']
source_suffix = '.rst'
master_doc = 'index'
primary_domain = 'c'
highlight_language = 'none'
html_theme = 'alabaster'
html_static_path = []

# kernel-doc through a wrapper that turns every kernel-doc warning into a
# failure, which kerneldoc.py reports as a Sphinx warning (-W: an error).
kerneldoc_bin = os.path.join(here, 'sphinx', 'kernel-doc-strict')
kerneldoc_srctree = os.path.dirname(here)
kerneldoc_verbosity = 1

# Kernel annotations Sphinx's C parser does not know.
c_id_attributes = [
    '__iomem', '__user', '__force', '__rcu', '__percpu', '__must_check',
    '__always_inline', '__printf', '__maybe_unused', '__init', '__exit',
    'noinline', 'notrace', '__cold', '__pure', '__packed', '__aligned',
]

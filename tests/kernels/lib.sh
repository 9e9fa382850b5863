# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the dmashare test scripts (sourced, not run).

DMASHARE_CACHE=${DMASHARE_CACHE:-/var/cache/dmashare}
DMASHARE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

log() { printf '[dmashare] %s\n' "$*" >&2; }
die() { printf '[dmashare] error: %s\n' "$*" >&2; exit 1; }

# need_pkgs PKG...: install whatever of PKG is missing, with apt-get.
# Runs `apt-get update` once per cache directory and day, so repeat runs
# stay offline-fast.
need_pkgs() {
	local missing=() p stamp
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	mkdir -p "$DMASHARE_CACHE"
	stamp="$DMASHARE_CACHE/.apt-updated-$(date +%F)"
	if [ ! -e "$stamp" ]; then
		log "apt-get update"
		apt-get update -qq >&2 || die "apt-get update failed"
		touch "$stamp"
	fi
	log "apt-get install ${missing[*]}"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >&2 ||
		die "apt-get install ${missing[*]} failed"
}

# Packages every step of the rig needs on the host.
HOST_PKGS="make gcc libc6-dev bc bison flex libelf-dev libssl-dev dwarves
	python3 cpio kmod xz-utils zstd ccache sparse busybox-static
	qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu
	libc6-dev-arm64-cross gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
	linux-source-6.12 dkms"

# copy_tree DEST: the working tree as it is now (uncommitted changes
# included, ignored build products left out) copied into DEST.
copy_tree() {
	mkdir -p "$1"
	if git -C "$DMASHARE_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$DMASHARE_ROOT" && git ls-files -co --exclude-standard -z |
			while IFS= read -r -d '' f; do
				[ -e "$f" ] && printf '%s\0' "$f"
			done | tar --null -T - -cf -) | tar -xf - -C "$1"
	else
		tar -C "$DMASHARE_ROOT" --exclude=.git -cf - . | tar -xf - -C "$1"
	fi
}

# c_files: the project's C sources and headers, relative to its root.
c_files() {
	if git -C "$DMASHARE_ROOT" rev-parse --git-dir >/dev/null 2>&1; then
		git -C "$DMASHARE_ROOT" ls-files -co --exclude-standard '*.c' '*.h'
	else
		(cd "$DMASHARE_ROOT" && find . -name '*.[ch]' -not -path './include/generated/*' | sed 's|^\./||')
	fi
}

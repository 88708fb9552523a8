#!/bin/bash
# Install the host tools the tests use, when missing: QEMU 7.2 + SeaBIOS (the differential oracle), iasl,
# chromium (end-to-end tests), virsh (libvirt XML validation) and debootstrap (the QEMU 11.1 chroot).
# Quiet when everything is present.
set -euo pipefail

PACKAGES=(qemu-system-x86 seabios acpica-tools chromium libvirt-clients libxml2-utils debootstrap)

installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing=()
for p in "${PACKAGES[@]}"; do
	installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "ensure-tools: missing packages ${missing[*]}, and not root to install them" >&2
	exit 1
fi

echo "ensure-tools: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq >&2; then
	echo "ensure-tools: apt-get update failed" >&2
	exit 1
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
	echo "ensure-tools: apt-get install ${missing[*]} failed" >&2
	exit 1
fi
for p in "${missing[@]}"; do
	if ! installed "$p"; then
		echo "ensure-tools: $p still not installed" >&2
		exit 1
	fi
done

#!/usr/bin/env bash
# Set up Sluice on a fresh Debian/Ubuntu machine and run the demo:
# installs the system packages that are missing, builds `sluice`, then
# synthesizes a capture and verifies and runs every filter in Filters/ on it.
#
#   scripts/setup.sh                 install, build, run the demo
#   scripts/setup.sh --install-only  only install what is missing (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libbpf-dev libelf-dev libpcap-dev pkg-config bpftool tcpdump clang xdp-tools iproute2)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "setup: need root (or sudo) to run: $*" >&2; exit 2
    fi
}

install_missing() {
    local missing=()
    for package in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "setup: installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        echo "setup: system packages present (${packages[*]})"
    fi
    # Pinning BPF objects needs bpffs; mount it when we may and it is not there.
    if [ "$(id -u)" -eq 0 ] && ! mountpoint -q /sys/fs/bpf 2>/dev/null; then
        mount -t bpf bpf /sys/fs/bpf 2>/dev/null || echo "setup: could not mount bpffs at /sys/fs/bpf" >&2
    fi
    if ! command -v swift >/dev/null; then
        echo "setup: the Swift toolchain (6.1 or later) is not on PATH; install it from swift.org" >&2
        exit 2
    fi
}

install_missing
if [ "${1:-}" = "--install-only" ]; then exit 0; fi

echo "setup: building sluice"
swift build --product sluice
exec scripts/demo.sh

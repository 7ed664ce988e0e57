import CBPF
import Glibc

/// bpffs, where pins live (`/sys/fs/bpf`); mounted here when it is not yet.
public enum BPFFileSystem {
    /// The usual mount point.
    public static let defaultRoot = "/sys/fs/bpf"
    /// `BPF_FS_MAGIC` from `linux/magic.h`.
    static let magic: Int = 0xcafe_4a11

    /// True when `path` lies on a bpffs mount.
    public static func isBPFFS(_ path: String) -> Bool {
        var stats = statfs()
        return statfs(path, &stats) == 0 && Int(stats.f_type) == magic
    }

    /// Makes sure `path`'s directory exists on bpffs, mounting bpffs at
    /// `/sys/fs/bpf` if nothing is mounted there yet.
    public static func prepare(path: String) throws(KernelError) {
        if !isBPFFS(defaultRoot) {
            guard mount("bpf", defaultRoot, "bpf", 0, nil) == 0 else {
                throw KernelError(call: "mount", errno: errno, message: "mounting bpffs at \(defaultRoot)")
            }
        }
        let directory = parentDirectory(of: path)
        var prefix = ""
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw KernelError(call: "mkdir", errno: errno, message: "creating \(prefix) for the pin \(path)")
            }
        }
        guard isBPFFS(directory) else {
            throw KernelError(call: "bpf_obj_pin", errno: EINVAL,
                              message: "\(path) is not on a bpffs mount (pins live under \(defaultRoot))")
        }
    }

    /// Removes the pin at `path` (the object lives on while other references hold it).
    public static func unpin(_ path: String) throws(KernelError) {
        guard unlink(path) == 0 else { throw KernelError(call: "unlink", errno: errno, message: "removing the pin \(path)") }
    }

    /// The directory part of `path`.
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}

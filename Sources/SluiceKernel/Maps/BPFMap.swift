import CBPF
import Glibc

/// A map in the kernel (libbpf's `bpf_map`): it owns its fd, and the
/// kernel frees it when no fd, program or pin refers to it any more.
public final class BPFMap: Sendable {
    let handle: KernelHandle
    /// Its type.
    public let type: BPFMapType
    /// The key size in bytes.
    public let keySize: Int
    /// The value size in bytes (per CPU, for per-CPU maps).
    public let valueSize: Int
    /// The number of entries.
    public let maxEntries: Int

    /// The file descriptor (valid while this object lives); what `lddw
    /// rN, map_fd` (`BPF_PSEUDO_MAP_FD`) refers to in a program being loaded.
    public var fd: Int32 { handle.fd }

    init(handle: KernelHandle, type: BPFMapType, keySize: Int, valueSize: Int, maxEntries: Int) {
        self.handle = handle
        self.type = type
        self.keySize = keySize
        self.valueSize = valueSize
        self.maxEntries = maxEntries
    }

    /// Creates a map (`bpf_map_create`).
    public static func create(_ type: BPFMapType, name: String, keySize: Int, valueSize: Int,
                              maxEntries: Int) throws(KernelError) -> BPFMap {
        let fd = try LibBPF.mapCreate(type: type.cValue, name: BPFProgram.sanitizedName(name),
                                      keySize: UInt32(keySize), valueSize: UInt32(valueSize),
                                      maxEntries: UInt32(maxEntries))
        return BPFMap(handle: KernelHandle(adopting: fd), type: type, keySize: keySize,
                      valueSize: valueSize, maxEntries: maxEntries)
    }

    /// Opens a map by kernel id (`bpf_map_get_fd_by_id`).
    public static func withID(_ id: UInt32) throws(KernelError) -> BPFMap {
        try adopting(fd: LibBPF.mapFD(id: id))
    }

    /// Opens the map pinned at `path` (`bpf_obj_get`).
    public static func pinned(at path: String) throws(KernelError) -> BPFMap {
        try adopting(fd: LibBPF.objGet(path: path))
    }

    static func adopting(fd: Int32) throws(KernelError) -> BPFMap {
        let handle = KernelHandle(adopting: fd)
        let info = try LibBPF.mapInfo(fd: fd)
        return BPFMap(handle: handle, type: BPFMapType(cValue: info.type), keySize: Int(info.key_size),
                      valueSize: Int(info.value_size), maxEntries: Int(info.max_entries))
    }

    /// The kernel's name for the map.
    public func name() throws(KernelError) -> String {
        cString(try LibBPF.mapInfo(fd: fd).name)
    }

    /// Sets `key` to `value` (`bpf_map_update_elem`, `BPF_ANY`). For per-CPU
    /// maps `value` holds one 8-byte-aligned slot per possible CPU.
    public func update(key: [UInt8], value: [UInt8]) throws(KernelError) {
        try LibBPF.mapUpdate(fd: fd, key: key, value: value)
    }

    /// The value at `key` (`bpf_map_lookup_elem`), nil if absent.
    public func lookup(key: [UInt8]) throws(KernelError) -> [UInt8]? {
        let size = type.isPerCPU ? try perCPUStride * LibBPF.possibleCPUs() : valueSize
        return try LibBPF.mapLookup(fd: fd, key: key, valueSize: size)
    }

    /// For per-CPU maps: the value at `key` on each possible CPU.
    public func lookupPerCPU(key: [UInt8]) throws(KernelError) -> [[UInt8]]? {
        guard let all = try lookup(key: key) else { return nil }
        let stride = type.isPerCPU ? perCPUStride : max(valueSize, 1)
        return stride == 0 ? [] : stride_slices(all, stride).map { Array($0.prefix(valueSize)) }
    }

    /// Pins the map at `path` in bpffs.
    public func pin(at path: String) throws(KernelError) {
        try BPFFileSystem.prepare(path: path)
        try LibBPF.objPin(fd: fd, path: path)
    }

    /// Per-CPU values are laid out 8-byte aligned.
    private var perCPUStride: Int { (valueSize + 7) & ~7 }
}

private func stride_slices(_ bytes: [UInt8], _ stride: Int) -> [ArraySlice<UInt8>] {
    Swift.stride(from: 0, to: bytes.count, by: stride).map { bytes[$0..<min($0 + stride, bytes.count)] }
}

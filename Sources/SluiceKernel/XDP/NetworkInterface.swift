import CBPF
import Glibc

/// A network interface of the calling thread's network namespace
/// (`if_nametoindex(3)`/`if_indextoname(3)`).
public struct NetworkInterface: Sendable, Hashable, CustomStringConvertible {
    /// The name, e.g. `veth0`.
    public var name: String
    /// The kernel's index (what `bpf_xdp_attach` and links take).
    public var index: Int32

    /// Looks the interface up by name.
    public init(name: String) throws(KernelError) {
        let index = if_nametoindex(name)
        guard index != 0 else {
            throw KernelError(call: "if_nametoindex", errno: errno == 0 ? ENODEV : errno,
                              message: "no network interface named \(name) in this network namespace")
        }
        self.name = name
        self.index = Int32(index)
    }

    /// Looks the interface up by index.
    public init(index: Int32) throws(KernelError) {
        var buffer = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(UInt32(index), &buffer) != nil else {
            throw KernelError(call: "if_indextoname", errno: errno, message: "no network interface with index \(index)")
        }
        self.name = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.index = index
    }

    /// Every interface of the namespace (`if_nameindex(3)`), by index.
    public static func all() -> [NetworkInterface] {
        guard let list = if_nameindex() else { return [] }
        defer { if_freenameindex(list) }
        var found: [NetworkInterface] = []
        var entry = list
        while entry.pointee.if_index != 0, let name = entry.pointee.if_name {
            found.append(NetworkInterface(unchecked: String(cString: name), index: Int32(entry.pointee.if_index)))
            entry += 1
        }
        return found.sorted { $0.index < $1.index }
    }

    private init(unchecked name: String, index: Int32) {
        self.name = name
        self.index = index
    }

    /// The name.
    public var description: String { name }
}

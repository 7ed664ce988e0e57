import Glibc

/// A failed libbpf or `bpf(2)` call: which call, the errno, and what it means.
///
/// The counterpart of libbpf's "negative errno" convention and of
/// cilium/ebpf's `VerifierError`: for a program load the kernel verifier's
/// log is kept whole (`verifierLog`), while `description` shows only a short
/// summary of it.
public struct KernelError: Error, CustomStringConvertible, Sendable {
    /// The C call that failed, e.g. `bpf_prog_load`.
    public var call: String
    /// The errno it returned (positive, e.g. `EACCES`).
    public var errno: Int32
    /// What went wrong, in words, with whatever context the caller had
    /// (interface name, path, instruction).
    public var message: String
    /// For loads: the verifier's log, mapped back to our instructions.
    public var verifierLog: VerifierLog?

    /// Makes an error for `call` with `errno` and an explanation.
    public init(call: String, errno: Int32, message: String = "", verifierLog: VerifierLog? = nil) {
        self.call = call
        self.errno = errno
        self.message = message
        self.verifierLog = verifierLog
    }

    /// The errno's symbolic name and `strerror` text, e.g. `EACCES (Permission denied)`.
    public var errnoDescription: String {
        let text = String(cString: strerror(errno))
        if let name = KernelError.errnoNames[errno] { return "\(name) (\(text))" }
        return "errno \(errno) (\(text))"
    }

    /// One paragraph: the call, the errno, the message, and for a verifier
    /// rejection its summary (the failing instruction and the last log lines).
    public var description: String {
        var text = "\(call) failed: \(errnoDescription)"
        if !message.isEmpty { text += ": \(message)" }
        if let verifierLog { text += "\n" + verifierLog.summary }
        return text
    }

    /// `description` plus the complete verifier log, for `--verbose` output.
    public var fullDescription: String {
        guard let verifierLog else { return description }
        return description + "\n--- verifier log ---\n" + verifierLog.text
    }

    private static let errnoNames: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", E2BIG: "E2BIG", EBADF: "EBADF", EAGAIN: "EAGAIN",
        ENOMEM: "ENOMEM", EACCES: "EACCES", EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST",
        ENODEV: "ENODEV", ENOTDIR: "ENOTDIR", EINVAL: "EINVAL", ENOSPC: "ENOSPC", ERANGE: "ERANGE",
        ENOSYS: "ENOSYS", EOPNOTSUPP: "EOPNOTSUPP", ENXIO: "ENXIO", 524: "ENOTSUPP",
    ]
}

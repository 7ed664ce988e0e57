import Foundation

/// Where the shared test data (captures and vectors from third parties)
/// lives, and what a test does when it is missing.
///
/// The data is read from `../shared` next to the package (override with
/// `SLUICE_SHARED=/path`). It is never copied into the repository.
public enum SharedData {
    /// The shared data folder, if it exists.
    public static var root: URL? {
        let environment = ProcessInfo.processInfo.environment
        let candidates: [URL]
        if let path = environment["SLUICE_SHARED"] {
            candidates = [URL(fileURLWithPath: path)]
        } else {
            candidates = [packageRoot.deletingLastPathComponent().appendingPathComponent("shared")]
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// The root of this package's checkout (found from this source file's path).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // SluiceTestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()
    }

    /// True when CI demands the vectors (`SLUICE_REQUIRE_VECTORS=1`): a
    /// missing file is then a failure, not a skip.
    public static var vectorsRequired: Bool {
        ProcessInfo.processInfo.environment["SLUICE_REQUIRE_VECTORS"] == "1"
    }

    /// The file at `relativePath` under the shared folder.
    ///
    /// Returns nil (and prints why) when it is missing and the vectors are
    /// not required; throws `MissingSharedData` when they are.
    public static func file(_ relativePath: String) throws -> URL? {
        if let root, FileManager.default.fileExists(atPath: root.appendingPathComponent(relativePath).path) {
            return root.appendingPathComponent(relativePath)
        }
        let reason = "shared test data \(relativePath) not found (set SLUICE_SHARED or put it at ../shared)"
        if vectorsRequired { throw MissingSharedData(reason: reason) }
        print("skipped: \(reason)")
        return nil
    }

    /// Every capture file under `relativeFolder` (recursively), sorted by path.
    public static func captures(under relativeFolder: String) throws -> [URL] {
        guard let folder = try file(relativeFolder) else { return [] }
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var found: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "pcap" || url.pathExtension == "pcapng" { found.append(url) }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Every Ethernet capture: tcpdump's (real and crafted), libpcap's
    /// Ethernet filter captures and dpkt's. Callers filter on link type.
    public static func allCaptures() throws -> [URL] {
        try captures(under: "captures")
    }
}

/// Shared data that CI requires (`SLUICE_REQUIRE_VECTORS=1`) was not found.
public struct MissingSharedData: Error, CustomStringConvertible {
    /// What was missing and how to provide it.
    public var reason: String
    public var description: String { reason }
}

/// Privileged kernel tests: skip with a printed reason, or fail under
/// `SLUICE_REQUIRE_BPF=1`.
public enum KernelAccess {
    /// True when CI demands the kernel tests run.
    public static var required: Bool {
        ProcessInfo.processInfo.environment["SLUICE_REQUIRE_BPF"] == "1"
    }

    /// True when this process is root (the tests need CAP_BPF and CAP_NET_ADMIN).
    public static var isPrivileged: Bool { geteuid() == 0 }

    /// Returns true when the test may go on; prints the reason and returns
    /// false when it must skip; throws when a skip is not allowed.
    public static func check(_ what: String) throws -> Bool {
        if isPrivileged { return true }
        let reason = "\(what) needs root (CAP_BPF, CAP_NET_ADMIN)"
        if required { throw MissingSharedData(reason: reason + " and SLUICE_REQUIRE_BPF=1 forbids skipping") }
        print("skipped: \(reason)")
        return false
    }
}

import Foundation
import SluicePcap
import SluiceTestSupport

/// Every Ethernet capture under the shared data, read once per test run.
enum EthernetCaptures {
    struct Capture: Sendable {
        var path: String
        var packets: [CapturedPacket]
    }

    /// All Ethernet captures (nil when the shared data is absent and not required).
    static let all: [Capture]? = {
        guard let urls = try? SharedData.allCaptures(), !urls.isEmpty else { return nil }
        return urls.compactMap { url in
            guard let reader = try? CaptureReader(path: url.path), reader.linkType == 1 else { return nil }
            return Capture(path: url.path, packets: Array(reader))
        }
    }()

    /// A deterministic sample: every `stride`-th packet of every capture
    /// (stride 1 with `SLUICE_FULL_DIFFERENTIAL=1`).
    static func sample(stride: Int) -> [CapturedPacket] {
        let step = ProcessInfo.processInfo.environment["SLUICE_FULL_DIFFERENTIAL"] == "1" ? 1 : stride
        return (all ?? []).flatMap { capture in
            capture.packets.enumerated().filter { $0.offset % step == 0 }.map(\.element)
        }
    }
}

/// Parses "255.255.255.0" to a host-order mask.
func parseNetmask(_ text: String?) -> UInt32? {
    guard let text else { return nil }
    let parts = text.split(separator: ".").compactMap { UInt32($0) }
    guard parts.count == 4 else { return nil }
    return parts.reduce(0) { $0 << 8 | $1 }
}

import Foundation
import SluicePcap
import SluiceTestSupport

/// Every Ethernet frame of the shared captures that BPF_PROG_TEST_RUN can
/// run (14 bytes up to a page's worth of linear data), loaded once.
enum EthernetCorpus {
    /// Frames longer than this do not fit XDP's linear buffer in a test run.
    static let largestFrame = 3_000

    /// The frames and how many were left out (too short or too long), or nil
    /// without the shared data. `stride` keeps every n-th frame.
    static func frames(stride: Int = 1) throws -> (frames: [[UInt8]], skipped: Int)? {
        let urls = try SharedData.allCaptures()
        if urls.isEmpty { return nil }
        var frames: [[UInt8]] = [], skipped = 0, index = 0
        for url in urls {
            guard let reader = try? CaptureReader(path: url.path), reader.linkType == 1 else { continue }
            for packet in reader {
                defer { index += 1 }
                guard index % stride == 0 else { continue }
                if packet.data.count < 14 || packet.data.count > largestFrame { skipped += 1; continue }
                frames.append(packet.data)
            }
        }
        return (frames, skipped)
    }

    /// `SLUICE_FULL_XDP=1` runs every frame; otherwise every `ciStride`-th.
    static var stride: Int {
        ProcessInfo.processInfo.environment["SLUICE_FULL_XDP"] == "1" ? 1 : 4
    }
}

import CPcap
import Foundation
import SluiceTestSupport

/// Packets from every Ethernet capture in the shared data (read with
/// libpcap itself until SluicePcap's reader lands): the first packets of
/// each file, plus a copy of each cut short at a length derived from its
/// index, so loads past the captured bytes are exercised too.
enum CaptureSample {
    /// One packet: its captured bytes and its length on the wire.
    struct Packet: Sendable {
        var data: [UInt8]
        var wireLength: Int
    }

    /// At most this many packets are taken from each file.
    static let packetsPerFile = 48

    /// The sample (empty when the shared data is absent).
    static let packets: [Packet] = {
        guard let files = try? SharedData.allCaptures() else { return [] }
        var packets: [Packet] = []
        var error = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        for file in files {
            guard let handle = pcap_open_offline(file.path, &error) else { continue }
            defer { pcap_close(handle) }
            guard pcap_datalink(handle) == DLT_EN10MB else { continue }
            var header: UnsafeMutablePointer<pcap_pkthdr>?
            var bytes: UnsafePointer<UInt8>?
            var taken = 0
            while taken < packetsPerFile, pcap_next_ex(handle, &header, &bytes) == 1, let header, let bytes {
                let data = Array(UnsafeBufferPointer(start: bytes, count: Int(header.pointee.caplen)))
                let wireLength = Int(header.pointee.len)
                packets.append(Packet(data: data, wireLength: wireLength))
                if !data.isEmpty {
                    let cut = (packets.count &* 7919) % data.count
                    packets.append(Packet(data: Array(data.prefix(cut)), wireLength: wireLength))
                }
                taken += 1
            }
        }
        return packets
    }()
}

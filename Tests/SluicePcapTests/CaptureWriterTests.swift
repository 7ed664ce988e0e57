import Foundation
import SluicePcap
import SluiceTestSupport
import Testing

@Suite struct CaptureWriterTests {
    /// Packets written and read back are the same, and tcpdump reads the file.
    @Test func writtenPacketsReadBackIdentically() throws {
        guard let url = try SharedData.file("captures/debian-python3-dpkt/dns_icmp.pcap") else { return }
        let original = try CaptureReader(path: url.path).readAll()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("copy.pcap")
        var packets = original
        packets[0].timestamp.nanoseconds = 123_456_789   // nanoseconds survive
        packets[1].wireLength += 100                     // a snapped packet keeps its wire length
        let writer = try CaptureWriter(path: path, linkType: 1, snapLength: 65535)
        try writer.write(contentsOf: packets)
        try writer.close()

        let reader = try CaptureReader(path: path)
        #expect(reader.linkType == 1)
        #expect(reader.snapLength == 65535)
        #expect(try reader.readAll() == packets)
        guard let text = try tcpdump(["-nn", "-r", path]) else { return }
        #expect(text.split(separator: "\n").count == packets.count)
    }

    @Test func inconsistentPacketsAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try CaptureWriter(path: folder.path("bad.pcap"))
        try writer.write(CapturedPacket(data: [1, 2, 3]))
        #expect(throws: CaptureError.self) { try writer.write(CapturedPacket(data: [1, 2, 3], wireLength: 2)) }
        do {
            try writer.write(CapturedPacket(data: [1, 2, 3], wireLength: 2))
        } catch {
            guard case .invalidPacket(_, let index, _) = error else { throw error }
            #expect(index == 1)
        }
        try writer.close()
        #expect(throws: CaptureError.self) { try writer.write(CapturedPacket(data: [1])) }
        #expect(try CaptureReader(path: folder.path("bad.pcap")).readAll().count == 1)
    }

    @Test func anUncreatableFileFails() {
        #expect(throws: CaptureError.self) { try CaptureWriter(path: "/nonexistent-folder/out.pcap") }
    }
}

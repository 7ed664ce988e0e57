import Foundation
import SluicePcap
import SluiceTestSupport
import Testing

@Suite struct CaptureReaderTests {
    /// Every tcpdump capture: link type and packet count as the manifest
    /// (counted with `tcpdump -#`) says, pcap and pcapng alike.
    @Test func readsEveryTcpdumpCaptureAsTheManifestCounts() throws {
        guard let manifest = try SharedData.file("captures/tcpdump/MANIFEST.tsv") else { return }
        let rows = try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").dropFirst()
        var formats: [String: Int] = [:]
        for row in rows {
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let path = manifest.deletingLastPathComponent().appendingPathComponent(fields[0]).appendingPathComponent(fields[1]).path
            let reader = try CaptureReader(path: path)
            let packets = try reader.readAll()
            #expect(reader.linkType == Int32(fields[3]), "\(fields[1])")
            #expect(packets.count == Int(fields[5]), "\(fields[1])")
            let odd = packets.filter { $0.wireLength < $0.data.count || $0.data.count > reader.snapLength }.count
            if odd > 0 { print("\(fields[1]): \(odd) records with caplen > len or > snaplen") }
            formats[fields[2], default: 0] += 1
        }
        print("read \(rows.count) tcpdump captures: \(formats)")
        #expect(rows.count == 479)
        #expect(formats["pcapng", default: 0] > 0)
    }

    /// Bytes, lengths and nanosecond timestamps agree with tcpdump's reading.
    @Test func timestampsAndLengthsMatchTcpdump() throws {
        guard let url = try SharedData.file("captures/debian-python3-dpkt/http.pcap") else { return }
        guard let text = try tcpdump(["-nn", "--nano", "-tt", "-r", url.path]) else { return }
        let stamps = text.split(separator: "\n").map { String($0.prefix { $0 != " " }) }
        let packets = try CaptureReader(path: url.path).readAll()
        #expect(packets.count == stamps.count)
        for (packet, stamp) in zip(packets, stamps) {
            let nanoseconds = packet.timestamp.nanoseconds
            #expect(stamp == "\(packet.timestamp.seconds).\(String(repeating: "0", count: 9 - String(nanoseconds).count))\(nanoseconds)")
        }
        #expect(packets.first?.data.prefix(6) == [0xfe, 0xff, 0x20, 0x00, 0x01, 0x00])
    }

    @Test func missingFilesAndFoldersAreUnreadable() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let missing = folder.path("absent.pcap")
        #expect(throws: CaptureError.unreadable(path: missing, reason: "No such file or directory")) {
            try CaptureReader(path: missing)
        }
        #expect(throws: CaptureError.unreadable(path: folder.url.path, reason: "Is a directory")) {
            try CaptureReader(path: folder.url.path)
        }
    }

    @Test func aFileThatIsNotACaptureHasACorruptHeader() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (name, bytes) in [("text.pcap", Array("this is not a capture file at all\n".utf8)),
                              ("short.pcap", [0xd4, 0xc3, 0xb2, 0xa1, 2, 0]), ("empty.pcap", [])] as [(String, [UInt8])] {
            let path = folder.path(name)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try CaptureReader(path: path)
                Issue.record("\(name) was accepted")
            } catch {
                guard case .corruptHeader(let errorPath, let reason) = error else {
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect(errorPath == path)
                #expect(!reason.isEmpty)
                #expect(error.description.contains(path))
            }
        }
    }

    /// A capture cut inside its last record: the packets before it are
    /// read, then the error names the file and the packet.
    @Test func aTruncatedRecordIsReportedWithItsPacketNumber() throws {
        guard let url = try SharedData.file("captures/debian-python3-dpkt/http.pcap") else { return }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let whole = try Data(contentsOf: url)
        let path = folder.path("cut.pcap")
        try whole.prefix(whole.count - 10).write(to: URL(fileURLWithPath: path))
        let total = try CaptureReader(path: url.path).readAll().count

        let reader = try CaptureReader(path: path)
        let packets = Array(reader)
        #expect(packets.count == total - 1)
        guard case .truncatedRecord(let errorPath, let index, let reason)? = reader.failure else {
            Issue.record("expected a truncated record, got \(String(describing: reader.failure))")
            return
        }
        #expect(errorPath == path)
        #expect(index == total - 1)
        #expect(reason.contains("truncated"))
        #expect(reader.failure?.description.contains("packet \(total)") == true)
        #expect(throws: CaptureError.self) { try CaptureReader(path: path).readAll() }
    }

    /// A record whose captured length is absurd is corrupt, not truncated.
    @Test func aRecordWithAnImpossibleLengthIsCorrupt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("huge.pcap")
        var bytes: [UInt8] = [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0] + [UInt8](repeating: 0, count: 8)
        bytes += [0xff, 0xff, 0, 0, 1, 0, 0, 0]               // snaplen 65535, Ethernet
        bytes += [UInt8](repeating: 0, count: 8)              // timestamp
        bytes += [0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f]  // caplen, len
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try CaptureReader(path: path)
        #expect(reader.linkType == 1)
        do {
            _ = try reader.next()
            Issue.record("an impossible record was accepted")
        } catch {
            guard case .corruptRecord(_, let index, _) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(index == 0)
        }
    }
}

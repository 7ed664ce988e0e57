import Foundation
import SluiceCompiler
import SluiceEBPF
import SluiceKernel
import SluiceTestSupport
import Testing

/// An ELF object from `ELFWriter`, attached by iproute2 (`ip link set dev vb
/// xdpgeneric obj FILE.o sec xdp`), filters real traffic between namespaces.
@Suite("Kernel ELF object on veth", .serialized)
struct KernelELFVethTests {
    @Test("ip loads our object; matches arrive, the rest is dropped until ip detaches it")
    func ipLoadsObject() throws {
        guard try KernelAccess.check("attaching an ELF object with ip") else { return }
        let pair = try VethPair.create()
        let compiled = try FilterCompiler.compile("udp dst port 7777")
        let program = try CBPFTranslator.translate(compiled.program, result: .verdict(onMatch: .pass, onMiss: .drop))
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-elf-\(getpid()).o")
        try Data(ELFWriter.object(for: program)).write(to: object)
        defer { try? FileManager.default.removeItem(at: object) }
        try pair.receiver.ip("link", "set", "dev", pair.receiverInterface, "xdpgeneric", "obj", object.path, "sec", "xdp")

        let interfaceName = pair.receiverInterface, receiver = pair.receiver
        let status = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(status.programs.count == 1)
        #expect(status.programs.first?.mode == .generic)
        #expect(status.programs.first?.linkID == nil)

        let matching = try UDPSender.Listener(namespace: receiver.name, port: 7777)
        let other = try UDPSender.Listener(namespace: receiver.name, port: 7778)
        let sender = UDPSender(namespace: pair.sender.name, address: pair.receiverAddress)
        #expect(try sender.send(count: 30, toPort: 7777) == 30)
        #expect(try sender.send(count: 20, toPort: 7778) == 20)
        #expect(matching.receive(upTo: 30) == 30)
        #expect(other.receive(upTo: 20, quiet: .milliseconds(200)) == 0)

        try pair.receiver.ip("link", "set", "dev", pair.receiverInterface, "xdpgeneric", "off")
        let after = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(after.programs.isEmpty)
        // Without the filter the same traffic gets through: the drops were the filter's.
        #expect(try sender.send(count: 20, toPort: 7778) == 20)
        #expect(other.receive(upTo: 20) == 20)
    }

    @Test("ip loads our object with its counters map; sluice's status reads the counts of real traffic")
    func ipLoadsCountersObject() throws {
        guard try KernelAccess.check("attaching an ELF object with maps with ip") else { return }
        let pair = try VethPair.create()
        let compiled = try FilterCompiler.compile("udp dst port 7777")
        let filter = try CBPFTranslator.translate(compiled.program, result: .report)
        let parts = try CountingXDPProgram.objectParts(filter: filter.instructions, verdict: .report, onMatch: .pass)
        let object = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-elf-maps-\(getpid()).o")
        try Data(ELFWriter.object(for: parts.program, maps: parts.maps)).write(to: object)
        defer { try? FileManager.default.removeItem(at: object) }
        try pair.receiver.ip("link", "set", "dev", pair.receiverInterface, "xdpgeneric", "obj", object.path, "sec", "xdp")
        defer { try? pair.receiver.ip("link", "set", "dev", pair.receiverInterface, "xdpgeneric", "off") }

        let matching = try UDPSender.Listener(namespace: pair.receiver.name, port: 7777)
        let sender = UDPSender(namespace: pair.sender.name, address: pair.receiverAddress)
        #expect(try sender.send(count: 30, toPort: 7777) == 30)
        #expect(try sender.send(count: 20, toPort: 7778) == 20)
        #expect(matching.receive(upTo: 30) == 30)
        let interfaceName = pair.receiverInterface
        let status = try pair.receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        let counters = try #require(status.programs.first?.counters, "the object's map is found by name")
        #expect(counters.passed == 30, "\(counters)")
        #expect(counters.dropped >= 20, "\(counters)")
    }
}

import Foundation
import Glibc
import SluiceEBPF
import SluiceKernel
import SluiceTestSupport
import Testing

/// XDP on a real veth pair inside namespaces this test makes: the counters
/// must equal what the filter says of the traffic our own sender sends.
@Suite("Kernel XDP on veth", .serialized)
struct KernelVethTests {
    static let matching = 40, other = 25
    static let matchPort: UInt16 = 7777, otherPort: UInt16 = 7778

    @Test("a link-attached filter passes and drops exactly what it should", arguments: [XDPMode.generic, .native])
    func linkAttachCounts(mode: XDPMode) throws {
        guard try KernelAccess.check("attaching XDP to a veth in a namespace") else { return }
        let pair = try VethPair.create()
        let counting = try CountingXDPProgram.load(filter: KernelTestPrograms.udpDestinationPort(Self.matchPort),
                                                   verdict: .report, onMatch: .pass)
        let receiver = pair.receiver, interfaceName = pair.receiverInterface
        let attachment = try receiver.run {
            try XDPAttachment.attach(counting.program, to: NetworkInterface(name: interfaceName), mode: mode)
        }
        let status = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(status.programs.count == 1)
        #expect(status.programs.first?.mode == mode)
        #expect(status.programs.first?.programID == (try counting.program.info().id))
        #expect(status.programs.first?.linkID != nil)
        #expect(status.programs.first?.linkID == (try attachment.linkID()))

        let listener = try UDPSender.Listener(namespace: receiver.name, port: Self.matchPort)
        let sender = UDPSender(namespace: pair.sender.name, address: pair.receiverAddress)
        #expect(try sender.send(count: Self.matching, toPort: Self.matchPort) == Self.matching)
        #expect(try sender.send(count: Self.other, toPort: Self.otherPort) == Self.other)
        #expect(listener.receive(upTo: Self.matching) == Self.matching)

        let expected = XDPCounters(passed: UInt64(Self.matching), dropped: UInt64(Self.other))
        #expect(try waitForCounts(counting, expected) == expected)
        let reported = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(reported.programs.first?.counters == expected)

        try attachment.detach()
        let after = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(after.programs.isEmpty)
    }

    @Test("netlink attach with a pin, then detachAll leaves nothing behind")
    func netlinkAttachDetach() throws {
        guard try KernelAccess.check("attaching XDP to a veth in a namespace") else { return }
        let pair = try VethPair.create()
        let counting = try CountingXDPProgram.load(filter: KernelTestPrograms.udpDestinationPort(Self.matchPort),
                                                   verdict: .report, onMatch: .drop)
        let receiver = pair.receiver, interfaceName = pair.receiverInterface
        let pin = "/sys/fs/bpf/sluice-test-\(getpid())/veth-netlink"
        defer {
            try? BPFFileSystem.unpin(pin)
            rmdir(BPFFileSystem.parentDirectory(of: pin))
        }
        let attachment = try receiver.run {
            try XDPAttachment.attach(counting.program, to: NetworkInterface(name: interfaceName),
                                     mode: .generic, method: .netlink)
        }
        try attachment.pin(at: pin)
        #expect(try BPFProgram.pinned(at: pin).info().id == counting.program.info().id)

        let sender = UDPSender(namespace: pair.sender.name, address: pair.receiverAddress)
        try sender.send(count: Self.matching, toPort: Self.matchPort)
        try sender.send(count: Self.other, toPort: Self.otherPort)
        // --on-match drop: the matches are dropped, the rest passed.
        let expected = XDPCounters(passed: UInt64(Self.other), dropped: UInt64(Self.matching))
        #expect(try waitForCounts(counting, expected) == expected)

        let status = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(status.programs.first?.linkID == nil)
        #expect(status.programs.first?.mode == .generic)
        #expect(try receiver.run { try XDPAttachment.detachAll(from: NetworkInterface(name: interfaceName)) })
        let after = try receiver.run { try XDPStatus.query(interface: NetworkInterface(name: interfaceName)) }
        #expect(after.programs.isEmpty)
        #expect(try !receiver.run { try XDPAttachment.detachAll(from: NetworkInterface(name: interfaceName)) })
    }

    @Test("native mode on a driver without XDP is an error that says so, and attaches nothing")
    func nativeUnsupported() throws {
        guard try KernelAccess.check("attaching XDP in a namespace") else { return }
        let namespace = try NetworkNamespace(prefix: "sluice-lo")
        let program = try BPFProgram.load(instructions: KernelTestPrograms.pass, type: .xdp, name: "pass")
        for method in XDPAttachMethod.allCases {
            let error = #expect(throws: KernelError.self) {
                _ = try namespace.run {
                    try XDPAttachment.attach(program, to: NetworkInterface(name: "lo"), mode: .native, method: method)
                }
            }
            #expect(error?.errno == EOPNOTSUPP)
            #expect(error?.description.contains("native XDP (driver mode) is not supported by the driver of lo") == true)
            if method == .netlink {  // rtnetlink carries the kernel's own words (extack).
                #expect(error?.description.contains("kernel: Underlying driver does not support XDP in native mode") == true)
            }
            let status = try namespace.run { try XDPStatus.query(interface: NetworkInterface(name: "lo")) }
            #expect(status.programs.isEmpty)
        }
    }

    @Test("an unknown interface is a typed error naming it")
    func unknownInterface() throws {
        let error = #expect(throws: KernelError.self) { _ = try NetworkInterface(name: "nosuchif0") }
        #expect(error?.description.contains("nosuchif0") == true)
    }

    /// Polls the counters until they equal `expected` or two seconds pass.
    func waitForCounts(_ counting: CountingXDPProgram, _ expected: XDPCounters) throws -> XDPCounters {
        let deadline = ContinuousClock.now + .seconds(2)
        var counts = try counting.read()
        while counts != expected, ContinuousClock.now < deadline {
            usleep(20_000)
            counts = try counting.read()
        }
        return counts
    }
}

/// An ARP message for IPv4 over Ethernet (RFC 826; Linux `struct arphdr`
/// followed by the Ethernet/IPv4 addresses).
public struct ARPMessage: Hashable, Sendable {
    /// `ARPOP_REQUEST` (1) or `ARPOP_REPLY` (2).
    public var operation: UInt16
    /// Sender hardware address.
    public var senderMAC: MACAddress
    /// Sender protocol address.
    public var senderIP: IPv4Address
    /// Target hardware address (zero in a request).
    public var targetMAC: MACAddress
    /// Target protocol address.
    public var targetIP: IPv4Address

    /// Makes a message from its fields.
    public init(operation: UInt16, senderMAC: MACAddress, senderIP: IPv4Address,
                targetMAC: MACAddress, targetIP: IPv4Address) {
        self.operation = operation
        self.senderMAC = senderMAC
        self.senderIP = senderIP
        self.targetMAC = targetMAC
        self.targetIP = targetIP
    }

    /// "Who has `target`? Tell `senderIP`."
    public static func request(senderMAC: MACAddress, senderIP: IPv4Address, target: IPv4Address) -> ARPMessage {
        ARPMessage(operation: 1, senderMAC: senderMAC, senderIP: senderIP, targetMAC: .zero, targetIP: target)
    }

    /// "`senderIP` is at `senderMAC`", answering `targetMAC`/`targetIP`.
    public static func reply(senderMAC: MACAddress, senderIP: IPv4Address,
                             targetMAC: MACAddress, targetIP: IPv4Address) -> ARPMessage {
        ARPMessage(operation: 2, senderMAC: senderMAC, senderIP: senderIP, targetMAC: targetMAC, targetIP: targetIP)
    }

    /// The 28 bytes of the message.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [0, 1, 0x08, 0x00, 6, 4]  // Ethernet, IPv4, address lengths
        bytes.appendBigEndian(operation)
        return bytes + senderMAC.bytes + senderIP.bytes + targetMAC.bytes + targetIP.bytes
    }
}

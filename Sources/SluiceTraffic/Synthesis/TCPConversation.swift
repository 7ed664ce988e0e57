/// One TCP connection between a client and a server, tracking sequence
/// numbers so every segment of the capture is consistent.
struct TCPConversation {
    var toServer: PacketBuilder
    let clientPort: UInt16
    let serverPort: UInt16
    var clientSequence: UInt32
    var serverSequence: UInt32
    /// Largest payload per segment (Ethernet MTU minus headers and timestamps).
    static let segmentSize = 1448

    init(_ toServer: PacketBuilder, clientPort: UInt16, serverPort: UInt16, random: inout SeededGenerator) {
        self.toServer = toServer
        self.clientPort = clientPort
        self.serverPort = serverPort
        clientSequence = random.word()
        serverSequence = random.word()
    }

    private var toClient: PacketBuilder { toServer.reversed }

    /// SYN, SYN-ACK, ACK.
    mutating func open() -> [[UInt8]] {
        let syn = toServer.tcp(clientPort, serverPort, flags: .syn, sequence: clientSequence,
                               options: TCPHeader.synOptions)
        let synAck = toClient.tcp(serverPort, clientPort, flags: [.syn, .ack], sequence: serverSequence,
                                  acknowledgment: clientSequence &+ 1, options: TCPHeader.synOptions)
        clientSequence &+= 1
        serverSequence &+= 1
        return [syn, synAck, clientAck()]
    }

    /// The client sends `payload` (segmented); the server acknowledges.
    mutating func clientSends(_ payload: [UInt8]) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        for chunk in segments(payload) {
            frames.append(toServer.tcp(clientPort, serverPort, flags: [.psh, .ack], sequence: clientSequence,
                                       acknowledgment: serverSequence, payload: chunk))
            clientSequence &+= UInt32(chunk.count)
        }
        return frames + [serverAck()]
    }

    /// The server sends `payload` (segmented); the client acknowledges.
    mutating func serverSends(_ payload: [UInt8]) -> [[UInt8]] {
        var frames: [[UInt8]] = []
        for chunk in segments(payload) {
            frames.append(toClient.tcp(serverPort, clientPort, flags: [.psh, .ack], sequence: serverSequence,
                                       acknowledgment: clientSequence, payload: chunk))
            serverSequence &+= UInt32(chunk.count)
        }
        return frames + [clientAck()]
    }

    /// FIN from the client, FIN from the server, final ACK.
    mutating func close() -> [[UInt8]] {
        let fin = toServer.tcp(clientPort, serverPort, flags: [.fin, .ack], sequence: clientSequence,
                               acknowledgment: serverSequence)
        clientSequence &+= 1
        let finAck = toClient.tcp(serverPort, clientPort, flags: [.fin, .ack], sequence: serverSequence,
                                  acknowledgment: clientSequence)
        serverSequence &+= 1
        return [fin, finAck, clientAck()]
    }

    /// The server resets the connection.
    mutating func serverReset() -> [[UInt8]] {
        [toClient.tcp(serverPort, clientPort, flags: [.rst, .ack], sequence: serverSequence,
                      acknowledgment: clientSequence)]
    }

    private func clientAck() -> [UInt8] {
        toServer.tcp(clientPort, serverPort, flags: .ack, sequence: clientSequence, acknowledgment: serverSequence)
    }

    private func serverAck() -> [UInt8] {
        toClient.tcp(serverPort, clientPort, flags: .ack, sequence: serverSequence, acknowledgment: clientSequence)
    }

    private func segments(_ payload: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: payload.count, by: Self.segmentSize).map {
            Array(payload[$0..<min(payload.count, $0 + Self.segmentSize)])
        }
    }
}

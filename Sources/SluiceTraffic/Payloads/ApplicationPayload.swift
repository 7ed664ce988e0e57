/// Application bytes for the synthetic conversations.
public enum ApplicationPayload {
    /// An HTTP/1.1 GET request.
    public static func httpRequest(host: String, path: String) -> [UInt8] {
        Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n".utf8)
    }

    /// An HTTP/1.1 200 response with a `bodyLength`-byte HTML body.
    public static func httpResponse(bodyLength: Int) -> [UInt8] {
        let body = String(repeating: "<p>sluice</p>\n", count: max(1, bodyLength / 14))
        let head = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        return Array((head + body).utf8)
    }

    /// The start of a TLS 1.2 record carrying a ClientHello with an SNI name
    /// (enough for a DPI classifier to recognise; the rest is zero filled).
    public static func tlsClientHello(serverName: String) -> [UInt8] {
        let name = Array(serverName.utf8)
        var sni: [UInt8] = [0, 0]  // extension type server_name
        sni.appendBigEndian(UInt16(name.count + 5))
        sni.appendBigEndian(UInt16(name.count + 3))
        sni.append(0)
        sni.appendBigEndian(UInt16(name.count))
        sni += name
        var hello: [UInt8] = [0x03, 0x03] + Array(repeating: 0x5a, count: 32) + [0]  // version, random, session
        hello += [0, 2, 0x13, 0x01, 1, 0]  // one cipher suite, null compression
        hello.appendBigEndian(UInt16(sni.count))
        hello += sni
        var handshake: [UInt8] = [1, 0]
        handshake.appendBigEndian(UInt16(hello.count))
        handshake += hello
        var record: [UInt8] = [0x16, 0x03, 0x01]
        record.appendBigEndian(UInt16(handshake.count))
        return record + handshake
    }

    /// An SSH identification string (RFC 4253 §4.2).
    public static func sshBanner(_ software: String) -> [UInt8] {
        Array("SSH-2.0-\(software)\r\n".utf8)
    }
}

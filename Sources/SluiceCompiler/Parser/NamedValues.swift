/// Names pcap-filter accepts where a number goes: libpcap's scanner turns
/// these into numbers (`tcpflags` is 13, `tcp-syn` is 2, ...), and the
/// well-known service names for ports (a fixed table: Sluice reads no
/// /etc/services, so results do not depend on the machine).
enum NamedValues {
    /// Offsets and flag values libpcap's scanner knows.
    static let constants: [String: UInt32] = {
        var table: [String: UInt32] = [
            "icmptype": 0, "icmpcode": 1, "icmp6type": 0, "icmp6code": 1, "tcpflags": 13,
            "tcp-fin": 0x01, "tcp-syn": 0x02, "tcp-rst": 0x04, "tcp-push": 0x08,
            "tcp-ack": 0x10, "tcp-urg": 0x20, "tcp-ece": 0x40, "tcp-cwr": 0x80,
            "icmp-echoreply": 0, "icmp-unreach": 3, "icmp-sourcequench": 4, "icmp-redirect": 5,
            "icmp-echo": 8, "icmp-routeradvert": 9, "icmp-routersolicit": 10, "icmp-timxceed": 11,
            "icmp-paramprob": 12, "icmp-tstamp": 13, "icmp-tstampreply": 14, "icmp-ireq": 15,
            "icmp-ireqreply": 16, "icmp-maskreq": 17, "icmp-maskreply": 18,
        ]
        let icmp6: [(String, UInt32)] = [
            ("destinationunreach", 1), ("packettoobig", 2), ("timeexceeded", 3), ("parameterproblem", 4),
            ("echo", 128), ("echoreply", 129), ("multicastlistenerquery", 130),
            ("multicastlistenerreportv1", 131), ("multicastlistenerdone", 132), ("routersolicit", 133),
            ("routeradvert", 134), ("neighborsolicit", 135), ("neighboradvert", 136), ("redirect", 137),
            ("routerrenum", 138), ("nodeinformationquery", 139), ("nodeinformationresponse", 140),
            ("ineighbordiscoverysolicit", 141), ("ineighbordiscoveryadvert", 142),
            ("multicastlistenerreportv2", 143), ("homeagentdiscoveryrequest", 144),
            ("homeagentdiscoveryreply", 145), ("mobileprefixsolicit", 146), ("mobileprefixadvert", 147),
            ("certpathsolicit", 148), ("certpathadvert", 149), ("multicastrouteradvert", 151),
            ("multicastroutersolicit", 152), ("multicastrouterterm", 153),
        ]
        for (name, value) in icmp6 { table["icmp6-" + name] = value }
        return table
    }()

    /// A number or a named constant.
    static func number(_ text: String) -> UInt32? {
        AddressParser.number(text) ?? constants[text]
    }

    /// Well-known services: name → port (TCP and UDP unless noted in
    /// `udpOnly`/`tcpOnly`), from the IANA registry.
    static let services: [String: UInt16] = [
        "echo": 7, "discard": 9, "daytime": 13, "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23,
        "smtp": 25, "time": 37, "whois": 43, "tacacs": 49, "domain": 53, "bootps": 67, "bootpc": 68,
        "tftp": 69, "gopher": 70, "finger": 79, "http": 80, "www": 80, "kerberos": 88, "pop3": 110,
        "sunrpc": 111, "auth": 113, "nntp": 119, "ntp": 123, "epmap": 135, "netbios-ns": 137,
        "netbios-dgm": 138, "netbios-ssn": 139, "imap": 143, "imap2": 143, "snmp": 161, "snmp-trap": 162,
        "bgp": 179, "irc": 194, "ldap": 389, "https": 443, "microsoft-ds": 445, "isakmp": 500,
        "syslog": 514, "printer": 515, "rip": 520, "route": 520, "submission": 587, "ldaps": 636,
        "rsync": 873, "imaps": 993, "pop3s": 995, "socks": 1080, "openvpn": 1194, "ms-sql-s": 1433,
        "radius": 1812, "radius-acct": 1813, "nfs": 2049, "mysql": 3306, "rdp": 3389, "sip": 5060,
        "postgresql": 5432, "amqp": 5672, "x11": 6000, "http-alt": 8080,
    ]

    /// A port number or service name.
    static func port(_ text: String) -> UInt32? {
        AddressParser.number(text) ?? services[text].map(UInt32.init)
    }
}

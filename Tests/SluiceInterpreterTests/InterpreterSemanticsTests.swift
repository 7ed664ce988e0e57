import SluiceBytecode
import SluiceInterpreter
import Testing

/// Linux's semantics, one rule at a time (DESIGN.md "Semantics of the
/// bytecode"); the shift and `x + k` cases were also checked on this
/// kernel with SO_ATTACH_FILTER on a packet socket.
@Suite struct InterpreterSemanticsTests {
    let packet: [UInt8] = Array(0..<64)

    @Test func loadsPastTheCapturedBytesReturnZero() throws {
        let engine = try interpreter(.load(.half, absolute: 12), .return(1))
        #expect(engine.run(packet: Array(packet.prefix(14))) == 1)
        #expect(engine.run(packet: Array(packet.prefix(13)), wireLength: 1500) == 0)
        #expect(engine.run(packet: []) == 0)
        let word = try interpreter(.load(.word, absolute: 0x7fff_fffe), .return(1))
        #expect(word.run(packet: packet) == 0)
    }

    @Test func bigEndianLoads() throws {
        #expect(try interpreter(.load(.word, absolute: 1), .returnA).run(packet: packet) == 0x0102_0304)
        #expect(try interpreter(.load(.half, absolute: 62), .returnA).run(packet: packet) == 0x3e3f)
        #expect(try interpreter(.load(.byte, absolute: 63), .returnA).run(packet: packet) == 63)
        #expect(try interpreter(.loadXHeaderLength(5), .txa, .returnA).run(packet: packet) == 20)
    }

    @Test func lengthIsTheWireLength() throws {
        let engine = try interpreter(.loadLength, .returnA)
        #expect(engine.run(packet: Array(packet.prefix(10)), wireLength: 1500) == 1500)
        #expect(engine.run(packet: packet) == 64)
        #expect(try interpreter(.loadXLength, .txa, .returnA).run(packet: [], wireLength: 70000) == 70000)
    }

    @Test func divisionAndModuloByXZeroReturnZero() throws {
        for op in [ALUOperation.div, .mod] {
            let engine = try interpreter(.loadImmediate(5), .aluX(op), .return(7))
            #expect(engine.run(packet: packet) == 0)
        }
        #expect(try interpreter(.loadXImmediate(2), .loadImmediate(7), .aluX(.div), .returnA).run(packet: packet) == 3)
        #expect(try interpreter(.loadXImmediate(4), .loadImmediate(7), .aluX(.mod), .returnA).run(packet: packet) == 3)
    }

    @Test func arithmeticWrapsAt32Bits() throws {
        #expect(try interpreter(.loadImmediate(0xffff_ffff), .alu(.add, 2), .returnA).run(packet: []) == 1)
        #expect(try interpreter(.loadImmediate(1), .alu(.sub, 2), .returnA).run(packet: []) == 0xffff_ffff)
        #expect(try interpreter(.loadImmediate(0x8000_0000), .alu(.mul, 2), .returnA).run(packet: []) == 0)
        #expect(try interpreter(.loadImmediate(1), .negate, .returnA).run(packet: []) == 0xffff_ffff)
    }

    @Test func shiftsByXUseXModulo32() throws {
        let left = try interpreter(.loadImmediate(1), .loadXImmediate(33), .aluX(.lsh), .returnA)
        #expect(left.run(packet: []) == 2)
        let (result, divergences) = left.runRecordingDivergences(packet: [])
        #expect(result == 2)
        #expect(divergences.map(\.kind) == [.shiftByLargeX(x: 33)])
        #expect(try interpreter(.loadImmediate(64), .loadXImmediate(36), .aluX(.rsh), .returnA).run(packet: []) == 4)
    }

    @Test func indirectOffsetsAreASigned32BitSum() throws {
        // x = -1, k = 2: Linux loads byte 1; libpcap would return 0.
        let engine = try interpreter(.loadXImmediate(0xffff_ffff), .load(.byte, indirect: 2), .returnA)
        let (result, divergences) = engine.runRecordingDivergences(packet: packet)
        #expect(result == 1)
        #expect(divergences.map(\.kind) == [.indirectOffsetWrapped(x: 0xffff_ffff, k: 2)])
        // A wrap that lands outside the packet is 0 for both: no divergence.
        let outside = try interpreter(.loadXImmediate(0xffff_ffff), .load(.byte, indirect: 200), .return(9))
        #expect(outside.runRecordingDivergences(packet: packet) == (0, []))
        // No wrap, ordinary in-bounds load.
        #expect(try interpreter(.loadXImmediate(14), .load(.half, indirect: 2), .returnA).run(packet: packet) == 0x1011)
    }

    @Test func negativeOffsetsReadTheHeaderWindows() throws {
        let network = try interpreter(.load(.byte, absolute: Ancillary.networkBase + 1), .returnA)
        #expect(network.run(packet: packet) == 15)
        var metadata = PacketMetadata()
        metadata.networkHeaderOffset = 20
        #expect(network.run(packet: packet, metadata: metadata) == 21)
        metadata.networkHeaderOffset = nil
        #expect(network.run(packet: packet, metadata: metadata) == 0)

        let linkLayer = try interpreter(.load(.half, absolute: Ancillary.linkLayerBase + 3), .returnA)
        #expect(linkLayer.run(packet: packet) == 0x0304)
        #expect(linkLayer.run(packet: packet, metadata: PacketMetadata(linkLayerHeaderOffset: nil)) == 0)
        #expect(linkLayer.runRecordingDivergences(packet: packet).divergences.map(\.kind)
                == [.negativeOffset(Int32(bitPattern: Ancillary.linkLayerBase + 3))])

        // Below SKF_LL_OFF nothing is addressable; past the tail neither.
        #expect(try interpreter(.load(.byte, absolute: 0x8000_0000), .return(1)).run(packet: packet) == 0)
        #expect(try interpreter(.load(.word, absolute: Ancillary.networkBase + 48), .return(1)).run(packet: packet) == 0)
        // MSH and [x + k] reach the windows too.
        let msh = try interpreter(.loadXHeaderLength(Ancillary.networkBase), .txa, .returnA)
        #expect(msh.run(packet: packet) == 4 * (14 & 0xf))
        let indirect = try interpreter(.loadXImmediate(2), .load(.byte, indirect: Ancillary.networkBase), .returnA)
        #expect(indirect.run(packet: packet) == 16)
    }

    @Test func ancillaryLoadsReadTheMetadata() throws {
        let metadata = PacketMetadata(networkProtocol: 0x86dd, packetType: 3, device: .init(index: 7, hardwareType: 772),
                                      mark: 42, queue: 5, receiveHash: 0xabcd, cpu: 1, vlanTag: 0x0123,
                                      vlanTagPresent: true, vlanTPID: 0x88a8)
        let expected: [(Ancillary, UInt32)] = [
            (.networkProtocol, 0x86dd), (.packetType, 3), (.interfaceIndex, 7), (.hardwareType, 772), (.mark, 42),
            (.queue, 5), (.receiveHash, 0xabcd), (.cpu, 1), (.vlanTag, 0x0123), (.vlanTagPresent, 1), (.vlanTPID, 0x88a8),
        ]
        for (ancillary, value) in expected {
            #expect(try interpreter(.load(ancillary), .returnA).run(packet: packet, metadata: metadata) == value, "\(ancillary)")
        }
        let xor = try interpreter(.loadImmediate(0xf0), .loadXImmediate(0x0f), .load(.aluXorX), .returnA)
        #expect(xor.run(packet: []) == 0xff)
    }

    @Test func deviceLoadsWithoutADeviceEndTheProgramWithA() throws {
        for ancillary in [Ancillary.interfaceIndex, .hardwareType] {
            let engine = try interpreter(.loadImmediate(77), .load(ancillary), .return(1))
            #expect(engine.run(packet: packet) == 77)
            #expect(engine.run(packet: packet, metadata: PacketMetadata(device: .init(index: 3))) == 1)
        }
    }

    @Test func randomIsRepeatablePerSeedAndVariesWithinARun() throws {
        let engine = try interpreter(.load(.random), .tax, .load(.random), .aluX(.xor), .returnA)
        let seeded = PacketMetadata(randomSeed: 99)
        #expect(engine.run(packet: [], metadata: seeded) == engine.run(packet: [], metadata: seeded))
        #expect(engine.run(packet: [], metadata: seeded) != 0)
    }

    @Test func netlinkAttributesAreFoundInHostOrder() throws {
        // Attributes (len, type) little-endian: (4, 2) at 2, (4, 3) at 6.
        let attributes: [UInt8] = [0xff, 0xff, 4, 0, 2, 0, 4, 0, 3, 0, 0, 0]
        let find = try interpreter(.loadXImmediate(3), .loadImmediate(2), .load(.netlinkAttribute), .returnA)
        #expect(find.run(packet: attributes) == 6)
        let missing = try interpreter(.loadXImmediate(9), .loadImmediate(2), .load(.netlinkAttribute), .returnA)
        #expect(missing.run(packet: attributes) == 0)
        // Nested: an outer attribute of length 12 at 0 holding (4, 5) at 4, (4, 6) at 8.
        let nested: [UInt8] = [12, 0, 1, 0, 4, 0, 5, 0, 4, 0, 6, 0]
        let inner = try interpreter(.loadXImmediate(6), .loadImmediate(0), .load(.netlinkAttributeNested), .returnA)
        #expect(inner.run(packet: nested) == 8)
        #expect(inner.run(packet: Array(nested.prefix(10))) == 0)
    }

    @Test func scratchMemoryAndRegisters() throws {
        let engine = try interpreter(.loadImmediate(5), .store(3), .loadXImmediate(9), .storeX(15),
                                 .loadScratch(15), .loadXScratch(3), .aluX(.add), .returnA)
        #expect(engine.run(packet: []) == 14)
    }

    @Test func jumpsTakeTheRightBranch() throws {
        func decide(_ op: JumpOperation, _ a: UInt32, _ k: UInt32) throws -> UInt32 {
            try interpreter(.loadImmediate(a), .jump(op, k, true: 1, false: 0), .return(0), .return(1)).run(packet: [])
        }
        #expect(try decide(.jeq, 5, 5) == 1 && decide(.jeq, 5, 6) == 0)
        #expect(try decide(.jgt, 6, 5) == 1 && decide(.jgt, 5, 5) == 0)
        #expect(try decide(.jge, 5, 5) == 1 && decide(.jge, 4, 5) == 0)
        #expect(try decide(.jset, 6, 2) == 1 && decide(.jset, 6, 1) == 0)
        let byX = try interpreter(.loadImmediate(3), .loadXImmediate(3), .jumpX(.jeq, true: 1, false: 0), .return(0), .return(1))
        #expect(byX.run(packet: []) == 1)
        #expect(try interpreter(.jump(1), .return(0), .return(2)).run(packet: []) == 2)
    }

    /// A load fused with the comparison after it must still leave A set,
    /// and a jump straight onto the comparison must still compare the A it
    /// brings.
    @Test func fusedLoadAndCompareBehaveLikeThePair() throws {
        let engine = try interpreter(
            .loadImmediate(5), .jump(1),                              // 0, 1: jump onto the comparison at 3
            .load(.half, absolute: 12),                               // 2: fused with 3
            .jump(.jeq, 5, true: 1, false: 0),                        // 3
            .returnA,                                                 // 4: A (the loaded half) when not equal
            .return(1))                                               // 5
        #expect(engine.run(packet: packet) == 1)
        let fallThrough = try interpreter(.load(.half, absolute: 12), .jump(.jeq, 0x0c0d, true: 0, false: 1), .returnA, .return(0))
        #expect(fallThrough.run(packet: packet) == 0x0c0d)
        let indirect = try interpreter(.loadXImmediate(0xffff_ffff), .load(.half, indirect: 3),
                                       .jump(.jeq, 0x0203, true: 0, false: 1), .returnA, .return(0))
        let (result, divergences) = indirect.runRecordingDivergences(packet: packet)
        #expect(result == 0x0203)
        #expect(divergences.map(\.instructionIndex) == [1])
        #expect(divergences.map(\.kind) == [.indirectOffsetWrapped(x: 0xffff_ffff, k: 3)])
        #expect(try interpreter(.load(.byte, absolute: 9), .jump(.jset, 8, true: 0, false: 1), .returnA, .return(0))
            .run(packet: packet) == 9)
    }

    /// `ldxb 4*([k]&0xf); ldh [x + k2]; jeq #c` runs as one operation; it
    /// must set X and A, fail on either load past the bytes, and leave a
    /// jump onto the `ldh` running the pair with the X it brings.
    @Test func fusedHeaderLengthPortTestBehavesLikeTheThree() throws {
        func program(_ constant: UInt32) throws -> Interpreter {
            try interpreter(.loadXHeaderLength(14), .load(.half, indirect: 2), .jump(.jeq, constant, true: 0, false: 2),
                            .txa, .returnA, .returnA)
        }
        // packet[14] = 14, so X = 4 * 0xe = 56 and [x + 2] reads bytes 58, 59.
        #expect(try program(0x3a3b).run(packet: packet) == 56)
        #expect(try program(0x3a3c).run(packet: packet) == 0x3a3b)
        #expect(try program(0x3a3b).run(packet: Array(packet.prefix(59))) == 0)
        #expect(try program(0x3a3b).run(packet: Array(packet.prefix(14))) == 0)
        let jumpOnto = try interpreter(.loadXImmediate(4), .jump(1), .loadXHeaderLength(14), .load(.half, indirect: 2),
                                       .jump(.jeq, 0x0607, true: 0, false: 2), .txa, .returnA, .return(0))
        #expect(jumpOnto.run(packet: packet) == 4)
    }

    @Test func instructionsLinuxRejectsEndWithZeroInsteadOfCrashing() throws {
        // Never produced by the verifier; the decoder still keeps the loop safe.
        let unverified: [[Instruction]] = [
            [.loadImmediate(1)],                                  // falls off the end
            [.jump(5), .return(1)],                               // jumps past the end
            [Instruction(code: 0xffff), .return(1)],              // unknown opcode
            [.loadScratch(16), .return(1)],                       // scratch out of range
            [.alu(.div, 0), .return(1)],                          // division by constant 0
            [.jump(.jeq, 0, true: 200, false: 0), .return(1)],   // conditional past the end
        ]
        for instructions in unverified {
            #expect(unverifiedInterpreter(instructions).run(packet: packet) == 0, "\(instructions)")
        }
    }
}

import Testing
@testable import SluiceEBPF

/// The XDP emitter's path facts: what they answer, what a meet keeps, and
/// that a full set forgets its oldest fact rather than anything newer.
@Suite struct XDPPathFactsTests {
    private let etherType = PathFacts.Field(offset: 12, size: 2)
    private let protocolByte = PathFacts.Field(offset: 23, size: 1)

    @Test func answersWhatWasLearned() {
        var facts = PathFacts()
        #expect(facts.value(of: etherType) == nil)
        facts.learn(etherType, equals: 0x0800)
        facts.exclude(protocolByte, 6)
        facts.learn(PathFacts.Bits(field: protocolByte, mask: 0x80), isSet: false)
        #expect(facts.value(of: etherType) == 0x0800)
        #expect(facts.excludes(protocolByte, 6) && !facts.excludes(protocolByte, 17))
        #expect(facts.isSet(PathFacts.Bits(field: protocolByte, mask: 0x80)) == false)
        #expect(facts.isSet(PathFacts.Bits(field: protocolByte, mask: 0x40)) == nil)
        // Learning again replaces: one value per field, one answer per bits.
        facts.learn(etherType, equals: 0x86dd)
        facts.learn(PathFacts.Bits(field: protocolByte, mask: 0x80), isSet: true)
        #expect(facts.value(of: etherType) == 0x86dd)
        #expect(facts.isSet(PathFacts.Bits(field: protocolByte, mask: 0x80)) == true)
        // A field past 16 bits of offset is never known (not confused with offset & 0xffff).
        facts.learn(PathFacts.Field(offset: 0x1_000c, size: 2), equals: 1)
        #expect(facts.value(of: PathFacts.Field(offset: 0x1_000c, size: 2)) == nil)
        #expect(facts.value(of: etherType) == 0x86dd)
    }

    @Test func meetKeepsWhatBothPathsKnow() {
        var left = PathFacts(), right = PathFacts()
        left.learn(etherType, equals: 0x0800)
        right.learn(etherType, equals: 0x0800)
        left.exclude(protocolByte, 6)
        right.exclude(protocolByte, 17)
        left.safeEnd = 34
        right.safeEnd = 24
        left.formMeet(right)
        #expect(left.value(of: etherType) == 0x0800)
        #expect(!left.excludes(protocolByte, 6) && !left.excludes(protocolByte, 17))
        #expect(left.safeEnd == 24)
    }

    @Test func aFullSetForgetsItsOldestFact() {
        var facts = PathFacts()
        facts.learn(etherType, equals: 0x0800)
        for value in 1...8 { facts.exclude(protocolByte, UInt32(value)) }  // nine facts: one too many
        #expect(facts.value(of: etherType) == nil)
        #expect((1...8).allSatisfy { facts.excludes(protocolByte, UInt32($0)) })
    }
}

/// The Swift DSL: result builders and functions that build the same Filter
/// IR as the pcap-filter parser.
///
///     let web = Filter {
///         Filter.tcp
///         anyOf { Filter.port(80); Filter.port(443) }
///     }
///     // the same IR as FilterParser.parse("tcp and (port 80 or port 443)")
///
/// A block lists filters; `Filter { }` and `allOf { }` join them with `and`,
/// `anyOf { }` with `or`. `if`, `if/else`, `switch` and `for` work inside.
@resultBuilder
public enum FilterBuilder {
    public static func buildExpression(_ filter: Filter) -> [Filter] { [filter] }
    public static func buildBlock(_ parts: [Filter]...) -> [Filter] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Filter]?) -> [Filter] { part ?? [] }
    public static func buildEither(first part: [Filter]) -> [Filter] { part }
    public static func buildEither(second part: [Filter]) -> [Filter] { part }
    public static func buildArray(_ parts: [[Filter]]) -> [Filter] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [Filter]) -> [Filter] { part }
}

/// Every filter in the block (`and`); an empty block matches everything.
public func allOf(@FilterBuilder _ body: () -> [Filter]) -> Filter {
    Filter.conjunction(body()).resolvingEncapsulation()
}

/// Any filter in the block (`or`); an empty block matches nothing.
public func anyOf(@FilterBuilder _ body: () -> [Filter]) -> Filter {
    Filter.disjunction(body()).resolvingEncapsulation()
}

/// The negation of `filter` (`not`).
public func not(_ filter: Filter) -> Filter {
    Filter.not(filter).resolvingEncapsulation()
}

extension Filter {
    /// A filter from a DSL block: every filter in it (`and`), with
    /// pcap-filter's encapsulation rule applied (see `resolvingEncapsulation`).
    public init(@FilterBuilder _ body: () -> [Filter]) {
        self = allOf(body)
    }

    /// The operands joined with `and`, flattened; one operand is itself.
    static func conjunction(_ operands: [Filter]) -> Filter {
        guard let first = operands.first else { return .always }
        return operands.dropFirst().reduce(first, &&)
    }

    /// The operands joined with `or`, flattened; one operand is itself.
    static func disjunction(_ operands: [Filter]) -> Filter {
        guard let first = operands.first else { return .never }
        return operands.dropFirst().reduce(first, ||)
    }
}

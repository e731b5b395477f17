/// The one table of operators, looked up by canonical name or any MXNet alias.
///
/// The table is explicit: each op family contributes its list in ``OperatorRegistry/families``.
///
/// ```swift
/// let fc = try OperatorRegistry.shared.lookup("FullyConnected")
/// print(OperatorRegistry.shared.allNames.count)
/// ```
public final class OperatorRegistry {
    /// The process-wide registry.
    nonisolated(unsafe) public static let shared = OperatorRegistry(operators: OperatorRegistry.families.flatMap { $0 })

    /// Every op family, in one place.
    static var families: [[Operator]] {
        [
            Ops.arithmetic,
            Ops.legacyComparisons,
            Ops.moreScalarForms,
            Ops.unaryMath,
            Ops.legacyMath,
            Ops.reductions,
            Ops.conversions,
            Ops.ampCasts,
            Ops.normalization,
            Ops.batchNormVariants,
            Ops.localResponseNorm,
            Ops.activations,
            Ops.softmaxFamily,
            Ops.lossOutputs,
            Ops.dropout,
            Ops.linearAlgebra,
            Ops.neuralNetwork,
            Ops.nnMisc,
            Ops.resampling,
            Ops.roiPoolingOps,
            Ops.manipulation,
            Ops.creation,
            Ops.random,
            Ops.indexing,
        ]
    }

    public let operators: [Operator]
    private let byName: [String: Operator]

    init(operators: [Operator]) {
        var table: [String: Operator] = [:]
        for op in operators {
            for name in [op.name] + op.aliases {
                precondition(table[name] == nil, "operator name '\(name)' registered twice")
                table[name] = op
            }
        }
        self.operators = operators
        byName = table
    }

    /// The op called `name` (canonical or alias).
    /// - Throws: ``MXNetError`` for an unknown name.
    public func lookup(_ name: String) throws -> Operator {
        guard let op = byName[name] else { throw MXNetError("unknown operator '\(name)'") }
        return op
    }

    /// The op called `name`, or nil.
    public func find(_ name: String) -> Operator? { byName[name] }

    /// Every name the registry answers to, sorted.
    public var allNames: [String] { byName.keys.sorted() }
}

/// Namespace of operator definitions; each family lives in an `Ops+Family.swift` file.
public enum Ops {}

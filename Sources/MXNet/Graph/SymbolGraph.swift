/// A whole graph with named inputs and outputs, as MXNet 1.x's `Symbol` sees it: loaded from symbol JSON (or
/// made from recorded graph entries), listed, shape- and dtype-inferred, written back, and compiled to run on the
/// core's executor.
///
/// ```swift
/// let g = try SymbolGraph(contentsOf: "model-symbol.json")
/// print(g.argumentNames, g.outputNames, g.auxiliaryStateNames)
/// let shapes = try g.inferShapes(["data": [1, 3, 224, 224]])   // weights' shapes filled in
/// let run = try CompiledGraph(g, shapes: params.mapValues(\.shape).merging(["data": x.shape]) { a, _ in a },
///                             types: params.mapValues(\.dtype).merging(["data": x.dtype]) { a, _ in a })
/// let y = try run(named: params.merging(["data": x]) { a, _ in a })[0]
/// ```
///
/// Inputs are the graph's variables: *arguments* (data, labels, weights) and *auxiliary states* (variables an
/// operator updates in place, such as BatchNorm's running statistics), each listed in MXNet's order — the
/// post-order of a depth-first walk from the outputs.
public final class SymbolGraph {
    /// Every node reachable from the outputs, inputs before the nodes that read them (MXNet's order).
    public let nodes: [GraphNode]
    /// The graph's outputs (MXNet's heads).
    public let outputs: [GraphEntry]
    /// The variables that are arguments, in order.
    public let argumentNodes: [GraphNode]
    /// The variables that are auxiliary states, in order.
    public let auxiliaryNodes: [GraphNode]
    /// The `mxnet_version` of the file the graph came from (nil when it had none, or for recorded graphs).
    public let version: Int?
    /// The legacy upgrade steps that ran while loading (see ``LegacyJSONUpgrade``).
    public let upgrades: [AppliedUpgrade]
    /// The file name or `symbol JSON`, used in error messages.
    public let source: String
    /// Whether shapes follow NumPy semantics (0 is a size, -1 unknown; files with `is_np_shape`) rather than
    /// MXNet 1.x's (0 unknown, `()` unknown).
    public let usesNumpyShapes: Bool
    let position: [ObjectIdentifier: Int]

    /// Makes the graph computing `outputs`.
    /// - Throws: ``MXNetError`` if the graph has a cycle.
    public init(outputs: [GraphEntry], version: Int? = nil, upgrades: [AppliedUpgrade] = [], source: String = "graph",
                usesNumpyShapes: Bool = false) throws {
        self.outputs = outputs
        self.usesNumpyShapes = usesNumpyShapes
        self.version = version
        self.upgrades = upgrades
        self.source = source
        do { nodes = try GraphExecutor.topologicalOrder(outputs, stopAtCached: false) } catch let e as MXNetError {
            throw MXNetError("\(source): \(e.message)")
        }
        var position: [ObjectIdentifier: Int] = [:]
        for (i, n) in nodes.enumerated() { position[ObjectIdentifier(n)] = i }
        self.position = position
        var aux = Set<ObjectIdentifier>()
        for node in nodes {
            guard let op = node.op else { continue }
            let count = min(op.auxInputCount(node.params), node.inputs.count)
            for e in node.inputs.suffix(count) where e.node.isVariable { aux.insert(ObjectIdentifier(e.node)) }
        }
        argumentNodes = nodes.filter { $0.isVariable && !aux.contains(ObjectIdentifier($0)) }
        auxiliaryNodes = nodes.filter { $0.isVariable && aux.contains(ObjectIdentifier($0)) }
    }

    /// MXNet's `list_arguments()`.
    public var argumentNames: [String] { argumentNodes.map(\.name) }
    /// MXNet's `list_auxiliary_states()`.
    public var auxiliaryStateNames: [String] { auxiliaryNodes.map(\.name) }
    /// Arguments then auxiliary states: every variable.
    public var inputNodes: [GraphNode] { argumentNodes + auxiliaryNodes }

    /// MXNet's `list_outputs()`: a variable's own name, else `<node>_<output name>` — `fc1_output`,
    /// `bn_output`, `rnn_state_output`, or `split0_output1` for operators with unnamed outputs.
    public var outputNames: [String] {
        outputs.map { e in
            guard let op = e.node.op else { return e.node.name }
            let names = LegacyOutputNames.names(op, e.node.params)
            let name = e.index < names.count ? names[e.index] : "output\(e.index)"
            return e.node.name.isEmpty ? name : "\(e.node.name)_\(name)"
        }
    }

    /// How many nodes use each operator, by the name the file gave it (canonical names for recorded graphs).
    public var operatorCounts: [(name: String, count: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for node in nodes {
            guard let op = node.op else { continue }
            let name = node.spelling?.op ?? op.name
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }
    }

    /// Variables that may be left unbound when running for inference: the labels of loss-output operators
    /// (`SoftmaxOutput`'s `softmax_label`, the regression outputs' labels), which inference does not read.
    public var optionalInputNames: Set<String> {
        var out = Set<String>()
        for node in nodes {
            guard let op = node.op, Ops.lossOutputs.contains(where: { $0 === op }) else { continue }
            let names = op.inputNames(node.params)
            for (k, e) in node.inputs.enumerated() where k < names.count && names[k] == "label" && e.node.isVariable {
                out.insert(e.node.name)
            }
        }
        return out
    }

    /// The graph as MXNet symbol JSON (MXNet 1.9.1 loads it; loaded nodes keep the file's spelling).
    public func json() throws -> String { try SymbolJSONWriter().write(outputs: outputs, numpyShapes: usesNumpyShapes) }
}

/// MXNet's output names for operators whose outputs are named (its `FListOutputNames`); other operators'
/// outputs are `output` (one output) or `output0`, `output1`, ...
enum LegacyOutputNames {
    static let table: [String: [String]] = [
        "BatchNorm": ["output", "mean", "var"],
        "_npx_batch_norm": ["output", "mean", "var"],
        "InstanceNorm": ["output", "mean", "var"],
        "LayerNorm": ["output", "mean", "std"],
        "_npx_layer_norm": ["output", "mean", "std"],
        "GroupNorm": ["output", "mean", "std"],
        "_npx_group_norm": ["output", "mean", "std"],
        "Dropout": ["output", "mask"],
        "_npx_dropout": ["output", "mask"],
        "L2Normalization": ["output", "norm"],
        "LRN": ["output", "tmp_norm"],
        "RNN": ["output", "state_output", "statecell_output"],
        "_npx_rnn": ["output", "state_output", "statecell_output"],
        "SoftmaxOutput": ["output"],
        "Pooling": ["output"],
        "_npx_pooling": ["output"],
    ]

    /// Operators that have more outputs in MXNet than visible ones (`sort` keeps hidden indices), so their one
    /// visible output is still numbered.
    static let numberedSingleOutput: Set<String> = ["sort", "_npi_sort"]

    static func names(_ op: Operator, _ params: any OpParams) -> [String] {
        for name in [op.name] + op.aliases {
            if let t = table[name] { return t }
        }
        let n = op.numOutputs(params)
        if n == 1 && !([op.name] + op.aliases).contains(where: numberedSingleOutput.contains) { return ["output"] }
        return (0..<max(n, 1)).map { "output\($0)" }
    }
}

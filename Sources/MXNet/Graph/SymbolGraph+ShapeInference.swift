/// Shapes inferred over a whole ``SymbolGraph`` from some known input shapes.
///
/// ``arguments``, ``outputs`` and ``auxiliaryStates`` are what MXNet's `infer_shape_partial` answers: nil where
/// even the rank is unknown, and the graph's unknown-dimension marker (0 for MXNet 1.x graphs, -1 with NumPy shape
/// semantics) for dimensions of unknown size.
public struct GraphShapes {
    /// Each node's output shapes, by the node's position in ``SymbolGraph/nodes``; nil unless fully known.
    public let nodeShapes: [[[Int]?]]
    /// Shapes of ``SymbolGraph/argumentNodes``, ``SymbolGraph/outputs`` and ``SymbolGraph/auxiliaryNodes``.
    public let arguments: [[Int]?]
    public let outputs: [[Int]?]
    public let auxiliaryStates: [[Int]?]
    /// Names of the inputs whose shape could not be inferred completely.
    public let unknownInputs: [String]
    /// Whether every input and output shape is fully known.
    public let isComplete: Bool
}

extension SymbolGraph {
    /// Infers every shape it can from `known` input shapes (by argument or auxiliary-state name) and the
    /// variables' `__shape__` hints, as MXNet 1.x's `infer_shape_partial` does: operators fill in their
    /// parameters' shapes from their data (a FullyConnected weight from `num_hidden` and the data), and passes
    /// alternate forward and backward through the graph, so that shapes also flow from outputs to inputs where
    /// the operator tells (`elemwise_add` infers an operand from the other operand or its output, FullyConnected
    /// its data's batch size from its output, Convolution its data's size from its output for stride 1).
    ///
    /// A given shape may leave dimensions unknown: 0 in MXNet 1.x graphs, -1 in graphs with NumPy shape
    /// semantics. Shapes that stay partly known are reported with that marker.
    ///
    /// ```swift
    /// let s = try graph.inferShapes(["data": [2, 5]])
    /// print(s.arguments, s.outputs)   // [[2, 5], [3, 5], [3]] [[2, 3]]
    /// ```
    /// - Throws: ``MXNetError`` for a name that is not an input, a bad `__shape__` hint, or shapes that disagree
    ///   (naming the node and input).
    public func inferShapes(_ known: [String: [Int]]) throws -> GraphShapes {
        try checkNames(known.keys)
        var pass = ShapePass(graph: self)
        try pass.setInputs(known)
        try pass.run()
        return pass.result()
    }
}

/// The state of one shape inference: every node entry's shape as known so far (nil: rank unknown; a dimension
/// of ``PartialShape/unknown``: size unknown).
struct ShapePass {
    let graph: SymbolGraph
    /// How callers write an unknown dimension.
    let marker: Int
    var shapes: [[[Int]?]]
    /// Operators whose shape function ran with every input known: their inputs and outputs are settled.
    var settled: [Bool]
    var changed = false

    init(graph: SymbolGraph) {
        self.graph = graph
        marker = graph.usesNumpyShapes ? -1 : 0
        shapes = graph.nodes.map { Array(repeating: nil, count: $0.outputShapes.count) }
        settled = Array(repeating: false, count: graph.nodes.count)
    }

    func position(_ node: GraphNode) -> Int { graph.position[ObjectIdentifier(node)]! }

    /// A caller's shape in the internal form (1.x: 0 dimensions are unknown).
    func internalShape(_ s: [Int]) -> [Int] {
        marker == -1 ? s : s.map { $0 == marker ? PartialShape.unknown : $0 }
    }

    /// A shape in the caller's form.
    func external(_ s: [Int]) -> [Int] { s.map { $0 == PartialShape.unknown ? marker : $0 } }

    func text(_ s: [Int]) -> String { Shape.text(external(s)) }

    /// Given shapes and `__shape__` hints.
    mutating func setInputs(_ known: [String: [Int]]) throws {
        let source = graph.source
        for (i, node) in graph.nodes.enumerated() where node.isVariable {
            var shape: [Int]?
            if let s = known[node.name] {
                shape = s
            } else if let hint = node.hiddenAttributes["__shape__"] {
                do { shape = try AttributeValue.parseInts(hint) } catch {
                    throw MXNetError("\(source): variable '\(node.name)': attribute '__shape__' is not a shape: '\(hint)'")
                }
                if shape!.isEmpty && marker == 0 { shape = nil }   // "()" is an unknown shape in MXNet 1.x
            }
            guard let s = shape else { continue }
            if s.contains(where: { $0 < marker }) {
                throw MXNetError("\(source): shape \(Shape.text(s)) given for '\(node.name)' has a negative dimension")
            }
            shapes[i][0] = internalShape(s)
        }
    }

    /// Alternates forward and backward walks (as MXNet does) until nothing changes.
    mutating func run() throws {
        var passes = 0
        repeat {
            changed = false
            let order = passes % 2 == 0 ? Array(graph.nodes.indices) : graph.nodes.indices.reversed()
            for i in order { try step(i) }
            passes += 1
        } while changed && passes < 2 * SymbolGraph.maximumInferencePasses
    }

    /// Infers what node `i`'s operator tells about its inputs and outputs.
    mutating func step(_ i: Int) throws {
        let node = graph.nodes[i]
        guard let op = node.op, !settled[i] else { return }
        let ins = node.inputs.map { shapes[position($0.node)][$0.index] }
        var refined = ins, outs = shapes[i]
        let context = "\(graph.source): node '\(node.name)'"
        // The shape function, with the inputs that are fully known.
        var full = ins.map { PartialShape.isKnown($0) ? $0 : nil }
        let allKnown = !full.contains { $0 == nil }
        do {
            let result = try op.inferShape(&full, node.params)
            for k in ins.indices where !PartialShape.isKnown(ins[k]) {
                // A filled input is a constraint on variables (deferred parameter shapes) and on partly known
                // operator outputs; an operator output of unknown rank is left to its own operator.
                guard let s = full[k], ins[k] != nil || node.inputs[k].node.isVariable else { continue }
                try assignInput(&refined[k], s, node, k)
            }
            for (k, s) in result.enumerated() where k < outs.count {
                var s = s
                // A 1.x creation operator's 0 dimensions (`_zeros(shape=(2, 0, 6))` in Gluon's begin states) are
                // unknown until a reader tells them.
                if marker == 0 && node.inputs.isEmpty { s = internalShape(s) }
                try assignOutput(&outs[k], s, node, k)
            }
            if allKnown { settled[i] = true }
        } catch let e as MXNetError where e.kind == .unknownShape && !allKnown {
            // Not known yet: the operator may answer once more is known.
        } catch let e as MXNetError {
            throw MXNetError("\(context): \(e.message)")
        }
        // The partial shape rule: partly known shapes, both directions.
        if op.hasPartialShapeRule && !(refined + outs).allSatisfy(PartialShape.isKnown) {
            var pin = refined, pout = outs
            do {
                try op.inferPartialShape(inputs: &pin, outputs: &pout, node.params, spelling: node.spelling?.op)
            } catch let e as MXNetError where e.kind == .unknownShape {
                pin = refined
                pout = outs
            } catch let e as MXNetError {
                throw MXNetError("\(context): \(e.message)")
            }
            for k in pin.indices { try assignInput(&refined[k], pin[k], node, k) }
            for k in pout.indices { try assignOutput(&outs[k], pout[k], node, k) }
        }
        for (k, e) in node.inputs.enumerated() where refined[k] != ins[k] {
            // Merged rather than stored: another input of this node may be the same entry.
            let p = position(e.node)
            var slot = shapes[p][e.index]
            try assignInput(&slot, refined[k], node, k)
            if slot != shapes[p][e.index] { shapes[p][e.index] = slot; changed = true }
        }
        if outs != shapes[i] { shapes[i] = outs; changed = true }
    }

    func assignInput(_ slot: inout [Int]?, _ s: [Int]?, _ node: GraphNode, _ k: Int) throws {
        guard let merged = PartialShape.merge(slot, s) else {
            let names = node.op!.inputNames(node.params)
            let name = k < names.count ? names[k] : "input \(k)"
            throw MXNetError("\(graph.source): node '\(node.name)': \(node.op!.displayName): input '\(name)' " +
                             "('\(node.inputs[k].node.name)') has shape \(text(slot!)), expected \(text(s!))")
        }
        slot = merged
    }

    func assignOutput(_ slot: inout [Int]?, _ s: [Int]?, _ node: GraphNode, _ k: Int) throws {
        guard let merged = PartialShape.merge(slot, s) else {
            throw MXNetError("\(graph.source): node '\(node.name)': \(node.op!.displayName): output \(k) has shape " +
                             "\(text(s!)), but the nodes reading it expect \(text(slot!))")
        }
        slot = merged
    }

    func result() -> GraphShapes {
        func shape(_ n: GraphNode) -> [Int]? { shapes[position(n)][0].map(external) }
        let unknown = graph.inputNodes.filter { !PartialShape.isKnown(shapes[position($0)][0]) }.map(\.name)
        let outputs = graph.outputs.map { shapes[position($0.node)][$0.index] }
        return GraphShapes(
            nodeShapes: shapes.map { $0.map { PartialShape.isKnown($0) ? $0 : nil } },
            arguments: graph.argumentNodes.map(shape), outputs: outputs.map { $0.map(external) },
            auxiliaryStates: graph.auxiliaryNodes.map(shape), unknownInputs: unknown,
            isComplete: unknown.isEmpty && outputs.allSatisfy(PartialShape.isKnown))
    }
}

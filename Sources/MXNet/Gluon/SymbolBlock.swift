/// A block that runs a loaded symbol graph (MXNet's `gluon.SymbolBlock`): a 1.x `*-symbol.json` with its
/// `.params`, or a file written by ``HybridBlock/export(_:epoch:)``, as a Gluon block that can be called,
/// hybridized, nested in other blocks and fine-tuned.
///
/// Every graph input that is not a data input becomes a ``Parameter`` named as in the graph
/// (`conv0_weight`, `bn0_moving_mean` ...): arguments are trainable, auxiliary states (BatchNorm running
/// statistics) have `gradReq` `.null` and are updated by the graph itself in training mode. Labels of
/// loss-output operators (`softmax_label` ...) that are not listed as inputs are bound to zeros, as at inference
/// in MXNet's `Module`.
///
/// ```swift
/// let net = try SymbolBlock.imports("resnet18-symbol.json", inputNames: ["data"], paramFile: "resnet18-0000.params")
/// let y = try net(x)                                   // runs the graph
/// let trainer = try Trainer(net.collectParams(), "sgd", ["learning_rate": 0.01])
/// let loss = try autograd.record { try lossFn(net(x), label) }
/// try loss.backward(); try trainer.step(batchSize: x.shape[0])   // fine-tuning
/// ```
public final class SymbolBlock: HybridBlock {
    /// The loaded graph.
    public let symbol: SymbolGraph
    /// The graph inputs fed by the caller, in call order.
    public let inputNames: [String]
    /// Graph inputs that are parameters, in graph order (arguments, then auxiliary states).
    let graphParams: [(name: String, parameter: Parameter)]
    /// Loss-output labels bound to zeros.
    let labelNames: [String]
    private var compiled: [Signature: CompiledGraph] = [:]

    /// Wraps `symbol`, feeding `inputNames` from the call and making every other input a parameter.
    /// `parameters` (by graph input name, as in a `.params` file) give values and dtypes; the others stay
    /// uninitialized with shapes inferred from the first input.
    ///
    /// ```swift
    /// let block = try SymbolBlock(try SymbolGraph(contentsOf: "net-symbol.json"), inputNames: ["data"])
    /// try block.initialize(initializer.Xavier())
    /// ```
    /// - Throws: ``MXNetError`` when an input name is not an argument of the graph or is given twice.
    public init(_ symbol: SymbolGraph, inputNames: [String], parameters: [String: NDArray] = [:]) throws {
        let arguments = Set(symbol.argumentNames)
        for (i, n) in inputNames.enumerated() {
            guard arguments.contains(n) else {
                throw MXNetError("\(symbol.source): input '\(n)' is not an argument of the graph (arguments: \(symbol.argumentNames.joined(separator: ", ")))")
            }
            guard !inputNames[..<i].contains(n) else { throw MXNetError("\(symbol.source): input '\(n)' is listed twice") }
        }
        self.symbol = symbol
        self.inputNames = inputNames
        let given = Set(inputNames), labels = symbol.optionalInputNames.subtracting(given)
        let aux = Set(symbol.auxiliaryStateNames)
        // What the graph alone tells about parameter shapes (`(10, 0)` for a FullyConnected weight), as MXNet shows.
        var partial: [String: [Int]] = [:]
        if let s = try? symbol.inferShapes(parameters.mapValues(\.shape)) {
            for (node, shape) in zip(symbol.inputNodes, s.arguments + s.auxiliaryStates) { partial[node.name] = shape }
        }
        var params: [(name: String, parameter: Parameter)] = []
        for node in symbol.inputNodes where !given.contains(node.name) && !labels.contains(node.name) {
            let value = parameters[node.name]
            let p = Parameter(node.name, shape: value?.shape ?? partial[node.name] ?? [], dtype: value?.dtype ?? .float32,
                              initializer: SymbolBlock.defaultInitializer(node.name),
                              gradReq: aux.contains(node.name) ? .null : .write)
            if let value { try p.setData(value) } else if partial[node.name] == nil { p.isRankUnknown = true }
            params.append((node.name, p))
        }
        graphParams = params
        labelNames = symbol.inputNodes.map(\.name).filter { labels.contains($0) }
        super.init()
        for (n, p) in params { registerParameter(p, name: n) }
    }

    /// Loads `symbolFile` (any symbol-JSON version MXNet 1.9.1 reads) and, when given, `paramFile` (a checkpoint
    /// with `arg:`/`aux:` names or a `save_parameters` file), as MXNet's `SymbolBlock.imports`. Parameters take
    /// the file's dtypes.
    ///
    /// ```swift
    /// let net = try SymbolBlock.imports("model-symbol.json", inputNames: ["data"], paramFile: "model-0000.params")
    /// ```
    /// - Parameters:
    ///   - allowMissing: leave parameters the file lacks uninitialized instead of failing.
    ///   - ignoreExtra: skip arrays the graph does not use instead of failing.
    /// - Throws: ``MXNetError`` naming the file and the parameter that is missing, extra or misshapen.
    public static func imports(_ symbolFile: String, inputNames: [String], paramFile: String? = nil,
                               allowMissing: Bool = false, ignoreExtra: Bool = false) throws -> SymbolBlock {
        let graph = try SymbolGraph(contentsOf: symbolFile)
        guard let paramFile else { return try SymbolBlock(graph, inputNames: inputNames) }
        let values = try ParamsFile.load(paramFile).parameters
        let block = try SymbolBlock(graph, inputNames: inputNames,
                                    parameters: values.filter { k, _ in !inputNames.contains(k) })
        let names = Set(block.graphParams.map(\.name))
        if !ignoreExtra, let extra = values.keys.sorted().first(where: { !names.contains($0) && !inputNames.contains($0) }) {
            throw MXNetError("\(paramFile): Parameter '\(extra)' loaded from the file is not used by \(symbolFile); set ignoreExtra to skip it")
        }
        if !allowMissing, let missing = block.graphParams.first(where: { values[$0.name] == nil }) {
            throw MXNetError("\(paramFile): Parameter '\(missing.name)' of \(symbolFile) is missing in the file; set allowMissing to load it anyway")
        }
        return block
    }

    /// Initializers chosen by MXNet's name conventions for parameters without a value.
    static func defaultInitializer(_ name: String) -> Initializer? {
        let ones = ["gamma", "moving_var", "running_var", "moving_inv_var"]
        let zeros = ["beta", "bias", "moving_mean", "running_mean", "moving_avg"]
        if ones.contains(where: { name.hasSuffix($0) }) { return initializer.One() }
        if zeros.contains(where: { name.hasSuffix($0) }) { return initializer.Zero() }
        return nil
    }

    /// Fills unknown parameter shapes from the graph's shape inference on the first inputs.
    public override func inferShape(_ inputs: [NDArray]) throws {
        let s = try symbol.inferShapes(knownShapes(inputs))
        var inferred: [String: [Int]] = [:]
        for (node, shape) in zip(symbol.inputNodes, s.arguments + s.auxiliaryStates) { inferred[node.name] = shape }
        for (name, p) in graphParams where !p.isShapeKnown {
            guard let shape = inferred[name], !shape.contains(where: { $0 <= 0 }) else {
                throw MXNetError("\(symbol.source): cannot infer the shape of parameter '\(name)' from inputs \(inputs.map { Shape.text($0.shape) }.joined(separator: ", "))")
            }
            try p.setShape(shape)
        }
    }

    private func knownShapes(_ inputs: [NDArray]) -> [String: [Int]] {
        var shapes: [String: [Int]] = [:]
        for (n, x) in zip(inputNames, inputs) { shapes[n] = x.shape }
        for (n, p) in graphParams where p.isShapeKnown { shapes[n] = p.shape }
        return shapes
    }

    public override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
        guard inputs.count == inputNames.count else {
            throw MXNetError("\(symbol.source): the block takes \(inputNames.count) inputs (\(inputNames.joined(separator: ", "))), got \(inputs.count)")
        }
        let values = try graphParams.map { try $0.parameter.data() }
        let key = Signature(shapes: inputs.map(\.shape) + values.map(\.shape), dtypes: inputs.map(\.dtype) + values.map(\.dtype),
                            training: false)
        let graph = try compiled[key] ?? compile(inputs, values, key)
        var byName: [String: NDArray] = [:]
        for (n, x) in zip(inputNames, inputs) { byName[n] = x }
        for ((n, _), v) in zip(graphParams, values) { byName[n] = v }
        return try graph(named: byName)
    }

    private func compile(_ inputs: [NDArray], _ values: [NDArray], _ key: Signature) throws -> CompiledGraph {
        var shapes: [String: [Int]] = [:], types: [String: DType] = [:]
        for (n, x) in zip(inputNames, inputs) { shapes[n] = x.shape; types[n] = x.dtype }
        for ((n, _), v) in zip(graphParams, values) { shapes[n] = v.shape; types[n] = v.dtype }
        let labels = try symbol.zeroLabels(labelNames, shapes: shapes, types: types)
        for (n, z) in labels { shapes[n] = z.shape; types[n] = z.dtype }
        let graph = try CompiledGraph(symbol, shapes: shapes, types: types, constants: labels, fuseForInference: false)
        compiled[key] = graph
        return graph
    }
}

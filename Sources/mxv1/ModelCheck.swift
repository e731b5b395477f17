import Foundation
import MXNet
#if canImport(Glibc)
import Glibc
#endif

/// A given input's shape, and its dtype when known (`inspect --shape` gives none).
struct InputSpec {
    let shape: [Int]
    let dtype: DType?
}

/// A model's graph checked against its params file and its inputs, from headers only: which parameters the graph
/// uses, which inputs it lacks, whether every shape fits, and how much memory a run would take.
///
/// Parameters the graph does not use are ignored, as MXNet's `Module.set_params` and `Executor.bind` ignore them
/// (Gluon's `SymbolBlock.imports` refuses them unless `ignore_extra`); `inspect` lists them.
struct ModelCheck {
    let graph: SymbolGraph
    let listing: ParamsFile.Listing?
    /// The given inputs' shapes and dtypes, by name.
    let inputs: [String: InputSpec]
    /// Headers of the params file's arrays that the graph reads, by name (inputs given by name take precedence).
    let parameters: [String: ParamsFile.ArrayInfo]
    /// Arrays of the params file that are not inputs of the graph, by name.
    let unusedParameters: [String]
    /// Shapes and dtypes inferred from the parameters and inputs (nil marks what stays unknown).
    let shapes: GraphShapes
    let types: GraphTypes

    var paramsLabel: String { listing?.label ?? "the params file" }
    var usedParameters: Set<String> { Set(parameters.keys) }

    /// Checks names and shapes.
    /// - Throws: ``MXNetError`` for an input the graph does not have, a parameter whose shape disagrees with the
    ///   graph (naming the params file, the array and the node reading it), or shapes or dtypes that disagree.
    init(graph: SymbolGraph, listing: ParamsFile.Listing?, inputs: [String: InputSpec]) throws {
        self.graph = graph
        self.listing = listing
        self.inputs = inputs
        let names = Set(graph.inputNodes.map(\.name))
        let stored = listing?.parameters ?? [:]
        for name in inputs.keys.sorted() where !names.contains(name) {
            let expected = graph.inputNodes.map(\.name).filter { stored[$0] == nil }
            throw MXNetError("\(graph.source): the model has no input named '\(name)' (its inputs: " +
                             (expected.isEmpty ? "none besides the parameters" : expected.joined(separator: ", ")) + ")")
        }
        parameters = stored.filter { names.contains($0.key) && inputs[$0.key] == nil }
        unusedParameters = stored.keys.filter { !names.contains($0) }.sorted()

        let given = inputs.sorted { $0.key < $1.key }.map { "\($0.key) \(Shape.text($0.value.shape))" }
        // Parameters against what the graph alone says (from the inputs): the message can then name the file.
        let inputShapes = inputs.mapValues(\.shape)
        if let fromInputs = try? graph.inferShapes(inputShapes) {
            for (node, expected) in zip(graph.inputNodes, fromInputs.arguments + fromInputs.auxiliaryStates) {
                guard let info = parameters[node.name], let expected, ModelCheck.isKnown(expected, graph),
                      info.shape != expected else { continue }
                throw MXNetError("\(listing?.label ?? "the params file"): '\(node.name)' has shape \(Shape.text(info.shape)), but " +
                                 "\(ModelCheck.reader(of: node, in: graph)) in \(graph.source) expects \(Shape.text(expected))" +
                                 (given.isEmpty ? "" : " with the given input shapes (\(given.joined(separator: ", ")))"))
            }
        }
        var knownShapes = parameters.mapValues(\.shape), knownTypes = parameters.mapValues(\.dtype)
        for (name, spec) in inputs { knownShapes[name] = spec.shape; knownTypes[name] = spec.dtype }
        do {
            shapes = try graph.inferShapes(knownShapes)
            types = try graph.inferTypes(knownTypes)
        } catch let e as MXNetError where !given.isEmpty {
            throw MXNetError(e.message + " (with the given input shapes \(given.joined(separator: ", ")))")
        }
    }

    /// Whether an inferred shape is fully known (MXNet 1.x graphs mark unknown dimensions with 0, NumPy-shape
    /// graphs with -1).
    static func isKnown(_ shape: [Int], _ graph: SymbolGraph) -> Bool {
        !shape.contains(graph.usesNumpyShapes ? -1 : 0) && (graph.usesNumpyShapes || !shape.isEmpty)
    }

    /// "input 'bias' of node 'fc1' (FullyConnected)" for the first node reading `variable`.
    static func reader(of variable: GraphNode, in graph: SymbolGraph) -> String {
        for node in graph.nodes {
            guard let op = node.op else { continue }
            let names = op.inputNames(node.params)
            if let k = node.inputs.firstIndex(where: { $0.node === variable }) {
                let slot = k < names.count ? names[k] : "input \(k)"
                return "input '\(slot)' of node '\(node.name)' (\(node.spelling?.op ?? op.displayName))"
            }
        }
        return "an output of the graph"
    }

    /// Throws unless every input of the graph has a value: a parameter, a given input, or (labels of loss
    /// outputs) zeros.
    /// - Throws: ``MXNetError`` listing every input without a value, naming the symbol and params files.
    func requireEveryInput() throws {
        let optional = graph.optionalInputNames
        let missing = graph.inputNodes.map(\.name).filter {
            parameters[$0] == nil && inputs[$0] == nil && !optional.contains($0)
        }
        guard !missing.isEmpty else { return }
        if let listing, listing.names == nil, !listing.arrays.isEmpty {
            throw MXNetError("\(listing.label): the arrays are unnamed (mx.nd.save of a list), so none can be " +
                             "matched to the model's inputs \(missing.joined(separator: ", ")) (\(graph.source))")
        }
        let one = missing.count == 1
        throw MXNetError("\(graph.source): no value for \(one ? "input" : "inputs") \(missing.joined(separator: ", ")): " +
                         "\(paramsLabel) does not hold \(one ? "it" : "them"); give \(one ? "it" : "them") with " +
                         "--input NAME=FILE.npy")
    }

    /// Throws when the parameters, inputs or any single intermediate value would need more memory than the
    /// machine allows the process (physical memory, or a lower address-space limit), so that a hostile or absurd
    /// file is refused with a message instead of failing an allocation.
    /// - Throws: ``MXNetError`` naming the file and the array or node that is too large.
    func checkMemory() throws {
        let budget = ModelCheck.memoryBudget()
        func bytes(_ shape: [Int], _ dtype: DType?) -> Int {
            var n = dtype?.size ?? 8
            for d in shape where d > 0 {
                let (m, overflow) = n.multipliedReportingOverflow(by: d)
                if overflow { return Int.max }
                n = m
            }
            return shape.contains(0) ? 0 : n
        }
        var total = 0
        for (name, info) in parameters.sorted(by: { $0.key < $1.key }) {
            let b = bytes(info.shape, info.dtype)
            total = total > Int.max - b ? Int.max : total + b
            guard total <= budget else {
                throw MXNetError("\(paramsLabel): the parameters up to '\(name)' (shape \(Shape.text(info.shape)), " +
                                 "\(info.storage)) need \(ModelCheck.text(total)), more than the \(ModelCheck.text(budget)) " +
                                 "of memory available")
            }
        }
        for (i, node) in graph.nodes.enumerated() where node.op != nil {
            for (k, shape) in shapes.nodeShapes[i].enumerated() {
                guard let shape else { continue }
                let t = k < types.nodeTypes[i].count ? types.nodeTypes[i][k] : nil
                let b = bytes(shape, t)
                guard b <= budget - min(total, budget) else {
                    throw MXNetError("\(graph.source): node '\(node.name)' (\(node.spelling?.op ?? node.op!.displayName)) " +
                                     "would need \(ModelCheck.text(b)) for its output of shape \(Shape.text(shape)), " +
                                     "more than the \(ModelCheck.text(budget)) of memory available")
                }
            }
        }
    }

    /// The bytes a run may use: physical memory, or less when the process's address space or data size is limited.
    static func memoryBudget() -> Int {
        var budget = Int.max
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        if pages > 0 && size > 0 {
            let (m, overflow) = pages.multipliedReportingOverflow(by: size)
            if !overflow { budget = m }
        }
        #if canImport(Glibc)
        // The address-space limit counts what the process has mapped already (its code, stacks, heap).
        let mapped = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))
            .flatMap { $0.split(separator: " ").first.flatMap { Int($0) } }.map { $0 * max(size, 1) } ?? 0
        for (resource, used) in [(RLIMIT_AS, mapped), (RLIMIT_DATA, 0)] {
            var limit = rlimit()
            if getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max {
                // A quarter left for what the run maps besides its arrays (thread stacks, BLAS buffers).
                budget = min(budget, max(Int(clamping: limit.rlim_cur) - used, 0) / 4 * 3)
            }
        }
        #endif
        return budget
    }

    /// `1.5 GiB`, `12 KiB`, `100 bytes`.
    static func text(_ bytes: Int) -> String {
        if bytes == Int.max { return "more than 8 EiB" }
        let units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var v = Double(bytes), unit = "bytes"
        for u in units where v >= 1024 { v /= 1024; unit = u }
        return unit == "bytes" ? "\(bytes) bytes" : String(format: "%.1f", v) + " " + unit
    }
}

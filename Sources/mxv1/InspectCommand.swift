import ArgumentParser
import Foundation
import MXNet

/// `mxv1 inspect`: what a model file holds, or (`--ops`) which MXNet operators this build supports.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model (inputs, outputs, operators, parameters, version), or list the supported operators (--ops).")

    @Argument(help: "A model prefix or a path to a *-symbol.json file.")
    var model: String?

    @Option(help: "The checkpoint epoch of the params file.")
    var epoch = 0

    @Option(help: "The params file, when it is not PREFIX-NNNN.params.")
    var params: String?

    @Flag(help: "List every supported MXNet operator name (1.x and 2.0 spellings) and the count.")
    var ops = false

    func validate() throws {
        guard ops || model != nil else { throw ValidationError("give a MODEL, or --ops") }
    }

    func run() throws {
        if ops {
            let names = OperatorRegistry.shared.allNames.filter { !$0.hasPrefix("_backward_") }
            for name in names { print(name) }
            print("\(names.count) operator names (\(OperatorRegistry.shared.operators.count) operators)")
            return
        }
        try describe(model!)
    }

    func describe(_ model: String) throws {
        let symbolPath = model.hasSuffix(".json") ? model : model + "-symbol.json"
        let document = try SymbolJSONDocument(contentsOf: symbolPath)
        print("file: \(symbolPath)")
        print("mxnet version: " + (document.version.map { versionText($0) } ?? "unknown (pre-1.0 format)"))
        var counts: [String: Int] = [:]
        for node in document.nodes where !node.isVariable { counts[node.op, default: 0] += 1 }
        let unsupported = Dictionary(uniqueKeysWithValues: document.unsupportedOperators().map { ($0.name, $0.count) })
        print("operators (\(counts.count) kinds, \(counts.values.reduce(0, +)) nodes):")
        for (op, n) in counts.sorted(by: { $0.key < $1.key }) {
            print("  \(op) ×\(n)" + (unsupported[op] != nil ? "  UNSUPPORTED" : ""))
        }
        guard unsupported.isEmpty else {
            throw MXNetError("\(symbolPath): unsupported operators: " + unsupported.keys.sorted().joined(separator: ", "))
        }
        let graph = try SymbolGraph(document: document)
        if !graph.upgrades.isEmpty {
            print("upgrades applied:")
            for u in graph.upgrades { print("  \(u)") }
        }
        let files = try? ModelFiles(model: model, epoch: epoch, params: params)
        let parameters = try files.map { try ParamsFile.load($0.params).parameters } ?? [:]
        let shapes = try graph.inferShapes(parameters.mapValues(\.shape))
        print("inputs:")
        for (i, node) in graph.argumentNodes.enumerated() where parameters[node.name] == nil {
            let label = graph.optionalInputNames.contains(node.name) ? " (label, optional at inference)" : ""
            print("  \(node.name): " + (shapes.arguments[i].map(Shape.text) ?? "shape unknown until bound") + label)
        }
        print("outputs:")
        for (name, shape) in zip(graph.outputNames, shapes.outputs) {
            print("  \(name): " + (shape.map(Shape.text) ?? "shape depends on the inputs"))
        }
        let count = parameters.values.reduce(0) { $0 + $1.size }
        let bytes = parameters.values.reduce(0) { $0 + $1.size * $1.dtype.size }
        print(files == nil ? "parameters: no params file found"
              : "parameters: \(parameters.count) arrays, \(count) values, \(bytes) bytes (\(files!.params))")
    }

    func versionText(_ v: Int) -> String { "\(v / 10000).\(v / 100 % 100).\(v % 100)" }
}

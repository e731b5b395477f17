import ArgumentParser
import Foundation
import MXNet

/// Where a model's files are: `PREFIX-symbol.json` and `PREFIX-NNNN.params`, from a prefix or a symbol path.
struct ModelFiles {
    let symbol: String
    let params: String

    /// Resolves `model` (a prefix, or a path to a `*-symbol.json` / `*.json` file).
    /// - Throws: ``MXNetError`` naming the missing file.
    init(model: String, epoch: Int, params: String?) throws {
        var prefix = model
        if model.hasSuffix("-symbol.json") {
            symbol = model
            prefix = String(model.dropLast("-symbol.json".count))
        } else if model.hasSuffix(".json") {
            symbol = model
            prefix = String(model.dropLast(".json".count))
        } else {
            symbol = model + "-symbol.json"
        }
        self.params = params ?? prefix + String(format: "-%04d.params", epoch)
        guard FileManager.default.fileExists(atPath: symbol) else {
            throw MXNetError("\(symbol): no such symbol file (MODEL is a prefix or a *-symbol.json path)")
        }
        guard FileManager.default.fileExists(atPath: self.params) else {
            throw MXNetError("\(self.params): no such params file (use --epoch N or --params FILE)")
        }
    }
}

/// Options shared by the commands that run a model.
struct ModelOptions: ParsableArguments {
    @Argument(help: "A model prefix (PREFIX-symbol.json, PREFIX-0000.params) or a path to a *-symbol.json file.")
    var model: String

    @Option(name: .customLong("input"), help: "An input as NAME=FILE.npy (repeat for several inputs).")
    var inputs: [String] = []

    @Option(help: "The checkpoint epoch of the params file (PREFIX-NNNN.params).")
    var epoch = 0

    @Option(help: "The params file, when it is not PREFIX-NNNN.params.")
    var params: String?

    func validate() throws {
        guard epoch >= 0 && epoch <= 9999 else { throw ValidationError("--epoch must be between 0 and 9999") }
        for spec in inputs where !spec.contains("=") || spec.hasPrefix("=") || spec.hasSuffix("=") {
            throw ValidationError("--input '\(spec)' is not NAME=FILE.npy")
        }
    }

    /// The inputs read from their `.npy` files, by name.
    func readInputs() throws -> [String: NDArray] {
        var out: [String: NDArray] = [:]
        for spec in inputs {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard out[parts[0]] == nil else { throw MXNetError("--input \(parts[0]) is given twice") }
            out[parts[0]] = try np.load(npy: parts[1])
        }
        return out
    }
}

/// A loaded model compiled for its inputs: the object `run` and `bench model` time.
struct LoadedModel {
    let graph: SymbolGraph
    let compiled: CompiledGraph

    init(_ files: ModelFiles, inputs: [String: NDArray]) throws {
        graph = try SymbolGraph(contentsOf: files.symbol)
        let parameters = try ParamsFile.load(files.params).parameters
        for name in inputs.keys where !graph.inputNodes.contains(where: { $0.name == name }) {
            throw MXNetError("\(files.symbol): the model has no input named '\(name)' (inputs: " +
                             graph.inputNodes.map(\.name).filter { parameters[$0] == nil }.joined(separator: ", ") + ")")
        }
        compiled = try CompiledGraph(graph, parameters: parameters, inputs: inputs.mapValues { ($0.shape, $0.dtype) })
    }
}

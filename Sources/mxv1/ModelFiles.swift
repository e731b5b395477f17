import ArgumentParser
import Foundation
import MXNet

/// Where a model's files are: `PREFIX-symbol.json` and `PREFIX-NNNN.params`, from a prefix or a symbol path.
struct ModelFiles {
    let symbol: String
    /// The params file; nil when it is optional (`inspect`) and absent.
    let params: String?

    /// Resolves `model` (a prefix, or a path to a `*-symbol.json` / `*.json` file).
    /// - Parameters:
    ///   - epoch: the checkpoint epoch (`PREFIX-NNNN.params`); nil for the default, 0.
    ///   - params: an explicit params file.
    ///   - paramsRequired: whether a missing params file is an error even when neither `epoch` nor `params` was
    ///     given (an explicitly named file must always exist).
    /// - Throws: ``MXNetError`` naming the missing file.
    init(model: String, epoch: Int?, params: String?, paramsRequired: Bool = true) throws {
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
        let path = params ?? prefix + String(format: "-%04d.params", epoch ?? 0)
        guard FileManager.default.fileExists(atPath: symbol) else {
            throw MXNetError("\(symbol): no such symbol file (MODEL is a prefix or a *-symbol.json path)")
        }
        if FileManager.default.fileExists(atPath: path) {
            self.params = path
        } else if paramsRequired || params != nil || epoch != nil {
            throw MXNetError("\(path): no such params file (use --epoch N or --params FILE)")
        } else {
            self.params = nil
        }
    }
}

/// `--epoch` and `--params`, shared by the commands that read a model.
struct CheckpointOptions: ParsableArguments {
    // Unconditional parsing, so that `--epoch -1` reaches validation instead of reading as an option.
    @Option(parsing: .unconditional, help: "The checkpoint epoch: the params file is PREFIX-NNNN.params (default 0).")
    var epoch: Int?

    @Option(help: "The params file, when it is not PREFIX-NNNN.params.")
    var params: String?

    func validate() throws {
        if let epoch, !(0...9999).contains(epoch) { throw ValidationError("--epoch must be between 0 and 9999") }
    }
}

/// An input file given as `--input NAME=FILE.npy`.
struct InputFile {
    let name: String
    let path: String

    /// Parses `NAME=FILE.npy` specs.
    /// - Throws: ``ValidationError`` for a spec without a name or a file, or a name given twice.
    static func parse(_ specs: [String]) throws -> [InputFile] {
        var out: [InputFile] = []
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--input '\(spec)' is not NAME=FILE.npy")
            }
            guard !out.contains(where: { $0.name == parts[0] }) else {
                throw ValidationError("--input \(parts[0]) is given twice")
            }
            out.append(InputFile(name: parts[0], path: parts[1]))
        }
        return out
    }

    /// The files' shapes and dtypes, from their headers (nothing else is read).
    static func specs(_ files: [InputFile]) throws -> [String: InputSpec] {
        var out: [String: InputSpec] = [:]
        for f in files {
            let info = try NPYFile.info(path: f.path)
            out[f.name] = InputSpec(shape: info.shape, dtype: info.dtype)
        }
        return out
    }
}

/// Options shared by the commands that run a model.
struct ModelOptions: ParsableArguments {
    @Argument(help: "A model prefix (PREFIX-symbol.json, PREFIX-0000.params) or a path to a *-symbol.json file.")
    var model: String

    @Option(name: .customLong("input"), help: ArgumentHelp(
        "An input as NAME=FILE.npy (repeat for several inputs).", valueName: "name=file.npy"))
    var inputs: [String] = []

    @OptionGroup var checkpoint: CheckpointOptions

    func validate() throws { _ = try InputFile.parse(inputs) }

    func files() throws -> ModelFiles {
        try ModelFiles(model: model, epoch: checkpoint.epoch, params: checkpoint.params)
    }

    func inputFiles() throws -> [InputFile] { try InputFile.parse(inputs) }
}

/// A loaded model compiled for its inputs: the object `run` and `bench model` time.
///
/// Loading is staged so that a bad file costs little: the symbol file is parsed, the params file's headers and
/// the inputs' `.npy` headers are read and checked against the graph (names, shapes, the memory the run would
/// need) before any array values are read, and only the parameters the graph uses are read.
struct LoadedModel {
    let graph: SymbolGraph
    let compiled: CompiledGraph
    /// The inputs read from their files, by name.
    let inputs: [String: NDArray]

    init(_ files: ModelFiles, inputFiles: [InputFile]) throws {
        graph = try SymbolGraph(contentsOf: files.symbol)
        guard let paramsPath = files.params else { preconditionFailure("LoadedModel: the params file is required") }
        let listing = try ParamsFile.list(paramsPath)
        let check = try ModelCheck(graph: graph, listing: listing, inputs: InputFile.specs(inputFiles))
        try check.requireEveryInput()
        try check.checkMemory()
        let parameters = try listing.parameters(named: check.usedParameters)
        var inputs: [String: NDArray] = [:]
        for f in inputFiles { inputs[f.name] = try np.load(npy: f.path) }
        self.inputs = inputs
        compiled = try CompiledGraph(graph, parameters: parameters, inputs: inputs.mapValues { ($0.shape, $0.dtype) })
    }

    /// One forward pass on the loaded inputs.
    func forward() throws -> [NDArray] { try compiled(named: inputs) }
}

import ArgumentParser
import Foundation
import MXNet

/// `mxv1 inspect`: what a model file holds, or (`--ops`) which MXNet operators this build supports.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Describe a model (arguments, auxiliary states and outputs with their shapes and dtypes, operators, " +
                  "parameters, version), or list the supported operators (--ops).",
        discussion: """
            Shapes come from the params file, the variables' __shape__ hints and the inputs' shapes given with \
            --input or --shape; what cannot be inferred is shown as ?. Only headers are read: the params file's \
            values and the .npy files' data are not. Without --epoch or --params a missing params file is not an \
            error.

            Exit status: 0 on success, 1 for an unreadable or malformed model (one line on standard error names \
            the file and what is wrong; unsupported operators are listed in one line after the description), 64 \
            for bad arguments.
            """)

    @Argument(help: "A model prefix (PREFIX-symbol.json, PREFIX-0000.params) or a path to a *-symbol.json file.")
    var model: String?

    @Option(name: .customLong("input"), help: ArgumentHelp(
        "An input's shape and dtype from a .npy file, as NAME=FILE.npy (repeatable; only the header is read).",
        valueName: "name=file.npy"))
    var inputs: [String] = []

    @Option(name: .customLong("shape"), help: ArgumentHelp(
        "An input's shape, as NAME=1,3,224,224 (repeatable).", valueName: "name=dims"))
    var shapes: [String] = []

    @OptionGroup var checkpoint: CheckpointOptions

    @Flag(help: "List every supported MXNet operator name (1.x and 2.0 spellings) and the count.")
    var ops = false

    func validate() throws {
        guard ops || model != nil else { throw ValidationError("give a MODEL, or --ops") }
        guard !ops || model == nil else { throw ValidationError("--ops lists the operators; give it without a MODEL") }
        let files = try InputFile.parse(inputs)
        let given = try Self.parseShapes(shapes)
        if let name = files.map(\.name).first(where: { given[$0] != nil }) {
            throw ValidationError("the shape of '\(name)' is given by both --input and --shape")
        }
    }

    /// `NAME=1,3,224,224` by name; parentheses and a trailing comma are allowed (`NAME=(3,)`), `NAME=()` is 0-d.
    static func parseShapes(_ specs: [String]) throws -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for spec in specs {
            let bad = ValidationError("--shape '\(spec)' is not NAME=DIMS (for example data=1,3,224,224)")
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else { throw bad }
            let name = String(spec[..<eq])
            var text = spec[spec.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            let parenthesised = text.hasPrefix("(") && text.hasSuffix(")") && text.count >= 2
            if parenthesised { text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces) }
            var dims: [Int] = []
            if !(parenthesised && text.isEmpty) {
                var items = text.split(separator: ",", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                if items.count > 1 && items.last == "" { items.removeLast() }
                for item in items {
                    guard let d = Int(item), d >= 0 else { throw bad }
                    dims.append(d)
                }
            }
            guard out[name] == nil else { throw ValidationError("--shape \(name) is given twice") }
            out[name] = dims
        }
        return out
    }

    func run() throws {
        if ops {
            let names = OperatorRegistry.shared.allNames.filter { !$0.hasPrefix("_backward_") }
            for name in names { print(name) }
            let operators = OperatorRegistry.shared.operators.filter { !$0.name.hasPrefix("_backward_") }
            print("\(names.count) operator names (\(operators.count) operators)")
            return
        }
        guard let model else { return }
        try describe(model)
    }

    func describe(_ model: String) throws {
        let files = try ModelFiles(model: model, epoch: checkpoint.epoch, params: checkpoint.params, paramsRequired: false)
        let document = try SymbolJSONDocument(contentsOf: files.symbol)
        print("file: \(files.symbol)")
        print("mxnet version: " + (document.version.map { LegacyJSONUpgrade.versionText($0) }
                                   ?? "none in the file (pre-1.0 format, read as 0.8.0)"))
        let unsupported = Set(document.unsupportedOperators().map(\.name))
        let counts = document.operatorCounts
        print("operators (\(counts.count) kinds, \(counts.reduce(0) { $0 + $1.count }) nodes):")
        for (op, n) in counts.sorted(by: { $0.name < $1.name }) {
            print("  \(op) ×\(n)" + (unsupported.contains(op) ? "  UNSUPPORTED" : ""))
        }
        let listing = try files.params.map { try ParamsFile.list($0) }
        if !unsupported.isEmpty { printParameters(listing, unused: nil) }
        let graph = try SymbolGraph(document: document)   // throws listing the unsupported operators
        print("upgrades applied:" + (graph.upgrades.isEmpty ? " none" : ""))
        for u in graph.upgrades { print("  \(u)") }

        var given = try InputFile.specs(InputFile.parse(inputs))
        for (name, dims) in try Self.parseShapes(shapes) { given[name] = InputSpec(shape: dims, dtype: nil) }
        let check = try ModelCheck(graph: graph, listing: listing, inputs: given)
        printVariables(check)
        printParameters(listing, unused: check.unusedParameters)
    }

    /// Arguments, auxiliary states and outputs with their shapes, dtypes and roles.
    func printVariables(_ check: ModelCheck) {
        let graph = check.graph
        let optional = graph.optionalInputNames
        func role(_ name: String) -> String {
            if check.inputs[name] != nil { return "input (given)" }
            if check.parameters[name] != nil { return "parameter" }
            if optional.contains(name) { return "label (optional at inference)" }
            return "input"
        }
        let rows: [(String, [String])] = [
            ("arguments", zip(graph.argumentNodes, zip(check.shapes.arguments, check.types.arguments)).map { node, st in
                "\(node.name): \(shapeText(st.0, graph)) \(st.1.map { "\($0)" } ?? "?")  \(role(node.name))"
            }),
            ("auxiliary states", zip(graph.auxiliaryNodes, zip(check.shapes.auxiliaryStates, check.types.auxiliaryStates)).map { node, st in
                "\(node.name): \(shapeText(st.0, graph)) \(st.1.map { "\($0)" } ?? "?")  \(role(node.name))"
            }),
            ("outputs", zip(graph.outputNames, zip(check.shapes.outputs, check.types.outputs)).enumerated().map { i, o in
                "[\(i)] \(o.0): \(shapeText(o.1.0, graph)) \(o.1.1.map { "\($0)" } ?? "?")"
            }),
        ]
        for (title, lines) in rows {
            let note = title == "outputs" ? ", [i] is written as output_<i>.npy by run" : ""
            print("\(title) (\(lines.count)\(note)):" + (lines.isEmpty ? " none" : ""))
            for line in lines { print("  " + line) }
        }
        let needed = graph.inputNodes.map(\.name).filter { role($0) == "input" }
        print("inputs to give: " + (needed.isEmpty ? "none" : needed.joined(separator: ", ") +
                                   " (--input NAME=FILE.npy; inspect also takes --shape NAME=DIMS)"))
    }

    /// The params file's summary: arrays, values, bytes, and the arrays the graph does not use.
    func printParameters(_ listing: ParamsFile.Listing?, unused: [String]?) {
        guard let listing else {
            print("parameters: no params file found")
            return
        }
        let count = listing.arrays.reduce(0) { $0.addingReportingOverflow($1.size).partialValue }
        let bytes = listing.arrays.reduce(0) { $0.addingReportingOverflow($1.size &* $1.dtype.size).partialValue }
        let sparse = listing.arrays.filter { $0.storage != "default" }.count
        print("parameters: \(listing.arrays.count) arrays, \(count) values, \(bytes) bytes" +
              (sparse > 0 ? " (\(sparse) sparse, loaded dense)" : "") + " (\(listing.label))")
        if listing.names == nil && !listing.arrays.isEmpty {
            print("  the arrays are unnamed (mx.nd.save of a list): none can be bound to the model")
        }
        if let unused, !unused.isEmpty {
            print("unused parameters (not in the graph, ignored): " + unused.joined(separator: ", "))
        }
    }

    /// `(2, ?, 6)` with unknown dimensions as `?`; `?` for an unknown shape.
    func shapeText(_ shape: [Int]?, _ graph: SymbolGraph) -> String {
        guard let shape else { return "?" }
        let unknown = graph.usesNumpyShapes ? -1 : 0
        if !graph.usesNumpyShapes && shape.isEmpty { return "?" }
        let dims = shape.map { $0 == unknown ? "?" : String($0) }
        return dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
    }
}

/// The version steps MXNet 1.9.1 applies to symbol files written by older versions (its
/// `src/nnvm/legacy_json_util.cc`), each applied when the file's `mxnet_version` is below the step's version.
/// Files without a version count as 0.8.0.
///
/// ```swift
/// for step in LegacyJSONUpgrade.all { print(step.name, step.introducedIn) }
/// ```
///
/// The steps, in the order MXNet applies them:
/// - ``hiddenKeys`` (below 1.9.1): `lr_mult`, `wd_mult`, `ctx_group`, `force_mirroring`, `mirror_stage` become
///   hidden `__lr_mult__` ... attributes; `weight_lr_mult` on an operator moves to its `weight` variable.
/// - ``auxiliaryVariables`` (below 0.9.0): inputs missing from an operator (BatchNorm's `moving_mean` and
///   `moving_var`, not stored before 0.9) become variables named `<node>_<input>`, carrying the node's attributes.
/// - ``initializerAttributes`` (below 0.9.4): variables feeding BatchNorm's running statistics and LeakyReLU's
///   `gamma` get the `__init__` attribute MXNet gives them when composing.
/// - ``argmaxAxis`` (below 0.9.5): `argmax`/`argmin` with `axis=-1` meant "no axis" (flattened) and lose it.
public struct LegacyJSONUpgrade: Sendable {
    /// A short identifier (`hidden-keys`, `auxiliary-variables`, ...).
    public let name: String
    /// What the step does, in one line.
    public let summary: String
    /// The MXNet version (`major * 10000 + minor * 100 + patch`) from which files no longer need the step.
    public let introducedIn: Int
    let apply: @Sendable (inout LegacyGraphDraft) throws -> Int

    /// The version MXNet 1.9.1 writes into files, and the upgrades target.
    public static let currentVersion = 10901
    /// The version assumed for files that do not say (MXNet's rule).
    public static let unversioned = 800

    /// Every step, in MXNet's order.
    public static let all: [LegacyJSONUpgrade] = [hiddenKeys, auxiliaryVariables, initializerAttributes, argmaxAxis]

    /// Whether a file written by `version` needs this step.
    public func applies(to version: Int) -> Bool { version < introducedIn }

    /// `1.9.1` for 10901.
    public static func versionText(_ v: Int) -> String { "\(v / 10000).\(v / 100 % 100).\(v % 100)" }

    // MARK: - The steps

    /// The attribute names MXNet turns into hidden `__name__` attributes.
    static let hiddenKeyNames = ["ctx_group", "lr_mult", "wd_mult", "force_mirroring", "mirror_stage"]

    public static let hiddenKeys = LegacyJSONUpgrade(
        name: "hidden-keys", summary: "lr_mult/wd_mult/ctx_group/... attributes become hidden __name__ attributes",
        introducedIn: currentVersion
    ) { draft in
        var changes = 0
        for i in draft.reachable {
            let node = draft.nodes[i]
            var kept: [String: String] = [:]
            var hidden: [(String, String)] = []
            for (key, value) in node.attributes {
                let isHidden = hiddenKeyNames.contains { k in
                    guard let r = key.range(of: k, options: .backwards) else { return false }
                    let pos = key.distance(from: key.startIndex, to: r.lowerBound)
                    return pos == 0 || pos == key.count - k.count
                }
                if isHidden { hidden.append((key, value)) } else { kept[key] = value }
            }
            guard !hidden.isEmpty else { continue }
            var inputNames: [String]?
            if !node.isVariable, let op = draft.operators[i] {
                inputNames = op.inputNames(try draft.parse(op, kept, node: i))
            }
            var attributes = kept
            for (key, value) in hidden.sorted(by: { $0.0 < $1.0 }) {
                var placed = false
                for k in hiddenKeyNames {
                    guard let r = key.range(of: k, options: .backwards) else { continue }
                    let pos = key.distance(from: key.startIndex, to: r.lowerBound)
                    if pos == 0 && key.count == k.count {
                        attributes["__\(k)__"] = value
                        placed = true
                        break
                    } else if pos > 1 && pos == key.count - k.count {
                        // `weight_lr_mult` on an operator: the hidden key goes to its `weight` variable.
                        if let names = inputNames, let idx = names.firstIndex(of: String(key.prefix(pos - 1))),
                           idx < node.inputs.count, draft.nodes[node.inputs[idx].node].isVariable {
                            draft.nodes[node.inputs[idx].node].attributes["__\(k)__"] = value
                            placed = true
                        }
                        break
                    }
                }
                if placed { changes += 1 } else { attributes[key] = value }
            }
            draft.nodes[i].attributes = attributes
        }
        return changes
    }

    public static let auxiliaryVariables = LegacyJSONUpgrade(
        name: "auxiliary-variables", summary: "missing operator inputs (0.8-era auxiliary states) added as <node>_<input> variables",
        introducedIn: 900
    ) { draft in
        var added = 0
        for i in draft.reachable where !draft.nodes[i].isVariable {
            guard let op = draft.operators[i] else { continue }
            let node = draft.nodes[i]
            let names = op.inputNames(try draft.parse(op, node.attributes, node: i))
            guard node.inputs.count < names.count else { continue }
            for k in node.inputs.count..<names.count {
                let name = node.name.isEmpty ? names[k] : "\(node.name)_\(names[k])"
                let v = draft.addVariable(name, attributes: node.attributes)
                draft.nodes[i].inputs.append(.init(node: v, index: 0))
                added += 1
            }
        }
        return added
    }

    public static let initializerAttributes = LegacyJSONUpgrade(
        name: "initializer-attributes", summary: "__init__ attributes on BatchNorm running statistics and LeakyReLU gamma",
        introducedIn: 904
    ) { draft in
        var changes = 0
        for i in draft.reachable where !draft.nodes[i].isVariable {
            guard let op = draft.operators[i] else { continue }
            var inits: [Int: String] = [:]
            if op === Ops.batchNorm {
                inits = [3: "[\"zero\", {}]", 4: "[\"one\", {}]"]
            } else if op === Ops.leakyReLU {
                inits = [1: "[\"Constant\", {\"value\": 0.25}]"]
            }
            for (k, value) in inits where k < draft.nodes[i].inputs.count {
                let v = draft.nodes[i].inputs[k].node
                guard draft.nodes[v].isVariable, draft.nodes[v].attributes["__init__"] == nil else { continue }
                draft.nodes[v].attributes["__init__"] = value
                changes += 1
            }
        }
        return changes
    }

    public static let argmaxAxis = LegacyJSONUpgrade(
        name: "argmax-axis", summary: "argmax/argmin axis=-1 (no axis before 0.9.5) removed",
        introducedIn: 905
    ) { draft in
        var changes = 0
        for i in draft.reachable where ["argmax", "argmin"].contains(draft.nodes[i].op) {
            if draft.nodes[i].attributes["axis"] == "-1" {
                draft.nodes[i].attributes["axis"] = nil
                changes += 1
            }
        }
        return changes
    }
}

/// An upgrade step applied to a loaded file, with how many attributes or variables it changed.
public struct AppliedUpgrade: Equatable, Sendable, CustomStringConvertible {
    public let name: String
    public let summary: String
    public let changes: Int
    public var description: String { "\(name) (\(changes) change\(changes == 1 ? "" : "s")): \(summary)" }
}

/// A symbol file's nodes with their operators resolved, as the upgrade steps edit them.
struct LegacyGraphDraft {
    var nodes: [SymbolJSONDocument.Node]
    /// The operator of each node (nil for variables).
    var operators: [Operator?]
    /// Nodes reachable from the heads (the ones MXNet visits), in file order.
    var reachable: [Int]
    let source: String

    /// Parses `attributes` for `op` at node `i`, naming the node on failure.
    func parse(_ op: Operator, _ attributes: [String: String], node i: Int) throws -> any OpParams {
        do { return try op.parse(attributes) } catch let e as MXNetError {
            throw MXNetError("\(source): node \(i) ('\(nodes[i].name)'): \(e.message)")
        }
    }

    mutating func addVariable(_ name: String, attributes: [String: String]) -> Int {
        nodes.append(.init(op: "null", name: name, attributes: attributes, inputs: [], controlDependencies: [],
                           hasSubgraphs: false))
        operators.append(nil)
        reachable.append(nodes.count - 1)
        return nodes.count - 1
    }
}

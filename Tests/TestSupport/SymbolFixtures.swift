import Foundation
import MXNet

/// One loaded-graph case written by `Tests/Fixtures/gen_symbols.py` (real MXNet 1.9.1): symbol JSON, input
/// values, MXNet's outputs, its lists, inference answers and its own `tojson` after loading.
public struct GraphCase {
    /// What MXNet answered for one inference call; nil entries are unknown (MXNet's `()` or `None`).
    public struct Shapes {
        public let given: [String: [Int]]
        public let arguments: [[Int]?]
        public let outputs: [[Int]?]
        public let auxiliaryStates: [[Int]?]
    }
    public struct Types {
        public let given: [String: DType]
        /// nil when MXNet could not infer every dtype (it answers `None`).
        public let arguments: [DType]?
        public let outputs: [DType]?
        public let auxiliaryStates: [DType]?
    }

    public let name: String
    public let json: String
    public let mxnetJSON: String
    public let inputs: [String: NDArray]
    public let omitted: [String]
    public let outputs: [NDArray]
    public let arguments: [String]
    public let outputNames: [String]
    public let auxiliaryStates: [String]
    public let shapes: Shapes
    public let partialShapes: Shapes
    public let types: Types
    public let rtol: Double
    public let atol: Double

    /// Every case in `Tests/MXNetTests/Fixtures/symbols.json`.
    public static func all() throws -> [GraphCase] {
        let url = Fixtures.directory.appendingPathComponent("symbols.json")
        guard let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any],
              let graphs = doc["graphs"] as? [[String: Any]] else { throw MXNetError("symbols.json: not a graph fixture file") }
        return try graphs.map(GraphCase.init)
    }

    init(_ c: [String: Any]) throws {
        let name = c["name"] as? String ?? "?"
        self.name = name
        json = c["json"] as? String ?? ""
        mxnetJSON = c["tojson"] as? String ?? ""
        var ins: [String: NDArray] = [:]
        for (k, v) in c["inputs"] as? [String: Any] ?? [:] { ins[k] = try Fixtures.array(v, name) }
        inputs = ins
        omitted = c["omitted"] as? [String] ?? []
        outputs = try (c["outputs"] as? [Any] ?? []).map { try Fixtures.array($0, name) }
        arguments = c["list_arguments"] as? [String] ?? []
        outputNames = c["list_outputs"] as? [String] ?? []
        auxiliaryStates = c["list_auxiliary_states"] as? [String] ?? []
        func readShapes(_ key: String) -> Shapes {
            let d = c[key] as? [String: Any] ?? [:]
            func list(_ k: String) -> [[Int]?] {
                (d[k] as? [Any] ?? []).map { s -> [Int]? in
                    guard let s = s as? [Int], !s.isEmpty else { return nil }
                    return s
                }
            }
            return Shapes(given: d["given"] as? [String: [Int]] ?? [:], arguments: list("arguments"),
                          outputs: list("outputs"), auxiliaryStates: list("auxiliary_states"))
        }
        shapes = readShapes("infer_shape")
        partialShapes = readShapes("infer_shape_partial")
        let t = c["infer_type"] as? [String: Any] ?? [:]
        func dtypes(_ k: String) throws -> [DType]? {
            guard let list = t[k] as? [Any] else { return nil }
            return try list.map { try DType(parsing: $0 as? String ?? "?") }
        }
        types = Types(given: try (t["given"] as? [String: String] ?? [:]).mapValues { try DType(parsing: $0) },
                      arguments: try dtypes("arguments"), outputs: try dtypes("outputs"),
                      auxiliaryStates: try dtypes("auxiliary_states"))
        rtol = c["rtol"] as? Double ?? 1e-5
        atol = c["atol"] as? Double ?? 1e-6
    }

    /// A symbol JSON text reduced to what both writers must agree on: per node the op, name, attributes and
    /// input (node, output) pairs; the argument nodes and the heads (entry versions and `node_row_ptr` dropped).
    public static func canonical(_ json: String) throws -> [String: Any] {
        guard let d = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw MXNetError("not a JSON object")
        }
        let nodes = (d["nodes"] as? [[String: Any]] ?? []).map { n -> [String: Any] in
            ["op": n["op"] ?? "", "name": n["name"] ?? "", "attrs": n["attrs"] ?? [String: String](),
             "inputs": (n["inputs"] as? [[Int]] ?? []).map { Array($0.prefix(2)) }]
        }
        return ["nodes": nodes, "arg_nodes": d["arg_nodes"] ?? [], "heads": (d["heads"] as? [[Int]] ?? []).map { Array($0.prefix(2)) }]
    }
}

/// One file of the malformed-symbol corpus (`Tests/MXNetTests/Fixtures/symbol_malformed/`).
public struct MalformedSymbolFile {
    public let path: String
    public let expect: String
    public let what: String
    /// What MXNet 1.9.1 does with it: `error`, `loaded`, `crashes` or `hangs`.
    public let mxnet: String

    public static func all() throws -> [MalformedSymbolFile] {
        let url = Fixtures.directory.appendingPathComponent("symbol_malformed.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        let dir = Fixtures.directory.appendingPathComponent("symbol_malformed")
        return (doc["files"] as? [[String: Any]] ?? []).map { e in
            MalformedSymbolFile(path: dir.appendingPathComponent(e["file"] as? String ?? "").path,
                                expect: e["expect"] as? String ?? "", what: e["what"] as? String ?? "",
                                mxnet: e["mxnet"] as? String ?? "")
        }
    }
}

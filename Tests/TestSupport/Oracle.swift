import Foundation
import MXNet
import XCTest

/// Runs real MXNet 1.9.1 (the python from `../shared/tools/mxnet-oracle.sh`, passed in `MXNET_ORACLE_PYTHON`)
/// on files our code wrote. CI always sets the variable; elsewhere tests that need it are skipped.
public enum Oracle {
    public static var python: String? {
        if let p = ProcessInfo.processInfo.environment["MXNET_ORACLE_PYTHON"], !p.isEmpty { return p }
        let cached = NSHomeDirectory() + "/.cache/mxnet-oracle/bin/python"
        return FileManager.default.isExecutableFile(atPath: cached) ? cached : nil
    }

    static var scriptDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures")
    }

    /// The oracle's python, or an XCTSkip when it is not installed.
    public static func requirePython() throws -> String {
        guard let p = python else { throw XCTSkip("MXNET_ORACLE_PYTHON is not set and the oracle venv is missing") }
        return p
    }

    /// Loads `symbolJSON` in MXNet 1.9.1, binds `arguments`, runs forward, and returns the outputs.
    /// - Throws: ``MXNetError`` with MXNet's message when MXNet rejects the file.
    public static func runSymbol(_ symbolJSON: String, arguments: [String: NDArray]) throws -> [NDArray] {
        let python = try requirePython()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sym = dir.appendingPathComponent("model-symbol.json")
        try symbolJSON.write(to: sym, atomically: true, encoding: .utf8)
        var args: [String: Any] = [:]
        for (k, v) in arguments { args[k] = try encode(v) }
        let req = dir.appendingPathComponent("request.json"), resp = dir.appendingPathComponent("response.json")
        try JSONSerialization.data(withJSONObject: ["symbol": sym.path, "args": args]).write(to: req)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [scriptDirectory.appendingPathComponent("run_symbol.py").path, req.path, resp.path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: resp)) as? [String: Any] ?? [:]
        if let e = doc["error"] as? String { throw MXNetError("MXNet 1.9.1 rejected the graph: \(e)") }
        return try (doc["outputs"] as? [Any] ?? []).map { try Fixtures.array($0, "oracle output") }
    }

    /// Runs many graphs in one MXNet process; each result is the outputs or MXNet's error message. With
    /// `legacyShapes` MXNet loads them with 1.x shape semantics (a 0 dimension is unknown, as in files Gluon
    /// exports); otherwise with NumPy semantics on (`npx.set_np()`).
    public static func runSymbols(_ graphs: [(json: String, arguments: [String: NDArray])],
                                  legacyShapes: Bool = false) throws -> [Result<[NDArray], MXNetError>] {
        let python = try requirePython()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let requests: [[String: Any]] = try graphs.map { g in
            var args: [String: Any] = [:]
            for (k, v) in g.arguments { args[k] = try encode(v) }
            return ["json": g.json, "args": args, "legacy_shapes": legacyShapes]
        }
        let req = dir.appendingPathComponent("request.json"), resp = dir.appendingPathComponent("response.json")
        try JSONSerialization.data(withJSONObject: requests).write(to: req)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [scriptDirectory.appendingPathComponent("run_symbol.py").path, req.path, resp.path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let docs = try JSONSerialization.jsonObject(with: Data(contentsOf: resp)) as? [[String: Any]] ?? []
        return try docs.map { doc in
            if let e = doc["error"] as? String { return .failure(MXNetError(e)) }
            return .success(try (doc["outputs"] as? [Any] ?? []).map { try Fixtures.array($0, "oracle output") })
        }
    }

    /// `{"dtype", "shape", "data"}` for an array.
    public static func encode(_ a: NDArray) throws -> [String: Any] {
        let values = try a.asArray(Double.self)
        let data: [Any] = values.map { v in
            v.isNaN ? "nan" : (v.isInfinite ? (v > 0 ? "inf" : "-inf") : v as Any)
        }
        return ["dtype": a.dtype.name, "shape": a.shape, "data": data]
    }
}

import Foundation
import MXV1
import XCTest

// MARK: - Running a model

/// Loads `symbolPath` (a 1.x symbol JSON) with the parameters in `paramsPath`, binds `inputs` by variable name,
/// runs forward in inference mode and returns the outputs, one per head, in order — the path `mxv1 run` takes.
///
/// Label inputs of loss-output ops (`softmax_label` and friends) are not passed: they are optional at inference.
/// `fuse: false` runs every node as loaded instead of the inference-fused graph.
func runLegacyModel(symbolPath: String, paramsPath: String, inputs: [String: NDArray], fuse: Bool = true) throws -> [NDArray] {
    let graph = try SymbolGraph(contentsOf: symbolPath)
    let parameters = try ParamsFile.load(paramsPath).parameters
    let run = try CompiledGraph(graph, parameters: parameters, inputs: inputs.mapValues { ($0.shape, $0.dtype) },
                                fuseForInference: fuse)
    return try run(named: inputs)
}

// MARK: - Cases

/// One folder of `legacy-models/`, written by `legacy-models/generate.py` with MXNet 1.9.1: a symbol file, a
/// params file, input arrays and the outputs MXNet 1.9.1 computed from those files.
struct LegacyModelCase {
    /// A data input: the variable it binds and the array read from `inputs/<name>.npy`.
    struct Input {
        let name: String
        let array: NDArray
    }

    let name: String
    let description: String
    let symbolPath: String
    let paramsPath: String
    let inputs: [Input]
    /// Label variables left unbound (optional at inference).
    let optionalLabels: [String]
    let expected: [NDArray]
    let rtol: Double
    let atol: Double
    /// Operator names the file uses (as written in the JSON).
    let ops: [String]

    var inputsByName: [String: NDArray] {
        Dictionary(inputs.map { ($0.name, $0.array) }, uniquingKeysWith: { a, _ in a })
    }
}

/// Reads the `legacy-models/` folder and compares outputs.
enum LegacyModels {
    /// `legacy-models/` at the package root.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("legacy-models")
    }

    /// Names of the case folders (those holding a `meta.json`), sorted.
    static func caseNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).filter {
            FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("meta.json").path)
        }.sorted()
    }

    /// Reads one case: its metadata, inputs and expected outputs, checking shapes and dtypes against the metadata.
    /// - Throws: ``MXNetError`` naming the case and the file that is missing or disagrees with `meta.json`.
    static func load(_ name: String) throws -> LegacyModelCase {
        let dir = root.appendingPathComponent(name)
        let metaURL = dir.appendingPathComponent("meta.json")
        guard let meta = try JSONSerialization.jsonObject(with: Data(contentsOf: metaURL)) as? [String: Any] else {
            throw MXNetError("\(metaURL.path): not a JSON object")
        }
        func string(_ key: String) throws -> String {
            guard let v = meta[key] as? String else { throw MXNetError("\(metaURL.path): no string \"\(key)\"") }
            return v
        }
        func entries(_ key: String) throws -> [[String: Any]] {
            guard let v = meta[key] as? [[String: Any]] else { throw MXNetError("\(metaURL.path): no list \"\(key)\"") }
            return v
        }
        func array(_ entry: [String: Any], _ what: String) throws -> NDArray {
            guard let file = entry["file"] as? String, let shape = entry["shape"] as? [Int],
                  let dtypeName = entry["dtype"] as? String else {
                throw MXNetError("\(metaURL.path): \(what) lacks file, shape or dtype")
            }
            let a = try np.load(npy: dir.appendingPathComponent(file).path)
            let dtype = try DType(parsing: dtypeName)
            guard a.shape == shape, a.dtype == dtype else {
                throw MXNetError("\(name)/\(file): \(a.dtype) \(a.shape), meta.json says \(dtype) \(shape)")
            }
            return a
        }
        let inputs = try entries("inputs").map { entry -> LegacyModelCase.Input in
            guard let inputName = entry["name"] as? String else { throw MXNetError("\(metaURL.path): unnamed input") }
            return LegacyModelCase.Input(name: inputName, array: try array(entry, "input \(inputName)"))
        }
        let outputs = try entries("outputs").enumerated().map { try array($1, "output \($0)") }
        let labels = try entries("optional_labels").compactMap { $0["name"] as? String }
        let symbolPath = dir.appendingPathComponent(try string("symbol")).path
        let paramsPath = dir.appendingPathComponent(try string("params")).path
        for path in [symbolPath, paramsPath] where !FileManager.default.fileExists(atPath: path) {
            throw MXNetError("\(name): \(path) is missing")
        }
        return LegacyModelCase(
            name: name, description: try string("description"), symbolPath: symbolPath, paramsPath: paramsPath,
            inputs: inputs, optionalLabels: labels, expected: outputs,
            rtol: (meta["rtol"] as? NSNumber)?.doubleValue ?? 1e-4, atol: (meta["atol"] as? NSNumber)?.doubleValue ?? 1e-5,
            ops: meta["ops"] as? [String] ?? [])
    }

    /// The differences between `actual` and `expected` outputs, one line each; empty when they agree.
    /// Outputs must match in count, shape and dtype; elements within `atol + rtol * |expected|`, NaN matching NaN
    /// and infinities matching exactly.
    static func mismatches(_ actual: [NDArray], _ expected: [NDArray], rtol: Double, atol: Double) -> [String] {
        guard actual.count == expected.count else {
            return ["\(actual.count) outputs, expected \(expected.count)"]
        }
        var problems: [String] = []
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            if a.shape != e.shape {
                problems.append("output \(i): shape \(a.shape), expected \(e.shape)")
                continue
            }
            if a.dtype != e.dtype {
                problems.append("output \(i): dtype \(a.dtype), expected \(e.dtype)")
                continue
            }
            guard let av = try? a.asArray(Double.self), let ev = try? e.asArray(Double.self) else {
                problems.append("output \(i): could not read the values")
                continue
            }
            var bad = 0, first = -1, worst = 0.0
            for k in 0..<ev.count {
                let x = av[k], y = ev[k]
                if x == y || (x.isNaN && y.isNaN) { continue }
                let err = abs(x - y)
                if !(err <= atol + rtol * abs(y)) {
                    bad += 1
                    if first < 0 { first = k }
                    worst = max(worst, err.isNaN ? .infinity : err)
                }
            }
            if bad > 0 {
                problems.append("output \(i): \(bad) of \(ev.count) elements differ; first at \(first): \(av[first]) vs " +
                                "\(ev[first]); largest error \(worst) (rtol \(rtol), atol \(atol))")
            }
        }
        return problems
    }
}

// MARK: - Tests

/// Every case in `legacy-models/` runs through the executor and matches MXNet 1.9.1.
final class LegacyModelsTests: XCTestCase {
    /// The committed cases are complete and readable: enough of them, every input and expected output loads with
    /// the shape and dtype `meta.json` gives, and the comparison accepts each expectation against itself.
    func testCasesAreReadable() throws {
        let names = try LegacyModels.caseNames()
        XCTAssertGreaterThanOrEqual(names.count, 40, "legacy-models holds \(names.count) cases")
        var dtypes = Set<DType>()
        for name in names {
            let c = try LegacyModels.load(name)
            XCTAssertFalse(c.inputs.isEmpty, "\(name): no inputs")
            XCTAssertFalse(c.expected.isEmpty, "\(name): no expected outputs")
            XCTAssertEqual(LegacyModels.mismatches(c.expected, c.expected, rtol: 0, atol: 0), [], name)
            for a in c.inputs.map(\.array) + c.expected { dtypes.insert(a.dtype) }
        }
        for dtype in [DType.float16, .float32, .float64, .int32] {
            XCTAssertTrue(dtypes.contains(dtype), "no case uses \(dtype)")
        }
    }

    /// The comparison reports wrong values, shapes, dtypes and output counts.
    func testComparisonReportsMismatches() throws {
        let c = try LegacyModels.load("lenet_checkpoint")
        let e = c.expected[0]
        XCTAssertEqual(LegacyModels.mismatches([try np.multiply(e, 1.00001)], [e], rtol: 1e-4, atol: 0), [])
        XCTAssertEqual(LegacyModels.mismatches([try np.multiply(e, 1.01)], [e], rtol: 1e-4, atol: 1e-6).count, 1)
        XCTAssertEqual(LegacyModels.mismatches([try e.reshaped([-1])], [e], rtol: 1, atol: 1).count, 1)
        XCTAssertEqual(LegacyModels.mismatches([try e.astype(.float64)], [e], rtol: 1, atol: 1).count, 1)
        XCTAssertEqual(LegacyModels.mismatches([], [e], rtol: 1, atol: 1).count, 1)
        let nan = NDArray([Float.nan, 1], shape: [2])
        XCTAssertEqual(LegacyModels.mismatches([nan], [nan], rtol: 0, atol: 0), [])
        XCTAssertEqual(LegacyModels.mismatches([NDArray([Float(0), 1], shape: [2])], [nan], rtol: 1, atol: 1).count, 1)
    }

    /// Cases that do not run yet, each with what is missing. The test fails if one of them starts passing
    /// (remove it here) or any other case fails.
    static let knownGaps: [String: String] = [:]

    /// Each case's files load, run and give MXNet 1.9.1's outputs within the case's tolerances (through the
    /// inference-fused graph `mxv1 run` uses).
    func testEveryCaseMatchesMXNet() throws { try checkEveryCase(fuse: true) }

    /// The same with every node run as loaded (no inference fusion).
    func testEveryCaseMatchesMXNetUnfused() throws { try checkEveryCase(fuse: false) }

    func checkEveryCase(fuse: Bool) throws {
        let names = try LegacyModels.caseNames()
        var failures: [String] = []
        var gapsThatPass: [String] = []
        for name in names {
            let c = try LegacyModels.load(name)
            if Self.knownGaps[name] != nil {
                let ok = (try? runLegacyModel(symbolPath: c.symbolPath, paramsPath: c.paramsPath, inputs: c.inputsByName,
                                              fuse: fuse))
                    .map { LegacyModels.mismatches($0, c.expected, rtol: c.rtol, atol: c.atol).isEmpty } ?? false
                if ok { gapsThatPass.append(name) }
                continue
            }
            do {
                let outputs = try runLegacyModel(symbolPath: c.symbolPath, paramsPath: c.paramsPath,
                                                 inputs: c.inputsByName, fuse: fuse)
                failures += LegacyModels.mismatches(outputs, c.expected, rtol: c.rtol, atol: c.atol)
                    .map { "\(name): \($0)" }
            } catch let skip as XCTSkip {
                throw skip
            } catch {
                failures.append("\(name): \(error)")
            }
        }
        XCTAssertEqual(failures, [], "\(failures.count) failures over \(names.count) cases:\n" +
                       failures.joined(separator: "\n"))
        XCTAssertEqual(gapsThatPass, [], "known gaps that now pass: remove them from knownGaps")
        print("legacy models\(fuse ? "" : " (unfused)"): \(names.count - failures.count - Self.knownGaps.count) of \(names.count) cases match MXNet 1.9.1; " +
              "known gaps: \(Self.knownGaps.keys.sorted().joined(separator: ", "))")
    }
}

import MXNet
import TestSupport
import XCTest

/// Every operator case, recorded under deferred compute and replayed, equals the eager result exactly; one case
/// per operator, exported as symbol JSON, runs in MXNet 1.9.1 with matching outputs.
final class DeferredEquivalenceTests: XCTestCase {
    /// Cases that can be recorded: no expected error, deterministic, static output shapes.
    func recordableCases() throws -> [OperatorCase] {
        try Fixtures.families().flatMap { try Fixtures.cases($0) }.filter { c in
            guard !c.expectsError, let op = try? OperatorRegistry.shared.lookup(c.op) else { return false }
            return !op.isRandom && !op.hasDynamicShape
        }
    }

    func trace(_ c: OperatorCase) throws -> CompiledGraph {
        let names = c.inputs.indices.map { "in\($0)" }
        return try autograd.pause(trainMode: c.train) {
            try DeferredCompute.trace(namedInputs: Array(zip(names, c.inputs))) { v in
                // Only the visible outputs: hidden ones (BatchNorm's saved statistics) are internal.
                Array(try Imperative.invoke(c.op, v, attributes: c.attributes).prefix(c.outputs.count))
            }
        }
    }

    func testReplayEqualsEager() throws {
        var checked = 0
        for c in try recordableCases() {
            let eager = try autograd.pause(trainMode: c.train) {
                Array(try Imperative.invoke(c.op, c.inputs, attributes: c.attributes).prefix(c.outputs.count))
            }
            let graph = try trace(c)
            let replay = try autograd.pause(trainMode: c.train) { try graph(c.inputs) }
            XCTAssertEqual(eager.count, replay.count, c.name)
            for (a, b) in zip(eager, replay) {
                XCTAssertEqual(a.shape, b.shape, c.name)
                XCTAssertEqual(a.dtype, b.dtype, c.name)
                let x = try a.asArray(Double.self), y = try b.asArray(Double.self)
                XCTAssertTrue(zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(c.name): replay differs from eager")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 200)
    }

    func testExportedGraphsRunInMXNet() throws {
        _ = try Oracle.requirePython()
        var seen = Set<String>(), picked: [OperatorCase] = []
        for c in try recordableCases() where !c.train && !c.expectedFromNumPy && !seen.contains(c.op) {
            // 0-d and zero-size arrays have no legacy (non-NumPy-shape) symbol form in MXNet 1.9.1.
            if c.inputs.contains(where: { $0.ndim == 0 || $0.size == 0 }) { continue }
            seen.insert(c.op)
            picked.append(c)
        }
        let graphs = try picked.map { c -> CompiledGraph in try trace(c) }
        let requests = try zip(picked, graphs).map { c, g in
            (json: try g.symbolJSON(), arguments: Dictionary(uniqueKeysWithValues: c.inputs.indices.map { ("in\($0)", c.inputs[$0]) }))
        }
        let results = try Oracle.runSymbols(requests)
        var failures: [String] = []
        for ((c, g), result) in zip(zip(picked, graphs), results) {
            switch result {
            case .failure(let e):
                failures.append("\(c.name) (\(c.op)): MXNet rejected the exported graph: \(e)")
            case .success(let theirs):
                let ours = try g(c.inputs)
                for (k, (a, b)) in zip(ours, theirs).enumerated() {
                    let x = try a.asArray(Double.self), y = try b.asArray(Double.self)
                    let close = a.shape == b.shape && x.count == y.count && zip(x, y).allSatisfy {
                        $0 == $1 || ($0.isNaN && $1.isNaN) || abs($0 - $1) <= max(c.atol, 1e-5) + max(c.rtol, 1e-4) * abs($1)
                    }
                    if !close { failures.append("\(c.name) (\(c.op)) output \(k): exported graph gives different values in MXNet") }
                }
            }
        }
        XCTAssertGreaterThan(picked.count, 100)
        XCTAssertEqual(failures, [], "\(failures.count) of \(picked.count) exported graphs failed")
    }
}

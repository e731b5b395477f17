import Foundation
import MXV1
import TestSupport
import XCTest

/// `SymbolBlock.imports` runs the legacy files as Gluon blocks: every `legacy-models/` case gives MXNet 1.9.1's
/// outputs imperatively and hybridized, and fine-tuning reproduces MXNet 1.9.1's `SymbolBlock` gradients, running
/// statistics and `Trainer` steps (`Tests/Fixtures/gen_symbol_block.py`).
final class SymbolBlockTests: XCTestCase {
    func importCase(_ c: LegacyModelCase) throws -> SymbolBlock {
        try SymbolBlock.imports(c.symbolPath, inputNames: c.inputs.map(\.name), paramFile: c.paramsPath)
    }

    func testImportsRunsEveryLegacyModel() throws {
        var passed = 0
        let names = try LegacyModels.caseNames()
        for name in names {
            let c = try LegacyModels.load(name)
            do {
                let block = try importCase(c)
                let inputs = c.inputs.map(\.array)
                let eager = try block(inputs)
                var problems = LegacyModels.mismatches(eager, c.expected, rtol: c.rtol, atol: c.atol)
                block.hybridize()
                for pass in 0..<2 {
                    let hybrid = try block(inputs)
                    problems += LegacyModels.mismatches(hybrid, c.expected, rtol: c.rtol, atol: c.atol).map { "hybridized call \(pass): \($0)" }
                }
                XCTAssertEqual(block.graphBuildCount, 1, "\(name): the second hybridized call re-recorded")
                if problems.isEmpty { passed += 1 } else { XCTFail("\(name): \(problems.joined(separator: "; "))") }
            } catch {
                XCTFail("\(name): \(error)")
            }
        }
        XCTAssertEqual(passed, names.count, "SymbolBlock.imports matched \(passed) of \(names.count) legacy models")
    }

    func testParametersAreNamedByTheGraph() throws {
        let c = try LegacyModels.load("resnet_tiny_gluon")
        let block = try importCase(c)
        let graph = try SymbolGraph(contentsOf: c.symbolPath)
        let expected = graph.inputNodes.map(\.name).filter { $0 != "data" }
        XCTAssertEqual(block.collectParams().map(\.name), expected)
        let aux = Set(graph.auxiliaryStateNames)
        for (n, p) in block.collectParams() {
            XCTAssertEqual(p.gradReq == .null, aux.contains(n), n)
        }
        // Saved by structural (graph) names, the file loads back into a fresh block.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("symbolblock-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let saved = dir.appendingPathComponent("tiny.npz").path
        try block.saveParameters(saved)
        let fresh = try SymbolBlock.imports(c.symbolPath, inputNames: ["data"])
        try fresh.loadParameters(saved)
        XCTAssertTrue(LegacyModels.mismatches(try fresh(c.inputs.map(\.array)), c.expected, rtol: c.rtol, atol: c.atol).isEmpty)
    }

    func testImportErrorsNameTheProblem() throws {
        let c = try LegacyModels.load("lenet_checkpoint")
        func message(_ body: () throws -> Any) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        XCTAssertTrue(message { try SymbolBlock.imports(c.symbolPath, inputNames: ["image"], paramFile: c.paramsPath) }
            .contains("input 'image' is not an argument"))
        let other = try LegacyModels.load("batchnorm_fix_gamma")
        XCTAssertTrue(message { try SymbolBlock.imports(c.symbolPath, inputNames: ["data"], paramFile: other.paramsPath) }
            .contains("is not used by"))
        XCTAssertTrue(message { try SymbolBlock.imports(c.symbolPath, inputNames: ["data"], paramFile: other.paramsPath, ignoreExtra: true) }
            .contains("is missing in the file"))
        let block = try importCase(c)
        XCTAssertTrue(message { try block([c.inputs[0].array, c.inputs[0].array]) }.contains("takes 1 inputs"))
        XCTAssertThrowsError(try block([np.ones([2, 3])]))
        // Without parameters, shapes are inferred from the first input and the block initializes.
        let fresh = try SymbolBlock.imports(c.symbolPath, inputNames: ["data"])
        try fresh.initialize(initializer.Xavier())
        let y = try fresh(c.inputs[0].array)
        XCTAssertEqual(y.shape, c.expected[0].shape)
    }

    /// A loaded model as a feature extractor inside a new hybridized network: a Dense head is added, the whole
    /// network is hybridized, and its outputs and gradients equal the imperative ones.
    func testNestedInHybridizedNetwork() throws {
        let c = try LegacyModels.load("resnet_tiny_gluon")
        func make() throws -> nn.HybridSequential {
            let net = nn.HybridSequential()
            net.add(try importCase(c), nn.Dense(3))
            return net
        }
        np.random.seed(3)
        let a = try make(), b = try make()
        try a.initialize(); try b.initialize()
        let x = c.inputs[0].array
        _ = try a(x); _ = try b(x)
        for ((n, p), (_, q)) in zip(a.collectParams(), b.collectParams()) where n.hasPrefix("1.") { try q.setData(p.data()) }
        b.hybridize()
        let ya = try a(x), yb = try b(x)
        assertClose(try yb.asArray(Double.self), try ya.asArray(Double.self), rtol: 1e-5, atol: 1e-6, "hybridized output")
        for net in [a, b] {
            let l = try autograd.record { try np.sum(np.square(net(x))) }
            try l.backward()
        }
        XCTAssertGreaterThanOrEqual(b.graphBuildCount, 1)
        for ((n, p), (_, q)) in zip(a.collectParams(), b.collectParams()) where p.gradReq != .null {
            assertClose(try q.grad().asArray(Double.self), try p.grad().asArray(Double.self), rtol: 1e-4, atol: 1e-5, "grad \(n)")
        }
    }

    /// Training-mode outputs, parameter gradients, updated running statistics and parameters after 3 SGD
    /// steps equal MXNet 1.9.1's `SymbolBlock` fine-tuned on the same files.
    func testFineTuningMatchesMXNet() throws {
        let url = Fixtures.directory.appendingPathComponent("symbol_block.json")
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try XCTUnwrap(doc["cases"] as? [[String: Any]])
        let steps = try XCTUnwrap(doc["steps"] as? Int)
        XCTAssertGreaterThanOrEqual(cases.count, 6)
        for entry in cases {
            let name = try XCTUnwrap(entry["name"] as? String)
            let c = try LegacyModels.load(name)
            let block = try importCase(c)
            XCTAssertEqual(block.collectParams().map(\.name), entry["param_order"] as? [String], name)
            let heads = try XCTUnwrap(entry["heads"] as? [Any]).map { try Fixtures.array($0, name) }
            let inputs = c.inputs.map(\.array)
            let tol = (rtol: 1e-4, atol: 1e-5)
            func objective() throws -> (NDArray, [NDArray]) {
                let outs = try block(inputs)
                var total = try np.sum(np.multiply(outs[0], heads[0]))
                for (o, h) in zip(outs.dropFirst(), heads.dropFirst()) { total = try np.add(total, np.sum(np.multiply(o, h))) }
                return (total, outs)
            }
            let (loss, outs) = try autograd.record { try objective() }
            try loss.backward()
            let expectedOuts = try XCTUnwrap(entry["train_outputs"] as? [Any]).map { try Fixtures.array($0, name) }
            let problems = LegacyModels.mismatches(outs, expectedOuts, rtol: tol.rtol, atol: tol.atol)
            XCTAssertTrue(problems.isEmpty, "\(name) training outputs: \(problems)")
            let params = block.paramDict()
            for (key, value) in try XCTUnwrap(entry["grads"] as? [String: Any]) {
                let e = try Fixtures.array(value, key)
                let g = try XCTUnwrap(params[key], "\(name): no parameter \(key)").grad()
                try assertClose(g, try e.asArray(Double.self), shape: e.shape, rtol: tol.rtol, atol: tol.atol, "\(name) grad \(key)")
            }
            for (key, value) in try XCTUnwrap(entry["aux_after"] as? [String: Any]) {
                let e = try Fixtures.array(value, key)
                try assertClose(try XCTUnwrap(params[key]).data(), try e.asArray(Double.self), shape: e.shape,
                                rtol: tol.rtol, atol: tol.atol, "\(name) running statistic \(key)")
            }
            let trainer = Trainer(block.collectParams(), optimizer: SGD(learningRate: 0.01, momentum: 0.9))
            try trainer.step(batchSize: 1)
            for _ in 1..<steps {
                let (l, _) = try autograd.record { try objective() }
                try l.backward()
                try trainer.step(batchSize: 1)
            }
            let notCompared = try XCTUnwrap(entry["final_not_compared"] as? [String])
            XCTAssertEqual(Set(try XCTUnwrap(entry["final"] as? [String: Any]).keys).union(notCompared), Set(params.keys), name)
            for (key, value) in try XCTUnwrap(entry["final"] as? [String: Any]) {
                let e = try Fixtures.array(value, key)
                try assertClose(try XCTUnwrap(params[key]).data(), try e.asArray(Double.self), shape: e.shape,
                                rtol: 1e-4, atol: 1e-5, "\(name) after \(steps) steps: \(key)")
            }
        }
    }
}

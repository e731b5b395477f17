import Foundation
import MXNet
import TestSupport
import XCTest

/// `gluon.rnn` layers and cells against MXNet 1.9.1 (`Tests/Fixtures/gen_gluon_rnn.py`): outputs, final states and
/// the gradients of the input, the begin states and every parameter, imperative and hybridized; parameters load
/// from the files 1.9.1's `save_parameters` wrote.
final class GluonRNNTests: XCTestCase {
    /// One fixture case.
    struct Case {
        let name: String, kind: String
        let input: NDArray, states: [NDArray]
        /// (1.9.1 structural name, our name, value) in registration order.
        let params: [(legacy: String, name: String, value: NDArray)]
        let savedParams: Data?
        let outputs: [NDArray], statesOut: [NDArray], headGrads: [NDArray]
        let inputGrad: NDArray, stateGrads: [NDArray], paramGrads: [NDArray]
        let train: Bool, layout: String, merge: Bool?, validLength: NDArray?
    }

    static func cases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/gluon_rnn.json")
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try XCTUnwrap(doc["cases"] as? [[String: Any]]).map { c in
            let name = try XCTUnwrap(c["name"] as? String)
            func list(_ key: String) throws -> [NDArray] { try (c[key] as? [Any] ?? []).map { try Fixtures.array($0, name) } }
            let params = try XCTUnwrap(c["params"] as? [[String: Any]]).map { p in
                (legacy: try XCTUnwrap(p["name"] as? String), name: try XCTUnwrap(p["attr"] as? String),
                 value: try Fixtures.array(XCTUnwrap(p["value"]), name))
            }
            return Case(name: name, kind: try XCTUnwrap(c["kind"] as? String), input: try Fixtures.array(XCTUnwrap(c["input"]), name),
                        states: try list("states"), params: params,
                        savedParams: (c["saved_params"] as? String).flatMap { Data(base64Encoded: $0) },
                        outputs: try list("outputs"), statesOut: try list("states_out"), headGrads: try list("head_grads"),
                        inputGrad: try Fixtures.array(XCTUnwrap(c["input_grad"]), name), stateGrads: try list("state_grads"),
                        paramGrads: try list("param_grads"), train: c["train"] as? Bool ?? true,
                        layout: c["layout"] as? String ?? "TNC", merge: c["merge"] as? Bool,
                        validLength: try c["valid_length"].map { try Fixtures.array($0, name) })
        }
    }

    /// The Swift block for each fixture configuration (the same constructor arguments as the generator's).
    static let makers: [String: () -> HybridBlock] = [
        "rnn_relu_l1": { rnn.RNN(4) },
        "rnn_tanh_l2_ntc_states": { rnn.RNN(4, numLayers: 2, activation: .tanh, layout: "NTC") },
        "rnn_relu_bi_states": { rnn.RNN(3, bidirectional: true) },
        "lstm_l1": { rnn.LSTM(4) },
        "lstm_l2_bi_ntc_states": { rnn.LSTM(3, numLayers: 2, layout: "NTC", bidirectional: true) },
        "lstm_l2_dropout_inference": { rnn.LSTM(3, numLayers: 2, dropout: 0.4) },
        "gru_l1_states": { rnn.GRU(4) },
        "gru_l2_bi_ntc": { rnn.GRU(3, numLayers: 2, layout: "NTC", bidirectional: true) },
        "lstmp_l2_states": { rnn.LSTM(4, numLayers: 2, projectionSize: 2) },
        "lstmp_bi_ntc_states": { rnn.LSTM(3, layout: "NTC", bidirectional: true, projectionSize: 2) },
        "rnncell_tanh_step": { rnn.RNNCell(4) },
        "rnncell_relu_unroll_ntc_merge": { rnn.RNNCell(4, activation: .relu) },
        "lstmcell_step": { rnn.LSTMCell(3) },
        "lstmcell_unroll_tnc_list_states": { rnn.LSTMCell(4) },
        "grucell_step": { rnn.GRUCell(3) },
        "grucell_unroll_ntc_merge": { rnn.GRUCell(3) },
        "lstmcell_unroll_valid_length": { rnn.LSTMCell(3) },
        "sequential_lstm_gru_unroll_merge": { stack(rnn.LSTMCell(4), rnn.GRUCell(3)) },
        "sequential_rnn_lstm_step": { stack(rnn.RNNCell(3), rnn.LSTMCell(2)) },
        "sequential_gru_rnn_unroll_tnc_list": { stack(rnn.GRUCell(3), rnn.RNNCell(2)) },
        "sequential_valid_length": { stack(rnn.GRUCell(3), rnn.LSTMCell(2)) },
        "bidirectional_lstm_gru_merge": { rnn.BidirectionalCell(rnn.LSTMCell(3), rnn.GRUCell(2)) },
        "bidirectional_valid_length_list": { rnn.BidirectionalCell(rnn.GRUCell(2), rnn.RNNCell(2)) },
        "residual_gru_unroll_list": { rnn.ResidualCell(rnn.GRUCell(3)) },
        "residual_rnn_step": { rnn.ResidualCell(rnn.RNNCell(2)) },
        "sequential_lstm_dropout0_gru": { stack(rnn.LSTMCell(3), rnn.DropoutCell(0), rnn.GRUCell(2)) },
    ]

    static func stack(_ cells: rnn.RecurrentCell...) -> rnn.SequentialRNNCell {
        let s = rnn.SequentialRNNCell()
        for c in cells { s.add(c) }
        return s
    }

    /// Runs `block` on the case's input (and begin states); returns outputs and final states.
    func run(_ c: Case, _ block: HybridBlock, x: NDArray, states: [NDArray]) throws -> (outputs: [NDArray], states: [NDArray]) {
        switch (c.kind, block) {
        case ("layer", let layer as rnn.RecurrentLayer):
            if states.isEmpty { return ([try layer(x)], []) }
            let r = try layer(x, states)
            return ([r.output], r.states)
        case ("cell_step", let cell as rnn.RecurrentCell):
            let r = try cell(x, states)
            return ([r.output], r.states)
        case ("cell_unroll", let cell as rnn.RecurrentCell):
            let length = x.shape[c.layout == "NTC" ? 1 : 0]
            let r = try cell.unroll(length: length, inputs: x, beginState: states.isEmpty ? nil : states,
                                    layout: c.layout, mergeOutputs: c.merge, validLength: c.validLength)
            switch r.outputs {
            case .merged(let y): return ([y], r.states)
            case .steps(let ys): return (ys, r.states)
            }
        default: throw MXNetError("\(c.name): no way to run \(type(of: block)) as \(c.kind)")
        }
    }

    /// Loads the case's parameters into `block`: layers from the file 1.9.1's `save_parameters` wrote, cells by name.
    func load(_ c: Case, into block: HybridBlock, directory: URL) throws {
        let params = block.collectParams()
        XCTAssertEqual(params.map(\.name), c.params.map(\.name), "\(c.name): parameter names")
        if let saved = c.savedParams {
            let file = directory.appendingPathComponent("\(c.name).params")
            try saved.write(to: file)
            try block.loadParameters(file.path)
        } else {
            try block.initialize()
            let byName = block.paramDict()
            for p in c.params { try XCTUnwrap(byName[p.name], "\(c.name): \(p.name)").setData(p.value) }
        }
        for (p, e) in zip(params, c.params) {
            XCTAssertEqual(p.parameter.shape, e.value.shape, "\(c.name): \(p.name) shape")
            try assertClose(p.parameter.data(), try e.value.asArray(Double.self), shape: e.value.shape, "\(c.name): \(p.name) value")
        }
    }

    func check(_ c: Case, hybridize: Bool, directory: URL) throws {
        let label = "\(c.name)\(hybridize ? " hybridized" : "")"
        let block = try XCTUnwrap(Self.makers[c.name], "no Swift constructor for \(c.name)")()
        try load(c, into: block, directory: directory)
        if hybridize { block.hybridize() }
        let x = try np.copy(c.input), states = try c.states.map { try np.copy($0) }
        for a in [x] + states { a.attachGrad() }
        // Backward of Σ sum(head ⊙ head gradient) over outputs and final states, as the generator does.
        let (outputs, finalStates, loss) = try autograd.record(trainMode: c.train) {
            let (outputs, finalStates) = try run(c, block, x: x, states: states)
            let terms = try zip(outputs + finalStates, c.headGrads).map { try np.sum(np.multiply($0, $1)) }
            return (outputs, finalStates, try terms.dropFirst().reduce(terms[0]) { try np.add($0, $1) })
        }
        let tol = (rtol: 1e-4, atol: 1e-5)
        func compare(_ a: [NDArray], _ e: [NDArray], _ what: String) throws {
            XCTAssertEqual(a.count, e.count, "\(label): number of \(what)")
            for (i, (a, e)) in zip(a, e).enumerated() {
                try assertClose(a, try e.asArray(Double.self), shape: e.shape, rtol: tol.rtol, atol: tol.atol, "\(label): \(what) \(i)")
            }
        }
        try compare(outputs, c.outputs, "output")
        try compare(finalStates, c.statesOut, "state")
        XCTAssertEqual(c.headGrads.count, outputs.count + finalStates.count, "\(label): number of heads")
        try loss.backward()
        try compare([try XCTUnwrap(x.grad)], [c.inputGrad], "input gradient")
        try compare(try states.map { try XCTUnwrap($0.grad) }, c.stateGrads, "begin-state gradient")
        try compare(try block.collectParams().map { try $0.parameter.grad() }, c.paramGrads, "parameter gradient")
    }

    func testLayersAndCellsMatchMXNet() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 26)
        XCTAssertGreaterThanOrEqual(cases.filter { $0.kind == "layer" }.count, 10)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gluon-rnn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var passed = 0
        for c in cases {
            for hybridize in [false, true] {
                let failures = testRun.map { $0.failureCount } ?? 0
                do { try check(c, hybridize: hybridize, directory: directory) } catch {
                    XCTFail("\(c.name)\(hybridize ? " hybridized" : ""): \(error)")
                }
                if (testRun.map { $0.failureCount } ?? 0) == failures { passed += 1 }
            }
        }
        XCTAssertEqual(passed, 2 * cases.count)
    }
}

extension GluonRNNTests {
    /// A hybridized layer records once per input signature: the same shapes replay the cached graph, a new
    /// sequence length (or calling with begin states) records again. A hybridized cell compiles one step and
    /// replays it for every step of an unroll.
    func testHybridizedLayerReusesCachedGraph() throws {
        let lstm = rnn.LSTM(4, numLayers: 2, layout: "NTC", bidirectional: true)
        let reference = rnn.LSTM(4, numLayers: 2, layout: "NTC", bidirectional: true)
        try lstm.initialize()
        lstm.hybridize()
        let x3 = try np.random.uniform(low: -1, high: 1, size: [2, 3, 5])
        let y = try lstm(x3)
        _ = try lstm(np.random.uniform(low: -1, high: 1, size: [2, 3, 5]))
        XCTAssertEqual(lstm.graphBuildCount, 1)
        XCTAssertEqual(lstm.cachedGraphCount, 1)
        let x4 = try np.random.uniform(low: -1, high: 1, size: [2, 4, 5])
        let y4 = try lstm(x4)
        XCTAssertEqual(y4.shape, [2, 4, 8])
        XCTAssertEqual(lstm.graphBuildCount, 2)
        XCTAssertEqual(lstm.cachedGraphCount, 2)
        _ = try lstm(x4)
        XCTAssertEqual(lstm.graphBuildCount, 2)
        let (_, states) = try lstm(x4, try lstm.beginState(batchSize: 2))
        XCTAssertEqual(states.map(\.shape), [[4, 2, 4], [4, 2, 4]])
        XCTAssertEqual(lstm.graphBuildCount, 3)

        // The replayed graphs compute what the imperative layer computes.
        for ((_, p), (_, q)) in zip(lstm.collectParams(), reference.collectParams()) { try q.setData(p.data()) }
        assertClose(try y.asArray(Double.self), try reference(x3).asArray(Double.self), rtol: 1e-5, atol: 1e-6)
        assertClose(try lstm(x4).asArray(Double.self), try reference(x4).asArray(Double.self), rtol: 1e-5, atol: 1e-6)

        let cell = rnn.GRUCell(3)
        try cell.initialize()
        cell.hybridize()
        _ = try cell.unroll(length: 5, inputs: np.ones([2, 5, 4]), mergeOutputs: true)
        XCTAssertEqual(cell.graphBuildCount, 1)
        _ = try cell.unroll(length: 2, inputs: np.ones([2, 2, 4]), mergeOutputs: false)
        XCTAssertEqual(cell.graphBuildCount, 1, "steps of any sequence length share one compiled step")
    }

    /// Parameter names, shapes and states of the fused layers (1.9.1's per-layer layout), and loading 1.9.1
    /// `save_parameters` names of a layer nested in another block.
    func testParameterLayoutAndNestedLegacyNames() throws {
        let lstm = rnn.LSTM(4, numLayers: 2, bidirectional: true, inputSize: 3, projectionSize: 2)
        XCTAssertEqual(lstm.collectParams().map(\.name).prefix(5),
                       ["l0_i2h_weight", "l0_h2h_weight", "l0_i2h_bias", "l0_h2h_bias", "l0_h2r_weight"])
        XCTAssertEqual(lstm.collectParams().count, 2 * 2 * 5)
        XCTAssertEqual(lstm.parameter("r1_i2h_weight")?.shape, [16, 4])
        XCTAssertEqual(lstm.parameter("l1_h2h_weight")?.shape, [16, 2])
        XCTAssertEqual(lstm.stateInfo(batchSize: 7).map(\.shape), [[4, 7, 2], [4, 7, 4]])
        XCTAssertEqual(rnn.GRU(5).stateInfo(batchSize: 2).map(\.shape), [[1, 2, 5]])
        XCTAssertEqual(rnn.LSTMCell(5).stateInfo(batchSize: 2).map(\.shape), [[2, 5], [2, 5]])

        final class Tagger: HybridBlock {
            let encoder = rnn.GRU(3, inputSize: 2)
            override func forward(_ x: NDArray) throws -> NDArray { try encoder(x) }
        }
        let tagger = Tagger()
        XCTAssertEqual(tagger.collectParams().map(\.name).first, "encoder.l0_i2h_weight")
        let values = try tagger.collectParams().map { try np.random.uniform(size: $0.parameter.shape) }
        let legacy = ["i2h_weight", "h2h_weight", "i2h_bias", "h2h_bias"].map { "encoder._unfused.0.\($0)" }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gluon-rnn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("tagger.params").path
        try ParamsFile(named: Array(zip(legacy, values))).save(file)
        try tagger.loadParameters(file)
        for ((name, p), v) in zip(tagger.collectParams(), values) {
            XCTAssertEqual(try p.data().asArray(Double.self), try v.asArray(Double.self), name)
        }
        // Our own names round-trip too.
        try tagger.saveParameters(file)
        let copy = Tagger()
        try copy.loadParameters(file)
        XCTAssertEqual(try copy.encoder.parameter("l0_h2h_weight")!.data().asArray(Double.self), try values[1].asArray(Double.self))
    }

    /// float64 layers and cells compute in float64; dropout between layers applies in training only.
    func testDTypeAndDropout() throws {
        let gru = rnn.GRU(3, numLayers: 2, dropout: 0.5, dtype: .float64)
        try gru.initialize()
        let x = try np.random.uniform(size: [4, 2, 3], dtype: .float64)
        let inference = try gru(x)
        XCTAssertEqual(inference.dtype, .float64)
        XCTAssertEqual(try gru.beginState(batchSize: 2)[0].dtype, .float64)
        XCTAssertEqual(try gru(x).asArray(Double.self), try inference.asArray(Double.self), "no dropout in inference")
        let training = try autograd.record { try gru(x) }
        XCTAssertNotEqual(try training.asArray(Double.self), try inference.asArray(Double.self))
        let cell = rnn.DropoutCell(0.5)
        let ones = try np.ones([2, 3, 4])
        XCTAssertEqual(try cell.unroll(length: 3, inputs: ones, mergeOutputs: true).outputs.mergedArray?.asArray(Double.self),
                       try ones.asArray(Double.self))
    }
}

extension GluonRNNTests {
    /// Asserts that `body` throws an ``MXNetError`` whose message contains every one of `words`.
    func assertThrows(_ words: [String], _ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try body()
            XCTFail("expected an error mentioning \(words)", file: file, line: line)
        } catch let e as MXNetError {
            for w in words where !e.message.contains(w) {
                XCTFail("'\(e.message)' does not mention '\(w)'", file: file, line: line)
            }
        } catch {
            XCTFail("expected MXNetError, got \(error)", file: file, line: line)
        }
    }

    /// Wrong input rank, input size, begin-state number or shape, layout and unroll length throw errors naming them.
    func testErrors() throws {
        for hybridize in [false, true] {
            let lstm = rnn.LSTM(4, numLayers: 2, inputSize: 3)
            try lstm.initialize()
            if hybridize { lstm.hybridize() }
            assertThrows(["LSTM", "3-d", "(2, 3)"]) { try lstm(np.ones([2, 3])) }
            assertThrows(["LSTM", "5 features", "input_size is 3"]) { try lstm(np.ones([2, 1, 5])) }
            let good = try lstm.beginState(batchSize: 1)
            assertThrows(["LSTM", "state 1", "expected (2, 1, 4)", "got (2, 2, 4)"]) {
                try lstm(np.ones([2, 1, 3]), [good[0], try np.zeros([2, 2, 4])])
            }
            assertThrows(["LSTM", "expected 2 begin states", "got 1"]) { try lstm(np.ones([2, 1, 3]), [good[0]]) }
            XCTAssertEqual(try lstm(np.ones([2, 1, 3]), good).output.shape, [2, 1, 4])

            let gru = rnn.GRU(4)              // input size inferred, then fixed
            try gru.initialize()
            if hybridize { gru.hybridize() }
            assertThrows(["GRU", "3-d"]) { try gru(np.ones([2, 3, 4, 5])) }
            _ = try gru(np.ones([2, 1, 3]))
            assertThrows(["GRU", "4 features", "input_size is 3"]) { try gru(np.ones([2, 1, 4])) }

            let cell = rnn.LSTMCell(4)
            try cell.initialize()
            if hybridize { cell.hybridize() }
            let states = try cell.beginState(batchSize: 2)
            assertThrows(["LSTMCell", "2-d", "(2, 1, 3)"]) { try cell(np.ones([2, 1, 3]), states) }
            _ = try cell(np.ones([2, 3]), states)
            assertThrows(["LSTMCell", "5 features", "input_size is 3"]) { try cell(np.ones([2, 5]), states) }
            assertThrows(["LSTMCell", "state 0", "expected (2, 4)", "got (3, 4)"]) {
                try cell(np.ones([2, 3]), [try np.zeros([3, 4]), states[1]])
            }
            assertThrows(["LSTMCell", "expected 2 states", "got 1"]) { try cell(np.ones([2, 3]), [states[0]]) }
        }
        let cell = rnn.RNNCell(2)
        try cell.initialize()
        assertThrows(["length 4", "3 time steps"]) { try cell.unroll(length: 4, inputs: np.ones([2, 3, 2])) }
        assertThrows(["inputs must be 3-d"]) { try cell.unroll(length: 3, inputs: np.ones([2, 3])) }
        assertThrows(["layout", "'NCW'"]) { try cell.unroll(length: 3, inputs: np.ones([2, 3, 2]), layout: "NCW") }
        assertThrows(["expected 1 states", "got 2"]) {
            try cell.unroll(length: 3, inputs: np.ones([2, 3, 2]), beginState: [try np.zeros([2, 2]), try np.zeros([2, 2])])
        }
        let bidirectional = rnn.BidirectionalCell(rnn.RNNCell(2), rnn.RNNCell(2))
        try bidirectional.initialize()
        assertThrows(["BidirectionalCell cannot be stepped"]) { try bidirectional(np.ones([2, 2]), try bidirectional.beginState(batchSize: 2)) }
        assertThrows(["layout", "'TCN'"]) { try rnn.GRU(2, layout: "TCN")(np.ones([2, 2, 2])) }
    }

    /// A hybridized LSTM exported by us loads and runs in MXNet 1.9.1 (`gluon.SymbolBlock.imports`) with the same
    /// outputs, with and without begin states.
    func testExportedLayerRunsInMXNet() throws {
        let python = try Oracle.requirePython()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gluon_imports.py").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gluon-rnn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let lstm = rnn.LSTM(3, numLayers: 2, layout: "NTC", bidirectional: true)
        try lstm.initialize(initializer.Uniform(scale: 0.5))
        lstm.hybridize()
        let x = try np.random.uniform(low: -1, high: 1, size: [2, 4, 3])
        let states = try lstm.beginState(batchSize: 2) { shape, _ in try np.random.uniform(low: -1, high: 1, size: shape) }
        for (name, inputs) in [("alone", [x]), ("states", [x] + states)] {
            let ours = try lstm(inputs)
            let prefix = dir.appendingPathComponent(name).path
            try lstm.export(prefix)
            let names = inputs.count == 1 ? ["data"] : (0..<inputs.count).map { "data\($0)" }
            for (n, a) in zip(names, inputs) { try a.save(npy: dir.appendingPathComponent("\(n).npy").path) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = [script, prefix, "0", names.joined(separator: ","), dir.path]
            p.standardOutput = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0, name)
            for (i, o) in ours.enumerated() {
                let theirs = try NPYFile.read(path: dir.appendingPathComponent("mxnet_out\(i).npy").path)
                XCTAssertEqual(theirs.shape, o.shape, name)
                assertClose(try o.asArray(Double.self), try theirs.asArray(Double.self), rtol: 1e-5, atol: 1e-6, "\(name) output \(i)")
            }
        }
    }
}

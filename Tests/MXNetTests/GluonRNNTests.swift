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

import MXNet
import TestSupport
import XCTest

/// The RNN operator (all modes, layers, directions, states, sequence lengths, LSTM projection) and
/// `_rnn_param_concat` against MXNet 1.9.1 (`Tests/Fixtures/gen_rnn.py`).
final class RNNTests: XCTestCase {
    func testRNNConformance() throws {
        let cases = try Fixtures.cases("rnn")
        XCTAssertGreaterThanOrEqual(cases.count, 49)
        XCTAssertGreaterThanOrEqual(cases.filter { $0.attributes["projection_size"] != nil }.count, 18)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }
}

extension RNNTests {
    /// `npx.rnn` forwards to the operator: it reproduces fixture cases, visible outputs only.
    func testNpxRNNMatchesFixtures() throws {
        let cases = Dictionary(try Fixtures.cases("rnn").map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let calls: [String: ([NDArray]) throws -> [NDArray]] = [
            "lstm L2 D2 states": { try npx.rnn($0[0], $0[1], $0[2], stateCell: $0[3], mode: .lstm, stateSize: 4, numLayers: 2,
                                               bidirectional: true, stateOutputs: true) },
            "gru L2 D1 no state outputs": { try npx.rnn($0[0], $0[1], $0[2], mode: .gru, stateSize: 4, numLayers: 2) },
            "lstmp L2 D2 states": { try npx.rnn($0[0], $0[1], $0[2], stateCell: $0[3], mode: .lstm, stateSize: 4, numLayers: 2,
                                                bidirectional: true, stateOutputs: true, projectionSize: 2) },
            "rnn_relu sequence_length bidirectional": {
                try npx.rnn($0[0], $0[1], $0[2], sequenceLength: $0[3], mode: .rnnRelu, stateSize: 4, numLayers: 1,
                            bidirectional: true, stateOutputs: true)
            },
        ]
        for (name, call) in calls {
            guard let c = cases[name] else { XCTFail("no fixture case '\(name)'"); continue }
            let outs = try call(c.inputs)
            XCTAssertEqual(outs.count, c.outputs.count, name)
            for (o, e) in zip(outs, c.outputs) {
                try assertClose(o, try e.asArray(Double.self), shape: e.shape, dtype: e.dtype, rtol: c.rtol, atol: c.atol, name)
            }
        }
        XCTAssertThrowsError(try npx.rnn(cases["lstm L2 D2 states"]!.inputs[0], cases["lstm L2 D2 states"]!.inputs[1],
                                         cases["lstm L2 D2 states"]!.inputs[2], mode: .lstm, stateSize: 4, numLayers: 2))
    }

    /// MXNet 1.9.1 has no float16 GEMM on CPU; here float16 computes in float32 and matches the float32 fixture.
    func testFloat16MatchesFloat32Fixture() throws {
        let c = try XCTUnwrap(try Fixtures.cases("rnn").first { $0.name == "gru L2 D2 states" })
        let outs = try Imperative.invoke(c.op, try c.inputs.map { try np.astype($0, .float16) }, attributes: c.attributes)
        for (o, e) in zip(outs, c.outputs) {
            XCTAssertEqual(o.dtype, .float16)
            try assertClose(o, try e.asArray(Double.self), shape: e.shape, rtol: 1e-2, atol: 1e-2)
        }
    }

    /// Dropout between layers applies in training only; the gradient reuses the same masks.
    func testDropoutTrainingAndInference() throws {
        let c = try XCTUnwrap(try Fixtures.cases("rnn").first { $0.name == "lstm L3 dropout inference" })
        let inference = try Imperative.invoke(c.op, c.inputs, attributes: c.attributes)
        try assertClose(inference[0], try c.outputs[0].asArray(Double.self), shape: c.outputs[0].shape, rtol: 1e-4, atol: 1e-5)
        let inputs = try c.inputs.map { try np.copy($0) }
        for x in inputs { x.attachGrad() }
        let outs = try autograd.record { try Imperative.invoke(c.op, inputs, attributes: c.attributes) }
        XCTAssertEqual(outs.count, 4)  // out, hy, cy, hidden masks
        let masks = try outs[3].asArray(Double.self)
        XCTAssertEqual(masks.count, 2 * 2 * 2 * 6)
        XCTAssertTrue(masks.allSatisfy { $0 == 0 || abs($0 - 1 / 0.6) < 1e-6 }, "\(masks)")
        try autograd.backward([outs[0]])
        for (x, g) in zip(inputs, inputs.map(\.grad)) {
            let v = try XCTUnwrap(g).asArray(Double.self)
            XCTAssertEqual(v.count, x.size)
            XCTAssertTrue(v.allSatisfy { $0.isFinite })
        }
        // Masks of all ones reproduce the inference gradient: compare the data gradient with p = 0.
        var noDrop = c.attributes
        noDrop["p"] = "0"
        let ref = try c.inputs.map { try np.copy($0) }
        for x in ref { x.attachGrad() }
        let refOut = try autograd.record(trainMode: false) { try Imperative.invoke(c.op, ref, attributes: noDrop) }
        try autograd.backward([refOut[0]])
        let inf = try c.inputs.map { try np.copy($0) }
        for x in inf { x.attachGrad() }
        let infOut = try autograd.record(trainMode: false) { try Imperative.invoke(c.op, inf, attributes: c.attributes) }
        try autograd.backward([infOut[0]])
        try assertClose(inf[1].grad!, try ref[1].grad!.asArray(Double.self), shape: ref[1].shape)
    }

    /// A recorded RNN replays through a compiled graph with the same result.
    func testDeferredRNN() throws {
        let c = try XCTUnwrap(try Fixtures.cases("rnn").first { $0.name == "gru L2 D2 states" })
        let graph = try DeferredCompute.trace(inputs: ["data": c.inputs[0], "parameters": c.inputs[1], "state": c.inputs[2]]) { v in
            try npx.rnn(v[0], v[1], v[2], mode: .gru, stateSize: 4, numLayers: 2, bidirectional: true, stateOutputs: true)
        }
        let outs = try graph([c.inputs[0], c.inputs[1], c.inputs[2]])
        for (o, e) in zip(outs, c.outputs) {
            try assertClose(o, try e.asArray(Double.self), shape: e.shape, rtol: 1e-4, atol: 1e-5)
        }
    }
}

extension RNNTests {
    /// Empty time or batch dimensions give empty outputs (and the initial states), never a trap.
    func testEmptyInputs() throws {
        for (steps, batch) in [(0, 2), (3, 0)] {
            let size = 4 * 3 * (2 + 3) + 2 * 4 * 3
            let x = try np.zeros([steps, batch, 2]), w = try np.ones([size]), h = try np.ones([1, batch, 3])
            let outs = try npx.rnn(x, w, h, stateCell: h, mode: .lstm, stateSize: 3, numLayers: 1, stateOutputs: true)
            XCTAssertEqual(outs[0].shape, [steps, batch, 3])
            XCTAssertEqual(try outs[1].asArray(Double.self), try h.asArray(Double.self))
            let xg = try np.copy(x), wg = try np.copy(w)
            xg.attachGrad(); wg.attachGrad()
            let y = try autograd.record { try npx.rnn(xg, wg, h, stateCell: h, mode: .lstm, stateSize: 3, numLayers: 1)[0] }
            try y.backward()
            XCTAssertEqual(try wg.grad!.asArray(Double.self), [Double](repeating: 0, count: size))
            // With a projection (P = 2): the h state and the output have 2 features.
            let wp = try np.ones([4 * 3 * (2 + 2) + 2 * 3 + 8 * 3]), hp = try np.ones([1, batch, 2])
            let proj = try npx.rnn(x, wp, hp, stateCell: h, mode: .lstm, stateSize: 3, numLayers: 1, stateOutputs: true,
                                   projectionSize: 2)
            XCTAssertEqual(proj.map(\.shape), [[steps, batch, 2], [1, batch, 2], [1, batch, 3]])
            XCTAssertEqual(try proj[1].asArray(Double.self), try hp.asArray(Double.self))
        }
        XCTAssertThrowsError(try npx.rnn(try np.zeros([2, 1, 2]), try np.ones([10]), try np.ones([1, 1, 3]),
                                         mode: .gru, stateSize: 3, numLayers: 0))
        XCTAssertThrowsError(try Imperative.invoke("RNN", [try np.zeros([2, 1, 2]), try np.ones([84]), try np.ones([1, 1, 3])],
                                                   attributes: ["mode": "gru", "state_size": "3", "num_layers": "1",
                                                                "projection_size": "2"]))
    }
}

extension RNNTests {
    /// LSTM with projection in training: dropout masks cover the projected outputs (D·P features) between layers,
    /// and the gradient (MXNet 1.9.1's CPU has none; checked by finite differences in GradientCheckTests) runs.
    func testProjectionDropoutTraining() throws {
        let c = try XCTUnwrap(try Fixtures.cases("rnn").first { $0.name == "lstmp L3 dropout inference" })
        let inputs = try c.inputs.map { try np.copy($0) }
        for x in inputs { x.attachGrad() }
        let outs = try autograd.record { try Imperative.invoke(c.op, inputs, attributes: c.attributes) }
        XCTAssertEqual(outs.map(\.shape), [[2, 2, 3], [3, 2, 3], [3, 2, 6], [2 * 2 * 2 * 3]])
        let masks = try outs[3].asArray(Double.self)
        XCTAssertTrue(masks.allSatisfy { $0 == 0 || abs($0 - 1 / 0.6) < 1e-6 }, "\(masks)")
        try autograd.backward([outs[0]])
        for x in inputs {
            let g = try XCTUnwrap(x.grad).asArray(Double.self)
            XCTAssertEqual(g.count, x.size)
            XCTAssertTrue(g.allSatisfy { $0.isFinite })
        }
    }

    /// Projection is for LSTM only and must be positive (MXNet 1.9.1's CPU corrupts memory for other modes).
    func testProjectionRejections() throws {
        let x = try np.zeros([2, 1, 2]), h = try np.ones([1, 1, 2])
        for (mode, size) in [("gru", 3 * 3 * (2 + 2) + 2 * 3 * 3 + 2 * 3), ("rnn_tanh", 3 * (2 + 2) + 2 * 3 + 2 * 3)] {
            XCTAssertThrowsError(try Imperative.invoke("RNN", [x, try np.ones([size]), h],
                                                       attributes: ["mode": mode, "state_size": "3", "num_layers": "1",
                                                                    "projection_size": "2"]))
        }
        for p in ["0", "-1"] {
            XCTAssertThrowsError(try Imperative.invoke("RNN", [x, try np.ones([100]), h, try np.ones([1, 1, 3])],
                                                       attributes: ["mode": "lstm", "state_size": "3", "num_layers": "1",
                                                                    "projection_size": p]))
        }
        XCTAssertThrowsError(try npx.rnn(x, try np.ones([100]), h, mode: .gru, stateSize: 3, numLayers: 1, projectionSize: 2))
    }
}

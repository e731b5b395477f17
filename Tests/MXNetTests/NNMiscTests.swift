import MXNet
import TestSupport
import XCTest

/// Reshapes, shape-like ops, smooth_l1, Embedding, one_hot, pick, topk and Sequence* against MXNet 1.9.1
/// (`Tests/Fixtures/gen_nnmisc.py`), plus the inputs on which MXNet 1.9.1 itself corrupts memory.
final class NNMiscTests: XCTestCase {
    func testNNMiscConformance() throws {
        let cases = try Fixtures.cases("nnmisc")
        XCTAssertGreaterThan(cases.count, 170)
        var passed = 0
        for c in cases where OperatorConformance.check(c) { passed += 1 }
        XCTAssertEqual(passed, cases.count)
    }

    /// MXNet 1.9.1 returns a wrongly sized array (and corrupts its heap) for these; here they throw.
    func testReshapeSizeMismatchThrows() throws {
        let x = try np.zeros([2, 3, 4])
        for shape in [[5, -1], [5, 5], [1, -2]] {
            XCTAssertThrowsError(try Imperative.invoke("Reshape", [x], attributes: ["shape": "\(shape)"]), "\(shape)")
        }
        XCTAssertThrowsError(try Imperative.invoke("Reshape", [x], attributes: ["target_shape": "(0,2,2)", "keep_highest": "True"]))
        XCTAssertThrowsError(try Imperative.invoke("Reshape", [try np.zeros([0, 3])], attributes: ["shape": "(0,-1)"]))
        XCTAssertThrowsError(try Imperative.invoke("Reshape", [x], attributes: [:]))
        XCTAssertThrowsError(try Imperative.invoke("_npx_reshape", [x], attributes: ["newshape": "(-6,-1,0,-2)"]))
        XCTAssertThrowsError(try Imperative.invoke("_npx_reshape", [x], attributes: ["newshape": "(-2,-2,-2,-3)"]))
    }

    /// Lengths outside 1...T make MXNet 1.9.1 read out of bounds; here they throw.
    func testSequenceLengthsOutOfRangeThrow() throws {
        let x = try np.zeros([3, 2, 4])
        for lengths in [[0.0, 2], [1, 4]] {
            let l = try np.array(lengths)
            XCTAssertThrowsError(try Imperative.invoke("SequenceLast", [x, l], attributes: ["use_sequence_length": "True"]))
        }
        XCTAssertThrowsError(try Imperative.invoke("SequenceReverse", [x, try np.array([1.0, 4])],
                                                   attributes: ["use_sequence_length": "True"]))
    }

    /// The npx functions forward to the same operators: each call reproduces a fixture case's outputs.
    func testNpxFunctionsMatchFixtures() throws {
        let cases = Dictionary(try Fixtures.cases("nnmisc").map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let calls: [String: ([NDArray]) throws -> [NDArray]] = [
            "npx_reshape (2, 3, 4) (-2,-4)": { [try npx.reshape($0[0], [-2, -4])] },
            "npx_reshape reverse (2, 3, 4, 5) (-2,-1)": { [try npx.reshape($0[0], [-2, -1], reverse: true)] },
            "_npx_batch_flatten": { [try npx.batchFlatten($0[0])] },
            "reshape_like ranges": { [try npx.reshapeLike($0[0], $0[1], lhsBegin: 0, lhsEnd: 2, rhsBegin: 0, rhsEnd: 1)] },
            "_npx_shape_array": { [try npx.shapeArray($0[0])] },
            "broadcast_like cross axes": { [try npx.broadcastLike($0[0], $0[1], lhsAxes: [0], rhsAxes: [2])] },
            "broadcast_like": { [try npx.broadcastLike($0[0], $0[1])] },
            "arange_like start step repeat": { [try npx.arangeLike($0[0], start: 1.5, step: 0.5, repeat: 2)] },
            "arange_like axis": { [try npx.arangeLike($0[0], start: 2, axis: 1)] },
            "smooth_l1 sigma 2": { [try npx.smoothL1($0[0], scalar: 2)] },
            "Embedding clipped indices": { [try npx.embedding($0[0], $0[1], inputDim: 5, outputDim: 3)] },
            "one_hot on off int32": { [try npx.oneHot($0[0], depth: 3, onValue: 2.5, offValue: -1, dtype: .int32)] },
            "pick wrap": { [try npx.pick($0[0], $0[1], mode: .wrap)] },
            "pick keepdims axis 0": { [try npx.pick($0[0], $0[1], axis: 0, keepdims: true)] },
            "topk both axis 1": { try npx.topk($0[0], k: 3, axis: 1, retTyp: .both) },
            "topk axis None": { try npx.topk($0[0], k: 3, axis: nil, retTyp: .both) },
            "topk indices int32": { try npx.topk($0[0], k: 2, dtype: .int32) },
            "SequenceMask value": { [try npx.sequenceMask($0[0], sequenceLength: $0[1], value: -1)] },
            "SequenceMask no lengths": { [try npx.sequenceMask($0[0])] },
            "SequenceMask axis 1": { [try npx.sequenceMask($0[0], sequenceLength: $0[1], axis: 1)] },
        ]
        for (name, call) in calls {
            guard let c = cases[name] else { XCTFail("no fixture case '\(name)'"); continue }
            let outs = try call(c.inputs)
            XCTAssertEqual(outs.count, c.outputs.count, name)
            for (o, e) in zip(outs, c.outputs) {
                XCTAssertEqual(o.dtype, e.dtype, name)
                try assertClose(o, try e.asArray(Double.self), shape: e.shape, rtol: c.rtol, atol: c.atol, name)
            }
        }
    }

    /// Deferred compute records these ops like any other (shape inference at the call, replay later).
    func testDeferredReshapeAndTopk() throws {
        let x = try np.array((0..<24).map { Float(($0 * 7) % 11) }, shape: [2, 3, 4])
        let graph = try DeferredCompute.trace(inputs: ["x": x]) { v in
            let r = try npx.reshape(v[0], [-2, -1])
            return try npx.topk(r, k: 2, retTyp: .both) + [npx.batchFlatten(v[0])]
        }
        let replay = try graph([x])
        let eager = try npx.topk(try npx.reshape(x, [-2, -1]), k: 2, retTyp: .both) + [npx.batchFlatten(x)]
        XCTAssertEqual(replay.count, eager.count)
        for (a, b) in zip(replay, eager) { try assertClose(a, try b.asArray(Double.self), shape: b.shape, dtype: b.dtype) }
    }
}

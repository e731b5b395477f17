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
}

import MXNet
import TestSupport
import XCTest

/// Deferred compute: recording matches eager execution, compiled graphs replay, and exported symbol JSON runs
/// in real MXNet 1.9.1 with the same results.
final class DeferredComputeTests: XCTestCase {
    /// A small model written once, run eagerly and recorded.
    func model(_ x: NDArray, _ w: NDArray) throws -> [NDArray] {
        let h = try np.tanh(np.add(np.multiply(x, w), 0.5))
        let s = try np.sum(np.exp(np.multiply(h, 0.3)), axis: [1], keepdims: true)
        let r = try np.trueDivide(np.maximum(h, np.subtract(x, 1)), s)
        return [r, try np.sqrt(np.add(np.square(r), 1))]
    }

    func inputs() throws -> (NDArray, NDArray) {
        let x = try np.array((0..<12).map { Float($0) * 0.25 - 1.5 }, shape: [3, 4])
        let w = try np.array([0.5, -1, 2, 0.25] as [Float])
        return (x, w)
    }

    func testRecordedEqualsEager() throws {
        let (x, w) = try inputs()
        let eager = try model(x, w)
        let graph = try DeferredCompute.trace(inputs: ["x": x, "w": w]) { v in try self.model(v[0], v[1]) }
        let replay = try graph([x, w])
        for (a, b) in zip(eager, replay) {
            XCTAssertEqual(a.shape, b.shape)
            XCTAssertEqual(try a.asArray(Float.self), try b.asArray(Float.self))
        }
    }

    func testPendingArraysComputeOnRead() throws {
        let (x, w) = try inputs()
        let outputs = try DeferredCompute.scope { try model(x, w) }
        XCTAssertTrue(outputs[0].isPending)
        XCTAssertEqual(outputs[0].shape, [3, 4])
        let eager = try model(x, w)
        XCTAssertEqual(try outputs[1].asArray(Float.self), try eager[1].asArray(Float.self))
        XCTAssertFalse(outputs[1].isPending)
    }

    func testShapeErrorSurfacesAtRecording() throws {
        let x = try np.zeros([2, 3])
        XCTAssertThrowsError(try DeferredCompute.scope { try np.add(x, np.zeros([4])) }) { e in
            XCTAssertTrue("\(e)".hasPrefix("add:"), "\(e)")
        }
    }

    func testReplayOnNewInputsAndSignatureCheck() throws {
        let (x, w) = try inputs()
        let graph = try DeferredCompute.trace(inputs: ["x": x, "w": w]) { v in try self.model(v[0], v[1]) }
        let x2 = try np.multiply(x, -0.5)
        let replay = try graph([x2, w])
        XCTAssertEqual(try replay[0].asArray(Float.self), try model(x2, w)[0].asArray(Float.self))
        XCTAssertThrowsError(try graph([np.zeros([2, 4]), w]))
        XCTAssertThrowsError(try graph([x]))
    }

    func testExportedJSONRunsInMXNet() throws {
        let (x, w) = try inputs()
        let graph = try DeferredCompute.trace(inputs: ["x": x, "w": w]) { v in try self.model(v[0], v[1]) }
        let json = try graph.symbolJSON()
        let theirs = try Oracle.runSymbol(json, arguments: ["x": x, "w": w])
        let ours = try graph([x, w])
        XCTAssertEqual(theirs.count, ours.count)
        for (a, b) in zip(ours, theirs) {
            try assertClose(a, try b.asArray(Double.self), shape: b.shape, dtype: b.dtype, rtol: 1e-5, atol: 1e-6)
        }
    }

    func testExportWithCapturedConstantAndPromotion() throws {
        let x = try np.array([1, 2, 3, 4, 5, 6] as [Int32], shape: [2, 3])
        let bias = try np.array([0.5, 1.5, -2] as [Float])
        let graph = try DeferredCompute.trace(inputs: ["data": x]) { v in
            [try np.multiply(np.add(v[0], bias), 2)]
        }
        XCTAssertEqual(graph.boundParameters.count, 1)
        var args = graph.boundParameters
        args["data"] = x
        let theirs = try Oracle.runSymbol(try graph.symbolJSON(), arguments: args)
        let ours = try graph([x])[0]
        XCTAssertEqual(ours.dtype, .float32)
        try assertClose(ours, try theirs[0].asArray(Double.self), shape: [2, 3], dtype: .float32)
    }
}

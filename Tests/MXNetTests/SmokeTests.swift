import MXNet
import TestSupport
import XCTest

final class SmokeTests: XCTestCase {
    func testEagerAddBroadcast() throws {
        let a = try np.array([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        let b = try np.array([10, 20, 30] as [Float])
        try assertClose(np.add(a, b), [11, 22, 33, 14, 25, 36], shape: [2, 3], dtype: .float32)
        XCTAssertThrowsError(try np.add(a, np.zeros([4]))) { e in
            XCTAssertTrue("\(e)".hasPrefix("add: operands could not be broadcast"), "\(e)")
        }
    }

    func testDeferredMatchesEager() throws {
        let x = try np.array([1, 2, 3] as [Float])
        let g = try DeferredCompute.trace(inputs: ["x": x]) { v in [try np.exp(np.multiply(v[0], 2))] }
        let y = try g([try np.array([0, 1, 2] as [Float])])[0]
        try assertClose(y, try np.exp(np.multiply(np.array([0, 1, 2] as [Float]), 2)).asArray(Double.self), shape: [3])
    }

    func testAutogradSquare() throws {
        let x = try np.array([1, 2, 3] as [Float])
        x.attachGrad()
        let y = try autograd.record { try np.sum(np.multiply(x, x)) }
        try y.backward()
        try assertClose(x.grad!, [2, 4, 6], shape: [3])
    }
}

final class NpxSliceChannelTests: XCTestCase {
    /// npx.sliceChannel forwards to the SliceChannel operator checked in the manipulation fixtures.
    func testSliceChannelMatchesOperator() throws {
        let x = try np.arange(12).reshaped([2, 6])
        let parts = try npx.sliceChannel(x, numOutputs: 3, axis: 1)
        let viaName = try Imperative.invoke("SliceChannel", [x], attributes: ["num_outputs": "3", "axis": "1"])
        XCTAssertEqual(parts.count, 3)
        for (a, b) in zip(parts, viaName) {
            XCTAssertEqual(a.shape, [2, 2])
            XCTAssertEqual(try a.asArray(Double.self), try b.asArray(Double.self))
        }
        XCTAssertThrowsError(try npx.sliceChannel(x, numOutputs: 4, axis: 1))
    }
}

import MXNet
import TestSupport
import XCTest

/// A model with nested children, an array of blocks and its own parameter, named as in MXNet 2.0.
final class TwoStage: HybridBlock {
    let features = nn.HybridSequential()
    let blocks: [Block] = [nn.Dense(3), nn.Dense(2)]
    let output = nn.Dense(2, useBias: false)
    let scaleFactor = Parameter("scale_factor", shape: [1])
    override init() {
        super.init()
        features.add(nn.Conv2D(4, kernelSize: [3, 3], padding: [1]), nn.BatchNorm(), nn.Activation(.relu),
                     nn.GlobalAvgPool2D(), nn.Flatten())
    }
    override func forward(_ x: NDArray) throws -> NDArray {
        var h = try features(x)
        for b in blocks { h = try b(h) }
        return try np.multiply(output(h), scaleFactor.data())
    }
}

final class GluonBlockTests: XCTestCase {
    func testStructuralNames() throws {
        let net = TwoStage()
        XCTAssertEqual(net.collectParams().map(\.name), [
            "scale_factor",
            "features.0.weight", "features.0.bias",
            "features.1.gamma", "features.1.beta", "features.1.running_mean", "features.1.running_var",
            "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias",
            "output.weight",
        ])
        let seq = nn.Sequential()
        seq.add(nn.Dense(4), nn.Dense(2))
        XCTAssertEqual(seq.collectParams().map(\.name), ["0.weight", "0.bias", "1.weight", "1.bias"])
        XCTAssertEqual(seq.collectParams(".*weight").map(\.name), ["0.weight", "1.weight"])
    }

    func testDeferredInitialization() throws {
        let net = TwoStage()
        try net.initialize()
        let w = try XCTUnwrap(net.paramDict()["features.0.weight"])
        XCTAssertTrue(w.isDeferred)
        XCTAssertEqual(w.shape, [4, -1, 3, 3])
        XCTAssertThrowsError(try w.data())
        let y = try net(np.random.uniform(size: [2, 5, 6, 6]))
        XCTAssertEqual(y.shape, [2, 2])
        XCTAssertEqual(try w.data().shape, [4, 5, 3, 3])
        XCTAssertEqual(try net.paramDict()["blocks.0.weight"]!.data().shape, [3, 4])
        XCTAssertEqual(try net.paramDict()["features.1.running_var"]!.data().asArray(Float.self), [1, 1, 1, 1])
        XCTAssertEqual(try net.paramDict()["features.0.bias"]!.data().asArray(Float.self), [0, 0, 0, 0])
    }

    func testParameterBasics() throws {
        let p = Parameter("weight", shape: [2, 0])
        XCTAssertThrowsError(try p.data())          // never initialized
        try p.initialize()
        XCTAssertTrue(p.isDeferred)
        XCTAssertThrowsError(try p.setShape([3, 4]))  // known dim disagrees
        try p.setShape([2, 4])
        try p.finishDeferredInit()
        let v = try p.data().asArray(Float.self)
        XCTAssertTrue(v.allSatisfy { abs($0) <= 0.07 })
        try p.setData(np.ones([2, 4]))
        XCTAssertEqual(try p.data().asArray(Float.self), [Float](repeating: 1, count: 8))
        XCTAssertThrowsError(try p.setData(np.ones([4, 2])))
        XCTAssertEqual(try p.grad().shape, [2, 4])
        p.gradReq = .null
        XCTAssertThrowsError(try p.grad())
        let c = Constant(try np.arange(3))
        c.gradReq = .write
        XCTAssertEqual(c.gradReq, .null)
        try c.initialize()
        XCTAssertEqual(try c.data().asArray(Float.self), [0, 1, 2])
    }

    func testGradientsAndZeroGrad() throws {
        let fc = nn.Dense(2, inUnits: 3)
        try fc.initialize()
        try fc.weight.setData(np.array([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]))
        let x = try np.array([1, 1, 1, 2, 2, 2] as [Float], shape: [2, 3])
        let y = try autograd.record { try np.sum(fc(x)) }
        try y.backward()
        XCTAssertEqual(try fc.weight.grad().asArray(Float.self), [3, 3, 3, 3, 3, 3])
        XCTAssertEqual(try fc.bias!.grad().asArray(Float.self), [2, 2])
        try fc.zeroGrad()
        XCTAssertEqual(try fc.weight.grad().asArray(Float.self), [0, 0, 0, 0, 0, 0])
    }
}

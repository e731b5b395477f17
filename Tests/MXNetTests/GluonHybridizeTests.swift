import MXNet
import TestSupport
import XCTest

final class GluonHybridizeTests: XCTestCase {
    /// Each layer with an input shape it accepts.
    func layers() -> [(String, () -> HybridBlock, [Int])] {
        [
            ("Dense", { nn.Dense(5, activation: .tanh) }, [3, 4, 2]),
            ("DenseNoFlatten", { nn.Dense(5, useBias: false, flatten: false) }, [3, 4, 2]),
            ("Conv1D", { nn.Conv1D(4, kernelSize: [3], padding: [1]) }, [2, 3, 7]),
            ("Conv2D", { nn.Conv2D(4, kernelSize: [3, 3], strides: [2], padding: [1], activation: .relu) }, [2, 3, 7, 7]),
            ("Conv2DGroups", { nn.Conv2D(4, kernelSize: [1, 1], groups: 2) }, [2, 4, 5, 5]),
            ("Conv3D", { nn.Conv3D(2, kernelSize: [2, 2, 2]) }, [1, 2, 4, 4, 4]),
            ("MaxPool2D", { nn.MaxPool2D(poolSize: [3, 3], strides: [2, 2], ceilMode: true) }, [2, 3, 8, 8]),
            ("AvgPool2D", { nn.AvgPool2D(poolSize: [2, 2], padding: [1], countIncludePad: false) }, [2, 3, 7, 7]),
            ("GlobalAvgPool2D", { nn.GlobalAvgPool2D() }, [2, 3, 5, 5]),
            ("GlobalMaxPool2D", { nn.GlobalMaxPool2D() }, [2, 3, 5, 5]),
            ("BatchNorm", { nn.BatchNorm() }, [4, 3, 2, 2]),
            ("BatchNormGlobal", { nn.BatchNorm(axis: -1, useGlobalStats: true) }, [4, 2, 3]),
            ("Activation", { nn.Activation(.sigmoid) }, [3, 4]),
            ("Dropout", { nn.Dropout(0.5) }, [3, 4]),
            ("Flatten", { nn.Flatten() }, [2, 3, 4]),
            ("Conv1DTranspose", { nn.Conv1DTranspose(4, kernelSize: [3], strides: [2], padding: [1], outputPadding: [1]) },
             [2, 3, 5]),
            ("Conv2DTranspose", { nn.Conv2DTranspose(4, kernelSize: [3, 3], strides: [2], groups: 2, activation: .relu) },
             [2, 4, 4, 4]),
            ("Conv3DTranspose", { nn.Conv3DTranspose(2, kernelSize: [2, 2, 2], dilation: [2]) }, [1, 2, 3, 3, 3]),
            ("MaxPool1D", { nn.MaxPool1D(poolSize: [3], strides: [2], padding: [1], ceilMode: true) }, [2, 3, 8]),
            ("MaxPool3D", { nn.MaxPool3D() }, [1, 2, 4, 4, 4]),
            ("AvgPool1D", { nn.AvgPool1D(poolSize: [3], padding: [1], countIncludePad: false) }, [2, 3, 7]),
            ("AvgPool3D", { nn.AvgPool3D(poolSize: [2], ceilMode: true) }, [1, 2, 5, 5, 5]),
            ("GlobalMaxPool1D", { nn.GlobalMaxPool1D() }, [2, 3, 5]),
            ("GlobalMaxPool3D", { nn.GlobalMaxPool3D() }, [1, 2, 3, 3, 3]),
            ("GlobalAvgPool1D", { nn.GlobalAvgPool1D() }, [2, 3, 5]),
            ("GlobalAvgPool3D", { nn.GlobalAvgPool3D() }, [1, 2, 3, 3, 3]),
            ("LayerNorm", { nn.LayerNorm(axis: 1) }, [3, 4, 2]),
            ("GroupNorm", { nn.GroupNorm(numGroups: 2) }, [2, 4, 3]),
            ("InstanceNorm", { nn.InstanceNorm(axis: 2, scale: true) }, [2, 3, 4]),
            ("Embedding", {   // uniform(-1, 1) inputs mapped to indices in [0, 4)
                let s = nn.HybridSequential()
                s.add(nn.HybridLambda { try np.multiply(np.add($0, 1), 2) }, nn.Embedding(inputDim: 4, outputDim: 3))
                return s
            }, [2, 3]),
            ("LeakyReLU", { nn.LeakyReLU(0.1) }, [3, 4]),
            ("PReLU", { nn.PReLU(inChannels: 3) }, [2, 3, 4]),
            ("ELU", { nn.ELU(alpha: 0.5) }, [3, 4]),
            ("SELU", { nn.SELU() }, [3, 4]),
            ("GELU", { nn.GELU() }, [3, 4]),
            ("GELUTanh", { nn.GELU(approximation: .tanh) }, [3, 4]),
            ("Swish", { nn.Swish(beta: 2) }, [3, 4]),
            ("SiLU", { nn.SiLU() }, [3, 4]),
            ("Identity", { nn.Identity() }, [3, 4]),
            ("HybridLambda", { nn.HybridLambda { try np.multiply(np.tanh($0), $0) } }, [3, 4]),
            ("ReflectionPad2D", { nn.ReflectionPad2D(padding: 2) }, [2, 3, 4, 5]),
            ("Sequential", {
                let s = nn.HybridSequential()
                s.add(nn.Conv2D(4, kernelSize: [3, 3]), nn.BatchNorm(), nn.Activation(.relu), nn.MaxPool2D(),
                      nn.Flatten(), nn.Dense(3))
                return s
            }, [2, 1, 8, 8]),
            ("TwoStage", { TwoStage() }, [2, 3, 5, 5]),
        ]
    }

    func values(_ a: NDArray) throws -> [Double] { try a.asArray(Double.self) }

    /// Same weights, same input: hybridized output (inference and training), gradients and updated running
    /// statistics equal the imperative ones.
    func testHybridizedEqualsImperative() throws {
        for (name, make, shape) in layers() {
            np.random.seed(7)
            let a = make(), b = make()
            let x = try np.random.uniform(low: -1, high: 1, size: shape)
            try a.initialize()
            _ = try a(x)
            try b.initialize()
            _ = try b(x)
            for ((_, p), (_, q)) in zip(a.collectParams(), b.collectParams()) { try q.setData(p.data()) }
            b.hybridize()
            assertClose(try values(b(x)), try values(a(x)), rtol: 1e-5, atol: 1e-6, "\(name) inference")
            // Training under autograd: same outputs (dropout seeded identically), gradients, running statistics.
            let xa = try np.copy(x), xb = try np.copy(x)
            xa.attachGrad(); xb.attachGrad()
            np.random.seed(11)
            let ya = try autograd.record { try a(xa) }
            let la = try autograd.record { try np.sum(np.multiply(ya, ya)) }
            try la.backward()
            np.random.seed(11)
            let yb = try autograd.record { try b(xb) }
            let lb = try autograd.record { try np.sum(np.multiply(yb, yb)) }
            try lb.backward()
            assertClose(try values(yb), try values(ya), rtol: 1e-5, atol: 1e-6, "\(name) training")
            assertClose(try values(xb.grad!), try values(xa.grad!), rtol: 1e-4, atol: 1e-6, "\(name) input grad")
            for ((n, p), (_, q)) in zip(a.collectParams(), b.collectParams()) {
                assertClose(try values(q.data()), try values(p.data()), rtol: 1e-5, atol: 1e-6, "\(name) \(n)")
                if p.gradReq != .null {
                    assertClose(try values(q.grad()), try values(p.grad()), rtol: 1e-4, atol: 1e-6, "\(name) \(n) grad")
                }
            }
            // Training without recording (compiled replay, running statistics updated in place).
            np.random.seed(3)
            let ta = try autograd.trainMode { try a(x) }
            np.random.seed(3)
            let tb = try autograd.trainMode { try b(x) }
            assertClose(try values(tb), try values(ta), rtol: 1e-5, atol: 1e-6, "\(name) train mode")
            for ((n, p), (_, q)) in zip(a.collectParams(), b.collectParams()) {
                assertClose(try values(q.data()), try values(p.data()), rtol: 1e-5, atol: 1e-6, "\(name) \(n) after train")
            }
        }
    }

    func testGraphCacheReusedAndRerecorded() throws {
        let net = nn.HybridSequential()
        net.add(nn.Dense(4, activation: .relu), nn.Dense(2))
        try net.initialize()
        net.hybridize()
        _ = try net(np.ones([3, 5]))
        _ = try net(np.zeros([3, 5]))
        XCTAssertEqual(net.graphBuildCount, 1)
        _ = try net(np.ones([7, 5]))
        XCTAssertEqual(net.graphBuildCount, 2)
        _ = try net(np.ones([3, 5]))
        _ = try net(np.ones([7, 5]))
        XCTAssertEqual(net.graphBuildCount, 2)
        XCTAssertEqual(net.cachedGraphCount, 2)
        _ = try net(np.ones([3, 5], dtype: .float64))
        XCTAssertEqual(net.graphBuildCount, 3)
        _ = try autograd.record { try net(np.ones([3, 5])) }    // training mode: its own graph
        XCTAssertEqual(net.graphBuildCount, 4)
        net.hybridize(false)
        _ = try net(np.ones([3, 5]))
        XCTAssertEqual(net.cachedGraphCount, 0)
    }

    /// Parameters are graph inputs: updating them changes the replayed output.
    func testReplaySeesParameterUpdates() throws {
        let fc = nn.Dense(1, inUnits: 2)
        try fc.initialize()
        fc.hybridize()
        let x = try np.array([1, 2] as [Float], shape: [1, 2])
        try fc.weight.setData(np.array([1, 1] as [Float], shape: [1, 2]))
        XCTAssertEqual(try fc(x).asArray(Float.self), [3])
        try fc.weight.setData(np.array([2, 0] as [Float], shape: [1, 2]))
        try fc.bias!.setData(np.array([5] as [Float]))
        XCTAssertEqual(try fc(x).asArray(Float.self), [7])
        XCTAssertEqual(fc.graphBuildCount, 1)
    }

    func testGradientsThroughHybridizedBlock() throws {
        let fc = nn.Dense(2, inUnits: 3)
        try fc.initialize()
        fc.hybridize()
        try fc.weight.setData(np.array([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3]))
        let x = try np.array([1, 1, 1, 2, 2, 2] as [Float], shape: [2, 3])
        x.attachGrad()
        for _ in 0..<2 {
            let y = try autograd.record { try np.sum(fc(x)) }
            try y.backward()
        }
        XCTAssertEqual(try fc.weight.grad().asArray(Float.self), [3, 3, 3, 3, 3, 3])
        XCTAssertEqual(try fc.bias!.grad().asArray(Float.self), [2, 2])
        XCTAssertEqual(try x.grad!.asArray(Float.self), [5, 7, 9, 5, 7, 9])
        XCTAssertEqual(fc.graphBuildCount, 1)
    }
}

/// Two inputs, two outputs and a constant.
final class AddScale: HybridBlock {
    let table = Constant(NDArray([1, 2, 3] as [Float]))
    let identity = nn.Dropout(0)
    override func forward(_ inputs: [NDArray]) throws -> [NDArray] {
        guard inputs.count == 2 else { throw MXNetError("AddScale takes 2 inputs") }
        let s = try np.add(inputs[0], table.data())
        return [try identity(s), try np.multiply(s, inputs[1])]
    }
}

final class GluonMultiInputTests: XCTestCase {
    func testMultipleInputsOutputsAndConstant() throws {
        let block = AddScale()
        try block.initialize()
        XCTAssertEqual(block.collectParams().map(\.name), ["table"])
        let a = try np.array([1, 1, 1] as [Float]), b = try np.array([2, 2, 2] as [Float])
        let eager = try block([a, b]).map { try $0.asArray(Float.self) }
        block.hybridize()
        let compiled = try block([a, b]).map { try $0.asArray(Float.self) }
        XCTAssertEqual(compiled, eager)
        XCTAssertEqual(compiled, [[2, 3, 4], [4, 6, 8]])
        XCTAssertThrowsError(try block(a))   // one input where two are needed
        // A graph whose output is an input variable unchanged.
        let drop = nn.Dropout(0)
        drop.hybridize()
        XCTAssertEqual(try drop(a).asArray(Float.self), [1, 1, 1])
    }
}

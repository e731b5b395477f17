import Foundation
import MXNet
import TestSupport
import XCTest

/// The Gluon `nn` layers match MXNet 1.9.1's gluon layer by layer (`Tests/Fixtures/gen_gluon_layers.py`): same
/// parameter names and shapes, and — with the fixture's parameters — the same output, input gradient and parameter
/// gradients, imperatively and hybridized. Cases where MXNet 2.0 differs from 1.9.1 carry NumPy's values.
final class GluonLayerTests: XCTestCase {
    /// Each fixture key with our layer (MXNet 2.0 semantics; `in_channels` left deferred where 1.9.1 needed it).
    func layers() -> [String: () -> HybridBlock] {
        [
            "Conv1DTranspose_default": { nn.Conv1DTranspose(3, kernelSize: [3]) },
            "Conv1DTranspose_stride_pad_outpad": {
                nn.Conv1DTranspose(4, kernelSize: [3], strides: [2], padding: [1], outputPadding: [1], useBias: false)
            },
            "Conv1DTranspose_groups_dilation": {
                nn.Conv1DTranspose(4, kernelSize: [2], dilation: [2], groups: 2, activation: .tanh)
            },
            "Conv2DTranspose_default": { nn.Conv2DTranspose(4, kernelSize: [3, 3]) },
            "Conv2DTranspose_stride_groups": {
                nn.Conv2DTranspose(6, kernelSize: [3, 2], strides: [2, 1], padding: [1, 0], outputPadding: [1, 0], groups: 2)
            },
            "Conv2DTranspose_dilation_nobias": {
                nn.Conv2DTranspose(2, kernelSize: [3], padding: [2], dilation: [2], useBias: false)
            },
            "Conv3DTranspose_default": { nn.Conv3DTranspose(2, kernelSize: [2, 2, 2]) },
            "Conv3DTranspose_stride_groups": {
                nn.Conv3DTranspose(4, kernelSize: [3], strides: [2], padding: [1], outputPadding: [1], groups: 2, inChannels: 2)
            },
            "MaxPool1D_default": { nn.MaxPool1D() },
            "MaxPool1D_stride_pad_ceil": { nn.MaxPool1D(poolSize: [3], strides: [2], padding: [1], ceilMode: true) },
            "MaxPool2D_stride_pad": { nn.MaxPool2D(poolSize: [3, 2], strides: [2, 1], padding: [1, 0]) },
            "MaxPool3D_default": { nn.MaxPool3D() },
            "MaxPool3D_stride_pad_ceil": {
                nn.MaxPool3D(poolSize: [3, 2, 2], strides: [2, 1, 2], padding: [1, 0, 1], ceilMode: true)
            },
            "AvgPool1D_exclude_pad": { nn.AvgPool1D(poolSize: [3], strides: [2], padding: [1], countIncludePad: false) },
            "AvgPool1D_ceil_include_pad": { nn.AvgPool1D(poolSize: [2], padding: [1], ceilMode: true) },
            "AvgPool2D_exclude_pad_ceil": {
                nn.AvgPool2D(poolSize: [3], strides: [2], padding: [1], ceilMode: true, countIncludePad: false)
            },
            "AvgPool3D_default": { nn.AvgPool3D() },
            "AvgPool3D_stride_pad_ceil_exclude": {
                nn.AvgPool3D(poolSize: [3], strides: [2], padding: [1], ceilMode: true, countIncludePad: false)
            },
            "GlobalMaxPool1D": { nn.GlobalMaxPool1D() },
            "GlobalMaxPool3D": { nn.GlobalMaxPool3D() },
            "GlobalAvgPool1D": { nn.GlobalAvgPool1D() },
            "GlobalAvgPool3D": { nn.GlobalAvgPool3D() },
            "GlobalAvgPool2D": { nn.GlobalAvgPool2D() },
            "LayerNorm_default": { nn.LayerNorm() },
            "LayerNorm_axis1_eps": { nn.LayerNorm(axis: 1, epsilon: 1e-3) },
            "LayerNorm_no_center": { nn.LayerNorm(center: false, inChannels: 5) },
            "LayerNorm_no_scale": { nn.LayerNorm(axis: -2, scale: false) },
            "InstanceNorm_default": { nn.InstanceNorm() },
            "InstanceNorm_scale_no_center_eps": { nn.InstanceNorm(epsilon: 1e-3, center: false, scale: true) },
            "InstanceNorm_axis2": { nn.InstanceNorm(axis: 2, scale: true) },
            "GroupNorm_2groups": { nn.GroupNorm(numGroups: 2) },
            "GroupNorm_1group_4d": { nn.GroupNorm() },
            "GroupNorm_3groups_eps_no_center": { nn.GroupNorm(numGroups: 3, epsilon: 1e-3, center: false) },
            "Embedding_int_indices": { nn.Embedding(inputDim: 6, outputDim: 3) },
            "Embedding_float_indices": { nn.Embedding(inputDim: 4, outputDim: 5) },
            "Embedding_clip_float64": { nn.Embedding(inputDim: 5, outputDim: 4, dtype: .float64) },
            "LeakyReLU_0.1": { nn.LeakyReLU(0.1) },
            "LeakyReLU_0": { nn.LeakyReLU(0) },
            "PReLU_default": { nn.PReLU() },
            "PReLU_channels": { nn.PReLU(inChannels: 3) },
            "ELU_default": { nn.ELU() },
            "ELU_0.5": { nn.ELU(alpha: 0.5) },
            "SELU": { nn.SELU() },
            "GELU_erf": { nn.GELU() },
            "GELU_tanh": { nn.GELU(approximation: .tanh) },
            "Identity": { nn.Identity() },
            "Swish_default": { nn.Swish() },
            "Swish_beta": { nn.Swish(beta: 2.5) },
            "SiLU": { nn.SiLU() },
            "HybridLambda_leaky": { nn.HybridLambda("leaky") { try npx.leakyRelu($0, slope: 0.1) } },
            "HybridLambda_composite": { nn.HybridLambda { try np.add(np.multiply(np.tanh($0), $0), 1) } },
            "ReflectionPad2D_1": { nn.ReflectionPad2D(padding: 1) },
            "ReflectionPad2D_2": { nn.ReflectionPad2D(padding: 2) },
        ]
    }

    func fixtureCases() throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/gluon_layers.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try XCTUnwrap(doc?["cases"] as? [[String: Any]])
    }

    func arrays(_ c: [String: Any], _ key: String) throws -> [String: NDArray] {
        try (c[key] as? [String: Any] ?? [:]).mapValues { try Fixtures.array($0, key) }
    }

    func assertMatches(_ actual: NDArray, _ expected: NDArray, _ c: [String: Any], _ what: String) throws {
        let rtol = c["rtol"] as? Double ?? 1e-5, atol = c["atol"] as? Double ?? 1e-6
        XCTAssertEqual(actual.shape, expected.shape, "\(what) shape")
        XCTAssertEqual(actual.dtype, expected.dtype, "\(what) dtype")
        assertClose(try actual.asArray(Double.self), try expected.asArray(Double.self), rtol: rtol, atol: atol, what)
    }

    /// Builds the layer, checks its parameter names and shapes, loads the fixture's values and compares the
    /// output and gradients of one recorded forward/backward pass.
    func check(_ c: [String: Any], _ make: () -> HybridBlock, hybridized: Bool) throws {
        let key = (c["key"] as? String ?? "?") + (hybridized ? " (hybridized)" : "")
        let x = try Fixtures.array(XCTUnwrap(c["input"]), "input")
        let layer = make()
        try layer.initialize()
        _ = try layer(x)   // completes deferred initialisation
        let expected = try arrays(c, "params"), expectedGrads = try arrays(c, "param_grads")
        let params = layer.collectParams()
        XCTAssertEqual(params.map(\.name).sorted(), expected.keys.sorted(), "\(key) parameter names")
        for (name, p) in params {
            guard let value = expected[name] else { continue }
            XCTAssertEqual(p.shape, value.shape, "\(key) \(name) shape")
            XCTAssertEqual(p.gradReq != .null, expectedGrads[name] != nil, "\(key) \(name) grad_req")
            try p.setData(value)
        }
        if hybridized { layer.hybridize() }
        let input = try np.copy(x)
        let inputGrad = try c["input_grad"].map { try Fixtures.array($0, "input_grad") }
        if inputGrad != nil { input.attachGrad() }
        // A recorded copy in front, so that a pass-through layer (Identity returns its input itself, as in MXNet)
        // still leaves a graph to differentiate; the copy's gradient is the identity.
        let y = try autograd.record { try layer(inputGrad == nil ? input : np.copy(input)) }
        try y.backward(Fixtures.array(XCTUnwrap(c["head_grad"]), "head_grad"))
        try assertMatches(y, Fixtures.array(XCTUnwrap(c["output"]), "output"), c, "\(key) output")
        if let g = inputGrad { try assertMatches(XCTUnwrap(input.grad), g, c, "\(key) input grad") }
        for (name, p) in params {
            guard let g = expectedGrads[name] else { continue }
            try assertMatches(p.grad(), g, c, "\(key) \(name) grad")
        }
        if hybridized { XCTAssertEqual(layer.graphBuildCount, 1, "\(key) graph builds") }
    }

    func testLayersMatchMXNet() throws {
        let cases = try fixtureCases(), table = layers()
        XCTAssertEqual(cases.count, 53)
        XCTAssertEqual(Set(cases.compactMap { $0["key"] as? String }), Set(table.keys), "fixture keys vs. table")
        for c in cases {
            guard let key = c["key"] as? String, let make = table[key] else { continue }
            for hybridized in [false, true] {
                do { try check(c, make, hybridized: hybridized) } catch {
                    XCTFail("\(key)\(hybridized ? " (hybridized)" : ""): \(error)")
                }
            }
        }
        XCTAssertEqual(cases.filter { $0["expected_from"] as? String == "numpy" }.count, 5)
    }

    func assertThrows(_ body: () throws -> NDArray, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try body()
            XCTFail("expected an error mentioning '\(fragment)'", file: file, line: line)
        } catch {
            XCTAssertTrue("\(error)".contains(fragment), "'\(error)' does not mention '\(fragment)'", file: file, line: line)
        }
    }

    func run(_ layer: HybridBlock, _ shape: [Int]) throws -> NDArray {
        try layer.initialize()
        return try layer(np.ones(shape))
    }

    func testBadArgumentsThrow() throws {
        assertThrows({ try self.run(nn.Conv2DTranspose(4, kernelSize: [3, 3]), [2, 3, 5]) }, "expected an (N, C, H, W) input")
        assertThrows({ try self.run(nn.Conv2DTranspose(5, kernelSize: [3], groups: 2), [1, 4, 5, 5]) },
                     "channels=5 is not divisible by groups=2")
        assertThrows({ try self.run(nn.Conv1DTranspose(4, kernelSize: [3], groups: 2), [1, 3, 5]) },
                     "3 input channels are not divisible by groups=2")
        assertThrows({ try self.run(nn.Conv2D(4, kernelSize: [3, 3, 3]), [1, 3, 5, 5]) }, "kernelSize must have 1 or 2 entries")
        assertThrows({ try self.run(nn.MaxPool3D(), [1, 2, 4, 4]) }, "expected an (N, C, D, H, W) input")
        assertThrows({ try self.run(nn.GlobalAvgPool1D(), [2, 3]) }, "expected an (N, C, W) input")
        assertThrows({ try self.run(nn.AvgPool1D(poolSize: [2, 2]), [1, 2, 6]) }, "poolSize must have 1 or 1 entries")
        assertThrows({ try self.run(nn.ReflectionPad2D(padding: -1), [1, 1, 3, 3]) }, "must not be negative")
        assertThrows({ try self.run(nn.ReflectionPad2D(padding: 3), [1, 1, 3, 3]) }, "smaller than the axis size")
        assertThrows({ try self.run(nn.ReflectionPad2D(padWidth: [0, 0, 1, 1]), [1, 1, 3, 3]) }, "8 entries")
        assertThrows({ try self.run(nn.GroupNorm(numGroups: 3), [2, 4, 5]) }, "not divisible by numGroups=3")
        assertThrows({ try self.run(nn.GroupNorm(), [2, 4]) }, "at least 3 axes")
        assertThrows({ try self.run(nn.LayerNorm(axis: 3), [2, 3, 4]) }, "axis 3 is out of range")
        assertThrows({ try self.run(nn.InstanceNorm(axis: -4), [2, 3, 4]) }, "axis -4 is out of range")
        assertThrows({ try self.run(nn.LeakyReLU(-0.1), [2, 3]) }, "alpha must be at least 0")
        assertThrows({ try self.run(nn.PReLU(inChannels: 3), [2, 4, 5]) }, "alpha has 3 entries")
        assertThrows({ try self.run(nn.Embedding(inputDim: 0, outputDim: 3), [2]) }, "must be positive")
    }

    func testDeferredShapesAndDefaults() throws {
        let up = nn.Conv2DTranspose(6, kernelSize: [3, 3], strides: [2, 2], padding: [1, 1], outputPadding: [1, 1], groups: 3)
        XCTAssertEqual(up.weight.shape, [-1, 2, 3, 3])
        try up.initialize()
        XCTAssertEqual(try up(np.ones([1, 9, 4, 4])).shape, [1, 6, 8, 8])
        XCTAssertEqual(up.weight.shape, [9, 2, 3, 3])
        let prelu = nn.PReLU(inChannels: 0)
        try prelu.initialize()
        _ = try prelu(np.ones([2, 5, 3]))
        XCTAssertEqual(try prelu.alpha.data().asArray(Float.self), [Float](repeating: 0.25, count: 5))
        let norm = nn.InstanceNorm()
        try norm.initialize()
        _ = try norm(np.ones([2, 3, 4]))
        XCTAssertEqual(norm.gamma.gradReq, .null, "InstanceNorm does not scale by default")
        XCTAssertEqual(norm.collectParams().map(\.name), ["gamma", "beta"])
    }
}

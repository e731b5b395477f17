import Foundation
import MXNet
import TestSupport
import XCTest

/// `model_zoo.vision` against MXNet 1.9.1's `gluon.model_zoo.vision`: one network per family runs on weights MXNet
/// saved (generated at test time by Tests/Fixtures/gen_model_zoo.py through the oracle), and every factory name
/// has MXNet's parameter names and shapes (Tests/MXNetTests/Fixtures/model_zoo_params.json).
final class ModelZooTests: XCTestCase {
    /// One network per family, at its usual input size, except VGG and AlexNet, whose first dense layer takes
    /// whatever the input gives: smaller inputs (a 2×2 final map) keep their weight files small.
    static let families: [(name: String, size: Int)] = [
        ("resnet18_v1", 224), ("resnet18_v2", 224), ("mobilenet0.25", 224), ("mobilenetv2_0.25", 224),
        ("squeezenet1.1", 224), ("densenet121", 224), ("vgg11_bn", 64), ("alexnet", 99), ("inceptionv3", 299),
    ]

    nonisolated(unsafe) static var generated: Result<URL, Error>?

    /// The directory with every family's `NAME.params`, `NAME-input.npy` and `NAME-output.npy`, written once by
    /// MXNet 1.9.1.
    static func mxnetFiles() throws -> URL {
        if let g = generated { return try g.get() }
        let python = try Oracle.requirePython()
        let result = Result<URL, Error> {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("model-zoo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures/gen_model_zoo.py").path
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = [script, "--out", dir.path] + families.map { "\($0.name):\($0.size)" }
            p.standardOutput = FileHandle.nullDevice
            try p.run(); p.waitUntilExit()
            guard p.terminationStatus == 0 else { throw MXNetError("gen_model_zoo.py exited \(p.terminationStatus)") }
            return dir
        }
        generated = result
        return try result.get()
    }

    override class func tearDown() {
        if case .success(let dir)? = generated { try? FileManager.default.removeItem(at: dir) }
        generated = nil
        super.tearDown()
    }

    /// Loads MXNet's weights strictly (every name present, no extra ones) and compares outputs imperative and
    /// hybridized with MXNet's.
    func checkFamily(_ name: String) throws {
        let dir = try ModelZooTests.mxnetFiles()
        let net = try model_zoo.vision.getModel(name, classes: 10)
        try net.loadParameters(dir.appendingPathComponent("\(name).params").path)
        let x = try NPYFile.read(path: dir.appendingPathComponent("\(name)-input.npy").path)
        let expected = try NPYFile.read(path: dir.appendingPathComponent("\(name)-output.npy").path)
        let imperative = try net(x)
        XCTAssertEqual(imperative.shape, expected.shape, name)
        let want = try expected.asArray(Double.self)
        assertClose(try imperative.asArray(Double.self), want, rtol: 1e-3, atol: 1e-4, "\(name) imperative")
        net.hybridize()
        let hybridized = try net(x)
        XCTAssertEqual(net.graphBuildCount, 1, name)
        assertClose(try hybridized.asArray(Double.self), want, rtol: 1e-3, atol: 1e-4, "\(name) hybridized")
    }

    func testResNet18V1() throws { try checkFamily("resnet18_v1") }
    func testResNet18V2() throws { try checkFamily("resnet18_v2") }
    func testMobileNet025() throws { try checkFamily("mobilenet0.25") }
    func testMobileNetV2025() throws { try checkFamily("mobilenetv2_0.25") }
    func testSqueezeNet11() throws { try checkFamily("squeezenet1.1") }
    func testDenseNet121() throws { try checkFamily("densenet121") }
    func testVGG11BN() throws { try checkFamily("vgg11_bn") }
    func testAlexNet() throws { try checkFamily("alexnet") }
    func testInceptionV3() throws { try checkFamily("inceptionv3") }

    /// The fixture tells inference from training: with batch statistics (training mode) instead of the perturbed
    /// running ones, the output is far from MXNet's inference output.
    func testFixtureDistinguishesTrainingMode() throws {
        let dir = try ModelZooTests.mxnetFiles()
        let net = try model_zoo.vision.getModel("resnet18_v1", classes: 10)
        try net.loadParameters(dir.appendingPathComponent("resnet18_v1.params").path)
        let x = try NPYFile.read(path: dir.appendingPathComponent("resnet18_v1-input.npy").path)
        let expected = try NPYFile.read(path: dir.appendingPathComponent("resnet18_v1-output.npy").path).asArray(Double.self)
        let training = try autograd.record { try net(x) }.asArray(Double.self)
        let gap = zip(training, expected).map { abs($0 - $1) }.max() ?? 0
        XCTAssertGreaterThan(gap, 1e-2)
    }

    /// Every factory name builds, and after deferred initialisation on MXNet's input shape (recorded under
    /// deferred compute: shapes only, nothing is computed) its parameters are MXNet's, in MXNet's order.
    func testEveryModelHasMXNetParameterNamesAndShapes() throws {
        let url = Fixtures.directory.appendingPathComponent("model_zoo_params.json")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        let models = doc["models"] as? [String: [String: Any]] ?? [:]
        let classes = doc["classes"] as? Int ?? 0
        XCTAssertEqual(models.count, 34)
        XCTAssertEqual(Set(models.keys), Set(model_zoo.vision.modelNames))
        let zeros = InitializerFunction { _, shape, dtype in NDArray(zeros: shape, dtype: dtype) }
        for name in model_zoo.vision.modelNames {
            guard let entry = models[name], let input = entry["input"] as? [Int],
                  let params = entry["params"] as? [[Any]] else { XCTFail("\(name): no fixture entry"); continue }
            let net = try model_zoo.vision.getModel(name, classes: classes)
            for (_, p) in net.collectParams() { (p.initializer, p.gradReq) = (zeros, .null) }   // fast: no random values, no gradient buffers
            try net.initialize()
            let y = try DeferredCompute.scope { try net(NDArray(zeros: input, dtype: .float32)) }
            XCTAssertEqual(y.shape, [input[0], classes], name)
            let ours = net.collectParams().map { "\($0.name) \($0.parameter.shape)" }
            let theirs = params.map { "\($0[0] as? String ?? "?") \($0[1] as? [Int] ?? [])" }
            XCTAssertEqual(ours.count, theirs.count, name)
            if let i = (0..<min(ours.count, theirs.count)).first(where: { ours[$0] != theirs[$0] }) {
                XCTFail("\(name): parameter \(i) is \(ours[i]), MXNet has \(theirs[i])")
            }
        }
    }

    func testGetModelNames() throws {
        XCTAssertEqual(model_zoo.vision.modelNames.count, 34)
        XCTAssertTrue(try model_zoo.vision.getModel("ResNet50_V2") is model_zoo.vision.ResNetV2)
        XCTAssertTrue(try model_zoo.vision.getModel("mobilenetv2_0.75") is model_zoo.vision.MobileNetV2)
        XCTAssertThrowsError(try model_zoo.vision.getModel("resnet19_v1")) { error in
            let message = (error as? MXNetError)?.message ?? ""
            XCTAssertTrue(message.contains("resnet19_v1") && message.contains("inceptionv3") && message.contains("vgg16_bn"), message)
        }
        XCTAssertThrowsError(try model_zoo.vision.getResNet(version: 3, numLayers: 18))
        XCTAssertThrowsError(try model_zoo.vision.getVGG(numLayers: 12))
        XCTAssertThrowsError(try model_zoo.vision.ResNetV1(block: model_zoo.vision.BasicBlockV1.self, layers: [2, 2],
                                                           channels: [64, 64]))
    }

    /// The containers on their own: children's outputs concatenated on the axis, the identity branch passing
    /// its input through; the same hybridized.
    func testHybridConcatenateAndIdentity() throws {
        let dense = nn.Dense(3)
        let cat = nn.HybridConcatenate(axis: 1)
        cat.add(nn.Identity(), dense)
        try cat.initialize(initializer.Xavier())
        let x = try np.random.uniform(low: -1, high: 1, size: [2, 4])
        let expected = try np.concatenate([x, dense(x)], axis: 1).asArray(Double.self)
        try assertClose(cat(x), expected, shape: [2, 7])
        cat.hybridize()
        try assertClose(cat(x), expected, shape: [2, 7])
        XCTAssertEqual(cat.collectParams().map(\.name), ["1.weight", "1.bias"])
        let plain = nn.Concatenate(axis: 0)
        plain.add(nn.Identity(), nn.Identity())
        try assertClose(plain(x), try np.concatenate([x, x], axis: 0).asArray(Double.self), shape: [4, 4])
    }
}

// A short tour of the 2.0 core: np arithmetic, npx, autograd and deferred compute with export.
import MXNet

do {
    let x = try np.array([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
    let y = try np.add(np.multiply(x, 2), np.array([0.5, -0.5, 1] as [Float]))
    print("x * 2 + [0.5, -0.5, 1] =", try y.asArray(Float.self))
    print("relu(x - 3) =", try npx.relu(np.subtract(x, 3)).asArray(Float.self))
    print("sum over axis 1 =", try np.sum(x, axis: [1]).asArray(Float.self))

    x.attachGrad()
    let loss = try autograd.record { try np.sum(np.multiply(np.tanh(x), x)) }
    try loss.backward()
    print("d/dx sum(tanh(x) * x) =", try x.grad!.asArray(Float.self))

    let graph = try DeferredCompute.trace(inputs: ["data": x]) { v in [try np.exp(np.multiply(v[0], 0.1))] }
    print("replayed exp(0.1 * x) =", try graph([x])[0].asArray(Float.self))
    print("exported symbol JSON:", try graph.symbolJSON().count, "characters")
} catch {
    print("error: \(error)")
    exit(1)
}

#if canImport(Glibc)
import Glibc
#endif

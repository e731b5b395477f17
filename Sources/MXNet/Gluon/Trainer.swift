/// Applies an ``Optimizer`` to a set of parameters (Gluon's `Trainer`): after `backward`, `step(batchSize)`
/// rescales the gradients by `1 / batchSize` and updates every parameter whose `gradReq` is not null, with the
/// parameter's `lrMult`/`wdMult`.
///
/// ```swift
/// let trainer = Trainer(net.collectParams(), optimizer: SGD(learningRate: 0.1, momentum: 0.9))
/// try autograd.record { try loss(net(x), y) }.backward()
/// try trainer.step(batchSize: x.shape[0])
/// ```
public final class Trainer {
    /// The parameters in update-index order.
    public let parameters: [(name: String, parameter: Parameter)]
    public let optimizer: Optimizer
    public let updater: Updater
    /// Multiplies `1 / batchSize` in the gradient rescaling (Gluon's `scale`).
    public let scale: Double

    /// - Parameters:
    ///   - parameters: `block.collectParams()` (or any named list); each gets the update index of its position.
    ///   - scale: the gradient is rescaled by `scale / batchSize` at each step.
    public init(_ parameters: [(name: String, parameter: Parameter)], optimizer: Optimizer, scale: Double = 1) {
        self.parameters = parameters
        self.optimizer = optimizer
        self.scale = scale
        updater = Updater(optimizer)
        for (i, p) in parameters.enumerated() {
            optimizer.lrMult[i] = p.parameter.lrMult
            optimizer.wdMult[i] = p.parameter.wdMult
        }
    }

    /// The optimizer's current learning rate.
    public var learningRate: Double { optimizer.learningRate }

    /// Sets the learning rate.
    /// - Throws: ``MXNetError`` when the optimizer follows an LR scheduler.
    public func setLearningRate(_ lr: Double) throws { try optimizer.setLearningRate(lr) }

    /// One optimisation step for a batch of `batchSize` samples.
    /// - Throws: ``MXNetError`` for a non-positive batch size, or a parameter that is not initialised.
    public func step(batchSize: Int) throws {
        guard batchSize > 0 else { throw MXNetError("Trainer.step: batch size must be positive, got \(batchSize)") }
        optimizer.rescaleGrad = scale / Double(batchSize)
        try update()
    }

    /// Updates every trainable parameter with its current gradient (after `rescaleGrad` is set).
    public func update() throws {
        for (i, p) in parameters.enumerated() where p.parameter.gradReq != .null {
            do {
                try updater.update(index: i, weight: p.parameter.data(), grad: p.parameter.grad())
            } catch let e as MXNetError {
                throw MXNetError("Trainer: parameter '\(p.name)': \(e.message)")
            }
        }
    }

    /// Saves the optimizer states (an MXNet NDArray-list file).
    public func saveStates(_ path: String) throws { try updater.save(path) }

    /// Loads optimizer states saved by ``saveStates(_:)``.
    public func loadStates(_ path: String) throws { try updater.load(path) }
}

import Foundation

/// A learning-rate schedule driven by the optimizer's update count (`mx.lr_scheduler.LRScheduler`).
///
/// Every schedule can start with a warm-up of `warmupSteps` updates that rises linearly from
/// `warmupBeginLR` to `baseLR` (or stays at `warmupBeginLR` in `.constant` mode). Schedules keep MXNet 1.9.1's
/// state: ``FactorScheduler`` and ``MultiFactorScheduler`` lower `baseLR` as updates pass, so a schedule
/// should be queried with non-decreasing update counts, as an optimizer does.
///
/// ```swift
/// let schedule = try CosineScheduler(maxUpdate: 100, baseLR: 0.1, warmupSteps: 10)
/// let lr = schedule(50)
/// ```
open class LRScheduler {
    /// How the learning rate moves during warm-up.
    public enum WarmupMode: String, Sendable {
        /// From `warmupBeginLR` to `baseLR` in equal steps.
        case linear
        /// `warmupBeginLR` throughout.
        case constant
    }

    /// The current base learning rate (an optimizer's `learningRate` overwrites it, as in MXNet).
    public var baseLR: Double
    /// Number of warm-up updates.
    public let warmupSteps: Int
    /// The learning rate at update 0 of the warm-up.
    public let warmupBeginLR: Double
    /// The learning rate the warm-up rises to (the base learning rate given at construction).
    public let warmupFinalLR: Double
    /// The warm-up mode.
    public let warmupMode: WarmupMode

    /// - Throws: ``MXNetError`` when `warmupBeginLR` exceeds `baseLR` or `warmupSteps` is negative.
    public init(baseLR: Double = 0.01, warmupSteps: Int = 0, warmupBeginLR: Double = 0,
                warmupMode: WarmupMode = .linear) throws {
        guard warmupBeginLR <= baseLR else { throw MXNetError("Base lr has to be higher than warmup_begin_lr") }
        guard warmupSteps >= 0 else { throw MXNetError("Warmup steps has to be positive or 0") }
        self.baseLR = baseLR
        self.warmupSteps = warmupSteps
        self.warmupBeginLR = warmupBeginLR
        self.warmupFinalLR = baseLR
        self.warmupMode = warmupMode
    }

    /// The warm-up learning rate at `numUpdate` (< `warmupSteps`).
    public func warmupLR(_ numUpdate: Int) -> Double {
        switch warmupMode {
        case .linear:
            return warmupBeginLR + (warmupFinalLR - warmupBeginLR) * Double(numUpdate) / Double(warmupSteps)
        case .constant:
            return warmupBeginLR
        }
    }

    /// The learning rate after `numUpdate` updates.
    open func learningRate(at numUpdate: Int) -> Double { baseLR }

    /// Same as ``learningRate(at:)`` (MXNet's `scheduler(num_update)`).
    public func callAsFunction(_ numUpdate: Int) -> Double { learningRate(at: numUpdate) }
}

/// Multiplies the learning rate by `factor` every `step` updates, never below `stopFactorLR`
/// (`mx.lr_scheduler.FactorScheduler`).
///
/// ```swift
/// let schedule = try FactorScheduler(step: 10, factor: 0.5, baseLR: 0.1)   // 0.1 up to update 10, then 0.05 ...
/// ```
public final class FactorScheduler: LRScheduler {
    public let step: Int
    public let factor: Double
    public let stopFactorLR: Double
    /// The update count at which the last reduction happened.
    public private(set) var count = 0

    /// - Throws: ``MXNetError`` when `step` < 1 or `factor` > 1, or for a bad warm-up.
    public init(step: Int, factor: Double = 1, stopFactorLR: Double = 1e-8, baseLR: Double = 0.01,
                warmupSteps: Int = 0, warmupBeginLR: Double = 0, warmupMode: WarmupMode = .linear) throws {
        guard step >= 1 else { throw MXNetError("Schedule step must be greater or equal than 1 round") }
        guard factor <= 1 else { throw MXNetError("Factor must be no more than 1 to make lr reduce") }
        self.step = step
        self.factor = factor
        self.stopFactorLR = stopFactorLR
        try super.init(baseLR: baseLR, warmupSteps: warmupSteps, warmupBeginLR: warmupBeginLR, warmupMode: warmupMode)
    }

    public override func learningRate(at numUpdate: Int) -> Double {
        if numUpdate < warmupSteps { return warmupLR(numUpdate) }
        while numUpdate > count + step {
            count += step
            baseLR = max(baseLR * factor, stopFactorLR)
        }
        return baseLR
    }
}

/// Multiplies the learning rate by `factor` once each listed update count is passed
/// (`mx.lr_scheduler.MultiFactorScheduler`).
///
/// ```swift
/// let schedule = try MultiFactorScheduler(step: [10, 30], factor: 0.1, baseLR: 1)
/// ```
public final class MultiFactorScheduler: LRScheduler {
    public let step: [Int]
    public let factor: Double
    /// The index in `step` of the next reduction.
    public private(set) var currentStepIndex = 0
    /// The update count of the last reduction.
    public private(set) var count = 0

    /// - Throws: ``MXNetError`` when `step` is empty, not increasing or has values < 1, or `factor` > 1.
    public init(step: [Int], factor: Double = 1, baseLR: Double = 0.01, warmupSteps: Int = 0,
                warmupBeginLR: Double = 0, warmupMode: WarmupMode = .linear) throws {
        guard !step.isEmpty else { throw MXNetError("step must list at least one update count") }
        for (i, s) in step.enumerated() {
            if i > 0 && s <= step[i - 1] { throw MXNetError("Schedule step must be an increasing integer list") }
            if s < 1 { throw MXNetError("Schedule step must be greater or equal than 1 round") }
        }
        guard factor <= 1 else { throw MXNetError("Factor must be no more than 1 to make lr reduce") }
        self.step = step
        self.factor = factor
        try super.init(baseLR: baseLR, warmupSteps: warmupSteps, warmupBeginLR: warmupBeginLR, warmupMode: warmupMode)
    }

    public override func learningRate(at numUpdate: Int) -> Double {
        if numUpdate < warmupSteps { return warmupLR(numUpdate) }
        while currentStepIndex < step.count && numUpdate > step[currentStepIndex] {
            count = step[currentStepIndex]
            currentStepIndex += 1
            baseLR *= factor
        }
        return baseLR
    }
}

/// Polynomial decay from the base learning rate to `finalLR` at `maxUpdate`
/// (`mx.lr_scheduler.PolyScheduler`): `final + (base - final) * (1 - t / (maxUpdate - warmupSteps))^pwr`.
///
/// ```swift
/// let schedule = try PolyScheduler(maxUpdate: 100, baseLR: 0.1, pwr: 2)
/// ```
public final class PolyScheduler: LRScheduler {
    public let maxUpdate: Int
    public let power: Double
    public let finalLR: Double
    /// The base learning rate the decay starts from.
    public var baseLROrig: Double

    /// - Throws: ``MXNetError`` when `maxUpdate` < 1, or for a bad warm-up.
    public init(maxUpdate: Int, baseLR: Double = 0.01, pwr: Double = 2, finalLR: Double = 0, warmupSteps: Int = 0,
                warmupBeginLR: Double = 0, warmupMode: WarmupMode = .linear) throws {
        guard maxUpdate >= 1 else { throw MXNetError("maximum number of updates must be strictly positive") }
        self.maxUpdate = maxUpdate
        self.power = pwr
        self.finalLR = finalLR
        self.baseLROrig = baseLR
        try super.init(baseLR: baseLR, warmupSteps: warmupSteps, warmupBeginLR: warmupBeginLR, warmupMode: warmupMode)
    }

    public override func learningRate(at numUpdate: Int) -> Double {
        if numUpdate < warmupSteps { return warmupLR(numUpdate) }
        if numUpdate <= maxUpdate {
            let progress = Double(numUpdate - warmupSteps) / Double(maxUpdate - warmupSteps)
            baseLR = finalLR + (baseLROrig - finalLR) * Foundation.pow(1 - progress, power)
        }
        return baseLR
    }
}

/// Cosine decay from the base learning rate to `finalLR` at `maxUpdate` (`mx.lr_scheduler.CosineScheduler`):
/// `final + (base - final) * (1 + cos(pi * t / (maxUpdate - warmupSteps))) / 2`.
///
/// ```swift
/// let schedule = try CosineScheduler(maxUpdate: 1000, baseLR: 0.1, warmupSteps: 100, warmupBeginLR: 0.01)
/// ```
public final class CosineScheduler: LRScheduler {
    public let maxUpdate: Int
    public let finalLR: Double
    /// The base learning rate the decay starts from.
    public var baseLROrig: Double

    /// - Throws: ``MXNetError`` when `maxUpdate` < 1, or for a bad warm-up.
    public init(maxUpdate: Int, baseLR: Double = 0.01, finalLR: Double = 0, warmupSteps: Int = 0,
                warmupBeginLR: Double = 0, warmupMode: WarmupMode = .linear) throws {
        guard maxUpdate >= 1 else { throw MXNetError("maximum number of updates must be strictly positive") }
        self.maxUpdate = maxUpdate
        self.finalLR = finalLR
        self.baseLROrig = baseLR
        try super.init(baseLR: baseLR, warmupSteps: warmupSteps, warmupBeginLR: warmupBeginLR, warmupMode: warmupMode)
    }

    public override func learningRate(at numUpdate: Int) -> Double {
        if numUpdate < warmupSteps { return warmupLR(numUpdate) }
        if numUpdate <= maxUpdate {
            let progress = Double(numUpdate - warmupSteps) / Double(maxUpdate - warmupSteps)
            baseLR = finalLR + (baseLROrig - finalLR) * (1 + Foundation.cos(Double.pi * progress)) / 2
        }
        return baseLR
    }
}

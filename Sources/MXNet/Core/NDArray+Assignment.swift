extension NDArray {
    /// Makes this array hold `value`'s contents: the in-place update behind `shuffle(x)` and
    /// ``NDArray/setItem(_:_:)``.
    ///
    /// The new value's storage is taken over, not copied, so other arrays that shared the old storage keep
    /// their contents. Under deferred compute the array becomes `value`'s pending graph entry (the update is
    /// recorded); under autograd it becomes `value`'s recorded output, so gradients flow through the update.
    /// - Throws: ``MXNetError`` when the shapes differ, or when this array is an autograd leaf with a gradient
    ///   buffer while recording (as MXNet refuses in-place updates of leaves).
    func replaceValue(with value: NDArray) throws {
        guard value.shape == shape else {
            throw MXNetError("cannot assign an array of shape \(Shape.text(value.shape)) to one of shape \(Shape.text(shape))")
        }
        if autograd.isRecording, let info = autogradInfo, info.node == nil, info.gradReq != .null {
            throw MXNetError("in-place assignment to an array with a gradient buffer is not supported while recording")
        }
        let v = value.dtype == dtype ? value : try np.astype(value, dtype)
        storageIfReady = v.storageIfReady
        entry = v.entry
        if v.autogradInfo != nil { autogradInfo = v.autogradInfo }
    }
}

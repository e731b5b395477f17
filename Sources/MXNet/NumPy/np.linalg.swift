extension np {
    /// MXNet 2.0's `mx.np.linalg`: norms, decompositions and solvers on ``NDArray``.
    ///
    /// ```swift
    /// let n = try np.linalg.norm(np.array([3, 4] as [Float]))  // 5
    /// ```
    public enum linalg {}
}

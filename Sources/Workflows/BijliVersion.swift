/// Bijli's own version, recorded in every run's provenance.
public enum BijliVersion {
    /// The version string, e.g. `0.1.0`.
    public static let current = "0.1.0"
}

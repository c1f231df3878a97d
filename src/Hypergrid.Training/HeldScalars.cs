using TorchSharp;

namespace Hypergrid.Training;

/// <summary>
/// Scalars that live as long as the process. TorchSharp hands libtorch the handle of a Scalar it made for the call (an
/// implicit conversion, or the alpha of 1 that <c>a + b</c> and <c>add_(x)</c> pass) without keeping the Scalar alive,
/// so its finalizer may free it while libtorch reads it ("Expected false to be true ... Scalar.h"). Hot paths pass these.
/// </summary>
public static class HeldScalars
{
    public static readonly Scalar One = 1.0.ToScalar();
}

namespace Hypergrid.Config.Search;

/// <summary>
/// The Sobol low-discrepancy sequence in up to <see cref="SobolDirections.MaxDimensions"/> dimensions (32-bit), point
/// k in Gray-code order (Antonov and Saleev), as SciPy's unscrambled <c>qmc.Sobol</c> gives them; optionally with a
/// random digital shift (each dimension's bits XOR-ed with 32 bits drawn from the seed), which keeps the sequence's
/// net structure and makes seeds differ. Point k is computed from k alone: a longer sequence has the shorter as its prefix.
/// </summary>
public sealed class Sobol
{
    private const int Bits = 32;
    private readonly uint[][] directions;
    private readonly uint[] shift;

    public Sobol(int dimensions, long? scrambleSeed)
    {
        if (dimensions < 1 || dimensions > SobolDirections.MaxDimensions)
            throw new ArgumentOutOfRangeException(nameof(dimensions), $"Sobol points have 1 to {SobolDirections.MaxDimensions} dimensions");
        directions = new uint[dimensions][];
        for (var d = 0; d < dimensions; d++) directions[d] = Directions(d);
        shift = new uint[dimensions];
        if (scrambleSeed is { } seed)
        {
            var rng = SplitMix64.Stream(seed, -1, purpose: 0x50B0);
            for (var d = 0; d < dimensions; d++) shift[d] = (uint)(rng.NextUInt64() >> 32);
        }
    }

    public int Dimensions => directions.Length;

    /// <summary>Point <paramref name="index"/> (0-based) in [0, 1)^d.</summary>
    public double[] Point(long index)
    {
        if (index < 0 || index >= 1L << Bits) throw new ArgumentOutOfRangeException(nameof(index));
        var gray = (ulong)(index ^ (index >> 1));
        var x = new double[Dimensions];
        for (var d = 0; d < Dimensions; d++)
        {
            var bits = shift[d];
            for (var j = 0; j < Bits && gray >> j != 0; j++)
                if ((gray >> j & 1) != 0) bits ^= directions[d][j];
            x[d] = bits * (1.0 / 4294967296.0);
        }
        return x;
    }

    // V_j = m_j * 2^(32 - j), with m_j for j > s from Joe and Kuo's recurrence:
    // m_j = 2 a_1 m_{j-1} ^ 4 a_2 m_{j-2} ^ ... ^ 2^(s-1) a_{s-1} m_{j-s+1} ^ 2^s m_{j-s} ^ m_{j-s}.
    private static uint[] Directions(int dimension)
    {
        var v = new uint[Bits];
        if (dimension == 0)
        {
            for (var j = 0; j < Bits; j++) v[j] = 1u << (Bits - 1 - j);
            return v;
        }
        var (s, a, m0) = SobolDirections.Rows[dimension - 1];
        var m = new uint[Bits];
        for (var j = 0; j < s; j++) m[j] = (uint)m0[j];
        for (var j = s; j < Bits; j++)
        {
            var value = m[j - s] ^ (m[j - s] << s);
            for (var k = 1; k < s; k++)
                if ((a >> (s - 1 - k) & 1) != 0) value ^= m[j - k] << k;
            m[j] = value;
        }
        for (var j = 0; j < Bits; j++) v[j] = m[j] << (Bits - 1 - j);
        return v;
    }
}
